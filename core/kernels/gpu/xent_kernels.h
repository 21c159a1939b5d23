#pragma once
// Launchers for SoftmaxCrossEntropyWithLogits and SparseSoftmaxCrossEntropyWithLogits on the
// GPU (nvcc and g++).
#include <cuda_fp16.h>
#include <cuda_runtime_api.h>

#include <cstdint>

namespace tfc {
namespace gpu {

// Element (r, c) of a logits or labels input that broadcasts to [rows, cols] sits at
// r * row + c * col (a stride of 0 repeats it).
struct XentStrides {
  int64_t row = 0, col = 0;
};

// loss[r] = sum_c labels * (logsumexp(logits[r]) - logits[r, c]);
// backprop[r, c] = softmax(logits[r])[c] - labels[r, c]. rows, cols >= 1.
template <typename T>
cudaError_t LaunchSoftmaxXent(cudaStream_t stream, const T* logits, XentStrides logit_strides,
                              const T* labels, XentStrides label_strides, int64_t rows,
                              int64_t cols, T* loss, T* backprop);

// The same with one class index per row (labels in device memory). A label outside [0, cols)
// gives a NaN loss and a NaN backprop row, as TensorFlow's GPU kernel does (the CPU kernel
// raises InvalidArgument instead). Index: int32_t or int64_t.
template <typename T, typename Index>
cudaError_t LaunchSparseSoftmaxXent(cudaStream_t stream, const T* logits, const Index* labels,
                                    int64_t rows, int64_t cols, T* loss, T* backprop);

}  // namespace gpu
}  // namespace tfc
