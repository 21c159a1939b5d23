// DynamicPartition (TF 1.15 core/ops/data_flow_ops.cc), which embedding_lookup uses to split
// ids across shards.
#include <vector>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

Status DynamicPartitionShapeFn(InferenceContext* c) {
  int64_t num_partitions = 0;
  TFC_RETURN_IF_ERROR(c->GetAttr("num_partitions", &num_partitions));
  const PartialTensorShape& data = c->input(0);
  const PartialTensorShape& partitions = c->input(1);
  if (partitions.unknown_rank() || data.unknown_rank()) {
    for (int i = 0; i < c->num_outputs(); ++i) c->set_output(i, PartialTensorShape::Unknown());
    return OkStatus();
  }
  PartialTensorShape unused;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(data, partitions.dims(), &unused));
  for (int d = 0; d < partitions.dims(); ++d) {
    int64_t merged = -1;
    TFC_RETURN_IF_ERROR(c->MergeDim(data.dim_size(d), partitions.dim_size(d), &merged));
  }
  std::vector<int64_t> dims = {-1};
  for (int d = partitions.dims(); d < data.dims(); ++d) dims.push_back(data.dim_size(d));
  for (int i = 0; i < c->num_outputs(); ++i) c->set_output(i, PartialTensorShape(dims));
  return OkStatus();
}

}  // namespace

REGISTER_OP("DynamicPartition")
    .Input("data: T")
    .Input("partitions: int32")
    .Output("outputs: num_partitions * T")
    .Attr("num_partitions: int >= 1")
    .Attr("T: type")
    .SetShapeFn(DynamicPartitionShapeFn);

}  // namespace tfc
