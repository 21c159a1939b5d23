#pragma once
// Host side of the GPU element-wise kernels (g++ only): dtype -> CwiseType, broadcast plans ->
// the BcastIndex the kernels take, and the generic unary and binary OpKernels.
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/cwise/bcast.h"
#include "core/kernels/gpu/cwise_kernels.h"
#include "core/kernels/gpu/gpu_kernel_util.h"

namespace tfc {
namespace gpu {

// False for dtypes the GPU element-wise kernels do not handle.
inline bool ToCwiseType(DataType dt, CwiseType* out) {
  switch (dt) {
    case DT_FLOAT: *out = CwiseType::kFloat; return true;
    case DT_DOUBLE: *out = CwiseType::kDouble; return true;
    case DT_HALF: *out = CwiseType::kHalf; return true;
    case DT_INT64: *out = CwiseType::kInt64; return true;
    case DT_BOOL: *out = CwiseType::kBool; return true;
    default: return false;
  }
}

// For a kernel's constructor: the CwiseType of a registered dtype.
inline Status CwiseTypeFor(DataType dt, CwiseType* out) {
  if (!ToCwiseType(dt, out)) {
    return errors::Unimplemented("GPU element-wise kernels do not support ", DataTypeString(dt));
  }
  return OkStatus();
}

// Copies a plan over n_inputs inputs into the kernels' fixed-size index; Unimplemented (TF's
// GPU message) where the broadcast needs more collapsed dims than the kernels take.
inline Status MakeBcastIndex(const BcastPlan& plan, int n_inputs,
                             const std::vector<const TensorShape*>& shapes, BcastIndex* out) {
  const int nd = static_cast<int>(plan.dims.size());
  if (nd > kMaxBcastDims) {
    std::string msg = "Broadcast between ";
    for (size_t i = 0; i < shapes.size(); ++i) {
      if (i) msg += " and ";
      msg += shapes[i]->DebugString();
    }
    return errors::Unimplemented(msg, " is not supported yet.");
  }
  *out = BcastIndex();
  out->ndims = nd;
  for (int d = 0; d < nd; ++d) {
    out->dims[d] = plan.dims[d];
    for (int k = 0; k < n_inputs; ++k) out->strides[k][d] = plan.strides[k][d];
  }
  return OkStatus();
}

// The fast path a collapsed two-input plan allows.
inline BinaryLayout LayoutOf(const BcastPlan& plan) {
  if (plan.dims.size() == 1) {
    const int64_t sx = plan.strides[0][0], sy = plan.strides[1][0];
    if (sx == 1 && sy == 1) return BinaryLayout::kSameShape;
    if (sx == 0 && sy == 1) return BinaryLayout::kScalarX;
    if (sx == 1 && sy == 0) return BinaryLayout::kScalarY;
  }
  return BinaryLayout::kGeneral;
}

// y = op(x), same shape.
template <UnaryOp kOp>
class GpuUnaryOp : public OpKernel {
 public:
  explicit GpuUnaryOp(OpKernelConstruction* c) : OpKernel(c) {
    expensive_ = false;
    OP_REQUIRES_OK(c, CwiseTypeFor(c->input_type(0), &type_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    Tensor* y = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, x.shape(), &y));
    OP_REQUIRES_CUDA(ctx, LaunchUnary(GpuStream(ctx), kOp, type_, x.raw_data(), y->raw_data(),
                                      x.NumElements()));
  }

 private:
  CwiseType type_ = CwiseType::kFloat;
};

// z = op(x, y) with NumPy broadcasting, as BinaryOp in core/kernels/cwise/cwise_common.h.
// kIncompatibleValue >= 0 marks Equal/NotEqual: with incompatible_shape_error=false, shapes that
// do not broadcast give that scalar instead of an error.
template <BinaryOp kOp, int kIncompatibleValue = -1>
class GpuBinaryOp : public OpKernel {
 public:
  explicit GpuBinaryOp(OpKernelConstruction* c) : OpKernel(c) {
    expensive_ = false;
    OP_REQUIRES_OK(c, CwiseTypeFor(c->input_type(0), &type_));
    if constexpr (kIncompatibleValue >= 0) {
      bool v = true;
      if (GetNodeAttr(c->def(), "incompatible_shape_error", &v).ok()) incompatible_error_ = v;
    }
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& y = ctx->input(1);
    BcastPlan plan;
    Status s = MakeBcastPlan({&x.shape(), &y.shape()}, &plan);
    if (!s.ok()) {
      if constexpr (kIncompatibleValue >= 0) {
        if (!incompatible_error_) {
          Tensor* z = nullptr;
          OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({}), &z));
          OP_REQUIRES_CUDA(ctx, cudaMemsetAsync(z->raw_data(), kIncompatibleValue, 1,
                                                GpuStream(ctx)));
          return;
        }
      }
      OP_REQUIRES_OK(ctx, s);
    }
    Tensor* z = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, plan.out_shape, &z));
    const int64_t n = z->NumElements();
    if (n == 0) return;
    BcastIndex index;
    const BinaryLayout layout = LayoutOf(plan);
    if (layout == BinaryLayout::kGeneral) {
      OP_REQUIRES_OK(ctx, MakeBcastIndex(plan, 2, {&x.shape(), &y.shape()}, &index));
    }
    OP_REQUIRES_CUDA(ctx, LaunchBinary(GpuStream(ctx), kOp, type_, layout, index, x.raw_data(),
                                       y.raw_data(), z->raw_data(), n));
  }

 private:
  CwiseType type_ = CwiseType::kFloat;
  bool incompatible_error_ = true;
};

// Gradient ops: both inputs must have the same shape (TF's message, as the CPU kernels).
template <BinaryOp kOp>
class GpuSameShapeBinaryOp : public OpKernel {
 public:
  explicit GpuSameShapeBinaryOp(OpKernelConstruction* c) : OpKernel(c) {
    expensive_ = false;
    OP_REQUIRES_OK(c, CwiseTypeFor(c->input_type(0), &type_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& a = ctx->input(0);
    const Tensor& b = ctx->input(1);
    OP_REQUIRES(ctx, a.shape() == b.shape(),
                errors::InvalidArgument("Inputs to operation ", name(), " of type ",
                                        type_string(), " must have the same size and shape.  "
                                        "Input 0: ", a.shape().DebugString(), " != input 1: ",
                                        b.shape().DebugString()));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, a.shape(), &out));
    OP_REQUIRES_CUDA(ctx, LaunchBinary(GpuStream(ctx), kOp, type_, BinaryLayout::kSameShape,
                                       BcastIndex(), a.raw_data(), b.raw_data(),
                                       out->raw_data(), a.NumElements()));
  }

 private:
  CwiseType type_ = CwiseType::kFloat;
};

}  // namespace gpu
}  // namespace tfc
