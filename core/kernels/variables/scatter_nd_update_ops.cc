// ScatterNdUpdate/ScatterNdAdd/ScatterNdSub on ref variables: each row of `indices` (its last
// dimension indexes the leading dims of the variable) picks a slice updated in place.
#include <mutex>
#include <type_traits>

#include "core/framework/register_types.h"
#include "core/kernels/gather/gather_util.h"

namespace tfc {
namespace {

enum class NdKind { kUpdate, kAdd, kSub };

template <typename T>
void CombineSlice(NdKind kind, T* dst, const T* src, int64_t n) {
  for (int64_t j = 0; j < n; ++j) {
    if constexpr (!std::is_same_v<T, bool> && !std::is_same_v<T, tstring>) {
      if (kind == NdKind::kAdd) {
        dst[j] += src[j];
        continue;
      }
      if (kind == NdKind::kSub) {
        dst[j] -= src[j];
        continue;
      }
    }
    dst[j] = src[j];
  }
}

Status ValidateUpdateShape(const TensorShape& params, const Tensor& indices,
                           const Tensor& updates) {
  const int64_t slice_dim = indices.dims() > 1 ? indices.dim_size(indices.dims() - 1) : 1;
  const int64_t batch_dim = indices.dims() > 1 ? indices.dims() - 1 : 1;
  auto shape_err = [&]() {
    return errors::InvalidArgument(
        "Must have updates.shape = indices.shape[:batch_dim] + params_shape[slice_dim:], got "
        "updates.shape: ", updates.shape().DebugString(), ", indices.shape: ",
        indices.shape().DebugString(), ", params_shape: ", params.DebugString(),
        ", slice_dim: ", slice_dim, ", and batch_dim: ", batch_dim);
  };
  if (updates.dims() < batch_dim) return shape_err();
  if (params.dims() < slice_dim + (updates.dims() - batch_dim)) return shape_err();
  if (updates.dims() != batch_dim + params.dims() - slice_dim) return shape_err();
  for (int d = 0; d < batch_dim; ++d) {
    if (updates.dim_size(d) != indices.dim_size(d)) return shape_err();
  }
  for (int d = 0; d < updates.dims() - batch_dim; ++d) {
    if (updates.dim_size(d + batch_dim) != params.dim_size(d + slice_dim)) return shape_err();
  }
  return OkStatus();
}

template <typename T>
Status ApplyScatterNd(NdKind kind, Tensor* params, const Tensor& indices, const Tensor& updates) {
  const TensorShape& shape = params->shape();
  if (shape.dims() < 1) {
    return errors::InvalidArgument("Output must be at least 1-D, got shape: ",
                                   shape.DebugString());
  }
  if (shape.num_elements() == 0 &&
      (indices.NumElements() > 0 || updates.NumElements() > 0)) {
    return errors::InvalidArgument("Indices and updates specified for empty output.  indices "
                                   "shape: ", indices.shape().DebugString());
  }
  if (indices.dims() < 1 || updates.dims() < 1 || updates.dim_size(0) != indices.dim_size(0)) {
    return errors::InvalidArgument("The outermost dimension of updates and indices must match. "
                                   "Got indices.shape ", indices.shape().DebugString(),
                                   ", updates.shape ", updates.shape().DebugString());
  }
  TFC_RETURN_IF_ERROR(ValidateUpdateShape(shape, indices, updates));
  const int64_t slice_dim = indices.dims() > 1 ? indices.dim_size(indices.dims() - 1) : 1;
  if (slice_dim > shape.dims()) {
    return errors::InvalidArgument("Index innermost dimension length must be <= params rank; "
                                   "saw: ", slice_dim, " vs. ", shape.dims());
  }
  const std::vector<int64_t> idx = gather_util::AsInt64Vector(indices);
  const int64_t n = slice_dim > 0 ? static_cast<int64_t>(idx.size()) / slice_dim : 0;
  const std::vector<int64_t> strides = gather_util::Strides(shape);
  const int64_t slice_size = gather_util::DimProduct(shape, static_cast<int>(slice_dim),
                                                     shape.dims());
  std::vector<int64_t> offsets(n);
  for (int64_t i = 0; i < n; ++i) {
    int64_t off = 0;
    for (int64_t k = 0; k < slice_dim; ++k) {
      const int64_t v = idx[i * slice_dim + k];
      if (v < 0 || v >= shape.dim_size(static_cast<int>(k))) {
        std::string row;
        for (int64_t q = 0; q < slice_dim; ++q) {
          row += (q ? ", " : "") + std::to_string(idx[i * slice_dim + q]);
        }
        return errors::InvalidArgument("indices",
                                       gather_util::SliceDebugString(indices.shape(), i), " = [",
                                       row, "] does not index into shape ", shape.DebugString());
      }
      off += v * strides[k];
    }
    offsets[i] = off;
  }
  T* p = params->data<T>();
  const T* u = updates.data<T>();
  for (int64_t i = 0; i < n; ++i) CombineSlice<T>(kind, p + offsets[i], u + i * slice_size, slice_size);
  return OkStatus();
}

template <typename T>
class ScatterNdUpdateOp : public OpKernel {
 public:
  explicit ScatterNdUpdateOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    const std::string& op = ctx->def().op();
    kind_ = op == "ScatterNdAdd" ? NdKind::kAdd : op == "ScatterNdSub" ? NdKind::kSub
                                                                      : NdKind::kUpdate;
    OP_REQUIRES_OK(ctx, ctx->GetAttr("use_locking", &use_locking_));
  }
  void Compute(OpKernelContext* ctx) override {
    ctx->forward_ref_input_to_ref_output(0, 0);
    if (use_locking_) {
      std::lock_guard<std::mutex> l(*ctx->input_ref_mutex(0));
      OP_REQUIRES_OK(ctx, ApplyScatterNd<T>(kind_, ctx->mutable_input(0), ctx->input(1),
                                            ctx->input(2)));
    } else {
      OP_REQUIRES_OK(ctx, ApplyScatterNd<T>(kind_, ctx->mutable_input(0), ctx->input(1),
                                            ctx->input(2)));
    }
  }

 private:
  NdKind kind_;
  bool use_locking_ = false;
};

}  // namespace

#define TFC_REGISTER_ND(OP, T)                                                   \
  REGISTER_KERNEL_BUILDER(Name(OP).Device(DEVICE_CPU).TypeConstraint<T>("T")     \
                              .TypeConstraint("Tindices", {DT_INT32, DT_INT64}), \
                          ScatterNdUpdateOp<T>)
#define TFC_REGISTER_ND_UPDATE(T) TFC_REGISTER_ND("ScatterNdUpdate", T);
#define TFC_REGISTER_ND_ARITH(T)   \
  TFC_REGISTER_ND("ScatterNdAdd", T); \
  TFC_REGISTER_ND("ScatterNdSub", T);
TF_CALL_ALL_TYPES(TFC_REGISTER_ND_UPDATE)
TF_CALL_NUMBER_TYPES(TFC_REGISTER_ND_ARITH)
#undef TFC_REGISTER_ND_ARITH
#undef TFC_REGISTER_ND_UPDATE
#undef TFC_REGISTER_ND

}  // namespace tfc
