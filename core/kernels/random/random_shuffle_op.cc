// RandomShuffle along dimension 0: TF's Fisher-Yates variant (position i swaps with
// i + u % (n - i)), drawing exactly n-1 32-bit words from a (n-1+3)/4-block reservation.
#include <numeric>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/kernels/array/array_copy.h"
#include "core/kernels/random/random_op_util.h"

namespace tfc {
namespace {

class RandomShuffleOp : public OpKernel {
 public:
  explicit RandomShuffleOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, random_util::InitGenerator(c, &generator_));
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    if (input.NumElements() <= 1 || input.dim_size(0) <= 1) {
      ctx->set_output(0, input);
      return;
    }
    const int64_t size = input.dim_size(0);
    random::PhiloxRandom local = generator_.ReserveSamples32(size - 1);
    random::SingleSampleAdapter<random::PhiloxRandom> single(&local);
    std::vector<int64_t> perm(size);
    std::iota(perm.begin(), perm.end(), 0);
    for (int64_t i = 0; i + 1 < size; ++i) {
      const uint64_t n = static_cast<uint64_t>(size - i);
      uint64_t r;
      if (size < 0x7fffffffLL) {
        r = single() % static_cast<uint32_t>(n);
      } else {
        const uint64_t hi = single();
        r = ((hi << 32) | single()) % n;
      }
      std::swap(perm[i], perm[i + r]);
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, input.shape(), &out));
    const int64_t row = input.NumElements() / size;
    array::DispatchByElementSize(input.dtype(), [&](auto zero) {
      using U = decltype(zero);
      const U* src = input.data<U>();
      U* dst = out->data<U>();
      for (int64_t i = 0; i < size; ++i) {
        for (int64_t k = 0; k < row; ++k) dst[i * row + k] = src[perm[i] * row + k];
      }
    });
  }

 private:
  random::GuardedPhiloxRandom generator_;
};

REGISTER_KERNEL_BUILDER(Name("RandomShuffle").Device(DEVICE_CPU), RandomShuffleOp);

}  // namespace
}  // namespace tfc
