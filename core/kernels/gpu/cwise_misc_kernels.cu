// Select, SelectV2, Fill, OnesLike and AddN. Selecting and filling only move elements, so they
// run on a same-sized unsigned carrier type: one instantiation serves float, int64 and double.
#include "core/kernels/gpu/cwise_device_loops.h"

namespace tfc {
namespace gpu {
namespace {

size_t ElementSize(CwiseType type) {
  switch (type) {
    case CwiseType::kFloat: return 4;
    case CwiseType::kDouble: return 8;
    case CwiseType::kHalf: return 2;
    case CwiseType::kInt64: return 8;
    case CwiseType::kBool: return 1;
  }
  return 0;
}

// Calls fn(U{}) with U the unsigned carrier of the type's element size.
template <typename Fn>
cudaError_t ByElementSize(CwiseType type, Fn&& fn) {
  switch (ElementSize(type)) {
    case 1: return fn(uint8_t());
    case 2: return fn(uint16_t());
    case 4: return fn(uint32_t());
    case 8: return fn(uint64_t());
    default: return cudaErrorInvalidValue;
  }
}

template <typename U>
__global__ void SelectKernel(const bool* __restrict__ cond, int64_t inner,
                             const U* __restrict__ t, const U* __restrict__ e,
                             U* __restrict__ out, int64_t n) {
  for (int64_t i = GlobalThread(); i < n; i += GridStride()) {
    out[i] = cond[i / inner] ? t[i] : e[i];
  }
}

template <typename U>
__global__ void SelectV2SameShapeKernel(const bool* __restrict__ cond, const U* __restrict__ t,
                                        const U* __restrict__ e, U* __restrict__ out,
                                        int64_t n) {
  for (int64_t i = GlobalThread(); i < n; i += GridStride()) {
    out[i] = cond[i] ? t[i] : e[i];
  }
}

template <typename U>
__global__ void SelectV2BcastKernel(const bool* __restrict__ cond, const U* __restrict__ t,
                                    const U* __restrict__ e, U* __restrict__ out, int64_t n,
                                    BcastIndex idx) {
  for (int64_t i = GlobalThread(); i < n; i += GridStride()) {
    int64_t off[3];
    BcastOffsets<3>(idx, i, off);
    out[i] = cond[off[0]] ? t[off[1]] : e[off[2]];
  }
}

template <typename U>
__global__ void FillKernel(const U* __restrict__ value, U* __restrict__ out, int64_t n) {
  const U v = *value;
  for (int64_t i = GlobalThread(); i < n; i += GridStride()) out[i] = v;
}

template <typename T>
__global__ void FillConstantKernel(T v, T* __restrict__ out, int64_t n) {
  for (int64_t i = GlobalThread(); i < n; i += GridStride()) out[i] = v;
}

// Adds the inputs in list order, as the CPU kernel does, in the compute type C.
template <typename T, typename C>
__global__ void AddNKernel(AddNInputs in, const C* prev, C* acc, T* __restrict__ out,
                           int64_t n) {
  for (int64_t i = GlobalThread(); i < n; i += GridStride()) {
    int k = 0;
    C s;
    if (prev != nullptr) {
      s = prev[i];
    } else {
      s = Load<C>(static_cast<const T*>(in.ptr[0])[i]);
      k = 1;
    }
    for (; k < in.count; ++k) s = s + Load<C>(static_cast<const T*>(in.ptr[k])[i]);
    if (acc != nullptr) {
      acc[i] = s;
    } else {
      out[i] = Store<T>(s);
    }
  }
}

template <CwiseType kType>
cudaError_t LaunchAddNT(cudaStream_t stream, const AddNInputs& inputs, const void* prev,
                        void* acc, void* out, int64_t n) {
  using T = typename TypeOf<kType>::T;
  using C = typename TypeOf<kType>::C;
  AddNKernel<T, C><<<CwiseBlocks(n), kCwiseThreads, 0, stream>>>(
      inputs, static_cast<const C*>(prev), static_cast<C*>(acc), static_cast<T*>(out), n);
  return cudaGetLastError();
}

}  // namespace

cudaError_t LaunchSelect(cudaStream_t stream, CwiseType type, const bool* cond, int64_t inner,
                         const void* t, const void* e, void* out, int64_t n) {
  if (n <= 0) return cudaSuccess;
  if (inner < 1) return cudaErrorInvalidValue;
  return ByElementSize(type, [&](auto zero) {
    using U = decltype(zero);
    SelectKernel<U><<<CwiseBlocks(n), kCwiseThreads, 0, stream>>>(
        cond, inner, static_cast<const U*>(t), static_cast<const U*>(e), static_cast<U*>(out),
        n);
    return cudaGetLastError();
  });
}

cudaError_t LaunchSelectV2(cudaStream_t stream, CwiseType type, bool same_shape,
                           const BcastIndex& index, const bool* cond, const void* t,
                           const void* e, void* out, int64_t n) {
  if (n <= 0) return cudaSuccess;
  return ByElementSize(type, [&](auto zero) {
    using U = decltype(zero);
    const U* tp = static_cast<const U*>(t);
    const U* ep = static_cast<const U*>(e);
    U* op = static_cast<U*>(out);
    if (same_shape) {
      SelectV2SameShapeKernel<U><<<CwiseBlocks(n), kCwiseThreads, 0, stream>>>(cond, tp, ep, op,
                                                                               n);
    } else {
      SelectV2BcastKernel<U><<<CwiseBlocks(n), kCwiseThreads, 0, stream>>>(cond, tp, ep, op, n,
                                                                           index);
    }
    return cudaGetLastError();
  });
}

cudaError_t LaunchFill(cudaStream_t stream, CwiseType type, const void* value, void* out,
                       int64_t n) {
  if (n <= 0) return cudaSuccess;
  return ByElementSize(type, [&](auto zero) {
    using U = decltype(zero);
    FillKernel<U><<<CwiseBlocks(n), kCwiseThreads, 0, stream>>>(static_cast<const U*>(value),
                                                                static_cast<U*>(out), n);
    return cudaGetLastError();
  });
}

cudaError_t LaunchFillOnes(cudaStream_t stream, CwiseType type, void* out, int64_t n) {
  if (n <= 0) return cudaSuccess;
  const int blocks = CwiseBlocks(n);
  switch (type) {
    case CwiseType::kFloat:
      FillConstantKernel<float><<<blocks, kCwiseThreads, 0, stream>>>(1.0f,
                                                                      static_cast<float*>(out), n);
      break;
    case CwiseType::kDouble:
      FillConstantKernel<double><<<blocks, kCwiseThreads, 0, stream>>>(
          1.0, static_cast<double*>(out), n);
      break;
    case CwiseType::kHalf:
      // 0x3C00 is 1.0 in IEEE half.
      FillConstantKernel<uint16_t><<<blocks, kCwiseThreads, 0, stream>>>(
          uint16_t{0x3C00}, static_cast<uint16_t*>(out), n);
      break;
    case CwiseType::kInt64:
      FillConstantKernel<int64_t><<<blocks, kCwiseThreads, 0, stream>>>(
          int64_t{1}, static_cast<int64_t*>(out), n);
      break;
    case CwiseType::kBool:
      FillConstantKernel<bool><<<blocks, kCwiseThreads, 0, stream>>>(true,
                                                                     static_cast<bool*>(out), n);
      break;
  }
  return cudaGetLastError();
}

cudaError_t LaunchAddN(cudaStream_t stream, CwiseType type, const AddNInputs& inputs,
                       const void* prev, void* acc, void* out, int64_t n) {
  if (n <= 0) return cudaSuccess;
  if (inputs.count < 1 || inputs.count > kAddNMaxInputs) return cudaErrorInvalidValue;
  switch (type) {
    case CwiseType::kFloat:
      return LaunchAddNT<CwiseType::kFloat>(stream, inputs, prev, acc, out, n);
    case CwiseType::kDouble:
      return LaunchAddNT<CwiseType::kDouble>(stream, inputs, prev, acc, out, n);
    case CwiseType::kHalf:
      return LaunchAddNT<CwiseType::kHalf>(stream, inputs, prev, acc, out, n);
    default:
      return cudaErrorInvalidValue;
  }
}

}  // namespace gpu
}  // namespace tfc
