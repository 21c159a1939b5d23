// GatherNd on the CPU: each row of the innermost index dimension picks one slice of params.
#include "core/kernels/gather/gather_util.h"

namespace tfc {
namespace {

using gather_util::Mover;

class GatherNdOp : public OpKernel {
 public:
  explicit GatherNdOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& params = ctx->input(0);
    const Tensor& indices = ctx->input(1);
    OP_REQUIRES(ctx, params.dims() >= 1,
                errors::InvalidArgument("params must be at least a vector"));
    OP_REQUIRES(ctx, indices.dims() >= 1,
                errors::InvalidArgument("indices must be at least a vector"));
    const int64_t r = indices.dim_size(indices.dims() - 1);
    OP_REQUIRES(ctx, r <= params.dims(),
                errors::InvalidArgument(
                    "index innermost dimension length must be <= params rank; saw: ", r,
                    " vs. ", params.dims()));

    TensorShape out_shape, prefix_shape;
    for (int d = 0; d + 1 < indices.dims(); ++d) {
      out_shape.AddDim(indices.dim_size(d));
      prefix_shape.AddDim(indices.dim_size(d));
    }
    for (int d = static_cast<int>(r); d < params.dims(); ++d) out_shape.AddDim(params.dim_size(d));
    const int64_t n_rows = prefix_shape.num_elements();
    const int64_t inner = gather_util::DimProduct(params.shape(), static_cast<int>(r), params.dims());

    if (n_rows > 0 && inner > 0) {
      OP_REQUIRES(ctx, params.NumElements() > 0,
                  errors::InvalidArgument(
                      "Requested more than 0 entries, but params is empty.  Params shape: ",
                      params.shape().DebugString()));
    }

    // Resolve each index row to a flat slice offset, rejecting any row outside params.
    const std::vector<int64_t> raw = gather_util::AsInt64Vector(indices);
    const std::vector<int64_t> strides = gather_util::Strides(params.shape());
    std::vector<int64_t> offsets(n_rows);
    for (int64_t i = 0; i < n_rows; ++i) {
      int64_t off = 0;
      bool ok = true;
      for (int64_t j = 0; j < r; ++j) {
        const int64_t v = raw[i * r + j];
        if (v < 0 || v >= params.dim_size(static_cast<int>(j))) {
          ok = false;
          break;
        }
        off += v * strides[j];
      }
      if (!ok) {
        std::string vals;
        for (int64_t j = 0; j < r; ++j) vals += (j ? ", " : "") + std::to_string(raw[i * r + j]);
        ctx->SetStatus(errors::InvalidArgument(
            "indices", gather_util::SliceDebugString(prefix_shape, i), " = [", vals,
            "] does not index into param shape ", params.shape().DebugString()));
        return;
      }
      offsets[i] = off;
    }

    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    if (out_shape.num_elements() == 0) return;
    const Mover mover(params.dtype());
    const void* src = params.raw_data();
    void* dst = out->raw_data();
    ctx->ParallelFor(n_rows, inner * static_cast<int64_t>(mover.element_size()) + 1,
                     [&](int64_t begin, int64_t end) {
                       for (int64_t i = begin; i < end; ++i) {
                         mover.Copy(src, offsets[i], dst, i * inner, inner);
                       }
                     });
  }
};

REGISTER_KERNEL_BUILDER(Name("GatherNd")
                            .Device(DEVICE_CPU)
                            .TypeConstraint("Tparams", gather_util::AllTypes())
                            .TypeConstraint("Tindices", DataTypeVector{DT_INT32, DT_INT64}),
                        GatherNdOp);

}  // namespace
}  // namespace tfc
