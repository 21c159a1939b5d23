#include "core/kernels/nn/conv_geometry.h"

#include "core/framework/register_types.h"

namespace tfc {
namespace conv {

Status MakeGeometry(const std::vector<int64_t>& in_spatial, const std::vector<int64_t>& window,
                    const WindowAttrs& a, Geometry* g) {
  const int s = static_cast<int>(in_spatial.size());
  const int off = 3 - s;
  for (int i = 0; i < s; ++i) {
    const int j = off + i;
    g->in[j] = in_spatial[i];
    g->k[j] = window[i];
    g->stride[j] = a.strides[i];
    g->dil[j] = a.dilations.empty() ? 1 : a.dilations[i];
    int64_t out = 0, pad = 0;
    TFC_RETURN_IF_ERROR(WindowedOutputSize(in_spatial[i], window[i], g->dil[j], g->stride[j],
                                           a.padding, a.pad_before[i], a.pad_after[i], &out,
                                           &pad));
    g->out[j] = out;
    g->pad[j] = pad;
  }
  return OkStatus();
}

namespace {

// Reads a shape given as a 1-D int32/int64 tensor of `rank` non-negative values.
Status ShapeFromSizes(const Tensor& t, const std::string& op, const std::string& what, int rank,
                      TensorShape* out) {
  if (t.dims() != 1) {
    return errors::InvalidArgument(op, ": ", what, " input must be 1-dim, not ", t.dims());
  }
  if (t.NumElements() != rank) {
    return errors::InvalidArgument(op, ": ", what, " must have ", rank, " elements, got ",
                                   t.NumElements());
  }
  std::vector<int64_t> dims;
  for (int64_t i = 0; i < rank; ++i) {
    dims.push_back(t.dtype() == DT_INT64 ? t.data<int64_t>()[i] : t.data<int32_t>()[i]);
  }
  return TensorShape::Make(dims, out);
}

}  // namespace

Status PrepareConv(OpKernelContext* ctx, ConvPass pass, int spatial, const std::string& op,
                   const WindowAttrs& attrs, const char* device, ConvProblem* p) {
  const int S = spatial;
  const int rank = S + 2;
  const Layout& L = attrs.layout;
  const bool forward = pass == ConvPass::kForward;
  const std::string prefix = forward ? "" : op + ": ";
  p->pass = pass;
  if (forward) {
    p->input = &ctx->input(0);
    p->filter = &ctx->input(1);
    p->in_shape = p->input->shape();
    p->filter_shape = p->filter->shape();
  } else if (pass == ConvPass::kBackpropInput) {
    TFC_RETURN_IF_ERROR(ShapeFromSizes(ctx->input(0), op, "input_sizes", rank, &p->in_shape));
    p->filter = &ctx->input(1);
    p->dout = &ctx->input(2);
    p->filter_shape = p->filter->shape();
  } else {
    p->input = &ctx->input(0);
    TFC_RETURN_IF_ERROR(
        ShapeFromSizes(ctx->input(1), op, "filter_sizes", rank, &p->filter_shape));
    p->dout = &ctx->input(2);
    p->in_shape = p->input->shape();
  }
  const TensorShape& in_shape = p->in_shape;
  const TensorShape& filter_shape = p->filter_shape;
  if (in_shape.dims() != rank) {
    return errors::InvalidArgument(prefix, "input must be ", rank, "-dimensional",
                                   forward ? in_shape.DebugString() : "");
  }
  if (filter_shape.dims() != rank) {
    return errors::InvalidArgument(prefix, "filter must be ", rank, "-dimensional: ",
                                   filter_shape.DebugString());
  }
  SplitShape(L, in_shape, &p->batch, &p->in_spatial, &p->in_depth);
  const int64_t in_depth = p->in_depth;
  const int64_t f_in = filter_shape.dim_size(S);
  p->out_depth = filter_shape.dim_size(S + 1);
  if (forward) {
    if (!(f_in > 0 && in_depth % f_in == 0)) {
      return errors::InvalidArgument("input depth must be evenly divisible by filter depth: ",
                                     in_depth, " vs ", f_in);
    }
    if (in_depth != f_in) {
      return errors::Unimplemented(
          "The ", op, " op currently does not support grouped convolutions on the ", device,
          ". A grouped convolution was attempted to be run because the input depth of ",
          in_depth, " does not match the filter input depth of ", f_in);
    }
  } else if (in_depth != f_in) {
    return errors::InvalidArgument(prefix, "input and filter must have the same depth");
  }
  p->window.clear();
  for (int i = 0; i < S; ++i) p->window.push_back(filter_shape.dim_size(i));
  TFC_RETURN_IF_ERROR(MakeGeometry(p->in_spatial, p->window, attrs, &p->g));
  p->g.batch = p->batch;
  p->g.in_depth = in_depth;
  p->g.out_depth = p->out_depth;
  p->out_spatial.assign(p->g.out + 3 - S, p->g.out + 3);
  p->out_shape = ShapeInLayout(L, p->batch, p->out_spatial, p->out_depth);
  if (!forward) {
    const TensorShape& got = p->dout->shape();
    if (got.dims() != rank) {
      return errors::InvalidArgument(prefix, "out_backprop must be ", rank, "-dimensional");
    }
    if (got.dim_size(L.batch_dim()) != p->batch) {
      return errors::InvalidArgument(prefix, "input and out_backprop must have the same "
                                     "batch size");
    }
    if (got.dim_size(L.feature_dim()) != p->out_depth) {
      return errors::InvalidArgument(prefix, "filter and out_backprop must have the same "
                                     "out_depth");
    }
    for (int i = 0; i < S; ++i) {
      const int64_t actual = got.dim_size(L.spatial_dim(i));
      if (actual != p->out_spatial[i]) {
        return errors::InvalidArgument(
            prefix, "Size of out_backprop doesn't match computed: actual = ", actual,
            ", computed = ", p->out_spatial[i], " spatial_dim: ", L.spatial_dim(i),
            " input: ", p->in_spatial[i], " filter: ", p->window[i], " output: ", actual,
            " stride: ", attrs.strides[i], " dilation: ", attrs.dilations[i]);
      }
    }
  }
  return OkStatus();
}

TensorShape ShapeInLayout(const Layout& L, int64_t batch, const std::vector<int64_t>& spatial,
                          int64_t depth) {
  std::vector<int64_t> dims(L.rank());
  dims[L.batch_dim()] = batch;
  dims[L.feature_dim()] = depth;
  for (int i = 0; i < L.spatial; ++i) dims[L.spatial_dim(i)] = spatial[i];
  return TensorShape(dims);
}

void SplitShape(const Layout& L, const TensorShape& s, int64_t* batch,
                std::vector<int64_t>* spatial, int64_t* depth) {
  *batch = s.dim_size(L.batch_dim());
  *depth = s.dim_size(L.feature_dim());
  spatial->clear();
  for (int i = 0; i < L.spatial; ++i) spatial->push_back(s.dim_size(L.spatial_dim(i)));
}

template <typename T>
void ChannelsFirstToLast(const OpKernelContext* ctx, const T* src, int64_t n, int64_t c,
                         int64_t p, T* dst) {
  ctx->ParallelFor(n * c, p, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      const int64_t img = i / c, ch = i % c;
      const T* s = src + i * p;
      T* d = dst + img * p * c + ch;
      for (int64_t q = 0; q < p; ++q) d[q * c] = s[q];
    }
  });
}

template <typename T>
void ChannelsLastToFirst(const OpKernelContext* ctx, const T* src, int64_t n, int64_t c,
                         int64_t p, T* dst) {
  ctx->ParallelFor(n * c, p, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      const int64_t img = i / c, ch = i % c;
      const T* s = src + img * p * c + ch;
      T* d = dst + i * p;
      for (int64_t q = 0; q < p; ++q) d[q] = s[q * c];
    }
  });
}

Status CheckedElements(int64_t a, int64_t b, int64_t c, int64_t* out) {
  // 2^40 elements is far beyond any machine this runs on; it also keeps products in int64.
  const long double v = static_cast<long double>(a) * b * c;
  if (v > static_cast<long double>(int64_t{1} << 40)) {
    return errors::ResourceExhausted("OOM when allocating a buffer of ", a, "x", b, "x", c,
                                     " elements");
  }
  *out = a * b * c;
  return OkStatus();
}

#define TFC_INSTANTIATE(T)                                                                  \
  template void ChannelsFirstToLast<T>(const OpKernelContext*, const T*, int64_t, int64_t,  \
                                       int64_t, T*);                                        \
  template void ChannelsLastToFirst<T>(const OpKernelContext*, const T*, int64_t, int64_t,  \
                                       int64_t, T*);
TF_CALL_REAL_NUMBER_TYPES(TFC_INSTANTIATE)
#undef TFC_INSTANTIATE

}  // namespace conv
}  // namespace tfc
