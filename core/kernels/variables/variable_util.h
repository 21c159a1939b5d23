#pragma once
// Small helpers shared by the variable kernels.
#include <cstring>

#include "core/framework/op_kernel.h"
#include "core/framework/resource_handle.h"

namespace tfc {
namespace variable_util {

// Copies src's elements into dst, which must hold as many of the same dtype. Either may be in
// a GPU's memory (variables on a GPU use the same kernels).
inline Status CopyValues(const Tensor& src, Tensor* dst) {
  const int64_t n = src.NumElements();
  if ((src.OnDevice() || dst->OnDevice()) && src.TotalBytes() > 0) {
    if (src.OnDevice() && dst->OnDevice()) {
      return dst->buffer()->device_allocator()->CopyWithinDevice(src.raw_data(), dst->raw_data(),
                                                                 src.TotalBytes());
    }
    if (dst->OnDevice()) {
      return dst->buffer()->device_allocator()->CopyFromHost(src.raw_data(), dst->raw_data(),
                                                             src.TotalBytes());
    }
    return src.buffer()->device_allocator()->CopyToHost(src.raw_data(), dst->raw_data(),
                                                        src.TotalBytes());
  }
  if (src.dtype() == DT_STRING) {
    for (int64_t i = 0; i < n; ++i) dst->data<tstring>()[i] = src.data<tstring>()[i];
  } else if (src.dtype() == DT_RESOURCE) {
    for (int64_t i = 0; i < n; ++i) dst->data<ResourceHandle>()[i] = src.data<ResourceHandle>()[i];
  } else if (src.TotalBytes() > 0) {
    std::memmove(dst->raw_data(), src.raw_data(), src.TotalBytes());
  }
  return OkStatus();
}

// A fresh tensor with src's dtype, shape and values.
inline Status CopyToNewTensor(OpKernelContext* ctx, const Tensor& src, Tensor* out) {
  TFC_RETURN_IF_ERROR(ctx->allocate_temp(src.dtype(), src.shape(), out));
  return CopyValues(src, out);
}

}  // namespace variable_util
}  // namespace tfc
