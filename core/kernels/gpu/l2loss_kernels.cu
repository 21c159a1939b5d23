// L2Loss: each block folds a grid-stride share of x ** 2 through a shared-memory tree into one
// partial, and one block folds the partials, halves the sum and rounds it to T.
#include "core/kernels/gpu/l2loss_kernels.h"

#include <algorithm>
#include <type_traits>

#include "core/kernels/gpu/reduce_block.h"

namespace tfc {
namespace gpu {
namespace {

constexpr int kMaxL2Blocks = 1024;

template <typename T>
using L2Acc = std::conditional_t<std::is_same_v<T, double>, double, float>;

template <typename T, typename Acc>
__global__ void L2PartialKernel(const T* __restrict__ x, int64_t n, Acc* __restrict__ partials) {
  __shared__ Acc shm[kReduceBlock];
  Acc sum = Acc(0);
  const int64_t stride = static_cast<int64_t>(blockDim.x) * gridDim.x;
  for (int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < n;
       i += stride) {
    const Acc v = ConvertTo<Acc, T>(x[i]);
    sum += v * v;
  }
  sum = BlockReduce<AddOp, Acc>(sum, shm);
  if (threadIdx.x == 0) partials[blockIdx.x] = sum;
}

template <typename T, typename Acc>
__global__ void L2FinalKernel(const Acc* __restrict__ partials, int blocks, T* __restrict__ out) {
  __shared__ Acc shm[kReduceBlock];
  Acc sum = Acc(0);
  for (int i = threadIdx.x; i < blocks; i += blockDim.x) sum += partials[i];
  sum = BlockReduce<AddOp, Acc>(sum, shm);
  // Halving is exact, so halving the total equals the CPU's sum of halved squares.
  if (threadIdx.x == 0) out[0] = ConvertTo<T, Acc>(sum * Acc(0.5));
}

}  // namespace

int L2LossBlocks(int64_t n) {
  const int64_t blocks = (n + kReduceBlock - 1) / kReduceBlock;
  return static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(blocks, kMaxL2Blocks)));
}

template <typename T>
cudaError_t LaunchL2Loss(cudaStream_t stream, const T* x, int64_t n, void* partials, T* out) {
  using Acc = L2Acc<T>;
  const int blocks = L2LossBlocks(n);
  Acc* acc = static_cast<Acc*>(partials);
  L2PartialKernel<T, Acc><<<blocks, kReduceBlock, 0, stream>>>(x, n, acc);
  cudaError_t err = cudaGetLastError();
  if (err != cudaSuccess) return err;
  L2FinalKernel<T, Acc><<<1, kReduceBlock, 0, stream>>>(acc, blocks, out);
  return cudaGetLastError();
}

template cudaError_t LaunchL2Loss<float>(cudaStream_t, const float*, int64_t, void*, float*);
template cudaError_t LaunchL2Loss<double>(cudaStream_t, const double*, int64_t, void*, double*);
template cudaError_t LaunchL2Loss<__half>(cudaStream_t, const __half*, int64_t, void*, __half*);

}  // namespace gpu
}  // namespace tfc
