"""Gradients of the convolution and pooling ops, with TF 1.15's nn_grad.py formulas."""

from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_nn_ops


def _conv2d_attrs(op):
  return dict(dilations=op.get_attr("dilations"), strides=op.get_attr("strides"),
              padding=op.get_attr("padding"),
              explicit_paddings=op.get_attr("explicit_paddings"),
              use_cudnn_on_gpu=op.get_attr("use_cudnn_on_gpu"),
              data_format=op.get_attr("data_format"))


@ops.RegisterGradient("Conv2D")
def _Conv2DGrad(op, grad):
  attrs = _conv2d_attrs(op)
  shape_0, shape_1 = array_ops.shape_n([op.inputs[0], op.inputs[1]])
  return [
      gen_nn_ops.conv2d_backprop_input(shape_0, op.inputs[1], grad, **attrs),
      gen_nn_ops.conv2d_backprop_filter(op.inputs[0], shape_1, grad, **attrs),
  ]


@ops.RegisterGradient("Conv2DBackpropInput")
def _Conv2DBackpropInputGrad(op, grad):
  attrs = _conv2d_attrs(op)
  return [
      None,
      gen_nn_ops.conv2d_backprop_filter(grad, array_ops.shape(op.inputs[1]), op.inputs[2],
                                        **attrs),
      gen_nn_ops.conv2d(grad, op.inputs[1], **attrs),
  ]


@ops.RegisterGradient("Conv2DBackpropFilter")
def _Conv2DBackpropFilterGrad(op, grad):
  attrs = _conv2d_attrs(op)
  return [
      gen_nn_ops.conv2d_backprop_input(array_ops.shape(op.inputs[0]), grad, op.inputs[2],
                                       **attrs),
      None,
      gen_nn_ops.conv2d(op.inputs[0], grad, **attrs),
  ]


@ops.RegisterGradient("DepthwiseConv2dNative")
def _DepthwiseConv2dNativeGrad(op, grad):
  attrs = dict(dilations=op.get_attr("dilations"), data_format=op.get_attr("data_format"))
  return [
      gen_nn_ops.depthwise_conv2d_native_backprop_input(
          array_ops.shape(op.inputs[0]), op.inputs[1], grad, op.get_attr("strides"),
          op.get_attr("padding"), **attrs),
      gen_nn_ops.depthwise_conv2d_native_backprop_filter(
          op.inputs[0], array_ops.shape(op.inputs[1]), grad, op.get_attr("strides"),
          op.get_attr("padding"), **attrs),
  ]


def _conv3d_attrs(op):
  return dict(dilations=op.get_attr("dilations"), strides=op.get_attr("strides"),
              padding=op.get_attr("padding"),
              data_format=op.get_attr("data_format").decode())


@ops.RegisterGradient("Conv3D")
def _Conv3DGrad(op, grad):
  attrs = _conv3d_attrs(op)
  return [
      gen_nn_ops.conv3d_backprop_input_v2(array_ops.shape(op.inputs[0]), op.inputs[1], grad,
                                          **attrs),
      gen_nn_ops.conv3d_backprop_filter_v2(op.inputs[0], array_ops.shape(op.inputs[1]), grad,
                                           **attrs),
  ]


@ops.RegisterGradient("Conv3DBackpropInputV2")
def _Conv3DBackpropInputGrad(op, grad):
  attrs = _conv3d_attrs(op)
  return [
      None,
      gen_nn_ops.conv3d_backprop_filter_v2(grad, array_ops.shape(op.inputs[1]), op.inputs[2],
                                           **attrs),
      gen_nn_ops.conv3d(grad, op.inputs[1], **attrs),
  ]


@ops.RegisterGradient("Conv3DBackpropFilterV2")
def _Conv3DBackpropFilterGrad(op, grad):
  attrs = _conv3d_attrs(op)
  return [
      gen_nn_ops.conv3d_backprop_input_v2(array_ops.shape(op.inputs[0]), grad, op.inputs[2],
                                          **attrs),
      None,
      gen_nn_ops.conv3d(op.inputs[0], grad, **attrs),
  ]


def _pool_attrs(op, decode=False):
  fmt = op.get_attr("data_format")
  return dict(ksize=op.get_attr("ksize"), strides=op.get_attr("strides"),
              padding=op.get_attr("padding"), data_format=fmt.decode() if decode else fmt)


def _zeros_like_input(op, i):
  return array_ops.zeros(shape=array_ops.shape(op.inputs[i]), dtype=op.inputs[i].dtype)


@ops.RegisterGradient("AvgPool")
def _AvgPoolGrad(op, grad):
  a = _pool_attrs(op)
  return gen_nn_ops.avg_pool_grad(array_ops.shape(op.inputs[0]), grad, a["ksize"],
                                  a["strides"], a["padding"], data_format=a["data_format"])


@ops.RegisterGradient("AvgPoolGrad")
def _AvgPoolGradGrad(op, grad):
  a = _pool_attrs(op)
  return (array_ops.stop_gradient(op.inputs[0]),
          gen_nn_ops.avg_pool(grad, a["ksize"], a["strides"], a["padding"],
                              data_format=a["data_format"]))


@ops.RegisterGradient("MaxPool")
def _MaxPoolGrad(op, grad):
  a = _pool_attrs(op)
  return gen_nn_ops.max_pool_grad(op.inputs[0], op.outputs[0], grad, a["ksize"], a["strides"],
                                  padding=a["padding"], data_format=a["data_format"])


@ops.RegisterGradient("MaxPoolV2")
def _MaxPoolGradV2(op, grad):
  ksize = op.inputs[1]
  strides = op.inputs[2]
  return gen_nn_ops.max_pool_grad_v2(op.inputs[0], op.outputs[0], grad, ksize, strides,
                                     padding=op.get_attr("padding"),
                                     data_format=op.get_attr("data_format")), None, None


@ops.RegisterGradient("MaxPoolWithArgmax")
def _MaxPoolGradWithArgmax(op, grad, unused_argmax_grad):
  del unused_argmax_grad
  return gen_nn_ops.max_pool_grad_with_argmax(
      op.inputs[0], grad, op.outputs[1], op.get_attr("ksize"), op.get_attr("strides"),
      padding=op.get_attr("padding"),
      include_batch_in_index=op.get_attr("include_batch_in_index"))


@ops.RegisterGradient("MaxPoolGradWithArgmax")
def _MaxPoolGradGradWithArgmax(op, grad):
  return (_zeros_like_input(op, 0),
          gen_nn_ops.max_pool_grad_grad_with_argmax(
              op.inputs[0], grad, op.inputs[2], op.get_attr("ksize"), op.get_attr("strides"),
              padding=op.get_attr("padding"),
              include_batch_in_index=op.get_attr("include_batch_in_index")),
          None)


@ops.RegisterGradient("MaxPoolGrad")
def _MaxPoolGradGrad(op, grad):
  a = _pool_attrs(op)
  return (_zeros_like_input(op, 0), _zeros_like_input(op, 1),
          gen_nn_ops.max_pool_grad_grad(op.inputs[0], op.inputs[1], grad, a["ksize"],
                                        a["strides"], padding=a["padding"],
                                        data_format=a["data_format"]))


@ops.RegisterGradient("MaxPoolGradV2")
def _MaxPoolGradGradV2(op, grad):
  ksize = op.inputs[3]
  strides = op.inputs[4]
  return (_zeros_like_input(op, 0), _zeros_like_input(op, 1),
          gen_nn_ops.max_pool_grad_grad_v2(op.inputs[0], op.inputs[1], grad, ksize, strides,
                                           padding=op.get_attr("padding"),
                                           data_format=op.get_attr("data_format")),
          None, None)


@ops.RegisterGradient("MaxPoolGradGrad")
def _MaxPoolGradGradGrad(op, grad):
  a = _pool_attrs(op)
  return (_zeros_like_input(op, 0), _zeros_like_input(op, 1),
          gen_nn_ops.max_pool_grad(op.inputs[0], op.inputs[1], grad, a["ksize"], a["strides"],
                                   padding=a["padding"], data_format=a["data_format"]))


@ops.RegisterGradient("AvgPool3D")
def _AvgPool3DGrad(op, grad):
  a = _pool_attrs(op, decode=True)
  return gen_nn_ops.avg_pool3d_grad(array_ops.shape(op.inputs[0]), grad, ksize=a["ksize"],
                                    strides=a["strides"], padding=a["padding"],
                                    data_format=a["data_format"])


@ops.RegisterGradient("AvgPool3DGrad")
def _AvgPool3DGradGrad(op, grad):
  a = _pool_attrs(op, decode=True)
  return (array_ops.stop_gradient(op.inputs[0]),
          gen_nn_ops.avg_pool3d(grad, a["ksize"], a["strides"], a["padding"],
                                data_format=a["data_format"]))


@ops.RegisterGradient("MaxPool3D")
def _MaxPool3DGrad(op, grad):
  a = _pool_attrs(op, decode=True)
  return gen_nn_ops.max_pool3d_grad(op.inputs[0], op.outputs[0], grad, ksize=a["ksize"],
                                    strides=a["strides"], padding=a["padding"],
                                    data_format=a["data_format"])


@ops.RegisterGradient("MaxPool3DGrad")
def _MaxPool3DGradGrad(op, grad):
  a = _pool_attrs(op, decode=True)
  return (_zeros_like_input(op, 0), _zeros_like_input(op, 1),
          gen_nn_ops.max_pool3d_grad_grad(op.inputs[0], op.inputs[1], grad, a["ksize"],
                                          a["strides"], padding=a["padding"],
                                          data_format=a["data_format"]))


@ops.RegisterGradient("MaxPool3DGradGrad")
def _MaxPool3DGradGradGrad(op, grad):
  a = _pool_attrs(op, decode=True)
  return (_zeros_like_input(op, 0), _zeros_like_input(op, 1),
          gen_nn_ops.max_pool3d_grad(op.inputs[0], op.inputs[1], grad, a["ksize"],
                                     a["strides"], padding=a["padding"],
                                     data_format=a["data_format"]))
