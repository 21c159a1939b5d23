"""Space/batch/depth rearrangements of TF 1.15's array_ops.py: space_to_batch_nd,
batch_to_space_nd, space_to_batch, batch_to_space, space_to_depth, depth_to_space and
required_space_to_batch_paddings (the paddings/crops that with_space_to_batch needs)."""

import numpy as np

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.util.tf_export import tf_export


def _lookup(new_name, new_value, old_name, old_value):
  if new_value is not None:
    if old_value is not None:
      raise ValueError("Cannot specify both '%s' and '%s'" % (old_name, new_name))
    return new_value
  return old_value


@tf_export("space_to_batch_nd", "manip.space_to_batch_nd")
def space_to_batch_nd(input, block_shape, paddings, name=None):  # pylint: disable=redefined-builtin
  return gen_array_ops.space_to_batch_nd(input, block_shape, paddings, name=name)


@tf_export("batch_to_space_nd", "manip.batch_to_space_nd")
def batch_to_space_nd(input, block_shape, crops, name=None):  # pylint: disable=redefined-builtin
  return gen_array_ops.batch_to_space_nd(input, block_shape, crops, name=name)


@tf_export("nn.space_to_batch", "space_to_batch")
def space_to_batch(input, paddings, block_size=None, name=None, block_shape=None):  # pylint: disable=redefined-builtin
  """TF 1.15 builds SpaceToBatchND with an int64 [block_size, block_size] block shape."""
  block_size = _lookup("block_shape", block_shape, "block_size", block_size)
  result = space_to_batch_nd(input, paddings=paddings,
                             block_shape=np.array([block_size, block_size], dtype=np.int64),
                             name=name)
  result.set_shape(result.get_shape().with_rank(4))
  return result


@tf_export("batch_to_space")
def batch_to_space(input, crops, block_size, name=None, block_shape=None):  # pylint: disable=redefined-builtin
  block_size = _lookup("block_shape", block_shape, "block_size", block_size)
  result = batch_to_space_nd(input, crops=crops,
                             block_shape=np.array([block_size, block_size], dtype=np.int64),
                             name=name)
  result.set_shape(result.get_shape().with_rank(4))
  return result


@tf_export("nn.space_to_depth", "space_to_depth")
def space_to_depth(input, block_size, name=None, data_format="NHWC"):  # pylint: disable=redefined-builtin
  return gen_array_ops.space_to_depth(input, block_size, data_format=data_format, name=name)


@tf_export("nn.depth_to_space", "depth_to_space")
def depth_to_space(input, block_size, name=None, data_format="NHWC"):  # pylint: disable=redefined-builtin
  return gen_array_ops.depth_to_space(input, block_size, data_format=data_format, name=name)


@tf_export("required_space_to_batch_paddings")
def required_space_to_batch_paddings(input_shape, block_shape, base_paddings=None, name=None):
  """Paddings that make input_shape + base paddings divisible by block_shape, and the crops
  that undo the extra end padding; numpy values when everything is known statically."""
  with ops.name_scope(name, "required_space_to_batch_paddings", [input_shape, block_shape]):
    input_shape = ops.convert_to_tensor(input_shape, dtype=dtypes.int32, name="input_shape")
    block_shape = ops.convert_to_tensor(block_shape, dtype=dtypes.int32, name="block_shape")
    block_shape.get_shape().assert_is_fully_defined()
    block_shape.get_shape().assert_has_rank(1)
    num_block_dims = block_shape.get_shape().dims[0].value
    if num_block_dims == 0:
      return (array_ops.zeros([0, 2], dtypes.int32), array_ops.zeros([0, 2], dtypes.int32))
    input_shape.get_shape().assert_is_compatible_with([num_block_dims])
    if base_paddings is not None:
      base_paddings = ops.convert_to_tensor(base_paddings, dtype=dtypes.int32,
                                            name="base_paddings")
      base_paddings.get_shape().assert_is_compatible_with([num_block_dims, 2])
    else:
      base_paddings = array_ops.zeros([num_block_dims, 2], dtypes.int32)
    const_block_shape = tensor_util.constant_value(block_shape)
    const_input_shape = tensor_util.constant_value(input_shape)
    const_base_paddings = tensor_util.constant_value(base_paddings)
    if (const_block_shape is not None and const_input_shape is not None and
        const_base_paddings is not None):
      block_shape = const_block_shape
      input_shape = const_input_shape
      base_paddings = const_base_paddings
    pad_start = base_paddings[:, 0]
    orig_pad_end = base_paddings[:, 1]
    full_input_shape = input_shape + pad_start + orig_pad_end
    pad_end_extra = (block_shape - full_input_shape % block_shape) % block_shape
    pad_end = orig_pad_end + pad_end_extra
    result_paddings = array_ops.stack(
        [[pad_start[i], pad_end[i]] for i in range(num_block_dims)], name="paddings")
    result_crops = array_ops.stack(
        [[0, pad_end_extra[i]] for i in range(num_block_dims)], name="crops")
    return result_paddings, result_crops
