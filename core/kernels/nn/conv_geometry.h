#pragma once
// Geometry of a channels-last convolution or pooling window over up to 3 spatial dims; 1-D and
// 2-D problems use leading spatial dims of size 1, so one set of loops serves all of them.
#include <cstdint>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/tensor.h"
#include "core/ops/nn_conv_util.h"

namespace tfc {
namespace conv {

struct Geometry {
  int64_t batch = 0, in_depth = 0, out_depth = 0;
  int64_t in[3] = {1, 1, 1}, k[3] = {1, 1, 1}, out[3] = {1, 1, 1};
  int64_t stride[3] = {1, 1, 1}, dil[3] = {1, 1, 1}, pad[3] = {0, 0, 0};

  int64_t in_size() const { return in[0] * in[1] * in[2]; }     // spatial positions
  int64_t out_size() const { return out[0] * out[1] * out[2]; }
  int64_t k_size() const { return k[0] * k[1] * k[2]; }
};

// Fills `g` from the channels-last input shape, spatial window sizes and attrs; computes the
// output sizes and leading padding with TF's rules. `spatial` is 2 or 3.
Status MakeGeometry(const std::vector<int64_t>& in_spatial, const std::vector<int64_t>& window,
                    const WindowAttrs& a, Geometry* g);

// Channels-last shape [batch, spatial..., depth] and channels-first [batch, depth, spatial...].
TensorShape ShapeInLayout(const Layout& L, int64_t batch, const std::vector<int64_t>& spatial,
                          int64_t depth);

// Reads batch / spatial / depth from a tensor shape in layout L.
void SplitShape(const Layout& L, const TensorShape& s, int64_t* batch,
                std::vector<int64_t>* spatial, int64_t* depth);

// Copies between [N, C, P] and [N, P, C] (P = product of spatial dims).
template <typename T>
void ChannelsFirstToLast(const OpKernelContext* ctx, const T* src, int64_t n, int64_t c,
                         int64_t p, T* dst);
template <typename T>
void ChannelsLastToFirst(const OpKernelContext* ctx, const T* src, int64_t n, int64_t c,
                         int64_t p, T* dst);

// ResourceExhausted unless a*b*c elements (of `bytes` each) stay well inside memory limits.
Status CheckedElements(int64_t a, int64_t b, int64_t c, int64_t* out);

}  // namespace conv
}  // namespace tfc
