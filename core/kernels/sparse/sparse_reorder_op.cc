// SparseReorder: sorts a SparseTensor's entries into row-major (lexicographic index) order,
// moving the values with them. Equal index rows keep their relative order. Checks and messages
// follow TF (TF 1.15's op checks; TF's later SparseTensor validation where 1.15 aborted).
#include <algorithm>
#include <cstring>
#include <numeric>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/array/array_copy.h"

namespace tfc {
namespace {

class SparseReorderOp : public OpKernel {
 public:
  explicit SparseReorderOp(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& ind = ctx->input(0);
    const Tensor& val = ctx->input(1);
    const Tensor& shape = ctx->input(2);
    OP_REQUIRES(ctx, ind.dims() == 2,
                errors::InvalidArgument("Input indices should be a matrix but received shape ",
                                        ind.shape().DebugString()));
    OP_REQUIRES(ctx, val.dims() == 1,
                errors::InvalidArgument("Input values should be a vector but received shape ",
                                        val.shape().DebugString()));
    OP_REQUIRES(ctx, shape.dims() == 1,
                errors::InvalidArgument("Input shape should be a vector but received shape ",
                                        shape.shape().DebugString()));
    const int64_t n = ind.dim_size(0);
    const int64_t rank = ind.dim_size(1);
    // TF 1.15 CHECK-failed on these two; the messages are those of TF's later validation.
    OP_REQUIRES(ctx, n == val.dim_size(0),
                errors::InvalidArgument("Number of elements in indices (", n, ") and values (",
                                        val.dim_size(0), ") do not match"));
    OP_REQUIRES(ctx, shape.NumElements() == rank,
                errors::InvalidArgument("Index rank (", rank, ") and shape rank (",
                                        shape.NumElements(), ") do not match"));
    const int64_t* ip = ind.data<int64_t>();
    std::vector<int64_t> perm(n);
    std::iota(perm.begin(), perm.end(), 0);
    auto less = [&](int64_t a, int64_t b) {
      return std::lexicographical_compare(ip + a * rank, ip + (a + 1) * rank, ip + b * rank,
                                          ip + (b + 1) * rank);
    };
    if (std::is_sorted(perm.begin(), perm.end(), less)) {
      ctx->set_output(0, ind);
      ctx->set_output(1, val);
      return;
    }
    std::stable_sort(perm.begin(), perm.end(), less);
    Tensor* out_ind = nullptr;
    Tensor* out_val = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, ind.shape(), &out_ind));
    OP_REQUIRES_OK(ctx, ctx->allocate_output(1, val.shape(), &out_val));
    int64_t* oi = out_ind->data<int64_t>();
    for (int64_t i = 0; i < n; ++i) {
      std::copy(ip + perm[i] * rank, ip + (perm[i] + 1) * rank, oi + i * rank);
    }
    if (val.dtype() == DT_STRING) {
      const tstring* src = val.data<tstring>();
      tstring* dst = out_val->data<tstring>();
      for (int64_t i = 0; i < n; ++i) dst[i] = src[perm[i]];
    } else {
      const size_t size = DataTypeSize(val.dtype());
      const char* src = static_cast<const char*>(val.raw_data());
      char* dst = static_cast<char*>(out_val->raw_data());
      for (int64_t i = 0; i < n; ++i) std::memcpy(dst + i * size, src + perm[i] * size, size);
    }
  }
};

REGISTER_KERNEL_BUILDER(
    Name("SparseReorder").Device(DEVICE_CPU).TypeConstraint("T", array::AllArrayTypes()),
    SparseReorderOp);

}  // namespace
}  // namespace tfc
