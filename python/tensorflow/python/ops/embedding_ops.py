"""tf.nn.embedding_lookup over one tensor or a list of shards (PartitionedVariable too), with
TF 1.15's "mod"/"div" partition strategies and max_norm clipping, and DynamicPartition's
gradient."""

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import ops_api
from tensorflow.python.framework import tensor_shape
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_data_flow_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.util.tf_export import tf_export


def _clip_by_norm(t, clip_norm, axes):
  """t * clip_norm / max(l2norm(t, axes), clip_norm), as TF's clip_by_norm builds it."""
  with ops.name_scope(None, "clip_by_norm", [t, clip_norm]) as name:
    t = ops.convert_to_tensor(t, name="t")
    l2sum = math_ops.reduce_sum(t * t, axes, keepdims=True)
    pred = l2sum > 0
    l2sum_safe = math_ops.where(pred, l2sum, array_ops.ones_like(l2sum))
    l2norm = math_ops.where(pred, math_ops.sqrt(l2sum_safe), l2sum)
    intermediate = t * clip_norm
    values_clip = array_ops.identity(
        intermediate / math_ops.maximum(l2norm, clip_norm), name=name)
  return values_clip


def _clip(params, ids, max_norm):
  """Clips each embedding (the dims of params past ids' rank) to L2 norm max_norm."""
  def _rank(x):
    rank = ops.convert_to_tensor(x).get_shape().ndims
    if rank:
      return rank, True
    return array_ops.rank(x), False

  if max_norm is None:
    return params
  ids_rank, ids_static = _rank(ids)
  params_rank, params_static = _rank(params)
  return _clip_by_norm(
      params, max_norm,
      axes=(list(range(ids_rank, params_rank)) if ids_static and params_static else
            array_ops.range(ids_rank, params_rank)))


def _embedding_lookup_and_transform(params, ids, partition_strategy="mod", name=None,
                                    max_norm=None):
  from tensorflow.python.ops import partitioned_variables  # pylint: disable=g-import-not-at-top
  if params is None or (isinstance(params, (list, tuple)) and not params):
    raise ValueError("Need at least one param")
  if isinstance(params, partitioned_variables.PartitionedVariable):
    params = list(params)
  if not isinstance(params, list):
    params = [params]
  with ops.name_scope(name, "embedding_lookup", params + [ids]) as name:
    np = len(params)
    params = ops_api.convert_n_to_tensor_or_indexed_slices(params, name="params")
    ids = ops.convert_to_tensor(ids, name="ids")
    if np == 1:
      with ops.colocate_with(params[0]):
        result = _clip(array_ops.gather(params[0], ids, name=name), ids, max_norm)
      return array_ops.identity(result)
    flat_ids = array_ops.reshape(ids, [-1])
    original_indices = array_ops.range(array_ops.size(flat_ids))
    if partition_strategy == "mod":
      p_assignments = flat_ids % np
      new_ids = flat_ids // np
    elif partition_strategy == "div":
      dim_0_size = tensor_shape.Dimension(tensor_shape.dimension_value(params[0].get_shape()[0]))
      for p in range(1, np):
        dim_0_size += tensor_shape.Dimension(
            tensor_shape.dimension_value(params[p].get_shape()[0]))
      if dim_0_size.value:
        num_total_ids = constant_op.constant(dim_0_size.value, flat_ids.dtype)
      else:
        dim_0_sizes = []
        for p in range(np):
          param_p_dim = tensor_shape.dimension_value(params[p].get_shape()[0])
          if param_p_dim is not None:
            dim_0_sizes.append(param_p_dim)
          else:
            with ops.colocate_with(params[p]):
              dim_0_sizes.append(array_ops.shape(params[p])[0])
        num_total_ids = math_ops.reduce_sum(
            math_ops.cast(array_ops.stack(dim_0_sizes), flat_ids.dtype))
      ids_per_partition = num_total_ids // np
      extras = num_total_ids % np
      p_assignments = math_ops.maximum(flat_ids // (ids_per_partition + 1),
                                       (flat_ids - extras) // ids_per_partition)
      new_ids = math_ops.where(p_assignments < extras, flat_ids % (ids_per_partition + 1),
                                (flat_ids - extras) % ids_per_partition)
    else:
      raise ValueError("Unrecognized partition strategy: " + partition_strategy)
    p_assignments = math_ops.cast(p_assignments, dtypes.int32)
    gather_ids = gen_data_flow_ops.dynamic_partition(new_ids, p_assignments, np)
    pindices = gen_data_flow_ops.dynamic_partition(original_indices, p_assignments, np)
    partitioned_result = []
    for p in range(np):
      pids = gather_ids[p]
      with ops.colocate_with(params[p]):
        result = array_ops.gather(params[p], pids)
      partitioned_result.append(result)
    ret = gen_data_flow_ops.parallel_dynamic_stitch(pindices, partitioned_result, name=name)
    element_shape_s = params[0].get_shape()[1:]
    for p in params[1:]:
      element_shape_s = element_shape_s.merge_with(p.get_shape()[1:])
    if element_shape_s.is_fully_defined():
      element_shape_d = element_shape_s
    else:
      with ops.colocate_with(params[0]):
        params_shape = array_ops.shape(params[0])
      element_shape_d = params_shape[1:]
    ret = array_ops.reshape(ret, array_ops.concat([array_ops.shape(ids), element_shape_d], 0))
    ret.set_shape(ids.get_shape().concatenate(element_shape_s))
    return _clip(ret, ids, max_norm)


@tf_export("nn.embedding_lookup")
def embedding_lookup(params, ids, partition_strategy="mod", name=None, validate_indices=True,  # pylint: disable=unused-argument
                     max_norm=None):
  """Rows `ids` of params, a tensor or a list of shards split by partition_strategy."""
  return _embedding_lookup_and_transform(params=params, ids=ids,
                                         partition_strategy=partition_strategy, name=name,
                                         max_norm=max_norm)


@ops.RegisterGradient("DynamicPartition")
def _DynamicPartitionGrads(op, *grads):
  """Stitches the partitions' gradients back into data's layout."""
  data = op.inputs[0]
  indices = op.inputs[1]
  num_partitions = op.get_attr("num_partitions")
  prefix_shape = array_ops.shape(indices)
  original_indices = array_ops.reshape(
      array_ops.range(math_ops.reduce_prod(prefix_shape)), prefix_shape)
  partitioned_indices = gen_data_flow_ops.dynamic_partition(original_indices, indices,
                                                            num_partitions)
  reconstructed = gen_data_flow_ops.parallel_dynamic_stitch(partitioned_indices, grads)
  reconstructed = array_ops.reshape(reconstructed, array_ops.shape(data))
  return [reconstructed, None]


@tf_export("nn.embedding_lookup_sparse")
def embedding_lookup_sparse(params, sp_ids, sp_weights, partition_strategy="mod", name=None,
                            combiner=None, max_norm=None):
  """Combines (sum, mean or sqrtn, optionally weighted) the embeddings of each row's ids of
  the SparseTensor sp_ids, built op for op as TF 1.15 does: Unique ids, one embedding_lookup,
  then SparseSegment{Sum,Mean,SqrtN} without weights or Mul + SegmentSum with them."""
  from tensorflow.python.framework import sparse_tensor  # pylint: disable=g-import-not-at-top
  from tensorflow.python.ops import math_ops_sparse_segment  # pylint: disable=g-import-not-at-top
  from tensorflow.python.ops import partitioned_variables  # pylint: disable=g-import-not-at-top
  from tensorflow.python.ops import segment_ops  # pylint: disable=g-import-not-at-top
  if combiner is None:
    combiner = "mean"
  if combiner not in ("mean", "sqrtn", "sum"):
    raise ValueError("combiner must be one of 'mean', 'sqrtn' or 'sum'")
  if isinstance(params, partitioned_variables.PartitionedVariable):
    params = list(params)
  if not isinstance(params, list):
    params = [params]
  if not isinstance(sp_ids, sparse_tensor.SparseTensor):
    raise TypeError("sp_ids must be SparseTensor")
  ignore_weights = sp_weights is None
  if not ignore_weights:
    if not isinstance(sp_weights, sparse_tensor.SparseTensor):
      raise TypeError("sp_weights must be either None or SparseTensor")
    sp_ids.values.get_shape().assert_is_compatible_with(sp_weights.values.get_shape())
    sp_ids.indices.get_shape().assert_is_compatible_with(sp_weights.indices.get_shape())
    sp_ids.dense_shape.get_shape().assert_is_compatible_with(
        sp_weights.dense_shape.get_shape())

  with ops.name_scope(name, "embedding_lookup_sparse", params + [sp_ids]) as name:
    segment_ids = sp_ids.indices[:, 0]
    if segment_ids.dtype != dtypes.int32:
      segment_ids = math_ops.cast(segment_ids, dtypes.int32)

    ids = sp_ids.values
    ids, idx = array_ops.unique(ids)

    embeddings = embedding_lookup(params, ids, partition_strategy=partition_strategy,
                                  max_norm=max_norm)
    if embeddings.dtype in (dtypes.float16, dtypes.bfloat16):
      embeddings = math_ops.cast(embeddings, dtypes.float32)
    if not ignore_weights:
      weights = sp_weights.values
      if weights.dtype != embeddings.dtype:
        weights = math_ops.cast(weights, embeddings.dtype)

      embeddings = array_ops.gather(embeddings, idx)

      # Weights get trailing 1 dims so they broadcast over each embedding.
      ones = array_ops.fill(array_ops.expand_dims(array_ops.rank(embeddings) - 1, 0), 1)
      bcast_weights_shape = array_ops.concat([array_ops.shape(weights), ones], 0)

      orig_weights_shape = weights.get_shape()
      weights = array_ops.reshape(weights, bcast_weights_shape)
      # The reshape loses the static shape; restore what is known.
      if embeddings.get_shape().ndims is not None:
        weights.set_shape(orig_weights_shape.concatenate(
            [1 for _ in range(embeddings.get_shape().ndims - 1)]))

      embeddings *= weights

      if combiner == "sum":
        embeddings = segment_ops.segment_sum(embeddings, segment_ids, name=name)
      elif combiner == "mean":
        embeddings = segment_ops.segment_sum(embeddings, segment_ids)
        weight_sum = segment_ops.segment_sum(weights, segment_ids)
        embeddings = math_ops.div(embeddings, weight_sum, name=name)
      else:
        embeddings = segment_ops.segment_sum(embeddings, segment_ids)
        weights_squared = math_ops.pow(weights, 2)
        weight_sum = segment_ops.segment_sum(weights_squared, segment_ids)
        weight_sum_sqrt = math_ops.sqrt(weight_sum)
        embeddings = math_ops.div(embeddings, weight_sum_sqrt, name=name)
    else:
      if combiner == "sum":
        embeddings = math_ops_sparse_segment.sparse_segment_sum(embeddings, idx, segment_ids,
                                                                name=name)
      elif combiner == "mean":
        embeddings = math_ops_sparse_segment.sparse_segment_mean(embeddings, idx, segment_ids,
                                                                 name=name)
      else:
        embeddings = math_ops_sparse_segment.sparse_segment_sqrt_n(embeddings, idx,
                                                                   segment_ids, name=name)
    return embeddings


@tf_export("nn.safe_embedding_lookup_sparse")
def safe_embedding_lookup_sparse(embedding_weights, sparse_ids, sparse_weights=None,
                                 combiner="mean", default_id=None, name=None,
                                 partition_strategy="div", max_norm=None):
  """embedding_lookup_sparse over the last dimension of (possibly higher-rank) sparse_ids,
  dropping ids < 0 (and, unless combiner is "sum", weights <= 0); empty rows give the
  embedding of default_id, or zeros. Built as TF 1.15 builds it."""
  from tensorflow.python.framework import sparse_tensor  # pylint: disable=g-import-not-at-top
  from tensorflow.python.ops import partitioned_variables  # pylint: disable=g-import-not-at-top
  from tensorflow.python.ops import resource_variable_ops  # pylint: disable=g-import-not-at-top
  from tensorflow.python.ops import sparse_ops  # pylint: disable=g-import-not-at-top
  if embedding_weights is None:
    raise ValueError("Missing embedding_weights %s." % embedding_weights)
  if isinstance(embedding_weights, partitioned_variables.PartitionedVariable):
    embedding_weights = list(embedding_weights)
  if not isinstance(embedding_weights, list):
    embedding_weights = [embedding_weights]
  if len(embedding_weights) < 1:
    raise ValueError("Missing embedding_weights %s." % embedding_weights)

  dtype = sparse_weights.dtype if sparse_weights is not None else None
  embedding_weights = [
      w if (isinstance(w, resource_variable_ops.ResourceVariable) and dtype in (None, w.dtype))
      else ops.convert_to_tensor(w, dtype=dtype)
      for w in embedding_weights
  ]

  with ops.name_scope(name, "embedding_lookup",
                      embedding_weights + [sparse_ids, sparse_weights]) as scope:
    # Flatten higher-rank ids (and weights) to [prod(leading dims), last dim].
    original_shape = sparse_ids.dense_shape
    original_rank_dim = tensor_shape.dimension_value(sparse_ids.dense_shape.get_shape()[0])
    original_rank = (array_ops.size(original_shape)
                     if original_rank_dim is None else original_rank_dim)
    sparse_ids = sparse_ops.sparse_reshape(sparse_ids, [
        math_ops.reduce_prod(array_ops.slice(original_shape, [0], [original_rank - 1])),
        array_ops.gather(original_shape, original_rank - 1)
    ])
    if sparse_weights is not None:
      sparse_weights = sparse_tensor.SparseTensor(sparse_ids.indices, sparse_weights.values,
                                                  sparse_ids.dense_shape)

    sparse_ids, sparse_weights = _prune_invalid_ids(sparse_ids, sparse_weights)
    if combiner != "sum":
      sparse_ids, sparse_weights = _prune_invalid_weights(sparse_ids, sparse_weights)

    sparse_ids, is_row_empty = sparse_ops.sparse_fill_empty_rows(sparse_ids, default_id or 0)
    if sparse_weights is not None:
      sparse_weights, _ = sparse_ops.sparse_fill_empty_rows(sparse_weights, 1.0)

    result = embedding_lookup_sparse(embedding_weights, sparse_ids, sparse_weights,
                                     combiner=combiner, partition_strategy=partition_strategy,
                                     name=None if default_id is None else scope,
                                     max_norm=max_norm)

    if default_id is None:
      # Zeros for the rows that had no valid id.
      is_row_empty = array_ops.tile(
          array_ops.reshape(is_row_empty, [-1, 1]),
          array_ops.stack([1, array_ops.shape(result)[1]]))
      result = math_ops.where(is_row_empty, array_ops.zeros_like(result), result, name=scope)

    # Back from the flattened rows to the leading dims of the ids.
    final_result = array_ops.reshape(
        result,
        array_ops.concat([
            array_ops.slice(math_ops.cast(original_shape, dtypes.int32), [0],
                            [original_rank - 1]),
            array_ops.slice(array_ops.shape(result), [1], [-1])
        ], 0))
    final_result.set_shape(
        tensor_shape.unknown_shape(
            (tensor_shape.Dimension(original_rank_dim) - 1).value).concatenate(
                result.get_shape()[1:]))
    return final_result


def _prune_invalid_ids(sparse_ids, sparse_weights):
  """Drops the entries whose id is negative."""
  from tensorflow.python.ops import sparse_ops  # pylint: disable=g-import-not-at-top
  is_id_valid = math_ops.greater_equal(sparse_ids.values, 0)
  if sparse_weights is not None:
    is_id_valid = math_ops.logical_and(
        is_id_valid, array_ops.ones_like(sparse_weights.values, dtype=dtypes.bool))
  sparse_ids = sparse_ops.sparse_retain(sparse_ids, is_id_valid)
  if sparse_weights is not None:
    sparse_weights = sparse_ops.sparse_retain(sparse_weights, is_id_valid)
  return sparse_ids, sparse_weights


def _prune_invalid_weights(sparse_ids, sparse_weights):
  """Drops the entries whose weight is not positive."""
  from tensorflow.python.ops import sparse_ops  # pylint: disable=g-import-not-at-top
  if sparse_weights is not None:
    is_weights_valid = math_ops.greater(sparse_weights.values, 0)
    sparse_ids = sparse_ops.sparse_retain(sparse_ids, is_weights_valid)
    sparse_weights = sparse_ops.sparse_retain(sparse_weights, is_weights_valid)
  return sparse_ids, sparse_weights
