// ShardedFilename and ShardedFilespec: interfaces and shape functions (TF 1.15 specs).
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

Status ScalarInputsScalarOutput(InferenceContext* c) {
  PartialTensorShape unused;
  for (int i = 0; i < c->num_inputs(); ++i) {
    TFC_RETURN_IF_ERROR(c->WithRank(c->input(i), 0, &unused));
  }
  c->set_output(0, PartialTensorShape({}));
  return OkStatus();
}

}  // namespace

REGISTER_OP("ShardedFilename")
    .Input("basename: string")
    .Input("shard: int32")
    .Input("num_shards: int32")
    .Output("filename: string")
    .SetShapeFn(ScalarInputsScalarOutput);

REGISTER_OP("ShardedFilespec")
    .Input("basename: string")
    .Input("num_shards: int32")
    .Output("filename: string")
    .SetShapeFn(ScalarInputsScalarOutput);

}  // namespace tfc
