// TensorSummaryV2 (tag + SummaryMetadata, what tf.summary.tensor_summary/text build) and the
// deprecated TensorSummary (no tag: the value carries the node name).
#include <string>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/summary/summary_util.h"
#include "tensorflow/core/framework/tensor.pb.h"

namespace tfc {
namespace {

// Strings go to string_val (TF's make_ndarray cannot read strings from tensor_content).
void TensorToProto(const Tensor& t, ::tensorflow::TensorProto* proto) {
  if (t.dtype() == DT_STRING) {
    t.AsProtoField(proto);
  } else {
    t.AsProtoTensorContent(proto);
  }
}

class TensorSummaryV2Op : public OpKernel {
 public:
  explicit TensorSummaryV2Op(OpKernelConstruction* ctx) : OpKernel(ctx) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& tag = ctx->input(0);
    const Tensor& tensor = ctx->input(1);
    const Tensor& metadata = ctx->input(2);
    OP_REQUIRES(ctx, tag.dims() == 0, errors::InvalidArgument("tag must be scalar"));
    OP_REQUIRES(ctx, metadata.dims() == 0,
                errors::InvalidArgument("serialized_summary_metadata must be scalar"));
    ::tensorflow::Summary s;
    auto* v = s.add_value();
    v->set_tag(tag.scalar<tstring>());
    TensorToProto(tensor, v->mutable_tensor());
    // As TF: metadata that does not parse is left as far as it got, not an error.
    (void)v->mutable_metadata()->ParseFromString(metadata.scalar<tstring>());
    OP_REQUIRES_OK(ctx, summary::WriteSummary(ctx, s));
  }
};

class TensorSummaryOp : public OpKernel {
 public:
  explicit TensorSummaryOp(OpKernelConstruction* ctx) : OpKernel(ctx) {}

  void Compute(OpKernelContext* ctx) override {
    ::tensorflow::Summary s;
    auto* v = s.add_value();
    v->set_node_name(name());
    TensorToProto(ctx->input(0), v->mutable_tensor());
    OP_REQUIRES_OK(ctx, summary::WriteSummary(ctx, s));
  }
};

#define REGISTER(T)                                                                           \
  REGISTER_KERNEL_BUILDER(Name("TensorSummaryV2").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          TensorSummaryV2Op);                                                 \
  REGISTER_KERNEL_BUILDER(Name("TensorSummary").Device(DEVICE_CPU).TypeConstraint<T>("T"),   \
                          TensorSummaryOp);
TF_CALL_ALL_TYPES(REGISTER)
#undef REGISTER

}  // namespace
}  // namespace tfc
