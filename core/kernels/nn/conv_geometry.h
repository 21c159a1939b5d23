#pragma once
// Geometry of a channels-last convolution or pooling window over up to 3 spatial dims; 1-D and
// 2-D problems use leading spatial dims of size 1, so one set of loops serves all of them.
#include <cstdint>
#include <string>
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

// Which convolution a Conv2D/Conv3D kernel computes.
enum class ConvPass { kForward, kBackpropInput, kBackpropFilter };

// The host-side part every Conv2D/Conv3D kernel shares, CPU or GPU: the operands read (the
// backprops' input_sizes/filter_sizes included), checked with TF's messages, and the geometry.
struct ConvProblem {
  ConvPass pass = ConvPass::kForward;
  const Tensor* input = nullptr;   // nullptr for kBackpropInput
  const Tensor* filter = nullptr;  // nullptr for kBackpropFilter
  const Tensor* dout = nullptr;    // nullptr for kForward
  TensorShape in_shape, filter_shape, out_shape;
  int64_t batch = 0, in_depth = 0, out_depth = 0;
  std::vector<int64_t> in_spatial, window, out_spatial;
  Geometry g;  // batch and depths filled in too

  // The shape of the kernel's only output.
  const TensorShape& result_shape() const {
    return pass == ConvPass::kForward          ? out_shape
           : pass == ConvPass::kBackpropInput ? in_shape
                                               : filter_shape;
  }
};

// `spatial` is 2 or 3, `op` the op's name and `device` ("CPU", "GPU") completes the message
// for a grouped convolution, which no kernel supports.
Status PrepareConv(OpKernelContext* ctx, ConvPass pass, int spatial, const std::string& op,
                   const WindowAttrs& attrs, const char* device, ConvProblem* p);

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
