"""Convolutions and pooling from real TF: values over shapes, strides, paddings, dilations and
dtypes (NHWC: TF's CPU kernels refuse NCHW), gradients through tf.gradients, and the graph of a
small conv net's forward and backward pass."""
import numpy as np


def _r(seed, shape, dtype="float32"):
  return np.random.RandomState(seed).uniform(-1, 1, size=shape).astype(dtype)


def conv2d_values(tf):
  out = {}
  specs = [("s1_same", [2, 7, 6, 3], [3, 3, 3, 4], [1, 1, 1, 1], "SAME", [1, 1, 1, 1]),
           ("s2_same", [2, 7, 6, 3], [3, 2, 3, 4], [1, 2, 2, 1], "SAME", [1, 1, 1, 1]),
           ("s2_valid", [1, 8, 9, 2], [2, 3, 2, 5], [1, 2, 3, 1], "VALID", [1, 1, 1, 1]),
           ("dil_same", [1, 9, 8, 2], [3, 2, 2, 3], [1, 1, 1, 1], "SAME", [1, 2, 3, 1]),
           ("dil_valid", [2, 9, 8, 2], [2, 2, 2, 3], [1, 1, 1, 1], "VALID", [1, 3, 2, 1]),
           ("pointwise", [2, 4, 4, 5], [1, 1, 5, 6], [1, 1, 1, 1], "VALID", [1, 1, 1, 1]),
           ("odd_even", [1, 5, 4, 3], [4, 3, 3, 2], [1, 3, 2, 1], "SAME", [1, 1, 1, 1])]
  for i, (key, xs, fs, st, pad, dil) in enumerate(specs):
    for dt in ("float32", "float64"):
      x = tf.constant(_r(i, xs, dt))
      f = tf.constant(_r(100 + i, fs, dt))
      y = tf.nn.conv2d(x, f, strides=st, padding=pad, dilations=dil)
      out["%s_%s/y" % (key, dt)] = y
      if dil != [1, 1, 1, 1]:
        continue  # TF's CPU backprop kernels refuse dilations (ours compute them)
      dx, df = tf.gradients(tf.reduce_sum(y * y), [x, f])
      out["%s_%s/dx" % (key, dt)] = dx
      out["%s_%s/df" % (key, dt)] = df
  x = tf.constant(_r(50, [2, 5, 4, 3]))
  f = tf.constant(_r(51, [3, 3, 3, 2]))
  y = tf.nn.conv2d(x, f, [1, 2, 1, 1], [[0, 0], [1, 2], [0, 3], [0, 0]])
  out["explicit/y"] = y
  out["explicit/dx"], out["explicit/df"] = tf.gradients(tf.reduce_sum(y * y), [x, f])
  out["half/y"] = tf.nn.conv2d(tf.constant(_r(52, [1, 4, 4, 2], "float16")),
                               tf.constant(_r(53, [2, 2, 2, 3], "float16")), [1, 1, 1, 1],
                               "SAME")
  return out


def conv_other_values(tf):
  out = {}
  x1, f1 = tf.constant(_r(1, [2, 9, 3])), tf.constant(_r(2, [3, 3, 4]))
  out["conv1d"] = tf.nn.conv1d(x1, f1, stride=2, padding="SAME")
  xt, ft = tf.constant(_r(3, [2, 3, 3, 4])), tf.constant(_r(4, [3, 3, 5, 4]))
  yt = tf.nn.conv2d_transpose(xt, ft, [2, 6, 6, 5], [1, 2, 2, 1], "SAME")
  out["conv2d_transpose"] = yt
  out["conv2d_transpose_dx"], out["conv2d_transpose_df"] = tf.gradients(
      tf.reduce_sum(yt * yt), [xt, ft])
  x3, f3 = tf.constant(_r(5, [1, 4, 5, 4, 2])), tf.constant(_r(6, [2, 3, 2, 2, 3]))
  y3 = tf.nn.conv3d(x3, f3, strides=[1, 1, 2, 1, 1], padding="SAME")
  out["conv3d"] = y3
  out["conv3d_dx"], out["conv3d_df"] = tf.gradients(tf.reduce_sum(y3 * y3), [x3, f3])
  out["conv3d_valid"] = tf.nn.conv3d(x3, f3, strides=[1, 2, 1, 1, 1], padding="VALID")
  out["conv3d_transpose"] = tf.nn.conv3d_transpose(
      tf.constant(_r(7, [1, 2, 2, 2, 4])), tf.constant(_r(8, [2, 2, 2, 3, 4])),
      [1, 4, 4, 4, 3], [1, 2, 2, 2, 1], "SAME")
  xd, fd = tf.constant(_r(9, [2, 6, 5, 3])), tf.constant(_r(10, [3, 3, 3, 2]))
  yd = tf.nn.depthwise_conv2d(xd, fd, [1, 2, 2, 1], "SAME")
  out["depthwise"] = yd
  out["depthwise_dx"], out["depthwise_df"] = tf.gradients(tf.reduce_sum(yd * yd), [xd, fd])
  out["depthwise_valid"] = tf.nn.depthwise_conv2d(xd, fd, [1, 1, 1, 1], "VALID")
  pw = tf.constant(_r(11, [1, 1, 6, 4]))
  out["separable"] = tf.nn.separable_conv2d(xd, fd, pw, [1, 1, 1, 1], "SAME")
  return out


def pool_values(tf):
  out = {}
  specs = [("k2s2_same", [2, 5, 6, 3], [1, 2, 2, 1], [1, 2, 2, 1], "SAME"),
           ("k3s2_same", [1, 7, 7, 2], [1, 3, 3, 1], [1, 2, 2, 1], "SAME"),
           ("k3s1_valid", [2, 5, 6, 3], [1, 3, 2, 1], [1, 1, 2, 1], "VALID"),
           ("k4_same", [1, 4, 5, 1], [1, 4, 4, 1], [1, 1, 1, 1], "SAME")]
  for i, (key, xs, k, s, pad) in enumerate(specs):
    x = tf.constant(_r(20 + i, xs))
    mp = tf.nn.max_pool(x, k, s, pad)
    ap = tf.nn.avg_pool(x, k, s, pad)
    out[key + "/max"] = mp
    out[key + "/avg"] = ap
    out[key + "/max_dx"] = tf.gradients(tf.reduce_sum(mp * mp), x)[0]
    out[key + "/avg_dx"] = tf.gradients(tf.reduce_sum(ap * ap), x)[0]
    out[key + "/max_f64"] = tf.nn.max_pool(tf.cast(x, tf.float64), k, s, pad)
  ties = tf.constant(np.array([[1, 3, 3, 0], [3, 2, 1, 5], [0, 0, 7, 7], [1, 1, 7, 7]],
                              "float32").reshape(1, 4, 4, 1))
  mp = tf.nn.max_pool(ties, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
  out["ties/dx"] = tf.gradients(mp, ties)[0]
  o, a = tf.nn.max_pool_with_argmax(tf.constant(_r(30, [2, 4, 5, 3])), [1, 2, 2, 1],
                                    [1, 2, 2, 1], "SAME")
  out["argmax/out"] = o
  out["argmax/argmax"] = a
  _, ab = tf.nn.max_pool_with_argmax(tf.constant(_r(30, [2, 4, 5, 3])), [1, 2, 2, 1],
                                     [1, 2, 2, 1], "SAME", include_batch_in_index=True)
  out["argmax/argmax_batch"] = ab
  x = tf.constant(_r(31, [1, 4, 4, 2]))
  g = tf.gradients(tf.nn.max_pool(x, [1, 2, 2, 1], [1, 1, 1, 1], "VALID"), x)[0]
  out["maxpool_gradgrad"] = tf.gradients(tf.reduce_sum(g * tf.constant(_r(32, [1, 4, 4, 2]))),
                                         x)[0]
  x3 = tf.constant(_r(33, [2, 4, 5, 3, 2]))
  m3 = tf.nn.max_pool3d(x3, [1, 2, 2, 2, 1], [1, 2, 2, 1, 1], "SAME")
  a3 = tf.nn.avg_pool3d(x3, [1, 2, 3, 2, 1], [1, 1, 2, 1, 1], "VALID")
  out["pool3d/max"] = m3
  out["pool3d/avg"] = a3
  out["pool3d/max_dx"] = tf.gradients(tf.reduce_sum(m3 * m3), x3)[0]
  out["pool3d/avg_dx"] = tf.gradients(tf.reduce_sum(a3 * a3), x3)[0]
  return out


def conv_net_graph(tf):
  """A small conv net (conv, bias, relu, pool, dense) with its gradients."""
  x = tf.constant(_r(40, [2, 8, 8, 1]), name="images")
  w1 = tf.constant(_r(41, [3, 3, 1, 4]), name="w1")
  b1 = tf.constant(_r(42, [4]), name="b1")
  h = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(x, w1, [1, 1, 1, 1], "SAME"), b1))
  p = tf.nn.max_pool(h, [1, 2, 2, 1], [1, 2, 2, 1], "SAME")
  a = tf.nn.avg_pool(p, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
  w2 = tf.constant(_r(43, [16, 3]), name="w2")
  logits = tf.matmul(tf.reshape(a, [2, 16]), w2)
  loss = tf.reduce_sum(logits * logits)
  gw1, gb1, gw2 = tf.gradients(loss, [w1, b1, w2])
  return {"loss": loss, "gw1": gw1, "gb1": gb1, "gw2": gw2}


CASES = {
    "conv2d_values": conv2d_values,
    "conv_other_values": conv_other_values,
    "pool_values": pool_values,
    "conv_net_graph": conv_net_graph,
}
