// Softmax and LogSoftmax: one block per row, stabilised by the row maximum like the CPU kernel
// (max, then the sum of exp(x - max), then the outputs).
#include "core/kernels/gpu/softmax_kernels.h"

#include <math.h>

#include <algorithm>

#include "core/kernels/gpu/reduce_block.h"

namespace tfc {
namespace gpu {
namespace {

template <typename T>
struct ComputeOf { using type = float; };
template <>
struct ComputeOf<double> { using type = double; };

template <typename T, typename C, bool kLog>
__global__ void SoftmaxKernel(const T* __restrict__ x, int64_t rows, int64_t depth,
                              T* __restrict__ y) {
  __shared__ C shm[kReduceBlock];
  for (int64_t r = blockIdx.x; r < rows; r += gridDim.x) {
    const T* in = x + r * depth;
    T* out = y + r * depth;
    C mx = -static_cast<C>(INFINITY);
    for (int64_t j = threadIdx.x; j < depth; j += blockDim.x) {
      mx = MaxOp::Apply(mx, ConvertTo<C, T>(in[j]));
    }
    mx = BlockReduce<MaxOp>(mx, shm);
    C sum = 0;
    for (int64_t j = threadIdx.x; j < depth; j += blockDim.x) {
      sum += exp(ConvertTo<C, T>(in[j]) - mx);
    }
    sum = BlockReduce<AddOp>(sum, shm);
    if (kLog) {
      const C log_sum = log(sum);
      for (int64_t j = threadIdx.x; j < depth; j += blockDim.x) {
        out[j] = ConvertTo<T, C>((ConvertTo<C, T>(in[j]) - mx) - log_sum);
      }
    } else {
      const C inv = C(1) / sum;
      for (int64_t j = threadIdx.x; j < depth; j += blockDim.x) {
        out[j] = ConvertTo<T, C>(exp(ConvertTo<C, T>(in[j]) - mx) * inv);
      }
    }
  }
}

}  // namespace

template <typename T>
cudaError_t LaunchSoftmax(cudaStream_t stream, const T* x, int64_t rows, int64_t depth,
                          bool log, T* y) {
  using C = typename ComputeOf<T>::type;
  if (rows == 0 || depth == 0) return cudaSuccess;
  const int grid = static_cast<int>(std::min<int64_t>(rows, 65535LL * 8));
  const int block = BlockSizeFor(depth);
  if (log) {
    SoftmaxKernel<T, C, true><<<grid, block, 0, stream>>>(x, rows, depth, y);
  } else {
    SoftmaxKernel<T, C, false><<<grid, block, 0, stream>>>(x, rows, depth, y);
  }
  return cudaGetLastError();
}

template cudaError_t LaunchSoftmax<float>(cudaStream_t, const float*, int64_t, int64_t, bool,
                                          float*);
template cudaError_t LaunchSoftmax<double>(cudaStream_t, const double*, int64_t, int64_t, bool,
                                           double*);
template cudaError_t LaunchSoftmax<__half>(cudaStream_t, const __half*, int64_t, int64_t, bool,
                                           __half*);

}  // namespace gpu
}  // namespace tfc
