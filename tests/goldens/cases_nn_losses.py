"""Cross-entropies, FusedBatchNorm, LRN, top-k, dropout, l2_normalize, zero_fraction and
embedding_lookup against real TensorFlow: values and gradients over shapes and dtypes,
dropout masks under explicit seeds, and the graphs of the xent and fused_batch_norm wrappers.
(Generated with TF_ENABLE_ONEDNN_OPTS=0 so TF's own CPU kernels run.)"""
import numpy as np

_R = np.random.RandomState(1234)
LOGITS = _R.randn(4, 5)
LABELS = _R.dirichlet(np.ones(5), size=4)
LOGITS3 = _R.randn(2, 3, 5)
LABELS3 = _R.dirichlet(np.ones(5), size=6).reshape(2, 3, 5)
SPARSE = np.array([0, 4, 2, 1])
SPARSE3 = np.array([[0, 4, 2], [1, 3, 3]])
X4 = _R.randn(2, 3, 4, 5)
DY4 = _R.randn(2, 3, 4, 5)
SCALE = _R.rand(5) + 0.5
OFFSET = _R.randn(5)
POP_MEAN = _R.randn(5) * 0.1
POP_VAR = _R.rand(5) + 0.5
TOPK_IN = np.array([[1.0, 3.0, 3.0, 2.0, -1.0, 3.0], [0.5, 0.25, 4.0, 4.0, 0.0, -2.0]])
EMB = _R.randn(10, 3)


def xent(tf):
  out = {}
  for name, dt in [("f32", tf.float32), ("f64", tf.float64), ("f16", tf.float16)]:
    logits = tf.constant(LOGITS, dtype=dt)
    labels = tf.constant(LABELS, dtype=dt)
    loss = tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)
    out[name + "_loss"] = loss
    if dt != tf.float16:
      w = tf.constant(np.arange(1.0, 5.0), dtype=dt)
      dlogits, dlabels = tf.gradients(loss * w, [logits, labels])
      out[name + "_dlogits"] = dlogits
      out[name + "_dlabels"] = dlabels
      v1 = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
      out[name + "_v1_loss"] = v1
      out[name + "_v1_dlogits"] = tf.gradients(v1, logits)[0]
      # Second order: the gradient of (d loss / d logits) * c.
      c = tf.constant(LABELS[::-1].copy(), dtype=dt)
      out[name + "_d2logits"] = tf.gradients(
          tf.reduce_sum(tf.gradients(loss, logits)[0] * c), logits)[0]
  logits3 = tf.constant(LOGITS3)
  labels3 = tf.constant(LABELS3)
  l3 = tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels3, logits=logits3)
  out["rank3_loss"] = l3
  out["rank3_dlogits"] = tf.gradients(l3, logits3)[0]
  l_ax = tf.nn.softmax_cross_entropy_with_logits_v2(
      labels=tf.transpose(labels3, [2, 0, 1]), logits=tf.transpose(logits3, [2, 0, 1]), axis=0)
  out["axis0_loss"] = l_ax
  out["axis0_dlogits"] = tf.gradients(l_ax, logits3)[0]
  out["dim1_loss"] = tf.nn.softmax_cross_entropy_with_logits(
      labels=tf.constant(LABELS.T.copy()), logits=tf.constant(LOGITS.T.copy()), dim=0)
  from tensorflow.python.ops import gen_nn_ops
  # The raw op broadcasts labels [1, 5] against logits [4, 5].
  bl, bb = gen_nn_ops.softmax_cross_entropy_with_logits(
      tf.constant(LOGITS, tf.float32), tf.constant(LABELS[:1], tf.float32))
  out["bcast_loss"] = bl
  out["bcast_backprop"] = bb
  return out


def sparse_xent(tf):
  out = {}
  for name, dt in [("f32", tf.float32), ("f64", tf.float64), ("f16", tf.float16)]:
    for lname, ldt in [("i32", tf.int32), ("i64", tf.int64)]:
      logits = tf.constant(LOGITS, dtype=dt)
      loss = tf.nn.sparse_softmax_cross_entropy_with_logits(
          labels=tf.constant(SPARSE, ldt), logits=logits)
      out[name + lname + "_loss"] = loss
      if dt != tf.float16:
        out[name + lname + "_dlogits"] = tf.gradients(
            loss * tf.constant([1.0, -2.0, 0.5, 3.0], dt), logits)[0]
  logits3 = tf.constant(LOGITS3)
  l3 = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=SPARSE3, logits=logits3)
  out["rank3_loss"] = l3
  out["rank3_dlogits"] = tf.gradients(l3, logits3)[0]
  return out


def batch_norm(tf):
  out = {}
  x = tf.constant(X4, tf.float32)
  dy = tf.constant(DY4, tf.float32)
  scale = tf.constant(SCALE, tf.float32)
  offset = tf.constant(OFFSET, tf.float32)
  for fmt in ("NHWC", "NCHW"):
    xin = x if fmt == "NHWC" else tf.transpose(x, [0, 3, 1, 2])
    dyin = dy if fmt == "NHWC" else tf.transpose(dy, [0, 3, 1, 2])
    y, m, v = tf.nn.fused_batch_norm(xin, scale, offset, data_format=fmt)
    out[fmt + "_train_y"] = y
    out[fmt + "_train_mean"] = m
    out[fmt + "_train_var"] = v
    dx, ds, do = tf.gradients(y, [xin, scale, offset], grad_ys=dyin)
    out[fmt + "_train_dx"] = dx
    out[fmt + "_train_dscale"] = ds
    out[fmt + "_train_doffset"] = do
    yi, _, _ = tf.nn.fused_batch_norm(xin, scale, offset, mean=tf.constant(POP_MEAN, tf.float32),
                                      variance=tf.constant(POP_VAR, tf.float32),
                                      epsilon=0.01, data_format=fmt, is_training=False)
    out[fmt + "_infer_y"] = yi
    dxi, dsi, doi = tf.gradients(yi, [xin, scale, offset], grad_ys=dyin)
    out[fmt + "_infer_dx"] = dxi
    out[fmt + "_infer_dscale"] = dsi
    out[fmt + "_infer_doffset"] = doi
    # Second order through FusedBatchNormGradV3.
    out[fmt + "_train_d2x"] = tf.gradients(tf.reduce_sum(dx * dx), xin)[0]
  xh = tf.constant(X4, tf.float16)
  yh, mh, vh = tf.nn.fused_batch_norm(xh, scale, offset)
  out["f16_y"] = yh
  out["f16_mean"] = mh
  out["f16_var"] = vh
  out["f16_dx"] = tf.gradients(tf.reduce_sum(tf.cast(yh, tf.float32) * dy), xh)[0]
  xd = tf.constant(X4)
  mean, var = tf.nn.moments(xd, [0, 1, 2])
  out["moments_mean"] = mean
  out["moments_var"] = var
  bn = tf.nn.batch_normalization(xd, mean, var, tf.constant(OFFSET), tf.constant(SCALE), 1e-3)
  out["batch_normalization"] = bn
  out["batch_normalization_dx"] = tf.gradients(bn * tf.constant(DY4), xd)[0]
  mk, vk = tf.nn.moments(xd, [1, 2], keep_dims=True)
  out["moments_keep_mean"] = mk
  out["moments_keep_var"] = vk
  return out


def lrn(tf):
  out = {}
  for name, dt in [("f32", tf.float32), ("f16", tf.float16)]:
    x = tf.constant(X4, dt)
    for i, (r, b, a, be) in enumerate([(5, 1.0, 1.0, 0.5), (2, 2.0, 0.3, 0.75), (1, 0.5, 1e-2, 1.0)]):
      y = tf.nn.lrn(x, depth_radius=r, bias=b, alpha=a, beta=be)
      out["%s_%d_y" % (name, i)] = y
      out["%s_%d_dx" % (name, i)] = tf.gradients(y * tf.constant(DY4, dt), x)[0]
  out["local_response_normalization"] = tf.nn.local_response_normalization(
      tf.constant(X4, tf.float32), 3)
  return out


def top_k(tf):
  out = {}
  for name, dt in [("f32", tf.float32), ("f64", tf.float64), ("i32", tf.int32), ("i64", tf.int64)]:
    x = tf.constant(TOPK_IN if not dt.is_integer else np.round(TOPK_IN), dt)
    for k in (1, 3, 6):
      v, i = tf.nn.top_k(x, k=k)
      out["%s_k%d_values" % (name, k)] = v
      out["%s_k%d_indices" % (name, k)] = i
  x = tf.constant(TOPK_IN)
  v, _ = tf.nn.top_k(x, k=3)
  out["grad"] = tf.gradients(v * tf.constant([1.0, 2.0, 3.0], tf.float64), x)[0]
  x3 = tf.constant(X4)
  v3, i3 = tf.math.top_k(x3, 2)
  out["rank4_values"] = v3
  out["rank4_indices"] = i3
  out["rank4_grad"] = tf.gradients(v3, x3)[0]
  pred = tf.constant(TOPK_IN, tf.float32)
  for k in (1, 2, 3):
    out["in_top_k_%d" % k] = tf.nn.in_top_k(pred, tf.constant([1, 3]), k)
    out["in_top_k64_%d" % k] = tf.nn.in_top_k(pred, tf.constant([5, 2], tf.int64), k)
  return out


def dropout(tf):
  out = {}
  x = tf.constant(np.ones((6, 7)) * 2.0, tf.float32)
  out["keep_prob"] = tf.nn.dropout(x, keep_prob=0.6, seed=11)
  out["rate"] = tf.nn.dropout(x, rate=0.3, seed=12)
  out["noise_shape"] = tf.nn.dropout(x, rate=0.5, noise_shape=[6, 1], seed=13)
  out["f64"] = tf.nn.dropout(tf.constant(np.ones((3, 5))), keep_prob=0.25, seed=14)
  out["keep_all"] = tf.nn.dropout(x, keep_prob=1.0, seed=15)
  xv = tf.constant(X4[0], tf.float32)
  d = tf.nn.dropout(xv, keep_prob=0.5, seed=16)
  out["grad"] = tf.gradients(d, xv)[0]
  return out


def misc(tf):
  out = {}
  x = tf.constant(X4)
  for axis in (0, -1, [1, 2]):
    key = "l2n_%s" % (str(axis).replace(" ", "").replace(",", "_").strip("[]-"),)
    y = tf.nn.l2_normalize(x, axis=axis)
    out[key] = y
    out[key + "_dx"] = tf.gradients(y * tf.constant(DY4), x)[0]
  out["l2n_dim_eps"] = tf.nn.l2_normalize(tf.constant([[0.0, 1e-7], [3.0, 4.0]]), dim=1,
                                          epsilon=1e-6)
  out["zero_fraction"] = tf.nn.zero_fraction(tf.constant([[0.0, 1.0, 0.0], [2.0, 0.0, 0.0]]))
  out["zero_fraction_int"] = tf.nn.zero_fraction(tf.constant([0, 3, 0, 1]))
  params = tf.constant(EMB)
  ids = tf.constant([[1, 9, 1], [0, 4, 7]])
  e = tf.nn.embedding_lookup(params, ids)
  out["emb"] = e
  out["emb_grad"] = tf.convert_to_tensor(tf.gradients(tf.reduce_sum(e * e), params)[0])
  out["emb_max_norm"] = tf.nn.embedding_lookup(params, ids, max_norm=0.8)
  # Lists of shards: 10 rows split 4/3/3 ("div") or by id % 3 ("mod").
  div_shards = [tf.constant(EMB[:4]), tf.constant(EMB[4:7]), tf.constant(EMB[7:])]
  mod_shards = [tf.constant(EMB[i::3]) for i in range(3)]
  for strategy, shards in (("div", div_shards), ("mod", mod_shards)):
    e = tf.nn.embedding_lookup(shards, ids, partition_strategy=strategy)
    out["emb_" + strategy] = e
    grads = tf.gradients(tf.reduce_sum(e * e), shards)
    for k, g in enumerate(grads):
      out["emb_%s_grad%d" % (strategy, k)] = tf.convert_to_tensor(g)
    out["emb_%s_max_norm" % strategy] = tf.nn.embedding_lookup(
        shards, ids, partition_strategy=strategy, max_norm=0.8)
  return out


def graph_structure(tf):
  logits = tf.constant(LOGITS3, tf.float32)
  labels = tf.constant(LABELS3, tf.float32)
  xent_v2 = tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)
  x = tf.constant(X4, tf.float32)
  y, _, _ = tf.nn.fused_batch_norm(x, tf.constant(SCALE, tf.float32),
                                   tf.constant(OFFSET, tf.float32))
  return {"xent_v2": xent_v2, "fbn": y}


CASES = {"xent": xent, "sparse_xent": sparse_xent, "batch_norm": batch_norm, "lrn": lrn,
         "top_k": top_k, "dropout": dropout, "misc": misc, "graph_structure": graph_structure}
FEEDS = {}
