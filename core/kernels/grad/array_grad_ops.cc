// Backprop kernels for shape-moving ops: BroadcastGradientArgs, ConcatOffset, BiasAddGrad,
// StridedSliceGrad and MirrorPadGrad.
#include <algorithm>
#include <string>
#include <vector>

#include "core/kernels/array/array_copy.h"
#include "core/kernels/array/strided_slice_spec.h"
#include "core/kernels/cwise/bias_add_util.h"
#include "core/kernels/cwise/cwise_common.h"

namespace tfc {
namespace {

int64_t IntAt(const Tensor& t, int64_t i) {
  return t.dtype() == DT_INT32 ? static_cast<int64_t>(t.data<int32_t>()[i]) : t.data<int64_t>()[i];
}

std::vector<int64_t> IntVector(const Tensor& t) {
  std::vector<int64_t> v(t.NumElements());
  for (int64_t i = 0; i < t.NumElements(); ++i) v[i] = IntAt(t, i);
  return v;
}

std::string ShapeString(const std::vector<int64_t>& d) {
  std::string s = "[";
  for (size_t i = 0; i < d.size(); ++i) s += (i ? "," : "") + std::to_string(d[i]);
  return s + "]";
}

// "[2 3 5]": how TF prints a shape vector's value in ConcatOffset's message.
std::string SpacedValues(const int32_t* v, int64_t n) {
  std::string s = "[";
  for (int64_t i = 0; i < n; ++i) s += (i ? " " : "") + std::to_string(v[i]);
  return s + "]";
}

// ---- BroadcastGradientArgs ------------------------------------------------------------------
// r_k lists the output dims along which input k was broadcast (its 1-extended dim is 1); equal
// shapes need no reduction at all.
template <typename T>
class BroadcastGradientArgsOp : public OpKernel {
 public:
  explicit BroadcastGradientArgsOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    std::vector<int64_t> s[2];
    for (int k = 0; k < 2; ++k) {
      const Tensor& t = ctx->input(k);
      OP_REQUIRES(ctx, t.dims() == 1,
                  errors::InvalidArgument("In[", k, "] must be a vector.",
                                          t.shape().DebugString()));
      s[k] = IntVector(t);
    }
    const size_t rank = std::max(s[0].size(), s[1].size());
    std::vector<T> r[2];
    if (s[0] != s[1]) {
      std::vector<int64_t> e[2];
      for (int k = 0; k < 2; ++k) {
        e[k].assign(rank - s[k].size(), 1);
        e[k].insert(e[k].end(), s[k].begin(), s[k].end());
      }
      for (size_t i = 0; i < rank; ++i) {
        const int64_t a = e[0][i], b = e[1][i];
        OP_REQUIRES(ctx, a == b || a == 1 || b == 1,
                    errors::InvalidArgument("Incompatible shapes: ", ShapeString(s[0]), " vs. ",
                                            ShapeString(s[1])));
        for (int k = 0; k < 2; ++k)
          if (e[k][i] == 1) r[k].push_back(static_cast<T>(i));
      }
    }
    for (int k = 0; k < 2; ++k) {
      Tensor* out = nullptr;
      OP_REQUIRES_OK(ctx, ctx->allocate_output(
                              k, TensorShape({static_cast<int64_t>(r[k].size())}), &out));
      std::copy(r[k].begin(), r[k].end(), out->data<T>());
    }
  }
};

REGISTER_KERNEL_BUILDER(
    Name("BroadcastGradientArgs").Device(DEVICE_CPU).TypeConstraint<int32_t>("T"),
    BroadcastGradientArgsOp<int32_t>);
REGISTER_KERNEL_BUILDER(
    Name("BroadcastGradientArgs").Device(DEVICE_CPU).TypeConstraint<int64_t>("T"),
    BroadcastGradientArgsOp<int64_t>);

// ---- ConcatOffset ---------------------------------------------------------------------------
class ConcatOffsetOp : public OpKernel {
 public:
  explicit ConcatOffsetOp(OpKernelConstruction* c) : OpKernel(c) { expensive_ = false; }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& dim_t = ctx->input(0);
    OP_REQUIRES(ctx, dim_t.IsScalar(),
                errors::InvalidArgument("Concat dim tensor should be a scalar integer, but got "
                                        "shape ", dim_t.shape().DebugString()));
    const int n = ctx->num_inputs() - 1;
    const Tensor& first = ctx->input(1);
    OP_REQUIRES(ctx, first.dims() == 1,
                errors::InvalidArgument("input 0 should be a vector, but got shape ",
                                        first.shape().DebugString()));
    const int64_t rank = first.NumElements();
    int64_t axis = dim_t.scalar<int32_t>();
    OP_REQUIRES(ctx, axis >= -rank && axis < rank,
                errors::InvalidArgument("Concat dim is out of range: ", axis, " vs. ", rank));
    if (axis < 0) axis += rank;
    const int32_t* s0 = first.data<int32_t>();
    int32_t offset = 0;
    for (int i = 0; i < n; ++i) {
      const Tensor& in = ctx->input(i + 1);
      OP_REQUIRES(ctx, in.dims() == 1 && in.NumElements() == rank,
                  errors::InvalidArgument("input ", i, " should contain ", rank,
                                          " elements, but got ", in.NumElements()));
      const int32_t* si = in.data<int32_t>();
      Tensor* out = nullptr;
      OP_REQUIRES_OK(ctx, ctx->allocate_output(i, TensorShape({rank}), &out));
      int32_t* o = out->data<int32_t>();
      for (int64_t d = 0; d < rank; ++d) {
        if (d == axis) {
          o[d] = offset;
          offset += si[d];
        } else {
          OP_REQUIRES(ctx, si[d] == s0[d],
                      errors::InvalidArgument(
                          "All dimensions except ", axis, " must match. Input ", i,
                          " has shape ", SpacedValues(si, rank), " and doesn't match input 0 "
                          "with shape ", SpacedValues(s0, rank), "."));
          o[d] = 0;
        }
      }
    }
  }
};

REGISTER_KERNEL_BUILDER(Name("ConcatOffset").Device(DEVICE_CPU), ConcatOffsetOp);

// ---- BiasAddGrad ----------------------------------------------------------------------------
template <typename T>
class BiasAddGradOp : public OpKernel {
 public:
  explicit BiasAddGradOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, bias_add::ReadDataFormat(c, &nchw_));
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& g = ctx->input(0);
    bias_add::BiasLayout layout;
    OP_REQUIRES_OK(ctx, bias_add::MakeLayout(g, nchw_, &layout));
    const int64_t channels = layout.channels, inner = layout.inner, outer = layout.outer;
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape({channels}), &out));
    using C = ComputeType<T>;
    std::vector<C> acc(channels, C(0));
    const T* gp = g.data<T>();
    // Accumulates in the compute type (float for half/bfloat16) so long sums stay accurate.
    if (inner == 1) {  // channels last: a contiguous row per outer index, vectorizes
      for (int64_t r = 0; r < outer; ++r) {
        const T* p = gp + r * channels;
        for (int64_t ch = 0; ch < channels; ++ch) acc[ch] += static_cast<C>(p[ch]);
      }
    } else {
      for (int64_t r = 0; r < outer; ++r)
        for (int64_t ch = 0; ch < channels; ++ch) {
          const T* p = gp + (r * channels + ch) * inner;
          C s = C(0);
          for (int64_t i = 0; i < inner; ++i) s += static_cast<C>(p[i]);
          acc[ch] += s;
        }
    }
    for (int64_t ch = 0; ch < channels; ++ch) out->data<T>()[ch] = static_cast<T>(acc[ch]);
  }

 private:
  bool nchw_ = false;
};

#define R(T)                                                                              \
  REGISTER_KERNEL_BUILDER(Name("BiasAddGrad").Device(DEVICE_CPU).TypeConstraint<T>("T"),  \
                          BiasAddGradOp<T>);
TF_CALL_NUMBER_TYPES(R)
#undef R

// ---- StridedSliceGrad -----------------------------------------------------------------------
// Scatters dy into zeros of the original input's shape, using StridedSlice's own index spec.
class StridedSliceGradOp : public OpKernel {
 public:
  explicit StridedSliceGradOp(OpKernelConstruction* c) : OpKernel(c) {
    for (auto [name, field] : {std::pair{"begin_mask", &begin_mask_}, {"end_mask", &end_mask_},
                               {"ellipsis_mask", &ellipsis_mask_},
                               {"new_axis_mask", &new_axis_mask_},
                               {"shrink_axis_mask", &shrink_axis_mask_}}) {
      c->SetStatus(c->GetAttr(name, field));
    }
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& shape_t = ctx->input(0);
    const Tensor& dy = ctx->input(4);
    OP_REQUIRES(ctx, shape_t.dims() == 1,
                errors::InvalidArgument("shape must be 1-D, got ", shape_t.shape().DebugString()));
    std::vector<int64_t> dims = IntVector(shape_t);
    for (int64_t d : dims)
      OP_REQUIRES(ctx, d >= 0, errors::InvalidArgument("Dimension ", d, " must be >= 0"));
    const TensorShape in_shape(dims);
    StridedSliceResult r;
    OP_REQUIRES_OK(ctx, ValidateStridedSliceOp(&ctx->input(1), &ctx->input(2), ctx->input(3),
                                               PartialTensorShape(in_shape), begin_mask_,
                                               end_mask_, ellipsis_mask_, new_axis_mask_,
                                               shrink_axis_mask_, &r));
    TensorShape final_shape;
    OP_REQUIRES(ctx, r.final_shape.AsTensorShape(&final_shape),
                errors::Internal("StridedSliceGrad produced a partial shape"));
    OP_REQUIRES(ctx, final_shape == dy.shape(),
                errors::InvalidArgument("shape of dy was ", dy.shape().DebugString(),
                                        " instead of ", final_shape.DebugString()));
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, in_shape, &out));
    const std::vector<int64_t>& sizes = r.processing_shape.dim_sizes();
    const std::vector<int64_t> strides = array::RowMajorStrides(dims);
    const int rank = static_cast<int>(dims.size());
    array::DispatchByElementSize(dy.dtype(), [&](auto zero) {
      using U = decltype(zero);
      U* o = out->data<U>();
      const U* src = dy.data<U>();
      const U z{};
      for (int64_t i = 0; i < out->NumElements(); ++i) o[i] = z;
      const int64_t n = dy.NumElements();
      std::vector<int64_t> idx(rank, 0);
      for (int64_t k = 0; k < n; ++k) {
        int64_t off = 0;
        for (int d = 0; d < rank; ++d) off += (r.begin[d] + idx[d] * r.strides[d]) * strides[d];
        o[off] = src[k];
        for (int d = rank - 1; d >= 0; --d) {
          if (++idx[d] < sizes[d]) break;
          idx[d] = 0;
        }
      }
    });
  }

 private:
  int32_t begin_mask_ = 0, end_mask_ = 0, ellipsis_mask_ = 0, new_axis_mask_ = 0,
          shrink_axis_mask_ = 0;
};

REGISTER_KERNEL_BUILDER(
    Name("StridedSliceGrad").Device(DEVICE_CPU).TypeConstraint("T", array::AllArrayTypes()),
    StridedSliceGradOp);

// ---- MirrorPadGrad --------------------------------------------------------------------------
// Each element of the padded gradient is added to the input position it was mirrored from.
template <typename T>
class MirrorPadGradOp : public OpKernel {
 public:
  explicit MirrorPadGradOp(OpKernelConstruction* c) : OpKernel(c) {
    std::string mode;
    OP_REQUIRES_OK(c, c->GetAttr("mode", &mode));
    OP_REQUIRES(c, mode == "REFLECT" || mode == "SYMMETRIC",
                errors::InvalidArgument("mode must be either REFLECT or SYMMETRIC."));
    offset_ = mode == "REFLECT" ? 1 : 0;
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    const Tensor& pad = ctx->input(1);
    const int rank = in.dims();
    OP_REQUIRES(ctx, pad.dims() == 2 && pad.dim_size(1) == 2,
                errors::InvalidArgument("paddings must be a matrix with 2 columns: ",
                                        pad.shape().DebugString()));
    OP_REQUIRES(ctx, pad.dim_size(0) == rank,
                errors::InvalidArgument("The first dimension of paddings must be the rank of "
                                        "inputs", pad.shape().DebugString(), " ",
                                        in.shape().DebugString()));
    std::vector<int64_t> out_dims(rank), before(rank);
    for (int d = 0; d < rank; ++d) {
      const int64_t p0 = IntAt(pad, 2 * d), p1 = IntAt(pad, 2 * d + 1);
      OP_REQUIRES(ctx, p0 >= 0 && p1 >= 0,
                  errors::InvalidArgument("Paddings must be non-negative: ", p0, ", ", p1));
      const int64_t od = in.dim_size(d) - p0 - p1;
      OP_REQUIRES(ctx, od >= 0,
                  errors::InvalidArgument("Paddings must be less than the input dimension: ",
                                          in.shape().DebugString()));
      OP_REQUIRES(ctx, p0 <= od - offset_ && p1 <= od - offset_,
                  errors::InvalidArgument("paddings must be less than the dimension size: ",
                                          p0, ", ", p1, " not less than ", od));
      out_dims[d] = od;
      before[d] = p0;
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape(out_dims), &out));
    using C = ComputeType<T>;
    std::vector<C> acc(out->NumElements(), C(0));
    // Per dim, the output offset each padded index folds onto.
    const std::vector<int64_t> ostr = array::RowMajorStrides(out_dims);
    std::vector<std::vector<int64_t>> maps(rank);
    for (int d = 0; d < rank; ++d) {
      const int64_t n = out_dims[d];
      maps[d].resize(in.dim_size(d));
      for (int64_t i = 0; i < in.dim_size(d); ++i) {
        int64_t j = i - before[d];
        if (j < 0) j = -j - 1 + offset_;
        else if (j >= n) j = 2 * n - j - 1 - offset_;
        maps[d][i] = j * ostr[d];
      }
    }
    const T* ip = in.data<T>();
    std::vector<int64_t> idx(rank, 0);
    for (int64_t k = 0; k < in.NumElements(); ++k) {
      int64_t off = 0;
      for (int d = 0; d < rank; ++d) off += maps[d][idx[d]];
      acc[off] += static_cast<C>(ip[k]);
      for (int d = rank - 1; d >= 0; --d) {
        if (++idx[d] < in.dim_size(d)) break;
        idx[d] = 0;
      }
    }
    T* op = out->data<T>();
    for (int64_t i = 0; i < out->NumElements(); ++i) op[i] = static_cast<T>(acc[i]);
  }

 private:
  int offset_ = 0;
};

#define R(T)                                                                               \
  REGISTER_KERNEL_BUILDER(Name("MirrorPadGrad").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          MirrorPadGradOp<T>);
TF_CALL_NUMBER_TYPES(R)
#undef R

}  // namespace
}  // namespace tfc
