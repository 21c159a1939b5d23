"""Python ints that do not fit int32: inferred as int64, rejected when int32 is required, and
converted as int64 when int32 is only the preferred dtype (an op's default type attr)."""
import numpy as np
import pytest

import tensorflow as tf


@pytest.fixture(autouse=True)
def _fresh_graph():
  tf.reset_default_graph()
  yield


def test_constant_infers_int64_for_large_ints():
  assert tf.constant(2**40).dtype == tf.int64
  assert tf.constant([1, 2**40]).dtype == tf.int64
  assert tf.constant(2**31 - 1).dtype == tf.int32
  assert tf.constant(-2**31).dtype == tf.int32


def test_required_int32_rejects_large_ints():
  with pytest.raises(TypeError, match="Expected int32, got 1099511627776 of type 'int' instead."):
    tf.constant(2**40, dtype=tf.int32)
  with pytest.raises(TypeError, match="Expected int32, got 2147483648 of type 'int' instead."):
    tf.convert_to_tensor([1, 2**31], dtype=tf.int32)
  with pytest.raises(TypeError, match="Expected uint8, got -1 of type 'int' instead."):
    tf.constant([-1], dtype=tf.uint8)


def test_preferred_int32_falls_back_to_int64():
  assert tf.convert_to_tensor(2**40, preferred_dtype=tf.int32).dtype == tf.int64
  assert tf.convert_to_tensor([7, 8], preferred_dtype=tf.int32).dtype == tf.int32
  assert tf.convert_to_tensor(5, dtype_hint=tf.int64).dtype == tf.int64


def test_tile_with_huge_multiples_builds_int64_const():
  x = tf.constant([[1, 2]])
  t = tf.tile(x, [2**40, 2])
  multiples = t.op.inputs[1]
  assert multiples.op.type == "Const" and multiples.dtype == tf.int64
  assert t.op.get_attr("Tmultiples") == tf.int64
  assert t.shape.as_list() == [2**40, 4]
  # Values that fit keep the int32 default.
  small = tf.tile(x, [3, 2])
  assert small.op.inputs[1].dtype == tf.int32
  with tf.Session() as sess:
    np.testing.assert_array_equal(sess.run(small), np.tile([[1, 2]], [3, 2]))
