// Dense and sparse fused optimizer updates on ref and resource variables (ApplyAdam, SparseApplyMomentum ...).
// The rules live in training_algorithms.h; here is the shared validation, locking and dispatch.
#include "core/kernels/training/training_algorithms.h"

namespace tfc {
namespace training {
namespace {

template <typename Algo>
constexpr int NumScalars() {
  return static_cast<int>(sizeof(Algo::kScalars) / sizeof(Algo::kScalars[0]));
}

class TrainingOpBase : public OpKernel {
 public:
  explicit TrainingOpBase(OpKernelConstruction* c) : OpKernel(c) {
    use_locking_ = BoolAttr(c, "use_locking");
    flags_.use_nesterov = BoolAttr(c, "use_nesterov");
    flags_.update_slots = c->def().attr().count("update_slots") ? BoolAttr(c, "update_slots")
                                                                 : true;
  }

 protected:
  bool use_locking_ = false;
  Flags flags_;
};

// Reads the scalar inputs into s[]; in a sparse op the inputs after grad sit one further on.
template <typename T, typename Algo>
Status ReadScalars(OpKernelContext* ctx, bool sparse, T* s) {
  for (int k = 0; k < NumScalars<Algo>(); ++k) {
    int index = Algo::kScalars[k].index;
    if (sparse && index > Algo::kGrad) ++index;
    const Tensor& t = ctx->input(index);
    TFC_RETURN_IF_ERROR(CheckScalar(t, Algo::kScalars[k].what));
    s[k] = t.scalar<T>();
  }
  return Algo::template Check<T>(s, sparse);
}

template <typename Algo>
Status CheckSlotShapes(const VariableInputs& vars) {
  for (int k = 1; k < Algo::kNumVars; ++k) {
    TFC_RETURN_IF_ERROR(CheckSameShape(vars[0], vars[k], "var", Algo::kVarNames[k]));
  }
  return OkStatus();
}

template <typename T, typename Algo>
class ApplyDenseOp : public TrainingOpBase {
 public:
  using TrainingOpBase::TrainingOpBase;

  void Compute(OpKernelContext* ctx) override {
    VariableInputs vars;
    OP_REQUIRES_OK(ctx, vars.Acquire(ctx, *this, Algo::kNumVars, use_locking_));
    T s[NumScalars<Algo>()];
    OP_REQUIRES_OK(ctx, (ReadScalars<T, Algo>(ctx, false, s)));
    OP_REQUIRES_OK(ctx, CheckSlotShapes<Algo>(vars));
    const Tensor& grad = ctx->input(Algo::kGrad);
    OP_REQUIRES_OK(ctx, CheckSameShape(vars[0], grad, "var", Algo::kGradName));

    T* v[Algo::kNumVars];
    for (int k = 0; k < Algo::kNumVars; ++k) v[k] = vars[k].template data<T>();
    const T* g = grad.data<T>();
    const Flags flags = flags_;
    ctx->ParallelFor(grad.NumElements(), kElementCost, [&](int64_t b, int64_t e) {
      Algo::template Dense<T>(v, s, g, b, e, flags);
    });
    if (ctx->num_outputs() > 0) ctx->forward_ref_input_to_ref_output(0, 0);
  }
};

template <typename T, typename Tindex, typename Algo>
class SparseApplyOp : public TrainingOpBase {
 public:
  using TrainingOpBase::TrainingOpBase;

  void Compute(OpKernelContext* ctx) override {
    VariableInputs vars;
    OP_REQUIRES_OK(ctx, vars.Acquire(ctx, *this, Algo::kNumVars, use_locking_));
    OP_REQUIRES_OK(ctx, CheckSlotShapes<Algo>(vars));
    T s[NumScalars<Algo>()];
    OP_REQUIRES_OK(ctx, (ReadScalars<T, Algo>(ctx, true, s)));
    const Tensor& grad = ctx->input(Algo::kGrad);
    const Tensor& indices = ctx->input(Algo::kGrad + 1);
    int64_t row = 0;
    OP_REQUIRES_OK(ctx, CheckSparseArgs(vars[0], grad, indices, &row));
    const int64_t n = indices.NumElements();
    if (n > 0) {
      OP_REQUIRES(ctx, row > 0,
                  errors::InvalidArgument("Inner dimension should be greater than zero."));
      OP_REQUIRES_OK(ctx, CheckIndices<Tindex>(indices, vars[0].dim_size(0)));
      const Tindex* idx = indices.data<Tindex>();
      const T* g = grad.data<T>();
      // Rows are applied in order: a repeated index sees the earlier update, as in TF.
      for (int64_t i = 0; i < n; ++i) {
        T* v[Algo::kNumVars];
        for (int k = 0; k < Algo::kNumVars; ++k) {
          v[k] = vars[k].template data<T>() + static_cast<int64_t>(idx[i]) * row;
        }
        Algo::template Sparse<T>(v, s, g + i * row, row, flags_);
      }
    }
    if (ctx->num_outputs() > 0) ctx->forward_ref_input_to_ref_output(0, 0);
  }
};

// Each op's Ref form and its Resource form share one kernel.
#define TFC_REGISTER_DENSE(OP, ALGO, T)                                                   \
  REGISTER_KERNEL_BUILDER(Name(OP).Device(DEVICE_CPU).TypeConstraint<T>("T"),             \
                          ApplyDenseOp<T, ALGO>);                                         \
  REGISTER_KERNEL_BUILDER(Name("Resource" OP).Device(DEVICE_CPU).TypeConstraint<T>("T"),  \
                          ApplyDenseOp<T, ALGO>);
#define TFC_REGISTER_SPARSE_INDEX(OP, ALGO, T, TINDEX)                                     \
  REGISTER_KERNEL_BUILDER(                                                                 \
      Name(OP).Device(DEVICE_CPU).TypeConstraint<T>("T").TypeConstraint<TINDEX>("Tindices"), \
      SparseApplyOp<T, TINDEX, ALGO>);                                                     \
  REGISTER_KERNEL_BUILDER(Name("Resource" OP)                                              \
                              .Device(DEVICE_CPU)                                          \
                              .TypeConstraint<T>("T")                                      \
                              .TypeConstraint<TINDEX>("Tindices"),                         \
                          SparseApplyOp<T, TINDEX, ALGO>);
#define TFC_REGISTER_SPARSE(OP, ALGO, T)              \
  TFC_REGISTER_SPARSE_INDEX(OP, ALGO, T, int32_t)     \
  TFC_REGISTER_SPARSE_INDEX(OP, ALGO, T, int64_t)

// Types as TensorFlow registers its CPU kernels.
#define TFC_FLOAT_AND_COMPLEX(m) TF_CALL_FLOAT_TYPES(m) TF_CALL_COMPLEX_TYPES(m)
#define TFC_FTRL_TYPES(m) TF_CALL_half(m) TF_CALL_bfloat16(m) TF_CALL_float(m) TF_CALL_double(m)
#define TFC_PROXIMAL_TYPES(m) TF_CALL_float(m) TF_CALL_double(m)

#define TFC_REG_GD(T) TFC_REGISTER_DENSE("ApplyGradientDescent", GradientDescentAlgo, T)
#define TFC_REG_ADADELTA(T)                                 \
  TFC_REGISTER_DENSE("ApplyAdadelta", AdadeltaAlgo, T)      \
  TFC_REGISTER_SPARSE("SparseApplyAdadelta", AdadeltaAlgo, T)
#define TFC_REG_ADAGRAD(T)                                   \
  TFC_REGISTER_DENSE("ApplyAdagrad", AdagradAlgo, T)         \
  TFC_REGISTER_SPARSE("SparseApplyAdagrad", AdagradAlgo, T)  \
  TFC_REGISTER_DENSE("ApplyAdagradV2", AdagradV2Algo, T)     \
  TFC_REGISTER_SPARSE("SparseApplyAdagradV2", AdagradV2Algo, T)
#define TFC_REG_MOMENTUM(T)                                  \
  TFC_REGISTER_DENSE("ApplyMomentum", MomentumAlgo, T)       \
  TFC_REGISTER_SPARSE("SparseApplyMomentum", MomentumAlgo, T)
#define TFC_REG_ADAM(T) TFC_REGISTER_DENSE("ApplyAdam", AdamAlgo, T)
#define TFC_REG_RMSPROP(T)                                                  \
  TFC_REGISTER_DENSE("ApplyRMSProp", RMSPropAlgo, T)                        \
  TFC_REGISTER_SPARSE("SparseApplyRMSProp", RMSPropAlgo, T)                 \
  TFC_REGISTER_DENSE("ApplyCenteredRMSProp", CenteredRMSPropAlgo, T)        \
  TFC_REGISTER_SPARSE("SparseApplyCenteredRMSProp", CenteredRMSPropAlgo, T)
#define TFC_REG_FTRL(T)                                 \
  TFC_REGISTER_DENSE("ApplyFtrl", FtrlAlgo, T)          \
  TFC_REGISTER_SPARSE("SparseApplyFtrl", FtrlAlgo, T)   \
  TFC_REGISTER_DENSE("ApplyFtrlV2", FtrlV2Algo, T)      \
  TFC_REGISTER_SPARSE("SparseApplyFtrlV2", FtrlV2Algo, T)
#define TFC_REG_PROXIMAL(T)                                                                 \
  TFC_REGISTER_DENSE("ApplyProximalGradientDescent", ProximalGradientDescentAlgo, T)        \
  TFC_REGISTER_SPARSE("SparseApplyProximalGradientDescent", ProximalGradientDescentAlgo, T) \
  TFC_REGISTER_DENSE("ApplyProximalAdagrad", ProximalAdagradAlgo, T)                        \
  TFC_REGISTER_SPARSE("SparseApplyProximalAdagrad", ProximalAdagradAlgo, T)

TFC_FLOAT_AND_COMPLEX(TFC_REG_GD)
TFC_FLOAT_AND_COMPLEX(TFC_REG_ADADELTA)
TFC_FLOAT_AND_COMPLEX(TFC_REG_ADAGRAD)
TFC_FLOAT_AND_COMPLEX(TFC_REG_MOMENTUM)
TFC_FLOAT_AND_COMPLEX(TFC_REG_ADAM)
TFC_FLOAT_AND_COMPLEX(TFC_REG_RMSPROP)
TFC_FTRL_TYPES(TFC_REG_FTRL)
TFC_PROXIMAL_TYPES(TFC_REG_PROXIMAL)

}  // namespace
}  // namespace training
}  // namespace tfc
