// Gather (legacy, axis 0) and GatherV2 (axis input, batch_dims attr) on the CPU.
#include <algorithm>

#include "core/kernels/gather/gather_util.h"

namespace tfc {
namespace {

using gather_util::DimProduct;
using gather_util::Mover;

class GatherOp : public OpKernel {
 public:
  explicit GatherOp(OpKernelConstruction* c) : OpKernel(c) {
    // GatherV2 has three inputs; legacy Gather always gathers axis 0 with no batch dims.
    has_axis_ = c->num_inputs() == 3;
    if (has_axis_) c->SetStatus(c->GetAttr("batch_dims", &batch_dims_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& params = ctx->input(0);
    const Tensor& indices = ctx->input(1);
    OP_REQUIRES(ctx, params.dims() >= 1,
                errors::InvalidArgument("params must be at least 1 dimensional"));
    int64_t axis = 0;
    if (has_axis_) {
      const Tensor& axis_t = ctx->input(2);
      OP_REQUIRES(ctx, axis_t.dims() == 0, errors::InvalidArgument("axis must be scalar"));
      axis = axis_t.dtype() == DT_INT32 ? axis_t.scalar<int32_t>() : axis_t.scalar<int64_t>();
      OP_REQUIRES(ctx, axis >= -params.dims() && axis < params.dims(),
                  errors::InvalidArgument("Expected axis in the range [", -params.dims(), ", ",
                                          params.dims(), "), but got ", axis));
      if (axis < 0) axis += params.dims();
    }
    int64_t batch_dims = batch_dims_;
    if (batch_dims != 0) {
      OP_REQUIRES(ctx, batch_dims >= -indices.dims() && batch_dims <= indices.dims(),
                  errors::InvalidArgument("Expected batch_dims in the range [", -indices.dims(),
                                          ", ", indices.dims(), "], but got ", batch_dims));
      if (batch_dims < 0) batch_dims += indices.dims();
      OP_REQUIRES(ctx, batch_dims < params.dims(),
                  errors::InvalidArgument("batch_dims (", batch_dims,
                                          ") must be less than rank(params) (", params.dims(),
                                          ")."));
      OP_REQUIRES(ctx, axis >= batch_dims,
                  errors::InvalidArgument("batch_dims (", batch_dims,
                                          ") must be less than or equal to axis (", axis, ")."));
      for (int i = 0; i < batch_dims; ++i) {
        OP_REQUIRES(ctx, params.dim_size(i) == indices.dim_size(i),
                    errors::InvalidArgument("params.shape[", i, "]: ", params.dim_size(i),
                                            " should be equal to indices.shape[", i,
                                            "]: ", indices.dim_size(i)));
      }
    }

    const int ax = static_cast<int>(axis), bd = static_cast<int>(batch_dims);
    TensorShape out_shape;
    for (int d = 0; d < ax; ++d) out_shape.AddDim(params.dim_size(d));
    for (int d = bd; d < indices.dims(); ++d) out_shape.AddDim(indices.dim_size(d));
    for (int d = ax + 1; d < params.dims(); ++d) out_shape.AddDim(params.dim_size(d));

    const int64_t batch = DimProduct(params.shape(), 0, bd);
    const int64_t outer = DimProduct(params.shape(), bd, ax);
    const int64_t limit = params.dim_size(ax);
    const int64_t inner = DimProduct(params.shape(), ax + 1, params.dims());
    const int64_t n_idx = DimProduct(indices.shape(), bd, indices.dims());

    // Validate every index before touching memory: a bad index is an error, never a read.
    const int64_t total_idx = indices.NumElements();
    std::vector<int64_t> idx(total_idx);
    for (int64_t i = 0; i < total_idx; ++i) {
      const int64_t v = indices.dtype() == DT_INT32 ? indices.data<int32_t>()[i]
                                                    : indices.data<int64_t>()[i];
      OP_REQUIRES(ctx, v >= 0 && v < limit,
                  errors::InvalidArgument("indices",
                                          gather_util::SliceDebugString(indices.shape(), i),
                                          " = ", v, " is not in [0, ", limit, ")"));
      idx[i] = v;
    }

    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, out_shape, &out));
    if (out_shape.num_elements() == 0) return;

    const Mover mover(params.dtype());
    const void* src = params.raw_data();
    void* dst = out->raw_data();
    // One unit = one gathered slice of `inner` elements.
    const int64_t units = batch * outer * n_idx;
    ctx->ParallelFor(units, inner * static_cast<int64_t>(mover.element_size()) + 1,
                     [&](int64_t begin, int64_t end) {
                       for (int64_t u = begin; u < end; ++u) {
                         const int64_t n = u % n_idx;
                         const int64_t bo = u / n_idx;
                         const int64_t b = bo / outer;
                         const int64_t row = idx[b * n_idx + n];
                         mover.Copy(src, (bo * limit + row) * inner, dst, u * inner, inner);
                       }
                     });
  }

 private:
  bool has_axis_ = false;
  int64_t batch_dims_ = 0;
};

REGISTER_KERNEL_BUILDER(Name("Gather")
                            .Device(DEVICE_CPU)
                            .TypeConstraint("Tparams", gather_util::AllTypes())
                            .TypeConstraint("Tindices", DataTypeVector{DT_INT32, DT_INT64}),
                        GatherOp);
REGISTER_KERNEL_BUILDER(Name("GatherV2")
                            .Device(DEVICE_CPU)
                            .TypeConstraint("Tparams", gather_util::AllTypes())
                            .TypeConstraint("Tindices", DataTypeVector{DT_INT32, DT_INT64})
                            .TypeConstraint("Taxis", DataTypeVector{DT_INT32, DT_INT64})
                            .HostMemory("axis"),
                        GatherOp);

}  // namespace
}  // namespace tfc
