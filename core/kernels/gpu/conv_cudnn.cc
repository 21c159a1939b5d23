#include "core/kernels/gpu/conv_cudnn.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <vector>

#include "core/kernels/gpu/conv_kernels.h"
#include "core/kernels/gpu/cudnn_util.h"

namespace tfc {
namespace {

// What cuDNN sees: symmetric padding, the input already padded.
struct CudnnConvProblem {
  ConvKind kind = ConvKind::kForward;
  cudnnDataType_t dtype = CUDNN_DATA_FLOAT;
  bool nhwc = true;  // data NHWC with a KRSC filter, else NCHW with KCRS
  int64_t n = 0, c = 0, h = 0, w = 0;
  int64_t k = 0, r = 0, s = 0;
  int64_t out_h = 0, out_w = 0;
  int64_t pad_h = 0, pad_w = 0, stride_h = 1, stride_w = 1, dil_h = 1, dil_w = 1;
};

// The largest workspace an algorithm search may use.
constexpr size_t kMaxSearchWorkspace = size_t{1} << 30;

struct Descs {
  CudnnTensorDesc x, y;
  CudnnFilterDesc w;
  CudnnConvDesc conv;
};

struct AlgoChoice {
  int algo = 0;
  cudnnMathType_t math = CUDNN_DEFAULT_MATH;
};

// The algorithm chosen for each problem, per process (TF's autotune cache).
std::mutex& CacheMutex() {
  static std::mutex* mu = new std::mutex;
  return *mu;
}
std::map<std::vector<int64_t>, AlgoChoice>& Cache() {
  static auto* cache = new std::map<std::vector<int64_t>, AlgoChoice>;
  return *cache;
}

template <ConvKind K>
struct KindApi;

template <>
struct KindApi<ConvKind::kForward> {
  using Perf = cudnnConvolutionFwdAlgoPerf_t;
  static constexpr int kCount = CUDNN_CONVOLUTION_FWD_ALGO_COUNT;
  static cudnnStatus_t Find(const CudnnApi* dnn, cudnnHandle_t h, const Descs& d, void* x,
                            void* w, void* y, int* n, Perf* perf, void* ws, size_t ws_size) {
    return dnn->cudnnFindConvolutionForwardAlgorithmEx(h, d.x.get(), x, d.w.get(), w,
                                                        d.conv.get(), d.y.get(), y, kCount, n,
                                                        perf, ws, ws_size);
  }
  static cudnnStatus_t Heuristic(const CudnnApi* dnn, cudnnHandle_t h, const Descs& d, int* n,
                                 Perf* perf) {
    return dnn->cudnnGetConvolutionForwardAlgorithm_v7(h, d.x.get(), d.w.get(), d.conv.get(),
                                                       d.y.get(), kCount, n, perf);
  }
  static cudnnStatus_t Size(const CudnnApi* dnn, cudnnHandle_t h, const Descs& d, int algo,
                            size_t* size) {
    return dnn->cudnnGetConvolutionForwardWorkspaceSize(
        h, d.x.get(), d.w.get(), d.conv.get(), d.y.get(),
        static_cast<cudnnConvolutionFwdAlgo_t>(algo), size);
  }
  static cudnnStatus_t Run(const CudnnApi* dnn, cudnnHandle_t h, const Descs& d, int algo,
                           const void* alpha, const void* beta, void* x, void* w, void* y,
                           void* ws, size_t ws_size) {
    return dnn->cudnnConvolutionForward(h, alpha, d.x.get(), x, d.w.get(), w, d.conv.get(),
                                        static_cast<cudnnConvolutionFwdAlgo_t>(algo), ws,
                                        ws_size, beta, d.y.get(), y);
  }
};

template <>
struct KindApi<ConvKind::kBackwardData> {
  using Perf = cudnnConvolutionBwdDataAlgoPerf_t;
  static constexpr int kCount = CUDNN_CONVOLUTION_BWD_DATA_ALGO_COUNT;
  static cudnnStatus_t Find(const CudnnApi* dnn, cudnnHandle_t h, const Descs& d, void* x,
                            void* w, void* y, int* n, Perf* perf, void* ws, size_t ws_size) {
    return dnn->cudnnFindConvolutionBackwardDataAlgorithmEx(h, d.w.get(), w, d.y.get(), y,
                                                             d.conv.get(), d.x.get(), x, kCount,
                                                             n, perf, ws, ws_size);
  }
  static cudnnStatus_t Heuristic(const CudnnApi* dnn, cudnnHandle_t h, const Descs& d, int* n,
                                 Perf* perf) {
    return dnn->cudnnGetConvolutionBackwardDataAlgorithm_v7(h, d.w.get(), d.y.get(),
                                                            d.conv.get(), d.x.get(), kCount, n,
                                                            perf);
  }
  static cudnnStatus_t Size(const CudnnApi* dnn, cudnnHandle_t h, const Descs& d, int algo,
                            size_t* size) {
    return dnn->cudnnGetConvolutionBackwardDataWorkspaceSize(
        h, d.w.get(), d.y.get(), d.conv.get(), d.x.get(),
        static_cast<cudnnConvolutionBwdDataAlgo_t>(algo), size);
  }
  static cudnnStatus_t Run(const CudnnApi* dnn, cudnnHandle_t h, const Descs& d, int algo,
                           const void* alpha, const void* beta, void* x, void* w, void* y,
                           void* ws, size_t ws_size) {
    return dnn->cudnnConvolutionBackwardData(h, alpha, d.w.get(), w, d.y.get(), y, d.conv.get(),
                                             static_cast<cudnnConvolutionBwdDataAlgo_t>(algo),
                                             ws, ws_size, beta, d.x.get(), x);
  }
};

template <>
struct KindApi<ConvKind::kBackwardFilter> {
  using Perf = cudnnConvolutionBwdFilterAlgoPerf_t;
  static constexpr int kCount = CUDNN_CONVOLUTION_BWD_FILTER_ALGO_COUNT;
  static cudnnStatus_t Find(const CudnnApi* dnn, cudnnHandle_t h, const Descs& d, void* x,
                            void* w, void* y, int* n, Perf* perf, void* ws, size_t ws_size) {
    return dnn->cudnnFindConvolutionBackwardFilterAlgorithmEx(h, d.x.get(), x, d.y.get(), y,
                                                               d.conv.get(), d.w.get(), w,
                                                               kCount, n, perf, ws, ws_size);
  }
  static cudnnStatus_t Heuristic(const CudnnApi* dnn, cudnnHandle_t h, const Descs& d, int* n,
                                 Perf* perf) {
    return dnn->cudnnGetConvolutionBackwardFilterAlgorithm_v7(h, d.x.get(), d.y.get(),
                                                              d.conv.get(), d.w.get(), kCount,
                                                              n, perf);
  }
  static cudnnStatus_t Size(const CudnnApi* dnn, cudnnHandle_t h, const Descs& d, int algo,
                            size_t* size) {
    return dnn->cudnnGetConvolutionBackwardFilterWorkspaceSize(
        h, d.x.get(), d.y.get(), d.conv.get(), d.w.get(),
        static_cast<cudnnConvolutionBwdFilterAlgo_t>(algo), size);
  }
  static cudnnStatus_t Run(const CudnnApi* dnn, cudnnHandle_t h, const Descs& d, int algo,
                           const void* alpha, const void* beta, void* x, void* w, void* y,
                           void* ws, size_t ws_size) {
    return dnn->cudnnConvolutionBackwardFilter(
        h, alpha, d.x.get(), x, d.y.get(), y, d.conv.get(),
        static_cast<cudnnConvolutionBwdFilterAlgo_t>(algo), ws, ws_size, beta, d.w.get(), w);
  }
};

Status MakeDescs(const CudnnApi* dnn, const CudnnConvProblem& p, cudnnMathType_t math,
                 Descs* d) {
  const cudnnTensorFormat_t fmt = p.nhwc ? CUDNN_TENSOR_NHWC : CUDNN_TENSOR_NCHW;
  // Half convolutions accumulate in float, as TF's do.
  const cudnnDataType_t compute = p.dtype == CUDNN_DATA_HALF ? CUDNN_DATA_FLOAT : p.dtype;
  TFC_RETURN_IF_ERROR(d->x.Init(dnn));
  TFC_RETURN_IF_ERROR(d->y.Init(dnn));
  TFC_RETURN_IF_ERROR(d->w.Init(dnn));
  TFC_RETURN_IF_ERROR(d->conv.Init(dnn));
  TFC_RETURN_IF_CUDNN(dnn, dnn->cudnnSetTensor4dDescriptor(
                               d->x.get(), fmt, p.dtype, static_cast<int>(p.n),
                               static_cast<int>(p.c), static_cast<int>(p.h),
                               static_cast<int>(p.w)));
  TFC_RETURN_IF_CUDNN(dnn, dnn->cudnnSetTensor4dDescriptor(
                               d->y.get(), fmt, p.dtype, static_cast<int>(p.n),
                               static_cast<int>(p.k), static_cast<int>(p.out_h),
                               static_cast<int>(p.out_w)));
  TFC_RETURN_IF_CUDNN(dnn, dnn->cudnnSetFilter4dDescriptor(
                               d->w.get(), p.dtype, fmt, static_cast<int>(p.k),
                               static_cast<int>(p.c), static_cast<int>(p.r),
                               static_cast<int>(p.s)));
  TFC_RETURN_IF_CUDNN(dnn, dnn->cudnnSetConvolution2dDescriptor(
                               d->conv.get(), static_cast<int>(p.pad_h),
                               static_cast<int>(p.pad_w), static_cast<int>(p.stride_h),
                               static_cast<int>(p.stride_w), static_cast<int>(p.dil_h),
                               static_cast<int>(p.dil_w), CUDNN_CROSS_CORRELATION, compute));
  TFC_RETURN_IF_CUDNN(dnn, dnn->cudnnSetConvolutionMathType(d->conv.get(), math));
  return OkStatus();
}

// The first (fastest) successful result that fits the workspace and the math rule.
template <typename Perf>
bool Pick(const Perf* perf, int n, size_t ws_limit, bool allow_tensor_math, AlgoChoice* out) {
  for (int i = 0; i < n; ++i) {
    const Perf& r = perf[i];
    if (r.status != CUDNN_STATUS_SUCCESS || r.memory > ws_limit) continue;
    if (!allow_tensor_math &&
        (r.mathType == CUDNN_TENSOR_OP_MATH ||
         r.mathType == CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION)) {
      continue;
    }
    out->algo = static_cast<int>(r.algo);
    out->math = r.mathType;
    return true;
  }
  return false;
}

template <ConvKind K>
Status RunCudnn(const CudnnCall& call, const CudnnConvProblem& p, void* x, void* w, void* y) {
  using Api = KindApi<K>;
  const CudnnApi* dnn = call.dnn;
  cudnnHandle_t handle = call.handle;
  // Float uses TF32 tensor cores unless NVIDIA_TF32_OVERRIDE=0 (then plain FMA algorithms only).
  const bool is_float = p.dtype == CUDNN_DATA_FLOAT;
  const bool tf32 = Tf32Allowed();
  cudnnMathType_t math = CUDNN_DEFAULT_MATH;
  if (p.dtype == CUDNN_DATA_HALF) math = CUDNN_TENSOR_OP_MATH;
  if (is_float) math = tf32 ? CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION : CUDNN_FMA_MATH;
  const bool allow_tensor_math = !is_float || tf32;

  std::lock_guard<std::mutex> lock(CudnnCallMutex());
  Descs d;
  TFC_RETURN_IF_ERROR(MakeDescs(dnn, p, math, &d));
  const std::vector<int64_t> key = {static_cast<int64_t>(K), static_cast<int64_t>(p.dtype),
                                    call.device_index, p.nhwc ? 1 : 0, p.n, p.c, p.h, p.w, p.k,
                                    p.r, p.s, p.out_h, p.out_w, p.pad_h, p.pad_w, p.stride_h,
                                    p.stride_w, p.dil_h, p.dil_w, tf32 ? 1 : 0};
  AlgoChoice choice;
  bool found = false;
  {
    std::lock_guard<std::mutex> cache_lock(CacheMutex());
    auto it = Cache().find(key);
    if (it != Cache().end()) {
      choice = it->second;
      found = true;
    }
  }
  if (!found) {
    size_t limit = 0;
    for (int a = 0; a < Api::kCount; ++a) {
      size_t size = 0;
      if (Api::Size(dnn, handle, d, a, &size) == CUDNN_STATUS_SUCCESS) {
        limit = std::max(limit, std::min(size, kMaxSearchWorkspace));
      }
    }
    void* ws = nullptr;
    if (limit > 0 && !call.scratch(limit, &ws).ok()) {
      ws = nullptr;
      limit = 0;
    }
    typename Api::Perf perf[Api::kCount];
    int n = 0;
    if (Api::Find(dnn, handle, d, x, w, y, &n, perf, ws, limit) == CUDNN_STATUS_SUCCESS) {
      found = Pick(perf, n, limit, allow_tensor_math, &choice);
    }
    if (!found) {
      n = 0;
      if (Api::Heuristic(dnn, handle, d, &n, perf) == CUDNN_STATUS_SUCCESS) {
        found = Pick(perf, n, kMaxSearchWorkspace, allow_tensor_math, &choice);
      }
    }
    if (!found) {
      return errors::Internal("No cuDNN convolution algorithm supports this problem: input ",
                              p.n, "x", p.c, "x", p.h, "x", p.w, ", filter ", p.k, "x", p.c, "x",
                              p.r, "x", p.s, ", ", p.nhwc ? "NHWC" : "NCHW");
    }
    std::lock_guard<std::mutex> cache_lock(CacheMutex());
    Cache()[key] = choice;
  }
  TFC_RETURN_IF_CUDNN(dnn, dnn->cudnnSetConvolutionMathType(d.conv.get(), choice.math));
  size_t ws_size = 0;
  TFC_RETURN_IF_CUDNN(dnn, Api::Size(dnn, handle, d, choice.algo, &ws_size));
  void* ws = nullptr;
  if (ws_size > 0) TFC_RETURN_IF_ERROR(call.scratch(ws_size, &ws));
  const float alpha_f = 1.0f, beta_f = 0.0f;
  const double alpha_d = 1.0, beta_d = 0.0;
  const bool dbl = p.dtype == CUDNN_DATA_DOUBLE;
  const void* alpha = dbl ? static_cast<const void*>(&alpha_d) : &alpha_f;
  const void* beta = dbl ? static_cast<const void*>(&beta_d) : &beta_f;
  TFC_RETURN_IF_CUDNN(dnn,
                      Api::Run(dnn, handle, d, choice.algo, alpha, beta, x, w, y, ws, ws_size));
  return OkStatus();
}

Status CudaStatus(cudaError_t err, const char* what) {
  if (err == cudaSuccess) return OkStatus();
  return errors::Internal(what, ": ", cudaGetErrorString(err));
}

}  // namespace

Status RunConv2D(const CudnnCall& call, const Conv2DSpec& sp, const void* in,
                 const void* filter, const void* dout, void* result) {
  const ConvKind kind = sp.kind;
  const bool nhwc = sp.nhwc;
  const int64_t in_elems = sp.batch * sp.in_depth * sp.in_h * sp.in_w;
  const int64_t filter_elems = sp.k_h * sp.k_w * sp.in_depth * sp.out_depth;
  const int64_t out_elems = sp.batch * sp.out_depth * sp.out_h * sp.out_w;
  const int64_t result_elems = kind == ConvKind::kForward        ? out_elems
                               : kind == ConvKind::kBackwardData ? in_elems
                                                                 : filter_elems;
  if (result_elems == 0) return OkStatus();
  // An empty operand leaves nothing to sum: the result is zero.
  const bool empty = (kind != ConvKind::kBackwardData && in_elems == 0) ||
                     (kind != ConvKind::kBackwardFilter && filter_elems == 0) ||
                     (kind != ConvKind::kForward && out_elems == 0);
  if (empty) {
    return CudaStatus(cudaMemsetAsync(result, 0, static_cast<size_t>(result_elems) * sp.elem_bytes,
                                      call.stream),
                      "cudaMemsetAsync");
  }

  // cuDNN's symmetric padding plus the extra rows/columns TF pads on one side.
  const int64_t in_hw[2] = {sp.in_h, sp.in_w}, k_hw[2] = {sp.k_h, sp.k_w};
  const int64_t out_hw[2] = {sp.out_h, sp.out_w};
  const int64_t stride[2] = {sp.stride_h, sp.stride_w}, dil[2] = {sp.dil_h, sp.dil_w};
  const int64_t before[2] = {sp.pad_top, sp.pad_left}, after[2] = {sp.pad_bottom, sp.pad_right};
  int64_t sym[2], extra_before[2], padded[2];
  for (int i = 0; i < 2; ++i) {
    const int64_t eff = (k_hw[i] - 1) * dil[i] + 1;
    sym[i] = std::min(before[i], after[i]);
    extra_before[i] = before[i] - sym[i];
    padded[i] = in_hw[i] + before[i] + after[i] - 2 * sym[i];
    const int64_t span = padded[i] + 2 * sym[i] - eff;
    if (sym[i] < 0 || span < 0 || span / stride[i] + 1 != out_hw[i]) {
      return errors::Internal("Conv2D: padding ", before[i], "/", after[i], " of spatial dim ", i,
                              " does not give the output size ", out_hw[i]);
    }
  }
  const bool needs_pad = padded[0] != sp.in_h || padded[1] != sp.in_w;
  const int64_t padded_elems = sp.batch * sp.in_depth * padded[0] * padded[1];
  if (!FitsInt(padded_elems) || !FitsInt(out_elems) || !FitsInt(filter_elems)) {
    return errors::Unimplemented("Conv2D on the GPU: tensors of 2^31 or more elements are not "
                                 "supported by cuDNN");
  }
  auto mem_dims = [&](int64_t h, int64_t w, int64_t* d) {
    d[0] = sp.batch;
    d[1] = nhwc ? h : sp.in_depth;
    d[2] = nhwc ? w : h;
    d[3] = nhwc ? sp.in_depth : w;
  };
  int64_t in_dims[4], padded_dims[4];
  mem_dims(sp.in_h, sp.in_w, in_dims);
  mem_dims(padded[0], padded[1], padded_dims);
  const int64_t shift[4] = {0, nhwc ? extra_before[0] : 0,
                            nhwc ? extra_before[1] : extra_before[0],
                            nhwc ? 0 : extra_before[1]};
  const int elem = sp.elem_bytes;
  const size_t padded_bytes = static_cast<size_t>(padded_elems) * elem;

  // The input (forward and filter gradient), padded where TF pads asymmetrically; the input
  // gradient goes to a padded scratch when it must be cropped.
  void* x = nullptr;
  if (kind == ConvKind::kBackwardData) {
    x = result;
    if (needs_pad) TFC_RETURN_IF_ERROR(call.scratch(padded_bytes, &x));
  } else {
    x = const_cast<void*>(in);
    if (needs_pad) {
      TFC_RETURN_IF_ERROR(call.scratch(padded_bytes, &x));
      TFC_RETURN_IF_ERROR(CudaStatus(
          LaunchPadCrop4D(call.stream, in, in_dims, x, padded_dims, shift, elem), "pad"));
    }
  }
  // The filter in cuDNN's order.
  const int64_t hwio[4] = {sp.k_h, sp.k_w, sp.in_depth, sp.out_depth};
  void* w = nullptr;
  TFC_RETURN_IF_ERROR(call.scratch(static_cast<size_t>(filter_elems) * elem, &w));
  if (kind != ConvKind::kBackwardFilter) {
    static constexpr int kToKrsc[4] = {3, 0, 1, 2};
    static constexpr int kToKcrs[4] = {3, 2, 0, 1};
    TFC_RETURN_IF_ERROR(CudaStatus(
        LaunchTranspose4D(call.stream, filter, w, hwio, nhwc ? kToKrsc : kToKcrs, elem),
        "filter transpose"));
  }
  void* y = kind == ConvKind::kForward ? result : const_cast<void*>(dout);

  CudnnConvProblem p;
  p.kind = kind;
  p.dtype = sp.dtype;
  p.nhwc = nhwc;
  p.n = sp.batch;
  p.c = sp.in_depth;
  p.h = padded[0];
  p.w = padded[1];
  p.k = sp.out_depth;
  p.r = sp.k_h;
  p.s = sp.k_w;
  p.out_h = sp.out_h;
  p.out_w = sp.out_w;
  p.pad_h = sym[0];
  p.pad_w = sym[1];
  p.stride_h = sp.stride_h;
  p.stride_w = sp.stride_w;
  p.dil_h = sp.dil_h;
  p.dil_w = sp.dil_w;
  switch (kind) {
    case ConvKind::kForward:
      TFC_RETURN_IF_ERROR(RunCudnn<ConvKind::kForward>(call, p, x, w, y));
      break;
    case ConvKind::kBackwardData:
      TFC_RETURN_IF_ERROR(RunCudnn<ConvKind::kBackwardData>(call, p, x, w, y));
      break;
    case ConvKind::kBackwardFilter:
      TFC_RETURN_IF_ERROR(RunCudnn<ConvKind::kBackwardFilter>(call, p, x, w, y));
      break;
  }

  if (kind == ConvKind::kBackwardData && needs_pad) {
    const int64_t crop[4] = {-shift[0], -shift[1], -shift[2], -shift[3]};
    TFC_RETURN_IF_ERROR(CudaStatus(
        LaunchPadCrop4D(call.stream, x, padded_dims, result, in_dims, crop, elem), "crop"));
  }
  if (kind == ConvKind::kBackwardFilter) {
    static constexpr int kFromKrsc[4] = {1, 2, 3, 0};
    static constexpr int kFromKcrs[4] = {2, 3, 1, 0};
    const int64_t krsc[4] = {sp.out_depth, sp.k_h, sp.k_w, sp.in_depth};
    const int64_t kcrs[4] = {sp.out_depth, sp.in_depth, sp.k_h, sp.k_w};
    TFC_RETURN_IF_ERROR(CudaStatus(LaunchTranspose4D(call.stream, w, result, nhwc ? krsc : kcrs,
                                                     nhwc ? kFromKrsc : kFromKcrs, elem),
                                   "filter gradient transpose"));
  }
  return OkStatus();
}

}  // namespace tfc
