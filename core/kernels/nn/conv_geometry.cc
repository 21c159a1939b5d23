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
