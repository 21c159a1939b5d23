// GPU Select, SelectV2, AddN, Fill, ZerosLike and OnesLike. Host-side checks and messages are
// the CPU kernels' (core/kernels/cwise/select_add_n_ops.cc, core/kernels/array/fill_ops.cc).
#include <algorithm>

#include "core/kernels/array/array_copy.h"
#include "core/kernels/cwise/select_add_n_util.h"
#include "core/kernels/gpu/cwise_ops_common.h"

namespace tfc {
namespace gpu {
namespace {

// Element type of a kernel's "T" attr.
class TypedOp : public OpKernel {
 public:
  explicit TypedOp(OpKernelConstruction* c) : OpKernel(c) {
    expensive_ = false;
    DataType dt = DT_INVALID;
    OP_REQUIRES_OK(c, c->GetAttr("T", &dt));
    OP_REQUIRES_OK(c, CwiseTypeFor(dt, &type_));
  }

 protected:
  CwiseType type_ = CwiseType::kFloat;
};

// TF1 Select: condition of the shape of t/e, a vector over their first dim, or a scalar.
class GpuSelectOp : public TypedOp {
 public:
  using TypedOp::TypedOp;

  void Compute(OpKernelContext* ctx) override {
    const Tensor& cond = ctx->input(0);
    const Tensor& t = ctx->input(1);
    const Tensor& e = ctx->input(2);
    int64_t per_cond = 1;
    OP_REQUIRES_OK(ctx, cwise::CheckSelect(*this, cond, t, e, &per_cond));
    // The condition is in device memory: a scalar one is read by the kernel (one value for
    // all elements) rather than on the host.
    const int64_t inner = std::max<int64_t>(1, per_cond);
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, t.shape(), &out));
    OP_REQUIRES_CUDA(ctx, LaunchSelect(GpuStream(ctx), type_, cond.data<bool>(), inner,
                                       t.raw_data(), e.raw_data(), out->raw_data(),
                                       t.NumElements()));
  }
};

class GpuSelectV2Op : public TypedOp {
 public:
  using TypedOp::TypedOp;

  void Compute(OpKernelContext* ctx) override {
    const Tensor& cond = ctx->input(0);
    const Tensor& t = ctx->input(1);
    const Tensor& e = ctx->input(2);
    const std::vector<const TensorShape*> shapes = {&cond.shape(), &t.shape(), &e.shape()};
    BcastPlan plan;
    OP_REQUIRES_OK(ctx, MakeBcastPlan(shapes, &plan));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, plan.out_shape, &out));
    const int64_t n = out->NumElements();
    if (n == 0) return;
    const bool same_shape = plan.dims.size() == 1 && plan.strides[0][0] == 1 &&
                            plan.strides[1][0] == 1 && plan.strides[2][0] == 1;
    BcastIndex index;
    if (!same_shape) OP_REQUIRES_OK(ctx, MakeBcastIndex(plan, 3, shapes, &index));
    OP_REQUIRES_CUDA(ctx, LaunchSelectV2(GpuStream(ctx), type_, same_shape, index,
                                         cond.data<bool>(), t.raw_data(), e.raw_data(),
                                         out->raw_data(), n));
  }
};

class GpuAddNOp : public TypedOp {
 public:
  using TypedOp::TypedOp;

  void Compute(OpKernelContext* ctx) override {
    const int n_in = ctx->num_inputs();
    const Tensor& first = ctx->input(0);
    OP_REQUIRES_OK(ctx, cwise::CheckAddN(*this, ctx));
    if (n_in == 1) {
      ctx->set_output(0, first);
      return;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, first.shape(), &out));
    const int64_t n = first.NumElements();
    if (n == 0) return;
    cudaStream_t stream = GpuStream(ctx);
    if (n_in <= kAddNMaxInputs) {
      AddNInputs in;
      for (int i = 0; i < n_in; ++i) in.ptr[i] = ctx->input(i).raw_data();
      in.count = n_in;
      OP_REQUIRES_CUDA(ctx, LaunchAddN(stream, type_, in, nullptr, nullptr, out->raw_data(), n));
      return;
    }
    // Longer lists run in chunks through an accumulator in the compute type, so the sum is
    // rounded to half only once, as on the CPU.
    Tensor acc;
    const DataType acc_type = type_ == CwiseType::kHalf ? DT_FLOAT : first.dtype();
    OP_REQUIRES_OK(ctx, ctx->allocate_temp(acc_type, first.shape(), &acc));
    for (int begin = 0; begin < n_in; begin += kAddNMaxInputs) {
      const int end = std::min(n_in, begin + kAddNMaxInputs);
      AddNInputs in;
      for (int i = begin; i < end; ++i) in.ptr[i - begin] = ctx->input(i).raw_data();
      in.count = end - begin;
      const void* prev = begin == 0 ? nullptr : acc.raw_data();
      void* acc_out = end == n_in ? nullptr : acc.raw_data();
      OP_REQUIRES_CUDA(ctx, LaunchAddN(stream, type_, in, prev, acc_out, out->raw_data(), n));
    }
  }
};

class GpuFillOp : public TypedOp {
 public:
  using TypedOp::TypedOp;

  void Compute(OpKernelContext* ctx) override {
    const Tensor& dims = ctx->input(0);  // host memory
    const Tensor& value = ctx->input(1);
    OP_REQUIRES(ctx, dims.dims() == 1,
                errors::InvalidArgument("dims must be a vector, got shape ",
                                        dims.shape().DebugString()));
    OP_REQUIRES(ctx, value.dims() == 0,
                errors::InvalidArgument("value must be a scalar, got shape ",
                                        value.shape().DebugString()));
    TensorShape shape;
    OP_REQUIRES_OK(ctx, TensorShape::Make(array::IntTensorToVector(dims), &shape));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, shape, &out));
    OP_REQUIRES_CUDA(ctx, LaunchFill(GpuStream(ctx), type_, value.raw_data(), out->raw_data(),
                                     out->NumElements()));
  }
};

class GpuZerosLikeOp : public TypedOp {
 public:
  using TypedOp::TypedOp;

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, x.shape(), &out));
    // Zero of each of these dtypes is all-zero bytes.
    const size_t bytes = static_cast<size_t>(out->NumElements()) * DataTypeSize(x.dtype());
    if (bytes == 0) return;
    OP_REQUIRES_CUDA(ctx, cudaMemsetAsync(out->raw_data(), 0, bytes, GpuStream(ctx)));
  }
};

class GpuOnesLikeOp : public TypedOp {
 public:
  using TypedOp::TypedOp;

  void Compute(OpKernelContext* ctx) override {
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, ctx->input(0).shape(), &out));
    OP_REQUIRES_CUDA(ctx, LaunchFillOnes(GpuStream(ctx), type_, out->raw_data(),
                                         out->NumElements()));
  }
};

#define FLOATS(m) m(float) m(double) m(::tfc::half)
#define ALL(m) FLOATS(m) m(int64_t) m(bool)

#define R(T)                                                                                \
  REGISTER_KERNEL_BUILDER(Name("Select").Device(DEVICE_GPU).TypeConstraint<T>("T"),         \
                          GpuSelectOp);                                                     \
  REGISTER_KERNEL_BUILDER(Name("SelectV2").Device(DEVICE_GPU).TypeConstraint<T>("T"),       \
                          GpuSelectV2Op);                                                   \
  REGISTER_KERNEL_BUILDER(                                                                  \
      Name("Fill").Device(DEVICE_GPU).TypeConstraint<T>("T").HostMemory("dims"), GpuFillOp); \
  REGISTER_KERNEL_BUILDER(Name("ZerosLike").Device(DEVICE_GPU).TypeConstraint<T>("T"),      \
                          GpuZerosLikeOp);                                                  \
  REGISTER_KERNEL_BUILDER(Name("OnesLike").Device(DEVICE_GPU).TypeConstraint<T>("T"),       \
                          GpuOnesLikeOp);
ALL(R)
#undef R

#define R(T) \
  REGISTER_KERNEL_BUILDER(Name("AddN").Device(DEVICE_GPU).TypeConstraint<T>("T"), GpuAddNOp);
FLOATS(R)
#undef R

}  // namespace
}  // namespace gpu
}  // namespace tfc
