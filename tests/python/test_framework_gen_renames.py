"""Generated op wrappers take TF 1.15's Python argument names (from TF's api_def files) while
the NodeDefs keep the ops' own input and attr names."""
import inspect

import numpy as np
import pytest

import tensorflow as tf
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.ops import gen_math_ops
from tensorflow.python.ops import gen_nn_ops


@pytest.fixture(autouse=True)
def _fresh_graph():
  tf.reset_default_graph()
  yield


def run(t):
  with tf.Session() as sess:
    return sess.run(t)


def params(fn):
  return list(inspect.signature(fn).parameters)


def test_signatures_use_tf_python_names():
  assert params(gen_array_ops.squeeze) == ["input", "axis", "name"]
  assert params(gen_array_ops.split) == ["axis", "value", "num_split", "name"]
  assert params(gen_array_ops.expand_dims) == ["input", "axis", "name"]
  assert params(gen_array_ops.concat_v2) == ["values", "axis", "name"]
  assert params(gen_array_ops.reverse_v2) == ["tensor", "axis", "name"]
  assert params(gen_array_ops.gather_v2)[:3] == ["params", "indices", "axis"]
  assert params(gen_math_ops.arg_max)[:2] == ["input", "dimension"]
  assert params(gen_nn_ops.bias_add)[:3] == ["value", "bias", "data_format"]
  assert params(gen_math_ops.select)[:3] == ["condition", "x", "y"]
  for fn in (gen_math_ops.sum, gen_math_ops._sum, gen_math_ops.max, gen_math_ops._max,
             gen_math_ops.min, gen_math_ops.prod, gen_math_ops.mean, gen_math_ops.all,
             gen_math_ops.any):
    assert params(fn)[:3] == ["input", "axis", "keep_dims"], fn.__name__


def test_reduction_by_python_names_keeps_nodedef_names():
  x = np.arange(6, dtype=np.float32).reshape(2, 3)
  s = gen_math_ops._sum(x, axis=[1], keep_dims=True, name="s")
  assert s.op.type == "Sum"
  assert s.op.get_attr("keep_dims") is True
  assert s.op.inputs[1].op.name == "s/reduction_indices"
  np.testing.assert_array_equal(run(s), x.sum(1, keepdims=True))
  m = gen_math_ops.max(x, 0)
  np.testing.assert_array_equal(run(m), x.max(0))


def test_squeeze_split_expand_select():
  x = tf.zeros([2, 1, 3])
  sq = gen_array_ops.squeeze(x, axis=[1])
  assert sq.op.get_attr("squeeze_dims") == [1] and sq.shape.as_list() == [2, 3]
  parts = gen_array_ops.split(axis=2, value=x, num_split=3)
  assert [p.shape.as_list() for p in parts] == [[2, 1, 1]] * 3
  assert gen_array_ops.expand_dims(x, axis=-1).shape.as_list() == [2, 1, 3, 1]
  sel = gen_math_ops.select(condition=[True, False], x=[1, 2], y=[3, 4])
  assert [i.op.name for i in sel.op.inputs[1:]] == ["Select/t", "Select/e"]
  np.testing.assert_array_equal(run(sel), [1, 4])


def test_op_names_still_accepted_and_duplicates_rejected():
  x = tf.zeros([2, 1])
  assert gen_array_ops.squeeze(x, squeeze_dims=[1]).shape.as_list() == [2]
  assert gen_array_ops.expand_dims(x, dim=0).shape.as_list() == [1, 2, 1]
  with pytest.raises(TypeError, match="multiple values for argument 'axis'"):
    gen_math_ops.sum(x, [0], reduction_indices=[0])
