// Softmax cross-entropy: one block per row computes the row max, the sum of exp(x - max), then
// the loss and the backprop, as the CPU kernel does per row.
#include "core/kernels/gpu/xent_kernels.h"

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

int RowGrid(int64_t rows) { return static_cast<int>(std::min<int64_t>(rows, 65535LL * 8)); }

template <typename T, typename C>
__global__ void SoftmaxXentKernel(const T* __restrict__ logits, XentStrides ls,
                                  const T* __restrict__ labels, XentStrides bs, int64_t rows,
                                  int64_t cols, T* __restrict__ loss, T* __restrict__ backprop) {
  __shared__ C shm[kReduceBlock];
  for (int64_t r = blockIdx.x; r < rows; r += gridDim.x) {
    const T* x = logits + r * ls.row;
    const T* y = labels + r * bs.row;
    C mx = -static_cast<C>(INFINITY);
    for (int64_t j = threadIdx.x; j < cols; j += blockDim.x) {
      mx = MaxOp::Apply(mx, ConvertTo<C, T>(x[j * ls.col]));
    }
    mx = BlockReduce<MaxOp>(mx, shm);
    C sum = 0;
    for (int64_t j = threadIdx.x; j < cols; j += blockDim.x) {
      sum += exp(ConvertTo<C, T>(x[j * ls.col]) - mx);
    }
    sum = BlockReduce<AddOp>(sum, shm);
    const C log_sum = log(sum);
    C l = 0;
    T* bp = backprop + r * cols;
    for (int64_t j = threadIdx.x; j < cols; j += blockDim.x) {
      const C shifted = ConvertTo<C, T>(x[j * ls.col]) - mx;
      const C lab = ConvertTo<C, T>(y[j * bs.col]);
      l += lab * (log_sum - shifted);
      bp[j] = ConvertTo<T, C>(exp(shifted) / sum - lab);
    }
    l = BlockReduce<AddOp>(l, shm);
    if (threadIdx.x == 0) loss[r] = ConvertTo<T, C>(l);
  }
}

template <typename T, typename C, typename Index>
__global__ void SparseSoftmaxXentKernel(const T* __restrict__ logits,
                                        const Index* __restrict__ labels, int64_t rows,
                                        int64_t cols, T* __restrict__ loss,
                                        T* __restrict__ backprop) {
  __shared__ C shm[kReduceBlock];
  for (int64_t r = blockIdx.x; r < rows; r += gridDim.x) {
    const T* x = logits + r * cols;
    T* bp = backprop + r * cols;
    const int64_t label = static_cast<int64_t>(labels[r]);
    if (label < 0 || label >= cols) {
      // Uniform across the block: no thread reaches a BlockReduce below.
      const T nan = ConvertTo<T, C>(static_cast<C>(NAN));
      for (int64_t j = threadIdx.x; j < cols; j += blockDim.x) bp[j] = nan;
      if (threadIdx.x == 0) loss[r] = nan;
      continue;
    }
    C mx = -static_cast<C>(INFINITY);
    for (int64_t j = threadIdx.x; j < cols; j += blockDim.x) {
      mx = MaxOp::Apply(mx, ConvertTo<C, T>(x[j]));
    }
    mx = BlockReduce<MaxOp>(mx, shm);
    C sum = 0;
    for (int64_t j = threadIdx.x; j < cols; j += blockDim.x) {
      sum += exp(ConvertTo<C, T>(x[j]) - mx);
    }
    sum = BlockReduce<AddOp>(sum, shm);
    for (int64_t j = threadIdx.x; j < cols; j += blockDim.x) {
      const C shifted = ConvertTo<C, T>(x[j]) - mx;
      bp[j] = ConvertTo<T, C>(exp(shifted) / sum - (j == label ? C(1) : C(0)));
    }
    if (threadIdx.x == 0) loss[r] = ConvertTo<T, C>(log(sum) - (ConvertTo<C, T>(x[label]) - mx));
  }
}

}  // namespace

template <typename T>
cudaError_t LaunchSoftmaxXent(cudaStream_t stream, const T* logits, XentStrides logit_strides,
                              const T* labels, XentStrides label_strides, int64_t rows,
                              int64_t cols, T* loss, T* backprop) {
  if (rows == 0 || cols == 0) return cudaSuccess;
  SoftmaxXentKernel<T, typename ComputeOf<T>::type>
      <<<RowGrid(rows), BlockSizeFor(cols), 0, stream>>>(logits, logit_strides, labels,
                                                         label_strides, rows, cols, loss,
                                                         backprop);
  return cudaGetLastError();
}

template <typename T, typename Index>
cudaError_t LaunchSparseSoftmaxXent(cudaStream_t stream, const T* logits, const Index* labels,
                                    int64_t rows, int64_t cols, T* loss, T* backprop) {
  if (rows == 0 || cols == 0) return cudaSuccess;
  SparseSoftmaxXentKernel<T, typename ComputeOf<T>::type, Index>
      <<<RowGrid(rows), BlockSizeFor(cols), 0, stream>>>(logits, labels, rows, cols, loss,
                                                         backprop);
  return cudaGetLastError();
}

#define TFC_INSTANTIATE_XENT(T)                                                               \
  template cudaError_t LaunchSoftmaxXent<T>(cudaStream_t, const T*, XentStrides, const T*,    \
                                            XentStrides, int64_t, int64_t, T*, T*);           \
  template cudaError_t LaunchSparseSoftmaxXent<T, int32_t>(cudaStream_t, const T*,            \
                                                           const int32_t*, int64_t, int64_t,  \
                                                           T*, T*);                           \
  template cudaError_t LaunchSparseSoftmaxXent<T, int64_t>(cudaStream_t, const T*,            \
                                                           const int64_t*, int64_t, int64_t,  \
                                                           T*, T*);
TFC_INSTANTIATE_XENT(float)
TFC_INSTANTIATE_XENT(double)
TFC_INSTANTIATE_XENT(__half)
#undef TFC_INSTANTIATE_XENT

}  // namespace gpu
}  // namespace tfc
