// Scatter{Update,Add,Sub,Mul,Div,Min,Max} on ref variables and ResourceScatter* on resource
// variables: rows of the variable picked by `indices` (along dimension 0) are combined with
// `updates` in place. One kernel per element type serves every op and both variable kinds.
#include <algorithm>
#include <mutex>
#include <type_traits>

#include "core/framework/register_types.h"
#include "core/framework/resource_var.h"
#include "core/kernels/gather/gather_util.h"
#include "core/kernels/variables/training_op_helpers.h"

namespace tfc {
namespace {

enum class ScatterKind { kUpdate, kAdd, kSub, kMul, kDiv, kMin, kMax };

ScatterKind KindFromOpName(std::string op) {
  if (op.rfind("Resource", 0) == 0) op = op.substr(8);
  if (op == "ScatterAdd") return ScatterKind::kAdd;
  if (op == "ScatterSub") return ScatterKind::kSub;
  if (op == "ScatterMul") return ScatterKind::kMul;
  if (op == "ScatterDiv") return ScatterKind::kDiv;
  if (op == "ScatterMin") return ScatterKind::kMin;
  if (op == "ScatterMax") return ScatterKind::kMax;
  return ScatterKind::kUpdate;
}

template <typename T>
constexpr bool kIsArithmetic = !std::is_same_v<T, bool> && !std::is_same_v<T, tstring>;
template <typename T>
constexpr bool kIsOrdered = kIsArithmetic<T> && !std::is_same_v<T, complex64> &&
                            !std::is_same_v<T, complex128>;

template <typename T>
void Combine(ScatterKind kind, T* dst, const T* src, int64_t n, bool broadcast) {
  for (int64_t j = 0; j < n; ++j) {
    const T& u = broadcast ? src[0] : src[j];
    if constexpr (kIsArithmetic<T>) {
      switch (kind) {
        case ScatterKind::kUpdate: dst[j] = u; break;
        case ScatterKind::kAdd: dst[j] += u; break;
        case ScatterKind::kSub: dst[j] -= u; break;
        case ScatterKind::kMul: dst[j] *= u; break;
        case ScatterKind::kDiv: dst[j] /= u; break;
        case ScatterKind::kMin:
        case ScatterKind::kMax:
          if constexpr (kIsOrdered<T>) {
            const bool take = kind == ScatterKind::kMin ? (u < dst[j]) : (dst[j] < u);
            if (take) dst[j] = u;
          }
          break;
      }
    } else {
      dst[j] = u;  // only ScatterUpdate is registered for bool and string
    }
  }
}

// Validates shapes and every index before touching params, then applies the update.
template <typename T>
Status ApplyScatter(ScatterKind kind, Tensor* params, const Tensor& indices,
                    const Tensor& updates) {
  if (params->dims() < 1) {
    return errors::InvalidArgument("params must be at least 1-D, got shape ",
                                   params->shape().DebugString());
  }
  bool shapes_ok = updates.dims() == 0;
  if (!shapes_ok && updates.dims() == indices.dims() + params->dims() - 1) {
    shapes_ok = true;
    for (int d = 0; d < indices.dims(); ++d) {
      shapes_ok = shapes_ok && updates.dim_size(d) == indices.dim_size(d);
    }
    for (int d = 1; d < params->dims(); ++d) {
      shapes_ok = shapes_ok && updates.dim_size(d - 1 + indices.dims()) == params->dim_size(d);
    }
  }
  if (!shapes_ok) {
    return errors::InvalidArgument(
        "Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], got ",
        "updates.shape ", updates.shape().DebugString(), ", indices.shape ",
        indices.shape().DebugString(), ", params.shape ", params->shape().DebugString());
  }
  const std::vector<int64_t> idx = gather_util::AsInt64Vector(indices);
  const int64_t limit = params->dim_size(0);
  for (size_t i = 0; i < idx.size(); ++i) {
    if (idx[i] < 0 || idx[i] >= limit) {
      return errors::InvalidArgument("indices",
                                     gather_util::SliceDebugString(indices.shape(), i), " = ",
                                     idx[i], " is not in [0, ", limit, ")");
    }
  }
  const bool broadcast = updates.dims() == 0;
  const T* u = updates.data<T>();
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    if (kind == ScatterKind::kDiv) {
      const int64_t n = updates.NumElements();
      if (std::find(u, u + n, T(0)) != u + n) {
        return errors::InvalidArgument("Integer division by zero");
      }
    }
  }
  const int64_t slice = gather_util::DimProduct(params->shape(), 1, params->dims());
  T* p = params->data<T>();
  for (size_t i = 0; i < idx.size(); ++i) {
    Combine<T>(kind, p + idx[i] * slice, broadcast ? u : u + i * slice, slice, broadcast);
  }
  return OkStatus();
}

template <typename T>
class ScatterOp : public OpKernel {
 public:
  explicit ScatterOp(OpKernelConstruction* ctx)
      : OpKernel(ctx), kind_(KindFromOpName(ctx->def().op())),
        resource_(ctx->input_type(0) == DT_RESOURCE) {
    if (!resource_) OP_REQUIRES_OK(ctx, ctx->GetAttr("use_locking", &use_locking_));
  }

  void Compute(OpKernelContext* ctx) override {
    if (resource_) {
      ComputeResource(ctx);
      return;
    }
    ctx->forward_ref_input_to_ref_output(0, 0);
    if (use_locking_) {
      std::lock_guard<std::mutex> l(*ctx->input_ref_mutex(0));
      OP_REQUIRES_OK(ctx, ApplyScatter<T>(kind_, ctx->mutable_input(0), ctx->input(1),
                                          ctx->input(2)));
    } else {
      OP_REQUIRES_OK(ctx, ApplyScatter<T>(kind_, ctx->mutable_input(0), ctx->input(1),
                                          ctx->input(2)));
    }
  }

 private:
  void ComputeResource(OpKernelContext* ctx) {
    Var* var = nullptr;
    OP_REQUIRES_OK(ctx, LookupResource(ctx, HandleFromInput(ctx, 0), &var));
    core::ScopedUnref unref(var);
    std::lock_guard<std::mutex> l(*var->mu());
    Tensor* params = var->tensor();
    OP_REQUIRES(ctx, var->is_initialized && params->IsInitialized(),
                errors::FailedPrecondition("Attempting to use uninitialized variables: ",
                                           def().input(0)));
    OP_REQUIRES(ctx, params->dtype() == DataTypeToEnum<T>::value,
                errors::InvalidArgument("Trying to update variable of type ",
                                        DataTypeString(params->dtype()), " with ",
                                        DataTypeString(DataTypeToEnum<T>::value), " updates"));
    OP_REQUIRES_OK(ctx, PrepareToUpdateVariable(ctx, params));
    OP_REQUIRES_OK(ctx, ApplyScatter<T>(kind_, params, ctx->input(1), ctx->input(2)));
  }

  ScatterKind kind_;
  bool resource_;
  bool use_locking_ = false;
};


}  // namespace

#define TFC_REGISTER_SCATTER(OP, ATTR, T)                                          \
  REGISTER_KERNEL_BUILDER(Name(OP).Device(DEVICE_CPU).TypeConstraint<T>(ATTR)      \
                              .TypeConstraint("Tindices", {DT_INT32, DT_INT64}),   \
                          ScatterOp<T>)

#define TFC_REGISTER_UPDATE(T)                           \
  TFC_REGISTER_SCATTER("ScatterUpdate", "T", T);         \
  TFC_REGISTER_SCATTER("ResourceScatterUpdate", "dtype", T);
TF_CALL_ALL_TYPES(TFC_REGISTER_UPDATE)
#undef TFC_REGISTER_UPDATE

#define TFC_REGISTER_ARITH(T)                                \
  TFC_REGISTER_SCATTER("ScatterAdd", "T", T);                \
  TFC_REGISTER_SCATTER("ScatterSub", "T", T);                \
  TFC_REGISTER_SCATTER("ScatterMul", "T", T);                \
  TFC_REGISTER_SCATTER("ScatterDiv", "T", T);                \
  TFC_REGISTER_SCATTER("ResourceScatterAdd", "dtype", T);    \
  TFC_REGISTER_SCATTER("ResourceScatterSub", "dtype", T);    \
  TFC_REGISTER_SCATTER("ResourceScatterMul", "dtype", T);    \
  TFC_REGISTER_SCATTER("ResourceScatterDiv", "dtype", T);
TF_CALL_NUMBER_TYPES(TFC_REGISTER_ARITH)
#undef TFC_REGISTER_ARITH

#define TFC_REGISTER_MINMAX(T)                            \
  TFC_REGISTER_SCATTER("ResourceScatterMin", "dtype", T); \
  TFC_REGISTER_SCATTER("ResourceScatterMax", "dtype", T);
TF_CALL_REAL_NUMBER_TYPES(TFC_REGISTER_MINMAX)
#undef TFC_REGISTER_MINMAX

#define TFC_REGISTER_REF_MINMAX(T)                \
  TFC_REGISTER_SCATTER("ScatterMin", "T", T);     \
  TFC_REGISTER_SCATTER("ScatterMax", "T", T);
TF_CALL_half(TFC_REGISTER_REF_MINMAX) TF_CALL_bfloat16(TFC_REGISTER_REF_MINMAX)
TF_CALL_float(TFC_REGISTER_REF_MINMAX) TF_CALL_double(TFC_REGISTER_REF_MINMAX)
TF_CALL_int32(TFC_REGISTER_REF_MINMAX) TF_CALL_int64(TFC_REGISTER_REF_MINMAX)
#undef TFC_REGISTER_REF_MINMAX
#undef TFC_REGISTER_SCATTER

}  // namespace tfc
