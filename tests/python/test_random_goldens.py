"""Random ops and initializers against goldens from real TensorFlow: bit-identical values
(assert_array_equal), the seeds TF assigns, and the op structure the public functions build."""

import numpy as np
import pytest
import tensorflow as tf

import golden_util




MOD, META, GRAPHS, ARRAYS = golden_util.load("random")


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_bit_identical_to_tensorflow(case):
  g = tf.Graph()
  with g.as_default():
    fetches = MOD.CASES[case](tf)
    with tf.Session(graph=g) as sess:
      values = sess.run(fetches)
  assert sorted(fetches) == sorted(META["cases"][case])
  for key in sorted(fetches):
    want = META["cases"][case][key]
    got_shape = [-1 if d is None else d for d in fetches[key].shape.as_list()]
    assert got_shape == want["shape"], key
    assert fetches[key].dtype.name == want["dtype"], key
    np.testing.assert_array_equal(np.asarray(values[key]), ARRAYS[case + "/" + key],
                                  err_msg=key)


def test_graph_structure_matches_tensorflow():
  g = tf.Graph()
  with g.as_default():
    MOD.CASES["graph_structure"](tf)
  ours = [(op.name, op.type, [t.name.replace(":0", "") for t in op.inputs])
          for op in g.get_operations()]
  # TF 2.x's math_ops.add emits AddV2 where TF 1.15 (our spec) emits Add.
  theirs = [(n["name"], "Add" if n["op"] == "AddV2" else n["op"], n["inputs"])
            for n in GRAPHS["cases"]["graph_structure"]]
  assert ours == theirs
  want_seeds = {n["name"]: (n["values"]["seed"], n["values"]["seed2"])
                for n in GRAPHS["cases"]["graph_structure"] if "seed2" in n["values"]}
  got_seeds = {op.name: ({"i": op.get_attr("seed")}, {"i": op.get_attr("seed2")})
               for op in g.get_operations() if op.type in want_seeds.get(op.name, ()) or
               op.name in want_seeds}
  assert got_seeds == want_seeds


def test_unseeded_ops_differ_between_sessions():
  g = tf.Graph()
  with g.as_default():
    x = tf.random_uniform([64])
    with tf.Session() as s:
      a = s.run(x)
    with tf.Session() as s:
      b = s.run(x)
  assert not np.array_equal(a, b)


def test_get_seed_rules():
  g = tf.Graph()
  with g.as_default():
    assert tf.get_seed(None) == (None, None)
    assert tf.get_seed(5) == (87654321, 5)
    tf.set_random_seed(0)
    assert tf.get_seed(0) == (0, 2**31 - 1)
    tf.set_random_seed(2**31 + 4)
    tf.constant(1)
    tf.constant(2)
    assert tf.get_seed(None) == (5, 2)
    assert tf.random.get_seed(2**32) == (5, 2**32 % (2**31 - 1))


def test_bad_input_errors():
  with pytest.raises(ValueError, match="Must specify maxval for integer dtype"):
    tf.random_uniform([2], dtype=tf.int32)
  with pytest.raises(ValueError, match="Invalid dtype"):
    tf.random_uniform([2], dtype=tf.string)
  with pytest.raises(ValueError, match="Expected floating point type"):
    tf.random_normal_initializer(dtype=tf.int32)
  with pytest.raises(ValueError, match="Invalid `mode` argument"):
    tf.variance_scaling_initializer(mode="fan_x")
  with pytest.raises(ValueError, match="Identity matrix initializer can only be used for 2D"):
    tf.initializers.identity()([2, 2, 2])
  g = tf.Graph()
  with g.as_default():
    x = tf.random_uniform([3], 5, 5, dtype=tf.int32)
    lg = tf.placeholder(tf.float32, [None, None])
    m = tf.multinomial(lg, 2)
    with tf.Session() as s:
      with pytest.raises(tf.errors.InvalidArgumentError, match="Need minval < maxval"):
        s.run(x)
      with pytest.raises(tf.errors.InvalidArgumentError, match="num_classes should be positive"):
        s.run(m, {lg: np.zeros((2, 0), np.float32)})
