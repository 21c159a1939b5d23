#include "core/kernels/nn/conv_core.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include <Eigen/Core>

#include "core/kernels/linalg/matmul_core.h"

namespace tfc {
namespace conv {
namespace {

// About 32 MB of float im2col rows per GEMM; a chunk always holds at least one image.
constexpr int64_t kColBudget = int64_t{8} << 20;

bool IsPointwise(const Geometry& g) {
  for (int i = 0; i < 3; ++i) {
    if (g.k[i] != 1 || g.stride[i] != 1 || g.pad[i] != 0 || g.in[i] != g.out[i]) return false;
  }
  return true;
}

int64_t ImagesPerChunk(const Geometry& g, int64_t row_elems) {
  const int64_t per_image = std::max<int64_t>(1, g.out_size() * row_elems);
  return std::max<int64_t>(1, std::min<int64_t>(g.batch, kColBudget / per_image));
}

template <typename C>
Status Temp(OpKernelContext* ctx, int64_t n, Tensor* t) {
  return ctx->allocate_temp(DataTypeToEnum<C>::value, TensorShape({n}), t);
}

// Visits each (output position p, kernel position kk) pair whose input position is inside the
// image, as fn(p, kk, input_position); rows of positions outside are left to the caller.
template <typename Fn>
void ForEachTap(const Geometry& g, int64_t p, Fn&& fn) {
  const int64_t ow = p % g.out[2], oh = (p / g.out[2]) % g.out[1], od = p / (g.out[2] * g.out[1]);
  int64_t kk = 0;
  for (int64_t kd = 0; kd < g.k[0]; ++kd) {
    const int64_t id = od * g.stride[0] - g.pad[0] + kd * g.dil[0];
    for (int64_t kh = 0; kh < g.k[1]; ++kh) {
      const int64_t ih = oh * g.stride[1] - g.pad[1] + kh * g.dil[1];
      for (int64_t kw = 0; kw < g.k[2]; ++kw, ++kk) {
        const int64_t iw = ow * g.stride[2] - g.pad[2] + kw * g.dil[2];
        if (id < 0 || id >= g.in[0] || ih < 0 || ih >= g.in[1] || iw < 0 || iw >= g.in[2]) {
          continue;
        }
        fn(kk, (id * g.in[1] + ih) * g.in[2] + iw);
      }
    }
  }
}

// col rows for images [n0, n0 + count): row (img, p) holds the k_size * in_depth taps.
template <typename C>
void Im2Col(const OpKernelContext* ctx, const Geometry& g, const C* input, int64_t n0,
            int64_t count, C* col) {
  const int64_t P = g.out_size(), Ci = g.in_depth, KC = g.k_size() * Ci;
  ctx->ParallelFor(count * P, KC + 1, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      const int64_t img = n0 + r / P, p = r % P;
      C* row = col + r * KC;
      std::fill(row, row + KC, C(0));
      const C* src = input + img * g.in_size() * Ci;
      ForEachTap(g, p, [&](int64_t kk, int64_t q) {
        std::memcpy(row + kk * Ci, src + q * Ci, sizeof(C) * Ci);
      });
    }
  });
}

// With enough images, each thread takes whole images: im2col into its own cache-sized buffer and
// one serial product per image, with no synchronisation inside an image.
constexpr int64_t kMinImagesPerImagePath = 4;
// The filter gradient sums per-image products in this many fixed blocks, then adds the blocks
// in order, so the result does not depend on thread timing.
constexpr int64_t kFilterGradBlocks = 8;

template <typename C>
using RowMajor = Eigen::Matrix<C, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

template <typename C>
void Im2ColImage(const Geometry& g, const C* image, C* col) {
  const int64_t P = g.out_size(), Ci = g.in_depth, KC = g.k_size() * Ci;
  if (g.dil[2] == 1) {
    // Taps along the innermost spatial axis are adjacent in the NHWC image: one copy per
    // (kd, kh) covers the in-range run of kw taps.
    for (int64_t p = 0; p < P; ++p) {
      C* row = col + p * KC;
      const int64_t ow = p % g.out[2], oh = (p / g.out[2]) % g.out[1],
                    od = p / (g.out[2] * g.out[1]);
      const int64_t iw0 = ow * g.stride[2] - g.pad[2];
      const int64_t kw_lo = std::max<int64_t>(0, -iw0);
      const int64_t kw_hi = std::min<int64_t>(g.k[2], g.in[2] - iw0);
      int64_t kk = 0;
      for (int64_t kd = 0; kd < g.k[0]; ++kd) {
        const int64_t id = od * g.stride[0] - g.pad[0] + kd * g.dil[0];
        for (int64_t kh = 0; kh < g.k[1]; ++kh, kk += g.k[2]) {
          const int64_t ih = oh * g.stride[1] - g.pad[1] + kh * g.dil[1];
          C* dst = row + kk * Ci;
          if (id < 0 || id >= g.in[0] || ih < 0 || ih >= g.in[1] || kw_hi <= kw_lo) {
            std::fill(dst, dst + g.k[2] * Ci, C(0));
            continue;
          }
          std::fill(dst, dst + kw_lo * Ci, C(0));
          const int64_t q = (id * g.in[1] + ih) * g.in[2] + iw0 + kw_lo;
          std::memcpy(dst + kw_lo * Ci, image + q * Ci, sizeof(C) * (kw_hi - kw_lo) * Ci);
          std::fill(dst + kw_hi * Ci, dst + g.k[2] * Ci, C(0));
        }
      }
    }
    return;
  }
  for (int64_t p = 0; p < P; ++p) {
    C* row = col + p * KC;
    std::fill(row, row + KC, C(0));
    ForEachTap(g, p, [&](int64_t kk, int64_t q) {
      std::memcpy(row + kk * Ci, image + q * Ci, sizeof(C) * Ci);
    });
  }
}

template <typename C>
void Col2ImImage(const Geometry& g, const C* col, C* image) {
  const int64_t P = g.out_size(), Ci = g.in_depth, KC = g.k_size() * Ci;
  std::fill(image, image + g.in_size() * Ci, C(0));
  if (g.dil[2] == 1) {
    // As in Im2ColImage: a run of kw taps is one contiguous stretch of the image.
    for (int64_t p = 0; p < P; ++p) {
      const C* row = col + p * KC;
      const int64_t ow = p % g.out[2], oh = (p / g.out[2]) % g.out[1],
                    od = p / (g.out[2] * g.out[1]);
      const int64_t iw0 = ow * g.stride[2] - g.pad[2];
      const int64_t kw_lo = std::max<int64_t>(0, -iw0);
      const int64_t kw_hi = std::min<int64_t>(g.k[2], g.in[2] - iw0);
      if (kw_hi <= kw_lo) continue;
      int64_t kk = 0;
      for (int64_t kd = 0; kd < g.k[0]; ++kd) {
        const int64_t id = od * g.stride[0] - g.pad[0] + kd * g.dil[0];
        for (int64_t kh = 0; kh < g.k[1]; ++kh, kk += g.k[2]) {
          const int64_t ih = oh * g.stride[1] - g.pad[1] + kh * g.dil[1];
          if (id < 0 || id >= g.in[0] || ih < 0 || ih >= g.in[1]) continue;
          const C* s = row + (kk + kw_lo) * Ci;
          C* d = image + ((id * g.in[1] + ih) * g.in[2] + iw0 + kw_lo) * Ci;
          const int64_t len = (kw_hi - kw_lo) * Ci;
          for (int64_t i = 0; i < len; ++i) d[i] += s[i];
        }
      }
    }
    return;
  }
  for (int64_t p = 0; p < P; ++p) {
    const C* row = col + p * KC;
    ForEachTap(g, p, [&](int64_t kk, int64_t q) {
      C* d = image + q * Ci;
      const C* s = row + kk * Ci;
      for (int64_t c = 0; c < Ci; ++c) d[c] += s[c];
    });
  }
}

template <typename C>
linalg::MatrixBatch<C> Matrix(const C* data, int64_t rows, int64_t cols) {
  linalg::MatrixBatch<C> m;
  m.data = data;
  m.rows = rows;
  m.cols = cols;
  m.offsets = {0};
  return m;
}

}  // namespace

template <typename C>
Status ConvForward(OpKernelContext* ctx, const Geometry& g, const C* input, const C* filter,
                   C* output) {
  const int64_t P = g.out_size(), KC = g.k_size() * g.in_depth, Co = g.out_depth;
  if (g.batch == 0 || P == 0 || Co == 0) return OkStatus();
  if (KC == 0) {
    std::fill(output, output + g.batch * P * Co, C(0));
    return OkStatus();
  }
  const auto fm = Matrix(filter, KC, Co);
  if (IsPointwise(g)) {
    linalg::BatchedMatMul<C>(ctx, Matrix(input, g.batch * P, KC), false, false, fm, false, false,
                             output);
    return OkStatus();
  }
  if (g.batch >= kMinImagesPerImagePath) {
    int64_t col_elems = 0;
    TFC_RETURN_IF_ERROR(CheckedElements(1, P, KC, &col_elems));
    const int64_t image_elems = g.in_size() * g.in_depth;
    ctx->ParallelFor(g.batch, 2 * P * KC * Co, [&](int64_t b, int64_t e) {
      std::vector<C> col(col_elems);
      Eigen::Map<const RowMajor<C>> f(filter, KC, Co);
      for (int64_t i = b; i < e; ++i) {
        Im2ColImage(g, input + i * image_elems, col.data());
        Eigen::Map<RowMajor<C>> out(output + i * P * Co, P, Co);
        out.noalias() = Eigen::Map<const RowMajor<C>>(col.data(), P, KC) * f;
      }
    });
    return OkStatus();
  }
  const int64_t chunk = ImagesPerChunk(g, KC);
  int64_t col_elems = 0;
  TFC_RETURN_IF_ERROR(CheckedElements(chunk, P, KC, &col_elems));
  Tensor col_t;
  TFC_RETURN_IF_ERROR(Temp<C>(ctx, col_elems, &col_t));
  C* col = col_t.data<C>();
  for (int64_t n0 = 0; n0 < g.batch; n0 += chunk) {
    const int64_t count = std::min(chunk, g.batch - n0);
    Im2Col(ctx, g, input, n0, count, col);
    linalg::BatchedMatMul<C>(ctx, Matrix<C>(col, count * P, KC), false, false, fm, false, false,
                             output + n0 * P * Co);
  }
  return OkStatus();
}

template <typename C>
Status ConvBackpropInput(OpKernelContext* ctx, const Geometry& g, const C* filter,
                         const C* out_backprop, C* in_backprop) {
  const int64_t P = g.out_size(), Ci = g.in_depth, KC = g.k_size() * Ci, Co = g.out_depth;
  const int64_t in_elems = g.batch * g.in_size() * Ci;
  if (in_elems == 0) return OkStatus();
  if (P == 0 || Co == 0 || KC == 0) {
    std::fill(in_backprop, in_backprop + in_elems, C(0));
    return OkStatus();
  }
  const auto fm = Matrix(filter, KC, Co);
  if (IsPointwise(g)) {
    linalg::BatchedMatMul<C>(ctx, Matrix(out_backprop, g.batch * P, Co), false, false, fm, true,
                             false, in_backprop);
    return OkStatus();
  }
  if (g.batch >= kMinImagesPerImagePath) {
    int64_t col_elems = 0;
    TFC_RETURN_IF_ERROR(CheckedElements(1, P, KC, &col_elems));
    const int64_t image_elems = g.in_size() * Ci;
    ctx->ParallelFor(g.batch, 2 * P * KC * Co, [&](int64_t b, int64_t e) {
      std::vector<C> col(col_elems);
      Eigen::Map<const RowMajor<C>> f(filter, KC, Co);
      for (int64_t i = b; i < e; ++i) {
        Eigen::Map<RowMajor<C>> c(col.data(), P, KC);
        c.noalias() = Eigen::Map<const RowMajor<C>>(out_backprop + i * P * Co, P, Co) *
                      f.transpose();
        Col2ImImage(g, col.data(), in_backprop + i * image_elems);
      }
    });
    return OkStatus();
  }
  const int64_t chunk = ImagesPerChunk(g, KC);
  int64_t col_elems = 0;
  TFC_RETURN_IF_ERROR(CheckedElements(chunk, P, KC, &col_elems));
  Tensor col_t;
  TFC_RETURN_IF_ERROR(Temp<C>(ctx, col_elems, &col_t));
  C* col = col_t.data<C>();
  const int64_t image_elems = g.in_size() * Ci;
  for (int64_t n0 = 0; n0 < g.batch; n0 += chunk) {
    const int64_t count = std::min(chunk, g.batch - n0);
    linalg::BatchedMatMul<C>(ctx, Matrix(out_backprop + n0 * P * Co, count * P, Co), false,
                             false, fm, true, false, col);
    // col2im: each image is summed by one thread, so no two threads write the same element.
    ctx->ParallelFor(count, P * KC, [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; ++i) {
        C* dst = in_backprop + (n0 + i) * image_elems;
        std::fill(dst, dst + image_elems, C(0));
        for (int64_t p = 0; p < P; ++p) {
          const C* row = col + (i * P + p) * KC;
          ForEachTap(g, p, [&](int64_t kk, int64_t q) {
            C* d = dst + q * Ci;
            const C* s = row + kk * Ci;
            for (int64_t c = 0; c < Ci; ++c) d[c] += s[c];
          });
        }
      }
    });
  }
  return OkStatus();
}

template <typename C>
Status ConvBackpropFilter(OpKernelContext* ctx, const Geometry& g, const C* input,
                          const C* out_backprop, C* filter_backprop) {
  const int64_t P = g.out_size(), KC = g.k_size() * g.in_depth, Co = g.out_depth;
  const int64_t f_elems = KC * Co;
  if (f_elems == 0) return OkStatus();
  std::fill(filter_backprop, filter_backprop + f_elems, C(0));
  if (g.batch == 0 || P == 0) return OkStatus();
  if (IsPointwise(g)) {
    linalg::BatchedMatMul<C>(ctx, Matrix(input, g.batch * P, KC), true, false,
                             Matrix(out_backprop, g.batch * P, Co), false, false,
                             filter_backprop);
    return OkStatus();
  }
  if (g.batch >= kMinImagesPerImagePath) {
    int64_t col_elems = 0;
    TFC_RETURN_IF_ERROR(CheckedElements(1, P, KC, &col_elems));
    const int64_t blocks = std::min<int64_t>(kFilterGradBlocks, g.batch);
    Tensor parts_t;
    TFC_RETURN_IF_ERROR(Temp<C>(ctx, blocks * f_elems, &parts_t));
    C* parts = parts_t.data<C>();
    const int64_t image_elems = g.in_size() * g.in_depth;
    ctx->ParallelFor(blocks, 2 * P * KC * Co * ((g.batch + blocks - 1) / blocks),
                     [&](int64_t b, int64_t e) {
      std::vector<C> col(col_elems);
      for (int64_t k = b; k < e; ++k) {
        Eigen::Map<RowMajor<C>> part(parts + k * f_elems, KC, Co);
        part.setZero();
        for (int64_t i = k * g.batch / blocks; i < (k + 1) * g.batch / blocks; ++i) {
          Im2ColImage(g, input + i * image_elems, col.data());
          part.noalias() += Eigen::Map<const RowMajor<C>>(col.data(), P, KC).transpose() *
                            Eigen::Map<const RowMajor<C>>(out_backprop + i * P * Co, P, Co);
        }
      }
    });
    for (int64_t k = 0; k < blocks; ++k) {
      const C* part = parts + k * f_elems;
      for (int64_t i = 0; i < f_elems; ++i) filter_backprop[i] += part[i];
    }
    return OkStatus();
  }
  const int64_t chunk = ImagesPerChunk(g, KC);
  int64_t col_elems = 0;
  TFC_RETURN_IF_ERROR(CheckedElements(chunk, P, KC, &col_elems));
  Tensor col_t, part_t;
  TFC_RETURN_IF_ERROR(Temp<C>(ctx, col_elems, &col_t));
  const bool several = chunk < g.batch;
  if (several) TFC_RETURN_IF_ERROR(Temp<C>(ctx, f_elems, &part_t));
  C* col = col_t.data<C>();
  for (int64_t n0 = 0; n0 < g.batch; n0 += chunk) {
    const int64_t count = std::min(chunk, g.batch - n0);
    Im2Col(ctx, g, input, n0, count, col);
    C* dst = n0 == 0 ? filter_backprop : part_t.data<C>();
    linalg::BatchedMatMul<C>(ctx, Matrix<C>(col, count * P, KC), true, false,
                             Matrix(out_backprop + n0 * P * Co, count * P, Co), false, false,
                             dst);
    if (n0 != 0) {
      for (int64_t i = 0; i < f_elems; ++i) filter_backprop[i] += dst[i];
    }
  }
  return OkStatus();
}

#define TFC_INSTANTIATE(C)                                                                      \
  template Status ConvForward<C>(OpKernelContext*, const Geometry&, const C*, const C*, C*);    \
  template Status ConvBackpropInput<C>(OpKernelContext*, const Geometry&, const C*, const C*,   \
                                       C*);                                                     \
  template Status ConvBackpropFilter<C>(OpKernelContext*, const Geometry&, const C*, const C*,  \
                                        C*);
TFC_INSTANTIATE(float)
TFC_INSTANTIATE(double)
#undef TFC_INSTANTIATE

}  // namespace conv
}  // namespace tfc
