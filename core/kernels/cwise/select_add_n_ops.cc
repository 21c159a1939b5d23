// Select (TF1: condition the shape of t/e, a vector over their first dim, or a scalar),
// SelectV2 (three-way broadcasting) and AddN.
#include "core/kernels/cwise/cwise_binary_functors.h"
#include "core/kernels/cwise/select_add_n_util.h"

namespace tfc {
namespace {

template <typename T>
class SelectOp : public OpKernel {
 public:
  explicit SelectOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& cond = ctx->input(0);
    const Tensor& t = ctx->input(1);
    const Tensor& e = ctx->input(2);
    int64_t inner = 1;  // elements chosen by one condition value
    OP_REQUIRES_OK(ctx, cwise::CheckSelect(*this, cond, t, e, &inner));
    if (cond.dims() == 0) {
      ctx->set_output(0, cond.scalar<bool>() ? t : e);
      return;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, t.shape(), &out));
    const bool* c = cond.data<bool>();
    const T* tp = t.data<T>();
    const T* ep = e.data<T>();
    T* o = out->data<T>();
    ctx->ParallelFor(t.NumElements(), kCwiseCost, [=](int64_t b, int64_t en) {
      for (int64_t i = b; i < en; ++i) o[i] = c[i / inner] ? tp[i] : ep[i];
    });
  }
};

template <typename T>
class SelectV2Op : public OpKernel {
 public:
  explicit SelectV2Op(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& cond = ctx->input(0);
    const Tensor& t = ctx->input(1);
    const Tensor& e = ctx->input(2);
    BcastPlan plan;
    OP_REQUIRES_OK(ctx, MakeBcastPlan({&cond.shape(), &t.shape(), &e.shape()}, &plan));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, plan.out_shape, &out));
    if (out->NumElements() == 0) return;
    const bool* cp = cond.data<bool>();
    const T* tp = t.data<T>();
    const T* ep = e.data<T>();
    T* o = out->data<T>();
    const int nd = static_cast<int>(plan.dims.size());
    const int64_t inner = plan.dims[nd - 1];
    const int64_t sc = plan.strides[0][nd - 1], st = plan.strides[1][nd - 1],
                  se = plan.strides[2][nd - 1];
    ctx->ParallelFor(out->NumElements() / inner, kCwiseCost * inner, [&](int64_t rb, int64_t re) {
      ForEachRow<3>(plan, rb, re, [&](int64_t oo, const int64_t* off, int64_t len) {
        for (int64_t i = 0; i < len; ++i)
          o[oo + i] = cp[off[0] + i * sc] ? tp[off[1] + i * st] : ep[off[2] + i * se];
      });
    });
  }
};

#define R(T)                                                                              \
  REGISTER_KERNEL_BUILDER(Name("Select").Device(DEVICE_CPU).TypeConstraint<T>("T"),       \
                          SelectOp<T>);                                                   \
  REGISTER_KERNEL_BUILDER(Name("SelectV2").Device(DEVICE_CPU).TypeConstraint<T>("T"),     \
                          SelectV2Op<T>);
TF_CALL_ALL_TYPES(R)
#undef R

template <typename T>
class AddNOp : public OpKernel {
 public:
  explicit AddNOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }

  void Compute(OpKernelContext* ctx) override {
    const int n = ctx->num_inputs();
    const Tensor& first = ctx->input(0);
    OP_REQUIRES_OK(ctx, cwise::CheckAddN(*this, ctx));
    if (n == 1) {
      ctx->set_output(0, first);
      return;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, first.shape(), &out));
    std::vector<const T*> in(n);
    for (int i = 0; i < n; ++i) in[i] = ctx->input(i).template data<T>();
    T* o = out->data<T>();
    ctx->ParallelFor(first.NumElements(), kCwiseCost * n, [&](int64_t b, int64_t e) {
      using C = ComputeType<T>;
      for (int64_t j = b; j < e; ++j) {
        C acc = static_cast<C>(in[0][j]);
        for (int i = 1; i < n; ++i) acc = functor::WrapAdd(acc, static_cast<C>(in[i][j]));
        o[j] = static_cast<T>(acc);
      }
    });
  }
};

#define R(T) \
  REGISTER_KERNEL_BUILDER(Name("AddN").Device(DEVICE_CPU).TypeConstraint<T>("T"), AddNOp<T>);
TF_CALL_NUMBER_TYPES(R)
#undef R

}  // namespace
}  // namespace tfc
