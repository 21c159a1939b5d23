"""tf.check_numerics, tf.verify_tensor_all_finite and tf.add_check_numerics_ops."""

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export("debugging.check_numerics", v1=["debugging.check_numerics", "check_numerics"])
def check_numerics(tensor, message, name=None):
  """`tensor`, or InvalidArgument "<message> : Tensor had NaN values" (or Inf) when run."""
  return gen_array_ops.check_numerics(tensor, message=message, name=name)


@tf_export(v1=["debugging.assert_all_finite", "verify_tensor_all_finite"])
def verify_tensor_all_finite(t=None, msg=None, name=None, x=None, message=None):
  """`t` after a CheckNumerics on it."""
  t = t if t is not None else x
  msg = msg if msg is not None else message
  with ops.name_scope(name, "VerifyFinite", [t]) as name:
    t = ops.convert_to_tensor(t, name="t")
    with ops.colocate_with(t):
      verify_input = gen_array_ops.check_numerics(t, message=msg)
      out = control_flow_ops.with_dependencies([verify_input], t)
  return out


_CONTROL_FLOW_OPS = ("Switch", "Merge", "Enter", "Exit", "NextIteration", "RefSwitch",
                     "RefMerge", "RefEnter", "RefExit", "RefNextIteration")


@tf_export(v1=["add_check_numerics_ops"])
def add_check_numerics_ops():
  """One op grouping a CheckNumerics on every floating-point output in the graph."""
  check_op = []
  # This is a hack: operations are added as we go, so iterate over a snapshot.
  for op in ops.get_default_graph().get_operations():
    for output in op.outputs:
      if output.dtype in [dtypes.float16, dtypes.float32, dtypes.float64]:
        if op.type in _CONTROL_FLOW_OPS:
          raise ValueError("`tf.add_check_numerics_ops() is not compatible with TensorFlow "
                           "control flow operations such as `tf.cond()` or `tf.while_loop()`.")
        message = op.name + ":" + str(output.value_index)
        with ops.control_dependencies(check_op):
          check_op = [gen_array_ops.check_numerics(output, message=message)]
  return control_flow_ops.group(*check_op)
