"""tf.linalg.qr / tf.qr, tf.orthogonal_initializer and tf.random.poisson: goldens from real
TensorFlow (real dtypes bit-identical; complex Qr within 1e-6, since only the real path runs
TF's exact instruction mix), NumPy value checks, static shapes and bad input."""
import importlib.util
import json
import os

import numpy as np
import pytest
import tensorflow as tf

GOLDEN_DIR = os.path.join(os.path.dirname(__file__), "..", "goldens")


def _load(stem):
  path = os.path.join(GOLDEN_DIR, "cases_%s.py" % stem)
  spec = importlib.util.spec_from_file_location("cases_" + stem, path)
  mod = importlib.util.module_from_spec(spec)
  spec.loader.exec_module(mod)
  with open(os.path.join(GOLDEN_DIR, stem + ".json")) as f:
    meta = json.load(f)
  with open(os.path.join(GOLDEN_DIR, stem + "_graphs.json")) as f:
    graphs = json.load(f)
  return mod, meta, graphs, np.load(os.path.join(GOLDEN_DIR, stem + ".npz"))


GOLDENS = {stem: _load(stem) for stem in ("linalg", "random_poisson")}
CASES = [(stem, case) for stem, (mod, _, _, _) in sorted(GOLDENS.items())
         for case in sorted(mod.CASES) if case != "graph_structure"]


@pytest.mark.parametrize("stem,case", CASES)
def test_matches_tensorflow(stem, case):
  mod, meta, _, arrays = GOLDENS[stem]
  g = tf.Graph()
  with g.as_default():
    fetches = mod.CASES[case](tf)
    with tf.Session(graph=g) as sess:
      values = sess.run(fetches)
  assert sorted(fetches) == sorted(meta["cases"][case])
  for key in sorted(fetches):
    want = meta["cases"][case][key]
    got_shape = [-1 if d is None else d for d in fetches[key].shape.as_list()]
    assert got_shape == want["shape"], key
    assert fetches[key].dtype.name == want["dtype"], key
    expected = arrays[case + "/" + key]
    if key.startswith("complex"):
      np.testing.assert_allclose(values[key], expected, rtol=1e-6, atol=1e-6, err_msg=key)
    else:
      np.testing.assert_array_equal(np.asarray(values[key]), expected, err_msg=key)


def test_poisson_graph_structure_matches_tensorflow():
  _, _, graphs, _ = GOLDENS["random_poisson"]
  mod = GOLDENS["random_poisson"][0]
  g = tf.Graph()
  with g.as_default():
    mod.CASES["graph_structure"](tf)
  ours = [(op.name, op.type, [t.name.replace(":0", "") for t in op.inputs])
          for op in g.get_operations()]
  theirs = [(n["name"], n["op"], n["inputs"]) for n in graphs["cases"]["graph_structure"]]
  assert ours == theirs
  node = [n for n in graphs["cases"]["graph_structure"] if n["op"] == "RandomPoissonV2"][0]
  op = g.get_operation_by_name(node["name"])
  assert (op.get_attr("seed"), op.get_attr("seed2")) == (node["values"]["seed"]["i"],
                                                         node["values"]["seed2"]["i"])
  # A Python rate becomes the attr's default type, float64, under TF 1.15's _apply_op_helper
  # (preferred_dtype); TF 2.x makes it float32.
  assert node["values"]["R"]["type"] == tf.float32.as_datatype_enum
  assert op.get_attr("R") == tf.float64
  assert op.get_attr("dtype").as_datatype_enum == node["values"]["dtype"]["type"]


@pytest.mark.parametrize("dtype,tol", [(np.float32, 1e-5), (np.float64, 1e-12),
                                       (np.complex64, 1e-5), (np.complex128, 1e-12),
                                       (np.float16, 5e-3)])
@pytest.mark.parametrize("shape", [(4, 3), (3, 4), (2, 5, 5), (1, 3, 6, 2)])
@pytest.mark.parametrize("full", [False, True])
def test_qr_reconstructs(dtype, tol, shape, full):
  rs = np.random.RandomState(1)
  a = rs.uniform(-1, 1, shape)
  if np.issubdtype(dtype, np.complexfloating):
    a = a + 1j * rs.uniform(-1, 1, shape)
  a = a.astype(dtype)
  m, n = shape[-2:]
  k = m if full else min(m, n)
  g = tf.Graph()
  with g.as_default():
    q, r = tf.linalg.qr(a, full_matrices=full)
    assert q.shape.as_list() == list(shape[:-2]) + [m, k]
    assert r.shape.as_list() == list(shape[:-2]) + [k, n]
    with tf.Session() as s:
      qv, rv = s.run([q, r])
  assert qv.dtype == dtype and rv.dtype == dtype
  qv, rv = qv.astype(np.complex128), rv.astype(np.complex128)
  np.testing.assert_allclose(qv @ rv, a, atol=tol * 10)
  eye = np.conj(np.swapaxes(qv, -1, -2)) @ qv
  np.testing.assert_allclose(eye, np.broadcast_to(np.eye(k), eye.shape), atol=tol * 10)
  np.testing.assert_array_equal(np.tril(rv, -1), 0)


def test_qr_dynamic_shapes_and_names():
  g = tf.Graph()
  with g.as_default():
    x = tf.placeholder(tf.float64, [None, 6, None])
    q, r = tf.qr(x, name="decomp")
    assert q.op.name == "decomp" and q.op.type == "Qr"
    assert q.shape.as_list() == [None, 6, None] and r.shape.as_list() == [None, None, None]
    res = tf.linalg.qr(x)
    assert res.q is res[0] and res.r is res[1]
    with tf.Session() as s:
      qv, rv = s.run([q, r], {x: np.ones((2, 6, 0))})
    assert qv.shape == (2, 6, 0) and rv.shape == (2, 0, 0)


def test_qr_bad_input():
  g = tf.Graph()
  with g.as_default():
    with pytest.raises(ValueError, match="must be at least rank 2"):
      tf.qr(np.zeros(3, np.float32))
    with pytest.raises(TypeError):
      tf.qr(np.zeros((2, 2), np.int32))
    x = tf.placeholder(tf.float32)
    q, _ = tf.qr(x)
    with tf.Session() as s:
      with pytest.raises(tf.errors.InvalidArgumentError, match="rank >= 2"):
        s.run(q, {x: np.zeros(4, np.float32)})


@pytest.mark.parametrize("shape", [[3, 7], [7, 3], [2, 3, 4], [5, 5]])
def test_orthogonal_initializer_is_orthogonal(shape):
  g = tf.Graph()
  with g.as_default():
    w = tf.orthogonal_initializer(gain=3.0, seed=1)(shape, dtype=tf.float64)
    with tf.Session() as s:
      v = s.run(w)
  assert v.shape == tuple(shape)
  m = v.reshape(-1, shape[-1]) / 3.0
  if m.shape[0] < m.shape[1]:
    m = m.T
  np.testing.assert_allclose(m.T @ m, np.eye(m.shape[1]), atol=1e-12)
  with pytest.raises(ValueError, match="at least two-dimensional"):
    tf.orthogonal_initializer()([4])


def test_random_poisson_values_and_bad_input():
  g = tf.Graph()
  with g.as_default():
    p = tf.random.poisson([0.5, 8.0, 40.0], [5000], seed=3)
    legacy = tf.random_poisson(3.0, [2, 2], dtype=tf.int32, seed=1)
    assert p.shape.as_list() == [5000, 3] and p.dtype == tf.float32
    assert legacy.op.get_attr("R") == tf.float64
    lam = tf.placeholder(tf.float32)
    q = tf.random_poisson(lam, [3], seed=2)
    assert q.shape.ndims is None
    with tf.Session() as s:
      v, lv = s.run([p, legacy])
      with pytest.raises(tf.errors.InvalidArgumentError):
        s.run(tf.random_poisson(1.0, tf.constant([-1]), seed=2))
  np.testing.assert_allclose(v.mean(axis=0), [0.5, 8.0, 40.0], rtol=0.05)
  np.testing.assert_allclose(v.var(axis=0), [0.5, 8.0, 40.0], rtol=0.15)
  assert lv.dtype == np.int32 and (lv >= 0).all()
  with pytest.raises(TypeError):
    tf.random_poisson(1.0, [2], dtype=tf.string)
