// ScatterNd on the CPU: a zero tensor of `shape` with `updates` summed in at `indices`
// (duplicate indices accumulate, as in TensorFlow).
#include "core/framework/register_types.h"
#include "core/kernels/gather/gather_util.h"

namespace tfc {
namespace {

template <typename T>
void AddInto(T* dst, const T* src, int64_t n) {
  for (int64_t i = 0; i < n; ++i) dst[i] = static_cast<T>(dst[i] + src[i]);
}
template <>
void AddInto<bool>(bool* dst, const bool* src, int64_t n) {
  for (int64_t i = 0; i < n; ++i) dst[i] = dst[i] || src[i];
}

template <typename T>
class ScatterNdOp : public OpKernel {
 public:
  explicit ScatterNdOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& indices = ctx->input(0);
    const Tensor& updates = ctx->input(1);
    const Tensor& shape_input = ctx->input(2);
    OP_REQUIRES(ctx, indices.dims() >= 1,
                errors::InvalidArgument("Indices shape must have rank at least one. Found:",
                                        indices.shape().DebugString()));
    OP_REQUIRES(ctx, updates.dims() >= 1,
                errors::InvalidArgument("Updates shape must have rank at least one. Found:",
                                        updates.shape().DebugString()));
    OP_REQUIRES(ctx, shape_input.dims() == 1,
                errors::InvalidArgument("Shape must be a vector"));
    TensorShape shape;
    OP_REQUIRES_OK(ctx, TensorShape::Make(gather_util::AsInt64Vector(shape_input), &shape));

    const int64_t n_in = shape.num_elements(), n_idx = indices.NumElements(),
                  n_upd = updates.NumElements();
    const bool valid_empty =
        (n_idx == 0 && n_upd == 0) || (n_in != 0 && n_idx != 0 && n_upd != 0);
    OP_REQUIRES(ctx, valid_empty,
                errors::InvalidArgument("Indices and updates specified for empty output shape"));

    const int outer_dims = indices.dims() - 1;
    for (int i = 0; i < outer_dims; ++i) {
      OP_REQUIRES(ctx, i < updates.dims() && indices.dim_size(i) == updates.dim_size(i),
                  errors::InvalidArgument("Dimensions [0,", outer_dims, ") of indices[shape=",
                                          indices.shape().DebugString(),
                                          "] must match dimensions [0,", outer_dims,
                                          ") of updates[shape=", updates.shape().DebugString(),
                                          "]"));
    }
    const int64_t ix = indices.dim_size(outer_dims);
    const auto inner_mismatch = [&] {
      return errors::InvalidArgument("Dimensions [", ix, ",", shape.dims(), ") of input[shape=",
                                     shape.DebugString(), "] must match dimensions [",
                                     outer_dims, ",", updates.dims(), ") of updates[shape=",
                                     updates.shape().DebugString(), "]");
    };
    OP_REQUIRES(ctx, ix <= shape.dims() && updates.dims() - outer_dims == shape.dims() - ix,
                inner_mismatch());
    for (int i = 0; i + outer_dims < updates.dims(); ++i) {
      OP_REQUIRES(ctx, updates.dim_size(i + outer_dims) == shape.dim_size(ix + i),
                  inner_mismatch());
    }

    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, shape, &out));
    T* dst = out->data<T>();
    for (int64_t i = 0; i < n_in; ++i) dst[i] = T();
    if (n_idx == 0) return;

    const int64_t slice = gather_util::DimProduct(shape, static_cast<int>(ix), shape.dims());
    const std::vector<int64_t> raw = gather_util::AsInt64Vector(indices);
    const std::vector<int64_t> strides = gather_util::Strides(shape);
    TensorShape prefix_shape;
    for (int d = 0; d < outer_dims; ++d) prefix_shape.AddDim(indices.dim_size(d));
    const int64_t rows = prefix_shape.num_elements();
    const T* src = updates.data<T>();
    // Accumulation is serial: duplicate indices make parallel writes race.
    for (int64_t r = 0; r < rows; ++r) {
      int64_t off = 0;
      for (int64_t j = 0; j < ix; ++j) {
        const int64_t v = raw[r * ix + j];
        if (v < 0 || v >= shape.dim_size(static_cast<int>(j))) {
          std::string vals;
          for (int64_t k = 0; k < ix; ++k) vals += (k ? ", " : "") + std::to_string(raw[r * ix + k]);
          ctx->SetStatus(errors::InvalidArgument(
              "indices", gather_util::SliceDebugString(prefix_shape, r), " = [", vals,
              "] does not index into shape ", shape.DebugString()));
          return;
        }
        off += v * strides[j];
      }
      AddInto<T>(dst + off, src + r * slice, slice);
    }
  }
};

#define TFC_REGISTER_SCATTER_ND(T)                                                      \
  REGISTER_KERNEL_BUILDER(Name("ScatterNd")                                            \
                              .Device(DEVICE_CPU)                                      \
                              .TypeConstraint<T>("T")                                  \
                              .TypeConstraint("Tindices", DataTypeVector{DT_INT32, DT_INT64}) \
                              .HostMemory("shape"),                                    \
                          ScatterNdOp<T>);
TF_CALL_NUMBER_TYPES(TFC_REGISTER_SCATTER_ND)
TF_CALL_bool(TFC_REGISTER_SCATTER_ND)
#undef TFC_REGISTER_SCATTER_ND

}  // namespace
}  // namespace tfc
