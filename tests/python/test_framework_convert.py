import numpy as np
import pytest

import tensorflow as tf
from tensorflow.python.framework import op_def_library
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.ops import gen_math_ops


def _value(t):
  return tensor_util.constant_value(t)


def test_convert_to_tensor_inference():
  with tf.Graph().as_default():
    assert tf.convert_to_tensor(1).dtype == tf.int32
    assert tf.convert_to_tensor(1.0).dtype == tf.float32
    assert tf.convert_to_tensor(True).dtype == tf.bool
    assert tf.convert_to_tensor("s").dtype == tf.string
    assert tf.convert_to_tensor(b"s").dtype == tf.string
    assert tf.convert_to_tensor([[1, 2], [3, 4]]).shape.as_list() == [2, 2]
    assert tf.convert_to_tensor([1.0, 2]).dtype == tf.float32
    assert tf.convert_to_tensor(2**40).dtype == tf.int64
    assert tf.convert_to_tensor(np.array([1, 2], np.int64)).dtype == tf.int64
    assert tf.convert_to_tensor(np.float64(1)).dtype == tf.float64
    assert tf.convert_to_tensor(np.array([1], np.uint8)).dtype == tf.uint8
    assert tf.convert_to_tensor(1, dtype=tf.float32).dtype == tf.float32
    assert tf.convert_to_tensor(1, preferred_dtype=tf.int64).dtype == tf.int64
    assert tf.convert_to_tensor("x", preferred_dtype=tf.int64).dtype == tf.string
    assert tf.convert_to_tensor(tf.TensorShape([2, 3])).dtype == tf.int32
    np.testing.assert_array_equal(_value(tf.convert_to_tensor(tf.TensorShape([2, 3]))),
                                  [2, 3])
    f = tf.constant(1.0)
    assert tf.convert_to_tensor(f) is f
    with pytest.raises(ValueError, match="Tensor conversion requested dtype int32 for "
                                         "Tensor with dtype float32"):
      tf.convert_to_tensor(f, dtype=tf.int32)
    with pytest.raises(TypeError, match="Expected int32, got 1.5 of type 'float' instead."):
      tf.constant(1.5, dtype=tf.int32)
    with pytest.raises(TypeError, match="Expected int32, got 'a' of type 'str' instead."):
      tf.constant("a", dtype=tf.int32)
    with pytest.raises(ValueError, match="Argument must be a dense tensor"):
      tf.constant([[1, 2], [3]])
    with pytest.raises(ValueError, match="Cannot convert a partially known TensorShape"):
      tf.convert_to_tensor(tf.TensorShape([None]))
    with pytest.raises(TypeError, match="Failed to convert object of type <class 'dict'>"):
      tf.convert_to_tensor({1: 2})


def test_constant_values():
  with tf.Graph().as_default():
    np.testing.assert_array_equal(_value(tf.constant([[1, 2], [3, 4]])), [[1, 2], [3, 4]])
    v = _value(tf.constant(7, shape=[2, 3]))
    assert v.shape == (2, 3) and (v == 7).all()
    with pytest.raises(TypeError, match="Expected Tensor's shape"):
      tf.constant([1, 2], shape=[3], verify_shape=True)
    with pytest.raises(ValueError, match="Too many elements provided"):
      tf.constant([1, 2, 3], shape=[2])
    s = _value(tf.constant(["a", "bc"]))
    assert list(s) == [b"a", b"bc"]
    h = _value(tf.constant([1.5, 2], dtype=tf.float16))
    assert h.dtype == np.float16 and list(h) == [1.5, 2.0]
    c = tf.constant(1.0, name="my")
    assert c.op.name == "my"
    p = tensor_util.make_tensor_proto(np.arange(6, dtype=np.float32).reshape(2, 3))
    assert len(p.tensor_content) == 24
    np.testing.assert_array_equal(tf.make_ndarray(p), np.arange(6).reshape(2, 3))


def test_snake_case_names():
  s = op_def_library.op_name_to_snake
  assert s("AddV2") == "add_v2"
  assert s("Conv2D") == "conv2d"
  assert s("Conv2DBackpropInput") == "conv2d_backprop_input"
  assert s("BatchMatMulV2") == "batch_mat_mul_v2"
  assert s("LRN") == "lrn"
  assert s("L2Loss") == "l2_loss"
  assert s("HSVToRGB") == "hsv_to_rgb"


def test_apply_op_inference_and_literals():
  with tf.Graph().as_default():
    x = tf.constant([1.0, 2.0], name="x")
    y = gen_math_ops.add(x, 1)
    assert y.dtype == tf.float32 and y.op.name == "Add"
    assert y.op.inputs[1].op.name == "Add/y"
    assert y.op.inputs[1].dtype == tf.float32
    n = gen_math_ops.add_n([x, x, [3.0, 4.0]])
    assert n.op.get_attr("N") == 3 and n.op.get_attr("T") == tf.float32
    cat = gen_array_ops.concat_v2([x, x], 0)
    assert cat.op.get_attr("Tidx") == tf.int32 and cat.shape.as_list() == [4]
    parts = gen_array_ops.unpack(tf.constant([[1, 2], [3, 4]]), num=2)
    assert isinstance(parts, list) and len(parts) == 2
    ident = gen_array_ops.identity_n([x, tf.constant(1)])
    assert [t.dtype for t in ident] == [tf.float32, tf.int32]
    assert ident[0].op.get_attr("T") == [tf.float32, tf.int32]
    cast = gen_math_ops.cast(x, tf.int32)
    assert cast.dtype == tf.int32 and cast.op.get_attr("SrcT") == tf.float32
    op = gen_array_ops.placeholder(dtype=tf.float32, shape=[2])
    assert op.shape.as_list() == [2]
    assert tf.no_op().type == "NoOp"


def test_apply_op_errors():
  with tf.Graph().as_default():
    x = tf.constant([1.0, 2.0])
    s = tf.constant("a")
    with pytest.raises(TypeError, match="Value passed to parameter 'x' has DataType string "
                                        "not in list of allowed values: "):
      gen_math_ops.sqrt(s)
    with pytest.raises(TypeError, match="Input 'y' of 'AddV2' Op has type int32 that does not "
                                        "match type float32 of argument 'x'."):
      gen_math_ops.add_v2(x, tf.constant(1))
    with pytest.raises(TypeError, match="Expected list for 'inputs' argument to 'AddN' Op"):
      gen_math_ops.add_n(x)
    with pytest.raises(TypeError, match="Tensors in list passed to 'inputs' of 'AddN' Op "
                                        "have types \\[float32, int32\\]"):
      gen_math_ops.add_n([x, tf.constant(1)])
    with pytest.raises(TypeError, match="Expected DataType for argument 'dtype' not 'x'"):
      gen_array_ops.placeholder(dtype="x")
    with pytest.raises(TypeError, match="Expected float32 passed to parameter 'y' of op 'AddV2'"):
      gen_math_ops.add_v2(x, "a")
    with pytest.raises(TypeError, match="missing required argument"):
      gen_math_ops.add_v2(x)
    with pytest.raises(TypeError, match="Expected int for argument 'num' not 'a'"):
      gen_array_ops.unpack(x, num="a")
    with pytest.raises(ValueError):
      gen_array_ops.unpack(x, num=3)  # shape inference: InvalidArgument -> ValueError


def test_namespaces():
  import tensorflow.compat.v1 as tf1
  assert tf1 is tf and tf.compat.v1 is tf
  assert tf.__version__ == "1.15.5"
  assert tf.dtypes.float32 is tf.float32
  assert tf.errors.NotFoundError.__name__ == "NotFoundError"
  assert tf.compat.as_text(b"x") == "x"
  assert callable(tf.group) and callable(tf.no_op) and callable(tf.tuple)
  from tensorflow.python.util.tf_export import tf_export, api_symbols

  @tf_export("tfc_test_ns.leaf", "tfc_test_leaf")
  def _f():
    return 1
  assert api_symbols()["tfc_test_ns.leaf"] is _f
