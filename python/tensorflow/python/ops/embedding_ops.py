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
