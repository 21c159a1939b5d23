"""Gradients of the TF1 control-flow primitives outside while loops (Switch/Merge as in a cond).

tf.cond and tf.while_loop are not built yet, so no op here carries a control-flow context: the
gradients are the context-free ones TF uses (a Merge of the branch gradients for Switch, a
Switch on the taken branch for Merge).
"""

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import gen_control_flow_ops
from tensorflow.python.ops import math_ops


@ops.RegisterGradient("Switch")
@ops.RegisterGradient("RefSwitch")
def _SwitchGrad(op, *grad):
  del op
  false_grad, true_grad = grad
  grads = [g for g in (false_grad, true_grad) if g is not None]
  if not grads:
    return None, None
  return gen_control_flow_ops.merge(grads)[0], None


@ops.RegisterGradient("Merge")
@ops.RegisterGradient("RefMerge")
def _MergeGrad(op, grad, _):
  num_inputs = len(op.inputs)
  value_index = op.outputs[1]
  return [gen_control_flow_ops.switch(
      grad, math_ops.equal(value_index, constant_op.constant(i, dtype=dtypes.int32)))[1]
          for i in range(num_inputs)]


ops.NotDifferentiable("LoopCond")
ops.NotDifferentiable("ControlTrigger")
ops.NotDifferentiable("NoOp")
