"""Gradients of the space/batch/depth rearrangements (TF 1.15's array_grad.py): each op's
gradient is its inverse applied to the incoming gradient."""

from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops_space_batch


def _format(op):
  data_format = op.get_attr("data_format")
  if isinstance(data_format, bytes):
    data_format = data_format.decode("ascii")
  return data_format


@ops.RegisterGradient("SpaceToBatch")
def _SpaceToBatchGrad(op, grad):
  block_size = op.get_attr("block_size")
  return [array_ops_space_batch.batch_to_space(grad, op.inputs[1], block_size=block_size), None]


@ops.RegisterGradient("SpaceToBatchND")
def _SpaceToBatchNDGrad(op, grad):
  return [array_ops_space_batch.batch_to_space_nd(grad, op.inputs[1], op.inputs[2]), None, None]


@ops.RegisterGradient("BatchToSpace")
def _BatchToSpaceGrad(op, grad):
  block_size = op.get_attr("block_size")
  return [array_ops_space_batch.space_to_batch(grad, op.inputs[1], block_size=block_size), None]


@ops.RegisterGradient("BatchToSpaceND")
def _BatchToSpaceNDGrad(op, grad):
  return [array_ops_space_batch.space_to_batch_nd(grad, op.inputs[1], op.inputs[2]), None, None]


@ops.RegisterGradient("SpaceToDepth")
def _SpaceToDepthGrad(op, grad):
  data_format = _format(op)
  if data_format == "NCHW_VECT_C":
    raise ValueError("Cannot compute SpaceToDepth gradient with NCHW_VECT_C. "
                     "NCHW_VECT_C requires qint8 data type.")
  return array_ops_space_batch.depth_to_space(grad, op.get_attr("block_size"),
                                              data_format=data_format)


@ops.RegisterGradient("DepthToSpace")
def _DepthToSpaceGrad(op, grad):
  data_format = _format(op)
  if data_format == "NCHW_VECT_C":
    raise ValueError("Cannot compute DepthToSpace gradient with NCHW_VECT_C. "
                     "NCHW_VECT_C requires qint8 data type.")
  return array_ops_space_batch.space_to_depth(grad, op.get_attr("block_size"),
                                              data_format=data_format)
