"""Against real TensorFlow (tests/python/test_sparse.py): SparseTensor densifying, reordering,
reshaping, transposing, expanding, retaining, filling empty rows, summing, sparse.eye and
sparse x dense matmul; the SparseSegment{Sum,Mean,SqrtN} ops and their gradients;
tf.nn.safe_embedding_lookup_sparse; and tf.nn.embedding_lookup_sparse (each combiner, with and
without weights, one tensor or two shards split "mod"/"div", max_norm) with its gradients into
the params."""
import numpy as np

_RNG = np.random.RandomState(11)
_DATA = _RNG.uniform(-1, 1, [6, 3]).astype(np.float32)
_PARAMS = _RNG.uniform(-1, 1, [10, 4]).astype(np.float32)
_PARAMS3D = _RNG.uniform(-1, 1, [10, 2, 3]).astype(np.float32)
# Rows 0..4 of a [5, 3] batch; row 2 repeats id 1 and row 3 has three ids.
_IDS_INDICES = [[0, 0], [0, 1], [1, 0], [2, 0], [2, 1], [3, 0], [3, 1], [3, 2], [4, 0]]
_IDS = [1, 3, 0, 1, 1, 9, 4, 7, 5]
_WEIGHTS = [2.0, 0.5, 1.0, 3.0, -1.5, 0.25, 1.0, 2.0, 0.75]


def to_dense(tf):
  sp = tf.SparseTensor([[0, 1], [1, 0], [2, 3]], [1.5, -2.0, 4.0], [3, 5])
  sp_int = tf.SparseTensor([[0, 0, 1], [1, 1, 0]], tf.constant([7, 9], tf.int64), [2, 2, 2])
  unsorted = tf.SparseTensor([[1, 0], [0, 2], [0, 1], [2, 2], [1, 0]],
                             tf.constant([1.0, 2.0, 3.0, 4.0, 5.0]), [3, 3])
  reordered = tf.sparse.reorder(unsorted)
  weights = tf.constant([1.0, 10.0, 100.0, 1000.0, 10000.0])
  return {"reorder_indices": reordered.indices, "reorder_values": reordered.values,
          "reorder_grad": tf.gradients(tf.reduce_sum(reordered.values * weights),
                                       unsorted.values)[0],
          "reorder_dense": tf.sparse.to_dense(tf.sparse_reorder(
              tf.SparseTensor([[2, 1], [0, 0]], [7, 8], [3, 2]))),
          "dense": tf.sparse.to_dense(sp),
          "dense_default": tf.sparse_tensor_to_dense(sp, default_value=-1.0),
          "dense_int64": tf.sparse.to_dense(sp_int),
          "dense_from_value": tf.sparse.to_dense(
              tf.SparseTensorValue(np.array([[1, 1]]), np.array([3.0], np.float32),
                                   np.array([2, 2])))}


def sparse_segments(tf):
  data = tf.constant(_DATA)
  out = {}
  indices = tf.constant([0, 2, 5, 1, 1, 4], tf.int32)
  segment_ids = tf.constant([0, 0, 2, 2, 2, 5], tf.int32)
  for name, fn in [("sum", tf.sparse.segment_sum), ("mean", tf.sparse.segment_mean),
                   ("sqrt_n", tf.sparse.segment_sqrt_n)]:
    y = fn(data, indices, segment_ids)
    out[name] = y
    w = tf.constant(np.arange(18, dtype=np.float32).reshape(6, 3) / 7.0)
    out[name + "_grad"] = tf.gradients(tf.reduce_sum(y * w), data)[0]
    y8 = fn(data, tf.constant([3, 0, 0], tf.int64), tf.constant([1, 1, 3]), num_segments=6)
    out[name + "_num_segments"] = y8
    out[name + "_num_segments_grad"] = tf.gradients(tf.reduce_sum(y8 * y8), data)[0]
  out["sum_int32"] = tf.sparse.segment_sum(tf.constant([[1, 2], [3, 4], [5, 6]]), [2, 0, 2],
                                           [0, 1, 1])
  out["mean_f64"] = tf.sparse.segment_mean(tf.constant(_DATA.astype(np.float64)), [5, 4],
                                           [0, 0])
  out["empty"] = tf.sparse.segment_sum(data, tf.zeros([0], tf.int32), tf.zeros([0], tf.int32))
  return out


def _sp_ids(tf):
  return tf.SparseTensor(_IDS_INDICES, tf.constant(_IDS, tf.int64), [5, 3])


def _sp_weights(tf):
  return tf.SparseTensor(_IDS_INDICES, tf.constant(_WEIGHTS, tf.float32), [5, 3])


def _lookup_cases(tf, make_params, tag, **kw):
  out = {}
  for combiner in ("sum", "mean", "sqrtn"):
    for weighted in (False, True):
      params = make_params()
      y = tf.nn.embedding_lookup_sparse(params, _sp_ids(tf),
                                        _sp_weights(tf) if weighted else None,
                                        combiner=combiner, **kw)
      key = "%s_%s%s" % (tag, combiner, "_w" if weighted else "")
      out[key] = y
      shards = params if isinstance(params, list) else [params]
      loss = tf.reduce_sum(y * tf.sin(y + 1.0))
      for i, g in enumerate(tf.gradients(loss, shards)):
        out["%s_grad%d" % (key, i)] = tf.convert_to_tensor(g)
  return out


def lookup_single(tf):
  return _lookup_cases(tf, lambda: tf.constant(_PARAMS), "single")


def lookup_mod(tf):
  # "mod": shard 0 holds ids 0, 2, 4, ... and shard 1 ids 1, 3, 5, ...
  return _lookup_cases(
      tf, lambda: [tf.constant(_PARAMS[0::2]), tf.constant(_PARAMS[1::2])], "mod",
      partition_strategy="mod")


def lookup_div(tf):
  # "div" over 10 ids in 2 shards: ids 0..4 and 5..9.
  return _lookup_cases(
      tf, lambda: [tf.constant(_PARAMS[:5]), tf.constant(_PARAMS[5:])], "div",
      partition_strategy="div")


def lookup_more(tf):
  out = {}
  params = tf.constant(_PARAMS)
  out["max_norm"] = tf.nn.embedding_lookup_sparse(params, _sp_ids(tf), _sp_weights(tf),
                                                  combiner="mean", max_norm=0.8)
  out["max_norm_grad"] = tf.convert_to_tensor(
      tf.gradients(tf.reduce_sum(out["max_norm"] ** 2), params)[0])
  out["default_combiner"] = tf.nn.embedding_lookup_sparse(params, _sp_ids(tf), None)
  p3 = tf.constant(_PARAMS3D)
  out["rank3_w"] = tf.nn.embedding_lookup_sparse(p3, _sp_ids(tf), _sp_weights(tf),
                                                 combiner="sqrtn")
  out["rank3"] = tf.nn.embedding_lookup_sparse(p3, _sp_ids(tf), None, combiner="sqrtn")
  out["rank3_grad"] = tf.convert_to_tensor(
      tf.gradients(tf.reduce_sum(out["rank3_w"] * out["rank3"]), p3)[0])
  # Three uneven "div" shards (4, 3, 3 rows).
  shards = [tf.constant(_PARAMS[:4]), tf.constant(_PARAMS[4:7]), tf.constant(_PARAMS[7:])]
  out["div3_w"] = tf.nn.embedding_lookup_sparse(shards, _sp_ids(tf), _sp_weights(tf),
                                                partition_strategy="div", combiner="sum")
  return out


def sparse_matmul(tf):
  out = {}
  a_dense = np.zeros([4, 3], np.float32)
  a_idx = [[0, 1], [1, 0], [1, 2], [3, 1]]
  a_val = np.array([1.5, -2.0, 0.5, 3.0], np.float32)
  for (i, j), v in zip(a_idx, a_val):
    a_dense[i, j] = v
  b = _RNG.uniform(-1, 1, [3, 5]).astype(np.float32)
  for adj_a in (False, True):
    for adj_b in (False, True):
      idx = [[j, i] for i, j in a_idx] if adj_a else a_idx
      shape = [3, 4] if adj_a else [4, 3]
      values = tf.constant(a_val)
      sp = tf.SparseTensor(tf.constant(idx, tf.int64), values, shape)
      dense_b = tf.constant(b.T if adj_b else b)
      y = tf.sparse.sparse_dense_matmul(sp, dense_b, adjoint_a=adj_a, adjoint_b=adj_b)
      key = "adj%d%d" % (adj_a, adj_b)
      out[key] = y
      gv, gb = tf.gradients(tf.reduce_sum(tf.sin(y)), [values, dense_b])
      out[key + "_grad_values"] = gv
      out[key + "_grad_b"] = gb
  sp32 = tf.SparseTensor(a_idx, a_val, [4, 3])
  out["matmul_alias"] = tf.sparse_tensor_dense_matmul(sp32, b)
  kept = tf.sparse.retain(sp32, [True, False, True, True])
  out["retain_indices"] = kept.indices
  out["retain_values"] = kept.values
  fd = tf.sparse.from_dense(tf.constant([[0.0, 1.5], [-2.0, 0.0], [0.0, 0.0]]))
  out["from_dense_indices"] = fd.indices
  out["from_dense_values"] = fd.values
  out["from_dense_shape"] = fd.dense_shape
  return out


def reshape_fill_rows(tf):
  out = {}
  sp = tf.SparseTensor([[0, 1, 0], [1, 0, 1], [1, 2, 1], [3, 1, 0]],
                       tf.constant([1.0, 2.0, 3.0, 4.0]), [4, 3, 2])
  r = tf.sparse.reshape(sp, [-1, 6])
  out["reshape_indices"] = r.indices
  out["reshape_shape"] = r.dense_shape
  out["reshape_dense"] = tf.sparse.to_dense(tf.sparse_reshape(sp, [2, 12]))
  fill_in = tf.SparseTensor([[0, 1], [2, 0], [2, 2], [4, 1]], tf.constant([1.0, 2.0, 3.0, 4.0]),
                            [6, 3])
  filled, empty = tf.sparse.fill_empty_rows(fill_in, -1.0)
  out["fill_indices"] = filled.indices
  out["fill_values"] = filled.values
  out["fill_empty"] = empty
  weights = tf.constant([1.0, 10.0, 100.0, 1000.0, 10000.0, 1e5, 1e6])
  out["fill_grad_values"], out["fill_grad_default"] = tf.gradients(
      tf.reduce_sum(filled.values * weights), [fill_in.values, filled.op.inputs[3]])
  full, none_empty = tf.sparse_fill_empty_rows(
      tf.SparseTensor([[0, 0], [1, 0]], tf.constant([5, 6], tf.int64), [2, 1]), 0)
  out["full_values"] = full.values
  out["full_empty"] = none_empty
  return out


def safe_lookup(tf):
  out = {}
  params = tf.constant(_PARAMS)
  # Row 1 only has an invalid id, row 3 only a non-positive weight, row 5 nothing.
  ids = tf.SparseTensor([[0, 0], [0, 1], [1, 0], [2, 0], [3, 0], [4, 0], [4, 1]],
                        tf.constant([1, 3, -1, 7, 2, 9, 0], tf.int64), [6, 2])
  weights = tf.SparseTensor(ids.indices, tf.constant([0.5, 2.0, 1.0, 1.5, -1.0, 1.0, 3.0]),
                            ids.dense_shape)
  for combiner in ("sum", "mean", "sqrtn"):
    y = tf.nn.safe_embedding_lookup_sparse(params, ids, weights, combiner=combiner)
    out[combiner + "_w"] = y
    out[combiner + "_w_grad"] = tf.convert_to_tensor(
        tf.gradients(tf.reduce_sum(y * tf.cos(y)), params)[0])
    out[combiner] = tf.nn.safe_embedding_lookup_sparse(params, ids, None, combiner=combiner)
  out["default_id"] = tf.nn.safe_embedding_lookup_sparse(params, ids, weights, default_id=4)
  shards = [tf.constant(_PARAMS[:5]), tf.constant(_PARAMS[5:])]
  out["div_shards"] = tf.nn.safe_embedding_lookup_sparse(shards, ids, weights)
  ids3 = tf.SparseTensor([[0, 0, 0], [0, 1, 0], [0, 1, 1], [1, 0, 2]],
                         tf.constant([1, 2, 3, 4], tf.int64), [2, 2, 3])
  out["rank3_ids"] = tf.nn.safe_embedding_lookup_sparse(params, ids3, None, combiner="sum")
  return out


def reduce_sum(tf):
  out = {}
  values = tf.constant([1.0, 2.0, 3.0, 4.0, 5.0])
  sp = tf.SparseTensor([[0, 1, 0], [1, 0, 1], [1, 2, 1], [1, 2, 0], [3, 1, 0]], values,
                       [4, 3, 2])
  w = tf.constant(_RNG.uniform(-1, 1, [4, 3, 2]).astype(np.float32))
  for key, kw in [("all", {}), ("axis1", {"axis": 1}), ("axis_neg", {"axis": -1}),
                  ("axes02_keep", {"axis": [0, 2], "keepdims": True}),
                  ("reduction_axes", {"reduction_axes": [1, 2]}),
                  ("keep_dims", {"axis": 0, "keep_dims": True})]:
    y = tf.sparse.reduce_sum(sp, **kw)
    out[key] = y
    loss = tf.reduce_sum(y * tf.reduce_sum(w, **({"axis": kw.get("axis", kw.get(
        "reduction_axes")), "keepdims": bool(kw.get("keepdims") or kw.get("keep_dims"))})))
    out[key + "_grad"] = tf.gradients(loss, values)[0]
  out["int64"] = tf.sparse_reduce_sum(
      tf.SparseTensor([[0, 0], [0, 1], [2, 1]], tf.constant([7, 8, 9], tf.int64), [3, 2]),
      axis=1)
  return out


def transpose_expand_eye(tf):
  out = {}
  values = tf.constant([1.0, 2.0, 3.0, 4.0])
  sp = tf.SparseTensor([[0, 1, 0], [1, 0, 1], [1, 2, 1], [1, 2, 0]], values, [2, 3, 2])
  for key, st in [("transpose", tf.sparse.transpose(sp)),
                  ("transpose_perm", tf.sparse_transpose(sp, [1, 0, 2])),
                  ("expand1", tf.sparse.expand_dims(sp, 1)),
                  ("expand_last", tf.sparse.expand_dims(sp)),
                  ("expand_neg", tf.sparse.expand_dims(sp, -2)),
                  ("eye", tf.sparse.eye(3, 4)),
                  ("eye_square", tf.sparse.eye(tf.constant(3), dtype=tf.int32))]:
    out[key + "_indices"] = st.indices
    out[key + "_values"] = st.values
    out[key + "_shape"] = st.dense_shape
  t = tf.sparse.transpose(sp)
  out["transpose_grad"] = tf.gradients(tf.reduce_sum(t.values * tf.range(1.0, 5.0)), values)[0]
  return out


CASES = {f.__name__: f for f in (to_dense, sparse_segments, lookup_single, lookup_mod,
                                 lookup_div, lookup_more, sparse_matmul,
                                 reshape_fill_rows, safe_lookup, reduce_sum,
                                 transpose_expand_eye)}
