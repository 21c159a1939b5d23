// Restore and RestoreSlice: read V1 checkpoints (core/io/tensor_slice_reader.h), with TF's
// messages.
#include "core/framework/op_kernel.h"
#include "core/io/tensor_slice.h"
#include "core/kernels/io/restore_v1.h"

namespace tfc {

void RestoreTensorV1(OpKernelContext* ctx, const io::TensorSliceReader& reader,
                     const std::string& name, const std::string& shape_and_slice, int index) {
  OP_REQUIRES_OK(ctx, reader.status());
  DataType stored;
  TensorShape saved_shape;
  OP_REQUIRES(ctx, reader.HasTensor(name, &saved_shape, &stored),
              errors::NotFound("Tensor name \"", name, "\" not found in checkpoint files ",
                               reader.filepattern()));
  const DataType expected = ctx->op_kernel().output_type(index);
  OP_REQUIRES(ctx, stored == expected,
              errors::InvalidArgument("Expected to restore a tensor of type ",
                                      DataTypeString(expected), ", got a tensor of type ",
                                      DataTypeString(stored), " instead: tensor_name = ", name));
  TensorShape output_shape = saved_shape;
  io::TensorSlice slice(saved_shape.dims());
  if (!shape_and_slice.empty()) {
    TensorShape parsed;
    OP_REQUIRES_OK(ctx, io::ParseShapeAndSlice(shape_and_slice, &parsed, &slice, &output_shape));
    OP_REQUIRES(ctx, parsed == saved_shape,
                errors::InvalidArgument("Shape in shape_and_slice spec does not match the shape "
                                        "in the save file: ",
                                        parsed.DebugString(), ", save file shape: ",
                                        saved_shape.DebugString()));
  }
  Tensor* out = nullptr;
  OP_REQUIRES_OK(ctx, ctx->allocate_output(index, output_shape, &out));
  OP_REQUIRES_OK(ctx, reader.CopySliceData(name, slice, out));
}

namespace {

Status CheckScalarInput(OpKernelContext* ctx, int i, const char* what) {
  const int64_t n = ctx->input(i).NumElements();
  if (n != 1) {
    // TF's wording, missing space included.
    return errors::InvalidArgument("Input ", i, " (", what,
                                   ") must be a string scalar; got a tensor of ", n, "elements");
  }
  return OkStatus();
}

class RestoreV1Op : public OpKernel {
 public:
  explicit RestoreV1Op(OpKernelConstruction* ctx) : OpKernel(ctx) {
    int64_t shard = -1;
    ctx->SetStatus(ctx->GetAttr("preferred_shard", &shard));
    if (shard < -1) {
      ctx->SetStatus(errors::InvalidArgument(
          "Attribute 'preferred_shard' must be greater or equal to -1"));
    }
  }

  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_OK(ctx, CheckScalarInput(ctx, 0, "file_pattern"));
    OP_REQUIRES_OK(ctx, CheckScalarInput(ctx, 1, "tensor_name"));
    std::string spec;
    if (ctx->num_inputs() > 2) {
      const Tensor& s = ctx->input(2);
      OP_REQUIRES(ctx, s.NumElements() == 1,
                  errors::InvalidArgument("Expected 1 element for the tensor shape and slice "
                                          "but got ",
                                          s.NumElements()));
      spec = s.data<tstring>()[0];
    }
    const std::string pattern = ctx->input(0).data<tstring>()[0];
    // Every shard is loaded: the preferred shard only orders TF's lazy loading.
    io::TensorSliceReader reader(pattern);
    RestoreTensorV1(ctx, reader, ctx->input(1).data<tstring>()[0], spec, 0);
  }
};

REGISTER_KERNEL_BUILDER(Name("Restore").Device(DEVICE_CPU), RestoreV1Op);
REGISTER_KERNEL_BUILDER(Name("RestoreSlice").Device(DEVICE_CPU), RestoreV1Op);

}  // namespace
}  // namespace tfc
