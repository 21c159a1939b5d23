// DynamicPartition on the CPU: the slices data[i...] go to output partitions[i], in order.
#include <cstring>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"

namespace tfc {
namespace {

class DynamicPartitionOp : public OpKernel {
 public:
  explicit DynamicPartitionOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("num_partitions", &num_partitions_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& data = ctx->input(0);
    const Tensor& partitions = ctx->input(1);
    bool prefix = partitions.dims() <= data.dims();
    for (int d = 0; prefix && d < partitions.dims(); ++d) {
      prefix = data.dim_size(d) == partitions.dim_size(d);
    }
    OP_REQUIRES(ctx, prefix,
                errors::InvalidArgument("data.shape must start with partitions.shape, ",
                                        "got data.shape = ", data.shape().DebugString(),
                                        ", partitions.shape = ",
                                        partitions.shape().DebugString()));
    const int64_t n = partitions.NumElements();
    const int32_t* p = partitions.data<int32_t>();
    std::vector<int64_t> counts(num_partitions_, 0);
    for (int64_t i = 0; i < n; ++i) {
      OP_REQUIRES(ctx, p[i] >= 0 && p[i] < num_partitions_,
                  errors::InvalidArgument("partitions", partitions.dims() == 0 ? "" : "[",
                                          partitions.dims() == 0 ? "" : std::to_string(i),
                                          partitions.dims() == 0 ? "" : "]", " = ", p[i],
                                          " is not in [0, ", num_partitions_, ")"));
      ++counts[p[i]];
    }
    TensorShape slice_shape;
    for (int d = partitions.dims(); d < data.dims(); ++d) slice_shape.AddDim(data.dim_size(d));
    const int64_t slice_elems = slice_shape.num_elements();
    const size_t slice_bytes = data.NumElements() == 0 || n == 0
                                   ? 0
                                   : data.TotalBytes() / static_cast<size_t>(n);
    OP_REQUIRES(ctx, DataTypeCanMemcpy(data.dtype()) || slice_elems == 0 || n == 0,
                errors::Unimplemented("DynamicPartition on ", DataTypeString(data.dtype())));
    std::vector<char*> dst(num_partitions_);
    std::vector<Tensor*> outs(num_partitions_);
    for (int64_t k = 0; k < num_partitions_; ++k) {
      TensorShape s = slice_shape;
      s.InsertDim(0, counts[k]);
      OP_REQUIRES_OK(ctx, ctx->allocate_output(static_cast<int>(k), s, &outs[k]));
      dst[k] = static_cast<char*>(outs[k]->raw_data());
    }
    if (data.dtype() == DT_STRING) {
      const tstring* src = data.data<tstring>();
      std::vector<int64_t> next(num_partitions_, 0);
      for (int64_t i = 0; i < n; ++i) {
        tstring* out = outs[p[i]]->data<tstring>() + next[p[i]]++ * slice_elems;
        for (int64_t j = 0; j < slice_elems; ++j) out[j] = src[i * slice_elems + j];
      }
      return;
    }
    const char* src = static_cast<const char*>(data.raw_data());
    for (int64_t i = 0; i < n; ++i) {
      std::memcpy(dst[p[i]], src + i * slice_bytes, slice_bytes);
      dst[p[i]] += slice_bytes;
    }
  }

 private:
  int64_t num_partitions_ = 1;
};

REGISTER_KERNEL_BUILDER(Name("DynamicPartition").Device(DEVICE_CPU), DynamicPartitionOp);

}  // namespace
}  // namespace tfc
