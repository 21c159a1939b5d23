"""Gradients of the TF1 control-flow primitives outside while loops: Switch and Merge, inside a
tf.cond (guarded by the cond's predicate) or on their own."""
from tensorflow.python.framework import ops
from tensorflow.python.ops import math_ops


def _cond_v1():
  from tensorflow.python.ops import cond_v1  # pylint: disable=g-import-not-at-top
  return cond_v1


@ops.RegisterGradient("Switch")
@ops.RegisterGradient("RefSwitch")
def _SwitchGrad(op, *grad):  # pylint: disable=invalid-name
  cf = _cond_v1()
  op_ctxt = op._get_control_flow_context()  # pylint: disable=protected-access
  if op_ctxt is not None and op_ctxt.IsCondContext():
    zero_grad = grad[1 - op_ctxt.branch]
    if zero_grad is None:
      # Resource handles get None on the other branch; merge the taken branch's twice.
      if op.inputs[0].dtype.base_dtype.name == "resource":
        return cf.merge([grad[op_ctxt.branch]] * 2, name="cond_resource_grad")[0], None
      return None, None
    return cf.merge(grad, name="cond_grad")[0], None
  false_grad = cf.switch(grad[0], op.inputs[1])[0]
  true_grad = cf.switch(grad[1], op.inputs[1])[1]
  return cf.merge([false_grad, true_grad])[0], None


@ops.RegisterGradient("Merge")
@ops.RegisterGradient("RefMerge")
def _MergeGrad(op, grad, _):  # pylint: disable=invalid-name
  cf = _cond_v1()
  input_op = op.inputs[0].op
  op_ctxt = input_op._get_control_flow_context()  # pylint: disable=protected-access
  if op_ctxt is not None and op_ctxt.IsCondContext():
    return cf._SwitchRefOrTensor(grad, op_ctxt.pred, name="cond_grad")  # pylint: disable=protected-access
  num_inputs = len(op.inputs)
  cond = [math_ops.equal(op.outputs[1], i) for i in range(num_inputs)]
  return [cf._SwitchRefOrTensor(grad, cond[i])[1] for i in range(num_inputs)]  # pylint: disable=protected-access


ops.NotDifferentiable("LoopCond")
ops.NotDifferentiable("ControlTrigger")
ops.NotDifferentiable("NoOp")
