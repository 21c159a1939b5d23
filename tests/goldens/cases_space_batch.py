"""SpaceToBatchND / BatchToSpaceND / SpaceToDepth / DepthToSpace and the dilated convolutions
built from them (with_space_to_batch: atrous_conv2d(_transpose), depthwise / separable with
rate > 1, tf.nn.convolution with dilation_rate, tf.layers with dilation_rate) against real TF
(tests/python/test_space_batch.py): values over shapes, blocks, paddings, crops and dtypes,
gradients through tf.gradients, and graph structure of the dilated convolutions."""
import os

import numpy as np

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")


def _r(seed, shape, dtype="float32"):
  return np.random.RandomState(seed).uniform(-1, 1, size=shape).astype(dtype)


def _ints(shape, dtype):
  return (np.arange(int(np.prod(shape))) % 97).astype(dtype).reshape(shape)


def space_to_batch_values(tf):
  out = {}
  specs = [("m2", [2, 4, 6, 3], [2, 3], [[0, 0], [0, 0]]),
           ("m2_pad", [1, 5, 4, 2], [2, 2], [[1, 0], [0, 2]]),
           ("m1", [3, 5, 2], [3], [[1, 0]]),
           ("m1_rest", [2, 4, 3, 2], [2], [[0, 2]]),
           ("m3", [1, 2, 3, 4, 2], [2, 3, 2], [[0, 0], [1, 2], [1, 1]]),
           ("block1", [2, 3, 3, 1], [1, 1], [[1, 1], [0, 2]])]
  for key, xs, block, pads in specs:
    for dt in ("float32", "float64", "int32", "int64"):
      x = tf.constant(_r(len(key), xs, dt) if dt.startswith("float") else _ints(xs, dt))
      out["%s_%s" % (key, dt)] = tf.space_to_batch_nd(x, block, pads)
  x = tf.constant(_r(7, [2, 6, 4, 3]))
  out["int64_args"] = tf.space_to_batch_nd(x, tf.constant([3, 2], tf.int64),
                                           tf.constant([[0, 0], [1, 1]], tf.int64))
  out["v1"] = tf.space_to_batch(x, [[1, 1], [0, 2]], block_size=2)
  out["v1_nn"] = tf.nn.space_to_batch(x, [[0, 0], [2, 0]], 2)
  out["half"] = tf.space_to_batch_nd(tf.constant(_r(8, [1, 4, 4, 2], "float16")), [2, 2],
                                     [[0, 0], [0, 0]])
  return out


def batch_to_space_values(tf):
  out = {}
  specs = [("m2", [6, 2, 2, 3], [2, 3], [[0, 0], [0, 0]]),
           ("m2_crop", [8, 3, 3, 2], [2, 2], [[1, 0], [0, 2]]),
           ("m1", [6, 3, 2], [3], [[1, 1]]),
           ("m3", [12, 2, 2, 2, 1], [2, 3, 2], [[0, 1], [1, 2], [0, 0]])]
  for key, xs, block, crops in specs:
    for dt in ("float32", "float64", "int32", "int64"):
      x = tf.constant(_r(len(key), xs, dt) if dt.startswith("float") else _ints(xs, dt))
      out["%s_%s" % (key, dt)] = tf.batch_to_space_nd(x, block, crops)
  x = tf.constant(_r(9, [8, 3, 2, 2]))
  out["v1"] = tf.batch_to_space(x, [[1, 1], [0, 2]], block_size=2)
  out["int64_args"] = tf.batch_to_space_nd(x, tf.constant([2, 4], tf.int64),
                                           tf.constant([[0, 1], [1, 0]], tf.int64))
  return out


def depth_values(tf):
  out = {}
  for bs, xs in ((2, [2, 4, 6, 3]), (3, [1, 6, 3, 2]), (2, [1, 2, 2, 1])):
    for dt in ("float32", "float64", "int32", "uint8"):
      x = tf.constant(_r(bs, xs, dt) if dt.startswith("float") else _ints(xs, dt))
      out["s2d_%d_%s_%s" % (bs, "x".join(map(str, xs)), dt)] = tf.space_to_depth(x, bs)
      y = tf.constant(_r(bs + 5, [xs[0], xs[1], xs[2], xs[3] * bs * bs], dt)
                      if dt.startswith("float") else
                      _ints([xs[0], xs[1], xs[2], xs[3] * bs * bs], dt))
      out["d2s_%d_%s_%s" % (bs, "x".join(map(str, xs)), dt)] = tf.depth_to_space(y, bs)
  out["nn_s2d"] = tf.nn.space_to_depth(tf.constant(_r(3, [1, 4, 4, 2])), 4)
  out["nn_d2s"] = tf.nn.depth_to_space(tf.constant(_r(4, [1, 1, 2, 8])), 2)
  return out


def gradient_values(tf):
  out = {}
  x = tf.constant(_r(20, [2, 5, 4, 3]))
  y = tf.space_to_batch_nd(x, [2, 3], [[1, 0], [1, 1]])
  out["s2b_dx"] = tf.gradients(tf.reduce_sum(y * y * y), x)[0]
  b = tf.constant(_r(21, [12, 3, 2, 2]))
  z = tf.batch_to_space_nd(b, [3, 4], [[1, 2], [0, 3]])
  out["b2s_dx"] = tf.gradients(tf.reduce_sum(z * z * z), b)[0]
  v = tf.space_to_batch(x, [[1, 0], [0, 0]], block_size=2)
  out["s2b_v1_dx"] = tf.gradients(tf.reduce_sum(v * v), x)[0]
  d = tf.constant(_r(22, [1, 4, 6, 2]))
  s = tf.space_to_depth(d, 2)
  out["s2d_dx"] = tf.gradients(tf.reduce_sum(s * s * s), d)[0]
  e = tf.depth_to_space(s * 2.0, 2)
  out["d2s_dx"] = tf.gradients(tf.reduce_sum(e * e * e), s)[0]
  return out


def dilated_values(tf):
  out = {}
  x = tf.constant(_r(30, [2, 9, 8, 3]))
  w = tf.constant(_r(31, [3, 3, 3, 4]))
  dw = tf.constant(_r(32, [3, 2, 3, 2]))
  pw = tf.constant(_r(33, [1, 1, 6, 5]))
  for pad in ("SAME", "VALID"):
    a = tf.nn.atrous_conv2d(x, w, 2, pad)
    out["atrous_%s" % pad] = a
    out["atrous_%s_dx" % pad], out["atrous_%s_dw" % pad] = tf.gradients(
        tf.reduce_sum(a * a), [x, w])
    d = tf.nn.depthwise_conv2d(x, dw, [1, 1, 1, 1], pad, rate=[2, 3])
    out["depthwise_%s" % pad] = d
    out["depthwise_%s_dx" % pad], out["depthwise_%s_dw" % pad] = tf.gradients(
        tf.reduce_sum(d * d), [x, dw])
    s = tf.nn.separable_conv2d(x, dw, pw, [1, 1, 1, 1], pad, rate=[2, 2])
    out["separable_%s" % pad] = s
    out["separable_%s_grads" % pad] = tf.stack(
        [tf.reduce_sum(g * g) for g in tf.gradients(tf.reduce_sum(s * s), [x, dw, pw])])
    same = pad == "SAME"
    out["atrous_t_%s" % pad] = tf.nn.atrous_conv2d_transpose(
        tf.constant(_r(34, [2, 7, 6, 4] if same else [2, 3, 2, 4])), w, [2, 7, 6, 3], 2, pad)
    out["atrous_t3_%s" % pad] = tf.nn.atrous_conv2d_transpose(
        tf.constant(_r(35, [1, 8, 8, 4] if same else [1, 2, 2, 4])), w, [1, 8, 8, 3], 3, pad)
    x1 = tf.constant(_r(36, [2, 11, 3]))
    out["conv1d_dil_%s" % pad] = tf.nn.convolution(x1, tf.constant(_r(37, [3, 3, 2])), pad,
                                                   dilation_rate=[3])
    x3 = tf.constant(_r(38, [1, 6, 5, 7, 2]))
    out["conv3d_dil_%s" % pad] = tf.nn.convolution(
        x3, tf.constant(_r(39, [2, 2, 3, 2, 3])), pad, dilation_rate=[2, 1, 2])
    out["conv2d_dil_%s" % pad] = tf.nn.convolution(x, w, pad, dilation_rate=[2, 3])
  return out


def layers_dilated_values(tf):
  """tf.layers with dilation_rate > 1 (values; TF 2.21's Keras uses the dilations attr)."""
  x = tf.constant(_r(60, [2, 9, 8, 3]))
  y2 = tf.layers.conv2d(x, 4, 3, padding="same", dilation_rate=2,
                        kernel_initializer=tf.constant_initializer(_r(61, [3, 3, 3, 4])),
                        bias_initializer=tf.constant_initializer(0.25))
  y1 = tf.layers.conv1d(tf.constant(_r(62, [2, 10, 3])), 2, 3, dilation_rate=3,
                        kernel_initializer=tf.constant_initializer(_r(63, [3, 3, 2])))
  ys = tf.layers.separable_conv2d(
      x, 5, 3, padding="same", dilation_rate=2,
      depthwise_initializer=tf.constant_initializer(_r(64, [3, 3, 3, 1])),
      pointwise_initializer=tf.constant_initializer(_r(65, [1, 1, 3, 5])))
  with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    vals = sess.run({"conv2d": y2, "conv1d": y1, "separable": ys})
  return {k: tf.constant(v) for k, v in vals.items()}


def dilated_graph(tf):
  """Graph structure of the with_space_to_batch sandwiches."""
  x = tf.constant(_r(40, [1, 7, 6, 2]), name="x")
  w = tf.constant(_r(41, [3, 3, 2, 2]), name="w")
  pw = tf.constant(_r(42, [1, 1, 4, 3]), name="pw")
  a = tf.nn.atrous_conv2d(x, w, 2, "SAME")
  d = tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "VALID", rate=[2, 2])
  s = tf.nn.separable_conv2d(x, w, pw, [1, 1, 1, 1], "SAME", rate=[2, 1])
  t = tf.nn.atrous_conv2d_transpose(a, w, [1, 7, 6, 2], 2, "SAME")
  c = tf.nn.convolution(x, w, "SAME", dilation_rate=[1, 2])
  return {"a": a, "d": d, "s": s, "t": t, "c": c}


def dynamic_graph(tf):
  """Spatial dims unknown at graph-build time: shapes come from Shape/StridedSlice/Pack."""
  x = tf.placeholder(tf.float32, [None, None, None, 2], name="x")
  w = tf.constant(_r(51, [3, 3, 2, 2]), name="w")
  a = tf.nn.atrous_conv2d(x, w, 2, "SAME")
  d = tf.nn.depthwise_conv2d(x, w, [1, 1, 1, 1], "SAME", rate=[3, 2])
  return {"a": a, "d": d}


FEEDS = {"dynamic_graph": {"x:0": _r(50, [2, 7, 5, 2])}}

CASES = {
    "space_to_batch_values": space_to_batch_values,
    "batch_to_space_values": batch_to_space_values,
    "depth_values": depth_values,
    "gradient_values": gradient_values,
    "dilated_values": dilated_values,
    "layers_dilated_values": layers_dilated_values,
    "dilated_graph": dilated_graph,
    "dynamic_graph": dynamic_graph,
}
