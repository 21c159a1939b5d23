// ReverseSequence: along seq_dim, the first seq_lengths[b] entries of each batch row reversed;
// the rest copied as they are.
#include <cstring>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"

namespace tfc {
namespace {

template <typename Tlen>
class ReverseSequenceOp : public OpKernel {
 public:
  explicit ReverseSequenceOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("seq_dim", &seq_dim_));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("batch_dim", &batch_dim_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& lens_t = ctx->input(1);
    const int64_t rank = input.dims();
    OP_REQUIRES(ctx, lens_t.dims() == 1,
                errors::InvalidArgument("seq_lens input must be 1-dim, not ", lens_t.dims()));
    OP_REQUIRES(ctx, batch_dim_ != seq_dim_,
                errors::InvalidArgument("batch_dim == seq_dim == ", seq_dim_));
    OP_REQUIRES(ctx, seq_dim_ >= 0 && seq_dim_ < rank,
                errors::InvalidArgument("Invalid seq_dim ", seq_dim_));
    OP_REQUIRES(ctx, batch_dim_ >= 0 && batch_dim_ < rank,
                errors::InvalidArgument("Invalid batch_dim ", batch_dim_));
    OP_REQUIRES(ctx, lens_t.NumElements() == input.dim_size(batch_dim_),
                errors::InvalidArgument("Length of seq_lens(", lens_t.NumElements(),
                                        ") != input.dims(", batch_dim_, "), ", "(",
                                        input.dim_size(batch_dim_), " vs. ",
                                        lens_t.NumElements(), ")"));
    const Tlen* lens = lens_t.data<Tlen>();
    for (int64_t d = 0; d < lens_t.NumElements(); ++d) {
      OP_REQUIRES(ctx, lens[d] >= 0, errors::InvalidArgument("seq_lens(", d, ") < 0"));
      OP_REQUIRES(ctx, static_cast<int64_t>(lens[d]) <= input.dim_size(seq_dim_),
                  errors::InvalidArgument("seq_lens(", d, ") > input.dims(", seq_dim_, "), ",
                                          "(", lens[d], " vs. ", input.dim_size(seq_dim_),
                                          ")"));
    }
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, input.shape(), &out));
    const int64_t n = input.NumElements();
    if (n == 0) return;
    // Element strides of every dim; one element is `elem` bytes (strings are copied as such).
    std::vector<int64_t> stride(rank, 1);
    for (int64_t i = rank - 2; i >= 0; --i) stride[i] = stride[i + 1] * input.dim_size(i + 1);
    const int64_t seq_stride = stride[seq_dim_], batch_stride = stride[batch_dim_];
    const int64_t seq_size = input.dim_size(seq_dim_), batch_size = input.dim_size(batch_dim_);
    const DataType dt = input.dtype();
    const bool is_string = dt == DT_STRING;
    const int64_t elem = is_string ? 0 : DataTypeSize(dt);
    const char* src = static_cast<const char*>(input.raw_data());
    char* dst = static_cast<char*>(out->raw_data());
    for (int64_t i = 0; i < n; ++i) {
      const int64_t s = (i / seq_stride) % seq_size;
      const int64_t b = (i / batch_stride) % batch_size;
      const int64_t len = static_cast<int64_t>(lens[b]);
      const int64_t j = s < len ? i + (len - 1 - 2 * s) * seq_stride : i;
      if (is_string) {
        out->data<tstring>()[i] = input.data<tstring>()[j];
      } else {
        std::memcpy(dst + i * elem, src + j * elem, elem);
      }
    }
  }

 private:
  int64_t seq_dim_ = 0, batch_dim_ = 0;
};

REGISTER_KERNEL_BUILDER(Name("ReverseSequence").Device(DEVICE_CPU).TypeConstraint<int32_t>("Tlen"),
                        ReverseSequenceOp<int32_t>);
REGISTER_KERNEL_BUILDER(Name("ReverseSequence").Device(DEVICE_CPU).TypeConstraint<int64_t>("Tlen"),
                        ReverseSequenceOp<int64_t>);

}  // namespace
}  // namespace tfc
