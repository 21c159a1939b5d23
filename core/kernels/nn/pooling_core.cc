#include "core/kernels/nn/pooling_core.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>
#include <type_traits>

#include "core/framework/register_types.h"

namespace tfc {
namespace conv {
namespace {

struct Window {
  int64_t lo[3], hi[3];
  int64_t count() const { return (hi[0] - lo[0]) * (hi[1] - lo[1]) * (hi[2] - lo[2]); }
};

Window WindowAt(const Geometry& g, int64_t p) {
  const int64_t o[3] = {p / (g.out[1] * g.out[2]), (p / g.out[2]) % g.out[1], p % g.out[2]};
  Window w;
  for (int i = 0; i < 3; ++i) {
    const int64_t start = o[i] * g.stride[i] - g.pad[i];
    w.lo[i] = std::max<int64_t>(start, 0);
    w.hi[i] = std::min<int64_t>(start + g.k[i], g.in[i]);
    if (w.hi[i] < w.lo[i]) w.hi[i] = w.lo[i];
  }
  return w;
}

// fn(q) for each input spatial index q of the window, in row-major window order.
template <typename Fn>
void ForEachInWindow(const Geometry& g, const Window& w, Fn&& fn) {
  for (int64_t d = w.lo[0]; d < w.hi[0]; ++d)
    for (int64_t h = w.lo[1]; h < w.hi[1]; ++h)
      for (int64_t x = w.lo[2]; x < w.hi[2]; ++x) fn((d * g.in[1] + h) * g.in[2] + x);
}

}  // namespace

template <typename C>
void MaxPoolForward(const OpKernelContext* ctx, const Geometry& g, const C* in, C* out,
                    int64_t* argmax) {
  const int64_t P = g.out_size(), D = g.in_depth, image = g.in_size() * D;
  ctx->ParallelFor(g.batch * P, std::max<int64_t>(1, g.k_size() * D), [&](int64_t b, int64_t e) {
    // A local copy: with D read through the capture, the int64 argmax stores could alias it and
    // the channel loops below would not vectorise.
    const int64_t D = g.in_depth;
    for (int64_t r = b; r < e; ++r) {
      const int64_t n = r / P, p = r % P;
      const C* src = in + n * image;
      C* dst = out + r * D;
      int64_t* arg = argmax ? argmax + r * D : nullptr;
      bool first = true;
      ForEachInWindow(g, WindowAt(g, p), [&](int64_t q) {
        const C* v = src + q * D;
        if (first) {
          std::copy(v, v + D, dst);
          if (arg) for (int64_t c = 0; c < D; ++c) arg[c] = q * D + c;
          first = false;
          return;
        }
        if (arg) {
          // Branch-free selects, so the compiler vectorises the channel loop; a strict > keeps
          // the first maximum in window order, as TF does.
          const int64_t base = q * D;
          for (int64_t c = 0; c < D; ++c) {
            const bool greater = v[c] > dst[c];
            dst[c] = greater ? v[c] : dst[c];
            arg[c] = greater ? base + c : arg[c];
          }
        } else {
          for (int64_t c = 0; c < D; ++c) dst[c] = v[c] > dst[c] ? v[c] : dst[c];
        }
      });
      if (first) {
        std::fill(dst, dst + D, std::numeric_limits<C>::lowest());
        if (arg) std::fill(arg, arg + D, int64_t{0});
      }
    }
  });
}

template <typename C>
void MaxPoolScatter(const OpKernelContext* ctx, const Geometry& g, const int64_t* argmax,
                    const C* out_grad, C* in_grad) {
  const int64_t P = g.out_size(), D = g.in_depth, image = g.in_size() * D;
  ctx->ParallelFor(g.batch, std::max<int64_t>(1, P * D + image), [&](int64_t b, int64_t e) {
    for (int64_t n = b; n < e; ++n) {
      C* dst = in_grad + n * image;
      std::fill(dst, dst + image, C(0));
      const int64_t* arg = argmax + n * P * D;
      const C* src = out_grad + n * P * D;
      for (int64_t i = 0; i < P * D; ++i) dst[arg[i]] += src[i];
    }
  });
}

template <typename C>
void MaxPoolGather(const OpKernelContext* ctx, const Geometry& g, const int64_t* argmax,
                   const C* in_grad, C* out) {
  const int64_t P = g.out_size(), D = g.in_depth, image = g.in_size() * D;
  ctx->ParallelFor(g.batch * P * D, 2, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) out[i] = in_grad[(i / (P * D)) * image + argmax[i]];
  });
}

template <typename C>
void MaxPoolGradTolerance(const OpKernelContext* ctx, const Geometry& g, const C* in,
                          const C* out, const C* out_grad, C* in_grad) {
  const int64_t P = g.out_size(), D = g.in_depth, image = g.in_size() * D;
  ctx->ParallelFor(g.batch, std::max<int64_t>(1, P * D * g.k_size()), [&](int64_t b, int64_t e) {
    for (int64_t n = b; n < e; ++n) {
      C* dst = in_grad + n * image;
      std::fill(dst, dst + image, C(0));
      const C* src = in + n * image;
      for (int64_t p = 0; p < P; ++p) {
        const C* o = out + (n * P + p) * D;
        const C* gr = out_grad + (n * P + p) * D;
        ForEachInWindow(g, WindowAt(g, p), [&](int64_t q) {
          for (int64_t c = 0; c < D; ++c) {
            const double diff = static_cast<double>(src[q * D + c]) - static_cast<double>(o[c]);
            if (std::abs(diff) < 1e-5) dst[q * D + c] += gr[c];
          }
        });
      }
    }
  });
}

template <typename C>
void AvgPoolForward(const OpKernelContext* ctx, const Geometry& g, const C* in, C* out) {
  const int64_t P = g.out_size(), D = g.in_depth, image = g.in_size() * D;
  ctx->ParallelFor(g.batch * P, std::max<int64_t>(1, g.k_size() * D), [&](int64_t b, int64_t e) {
    // A local copy: with D read through the capture, the int64 argmax stores could alias it and
    // the channel loops below would not vectorise.
    const int64_t D = g.in_depth;
    for (int64_t r = b; r < e; ++r) {
      const int64_t n = r / P, p = r % P;
      const C* src = in + n * image;
      C* dst = out + r * D;
      std::fill(dst, dst + D, C(0));
      const Window w = WindowAt(g, p);
      ForEachInWindow(g, w, [&](int64_t q) {
        const C* v = src + q * D;
        for (int64_t c = 0; c < D; ++c) dst[c] += v[c];
      });
      const C count = static_cast<C>(std::max<int64_t>(1, w.count()));
      for (int64_t c = 0; c < D; ++c) dst[c] /= count;
    }
  });
}

template <typename C>
void AvgPoolBackward(const OpKernelContext* ctx, const Geometry& g, const C* out_grad,
                     C* in_grad) {
  const int64_t P = g.out_size(), D = g.in_depth, image = g.in_size() * D;
  ctx->ParallelFor(g.batch, std::max<int64_t>(1, P * D * g.k_size()), [&](int64_t b, int64_t e) {
    std::vector<C> share(D);
    for (int64_t n = b; n < e; ++n) {
      C* dst = in_grad + n * image;
      std::fill(dst, dst + image, C(0));
      for (int64_t p = 0; p < P; ++p) {
        const Window w = WindowAt(g, p);
        const C count = static_cast<C>(std::max<int64_t>(1, w.count()));
        const C* gr = out_grad + (n * P + p) * D;
        for (int64_t c = 0; c < D; ++c) share[c] = gr[c] / count;
        ForEachInWindow(g, w, [&](int64_t q) {
          C* d = dst + q * D;
          for (int64_t c = 0; c < D; ++c) d[c] += share[c];
        });
      }
    }
  });
}

#define TFC_INSTANTIATE_MAX(C)                                                                 \
  template void MaxPoolForward<C>(const OpKernelContext*, const Geometry&, const C*, C*,       \
                                  int64_t*);                                                   \
  template void MaxPoolScatter<C>(const OpKernelContext*, const Geometry&, const int64_t*,     \
                                  const C*, C*);                                               \
  template void MaxPoolGather<C>(const OpKernelContext*, const Geometry&, const int64_t*,      \
                                 const C*, C*);
TF_CALL_INTEGRAL_TYPES(TFC_INSTANTIATE_MAX)
TF_CALL_float(TFC_INSTANTIATE_MAX)
TF_CALL_double(TFC_INSTANTIATE_MAX)
#undef TFC_INSTANTIATE_MAX

#define TFC_INSTANTIATE_FLOAT(C)                                                               \
  template void MaxPoolGradTolerance<C>(const OpKernelContext*, const Geometry&, const C*,     \
                                        const C*, const C*, C*);                               \
  template void AvgPoolForward<C>(const OpKernelContext*, const Geometry&, const C*, C*);      \
  template void AvgPoolBackward<C>(const OpKernelContext*, const Geometry&, const C*, C*);
TF_CALL_float(TFC_INSTANTIATE_FLOAT)
TF_CALL_double(TFC_INSTANTIATE_FLOAT)
#undef TFC_INSTANTIATE_FLOAT

}  // namespace conv
}  // namespace tfc
