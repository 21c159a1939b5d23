"""tf.image resizing: resize_images / resize (TF 1.15's v1 API), resize_bilinear,
resize_nearest_neighbor, and the gradients of the resize ops."""
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_image_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export(v1=["image.ResizeMethod"])
class ResizeMethod(object):
  BILINEAR = 0
  NEAREST_NEIGHBOR = 1
  BICUBIC = 2
  AREA = 3


def _image_dimensions(image, rank):
  """Static dimensions where known, dynamic ones (from Shape + Unpack) elsewhere."""
  if image.get_shape().is_fully_defined():
    return image.get_shape().as_list()
  static_shape = image.get_shape().with_rank(rank).as_list()
  dynamic_shape = array_ops.unstack(array_ops.shape(image), rank)
  return [s if s is not None else d for s, d in zip(static_shape, dynamic_shape)]


def _resize_images_common(images, resizer_fn, size, preserve_aspect_ratio, name,
                          skip_resize_if_same):
  with ops.name_scope(name, "resize", [images, size]):
    images = ops.convert_to_tensor(images, name="images")
    if images.get_shape().ndims is None:
      raise ValueError("'images' contains no shape.")
    is_batch = True
    if images.get_shape().ndims == 3:
      is_batch = False
      images = array_ops.expand_dims(images, 0)
    elif images.get_shape().ndims != 4:
      raise ValueError("'images' must have either 3 or 4 dimensions.")
    _, height, width, _ = images.get_shape().as_list()
    try:
      size = ops.convert_to_tensor(size, dtypes.int32, name="size")
    except (TypeError, ValueError):
      raise ValueError("'size' must be a 1-D int32 Tensor")
    if not size.get_shape().is_compatible_with([2]):
      raise ValueError("'size' must be a 1-D Tensor of 2 elements: new_height, new_width")
    size_const_as_shape = tensor_util.constant_value_as_shape(size)
    new_height_const = tensor_shape.dimension_at_index(size_const_as_shape, 0).value
    new_width_const = tensor_shape.dimension_at_index(size_const_as_shape, 1).value
    if preserve_aspect_ratio:
      _, current_height, current_width, _ = _image_dimensions(images, rank=4)
      scale_factor_height = (math_ops.cast(size[0], dtypes.float32)
                             / math_ops.cast(current_height, dtypes.float32))
      scale_factor_width = (math_ops.cast(size[1], dtypes.float32)
                            / math_ops.cast(current_width, dtypes.float32))
      scale_factor = math_ops.minimum(scale_factor_height, scale_factor_width)
      scaled_height_const = math_ops.cast(
          math_ops.round(scale_factor * math_ops.cast(current_height, dtypes.float32)),
          dtypes.int32)
      scaled_width_const = math_ops.cast(
          math_ops.round(scale_factor * math_ops.cast(current_width, dtypes.float32)),
          dtypes.int32)
      size = ops.convert_to_tensor([scaled_height_const, scaled_width_const], dtypes.int32,
                                   name="size")
      size_const_as_shape = tensor_util.constant_value_as_shape(size)
      new_height_const = tensor_shape.dimension_at_index(size_const_as_shape, 0).value
      new_width_const = tensor_shape.dimension_at_index(size_const_as_shape, 1).value
    # Unchanged sizes skip the resize altogether, as in TF.
    if (skip_resize_if_same
        and all(x is not None for x in [new_width_const, width, new_height_const, height])
        and width == new_width_const and height == new_height_const):
      if not is_batch:
        images = array_ops.squeeze(images, axis=[0])
      return images
    images = resizer_fn(images, size)
    images.set_shape([None, new_height_const, new_width_const, None])
    if not is_batch:
      images = array_ops.squeeze(images, axis=[0])
    return images


def _gen_resize(op_name):
  fn = getattr(gen_image_ops, op_name, None)
  if fn is None:
    camel = "".join(p.capitalize() for p in op_name.split("_"))
    raise NotImplementedError("%s (tf.image.%s) is not implemented in tfclassic yet"
                              % (camel, op_name))
  return fn


@tf_export(v1=["image.resize_images", "image.resize"])
def resize_images(images, size, method=ResizeMethod.BILINEAR, align_corners=False,
                  preserve_aspect_ratio=False, name=None):
  def resize_fn(images_t, new_size):
    if method == ResizeMethod.BILINEAR:
      return gen_image_ops.resize_bilinear(images_t, new_size, align_corners=align_corners)
    if method == ResizeMethod.NEAREST_NEIGHBOR:
      return gen_image_ops.resize_nearest_neighbor(images_t, new_size,
                                                   align_corners=align_corners)
    if method == ResizeMethod.BICUBIC:
      return _gen_resize("resize_bicubic")(images_t, new_size, align_corners=align_corners)
    if method == ResizeMethod.AREA:
      return _gen_resize("resize_area")(images_t, new_size, align_corners=align_corners)
    raise ValueError("Resize method is not implemented.")
  return _resize_images_common(images, resize_fn, size,
                               preserve_aspect_ratio=preserve_aspect_ratio, name=name,
                               skip_resize_if_same=True)


@tf_export(v1=["image.resize_bilinear"])
def resize_bilinear(images, size, align_corners=False, name=None, half_pixel_centers=False):
  return gen_image_ops.resize_bilinear(images=images, size=size, align_corners=align_corners,
                                       half_pixel_centers=half_pixel_centers, name=name)


@tf_export(v1=["image.resize_nearest_neighbor"])
def resize_nearest_neighbor(images, size, align_corners=False, name=None,
                            half_pixel_centers=False):
  return gen_image_ops.resize_nearest_neighbor(images=images, size=size,
                                               align_corners=align_corners,
                                               half_pixel_centers=half_pixel_centers,
                                               name=name)


@ops.RegisterGradient("ResizeNearestNeighbor")
def _ResizeNearestNeighborGrad(op, grad):  # pylint: disable=invalid-name
  image = op.inputs[0]
  if image.get_shape()[1:3].is_fully_defined():
    image_shape = image.get_shape()[1:3]
  else:
    image_shape = array_ops.shape(image)[1:3]
  grads = gen_image_ops.resize_nearest_neighbor_grad(
      grad, image_shape, align_corners=op.get_attr("align_corners"),
      half_pixel_centers=op.get_attr("half_pixel_centers"))
  return [grads, None]


@ops.RegisterGradient("ResizeBilinear")
def _ResizeBilinearGrad(op, grad):  # pylint: disable=invalid-name
  grad0 = gen_image_ops.resize_bilinear_grad(
      grad, op.inputs[0], align_corners=op.get_attr("align_corners"),
      half_pixel_centers=op.get_attr("half_pixel_centers"))
  return [grad0, None]


ops.NotDifferentiable("ResizeBilinearGrad")
ops.NotDifferentiable("ResizeNearestNeighborGrad")
