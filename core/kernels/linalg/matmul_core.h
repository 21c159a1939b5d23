#pragma once
// Row-major batched GEMM shared by MatMul, BatchMatMul(V2) and Einsum. float and double read
// transposed operands in place; other types are copied into plain row-major form first
// (transposed / conjugated as asked), so each of them needs a single Eigen product
// instantiation, which keeps compile time low.
#include <cstdint>
#include <vector>

#include "core/framework/op_kernel.h"

namespace tfc {
namespace linalg {

// One operand of a batched product: `batch` matrices of rows x cols, row-major, matrix i at
// data + offsets[i] (offsets lets broadcast batches share a matrix without copying).
template <typename T>
struct MatrixBatch {
  const T* data = nullptr;
  int64_t rows = 0, cols = 0;
  std::vector<int64_t> offsets;
};

// out[i] = op(a[i]) * op(b[i]) where op transposes when trans_* and also conjugates when
// conj_* (adjoint). out is batch x m x n, row-major, m/n/k after op.
template <typename T>
void BatchedMatMul(const OpKernelContext* ctx, const MatrixBatch<T>& a, bool trans_a,
                   bool conj_a, const MatrixBatch<T>& b, bool trans_b, bool conj_b, T* out);

}  // namespace linalg
}  // namespace tfc
