// Cumsum/Cumprod: one thread per line along the scan axis, walking it sequentially (exclusive
// and reverse as TF's flags). Neighbouring threads take neighbouring inner positions, so each
// step's reads and writes coalesce.
#include "core/kernels/gpu/scan_kernels.h"

#include <algorithm>

namespace tfc {
namespace gpu {
namespace {

int GridFor(int64_t n) {
  const int64_t blocks = (n + 255) / 256;
  return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(blocks, 65535LL * 8)));
}

template <typename T>
struct Acc {
  using type = T;
  __device__ static T Load(T v) { return v; }
  __device__ static T Store(T v) { return v; }
};
template <>
struct Acc<__half> {
  using type = float;
  __device__ static float Load(__half v) { return __half2float(v); }
  __device__ static __half Store(float v) { return __float2half_rn(v); }
};

template <typename T, bool kProd>
__global__ void ScanKernel(const T* __restrict__ x, int64_t outer, int64_t n, int64_t inner,
                           bool exclusive, bool reverse, T* __restrict__ out) {
  using A = typename Acc<T>::type;
  const int64_t lines = outer * inner;
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t t = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; t < lines;
       t += stride) {
    const int64_t o = t / inner, i = t % inner;
    const int64_t base = o * n * inner + i;
    A acc = kProd ? A(1) : A(0);
    for (int64_t step = 0; step < n; ++step) {
      const int64_t j = reverse ? n - 1 - step : step;
      const int64_t at = base + j * inner;
      const A v = Acc<T>::Load(x[at]);
      if (exclusive) {
        out[at] = Acc<T>::Store(acc);
        acc = kProd ? acc * v : acc + v;
      } else {
        acc = kProd ? acc * v : acc + v;
        out[at] = Acc<T>::Store(acc);
      }
    }
  }
}

}  // namespace

template <typename T>
cudaError_t LaunchScan(cudaStream_t stream, bool prod, bool exclusive, bool reverse, const T* x,
                       int64_t outer, int64_t n, int64_t inner, T* out) {
  const int64_t lines = outer * inner;
  if (lines == 0 || n == 0) return cudaSuccess;
  if (prod) {
    ScanKernel<T, true><<<GridFor(lines), 256, 0, stream>>>(x, outer, n, inner, exclusive,
                                                            reverse, out);
  } else {
    ScanKernel<T, false><<<GridFor(lines), 256, 0, stream>>>(x, outer, n, inner, exclusive,
                                                             reverse, out);
  }
  return cudaGetLastError();
}

template cudaError_t LaunchScan<float>(cudaStream_t, bool, bool, bool, const float*, int64_t,
                                       int64_t, int64_t, float*);
template cudaError_t LaunchScan<double>(cudaStream_t, bool, bool, bool, const double*, int64_t,
                                        int64_t, int64_t, double*);
template cudaError_t LaunchScan<__half>(cudaStream_t, bool, bool, bool, const __half*, int64_t,
                                        int64_t, int64_t, __half*);

}  // namespace gpu
}  // namespace tfc
