#pragma once
// Layout helpers shared by the array kernels. Data movement only depends on the element size,
// so kernels dispatch on a same-sized carrier type: one instantiation serves float, int32 and
// uint32 alike, which keeps compile time low. Strings keep their own type.
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"

namespace tfc {
namespace array {

struct Bytes16 {
  uint64_t lo, hi;
};

// Calls fn(U{}) with U the carrier for dtype's elements; false for unsupported types.
template <typename Fn>
bool DispatchByElementSize(DataType dt, Fn&& fn) {
  if (dt == DT_STRING) {
    fn(tstring());
    return true;
  }
  switch (DataTypeSize(dt)) {
    case 1: fn(uint8_t()); return true;
    case 2: fn(uint16_t()); return true;
    case 4: fn(uint32_t()); return true;
    case 8: fn(uint64_t()); return true;
    case 16: fn(Bytes16()); return true;
    default: return false;
  }
}

template <typename U>
inline void CopyElements(U* dst, const U* src, int64_t n) {
  if constexpr (std::is_trivially_copyable_v<U>) {
    if (n > 0) std::memcpy(dst, src, static_cast<size_t>(n) * sizeof(U));
  } else {
    for (int64_t i = 0; i < n; ++i) dst[i] = src[i];
  }
}

// Row-major strides in elements.
inline std::vector<int64_t> RowMajorStrides(const std::vector<int64_t>& dims) {
  std::vector<int64_t> s(dims.size(), 1);
  for (int i = static_cast<int>(dims.size()) - 2; i >= 0; --i) s[i] = s[i + 1] * dims[i + 1];
  return s;
}

// out[i_0, ..., i_{n-1}] = in[sum_k maps[k][i_k]], where a negative map entry means "padding"
// (the element becomes pad_value). Slice, StridedSlice, Transpose, Tile, Pad and MirrorPad are
// all this gather with different per-dimension maps; contiguous runs of the innermost map are
// copied as blocks.
template <typename U>
void GatherByDimMaps(const OpKernelContext* ctx, const U* in,
                     const std::vector<std::vector<int64_t>>& maps, const U& pad_value, U* out) {
  const int rank = static_cast<int>(maps.size());
  if (rank == 0) {
    out[0] = in[0];
    return;
  }
  const std::vector<int64_t>& inner = maps[rank - 1];
  const int64_t inner_n = static_cast<int64_t>(inner.size());
  if (inner_n == 0) return;
  // Runs of the innermost map: [out_start, len, in_offset or -1 for padding].
  struct Run { int64_t start, len, src; };
  std::vector<Run> runs;
  for (int64_t j = 0; j < inner_n;) {
    int64_t k = j + 1;
    if (inner[j] < 0) {
      while (k < inner_n && inner[k] < 0) ++k;
      runs.push_back({j, k - j, -1});
    } else {
      while (k < inner_n && inner[k] == inner[k - 1] + 1) ++k;
      runs.push_back({j, k - j, inner[j]});
    }
    j = k;
  }
  // A strided inner map (e.g. a negative or >1 step) copies element by element directly.
  bool singletons = static_cast<int64_t>(runs.size()) == inner_n;
  for (const Run& run : runs) singletons &= run.src >= 0;
  int64_t outer = 1;
  for (int d = 0; d < rank - 1; ++d) outer *= static_cast<int64_t>(maps[d].size());
  if (outer == 0) return;

  auto do_rows = [&](int64_t begin, int64_t end) {
    std::vector<int64_t> idx(rank > 1 ? rank - 1 : 0, 0);
    // Decompose `begin` into a multi-index over the outer dims.
    int64_t r = begin;
    for (int d = rank - 2; d >= 0; --d) {
      const int64_t n = static_cast<int64_t>(maps[d].size());
      idx[d] = r % n;
      r /= n;
    }
    for (int64_t row = begin; row < end; ++row) {
      int64_t base = 0;
      bool padded = false;
      for (int d = 0; d < rank - 1; ++d) {
        const int64_t m = maps[d][idx[d]];
        if (m < 0) { padded = true; break; }
        base += m;
      }
      U* dst = out + row * inner_n;
      if (padded) {
        for (int64_t j = 0; j < inner_n; ++j) dst[j] = pad_value;
      } else if (singletons) {
        const U* src = in + base;
        for (int64_t j = 0; j < inner_n; ++j) dst[j] = src[inner[j]];
      } else {
        for (const Run& run : runs) {
          if (run.src < 0) {
            for (int64_t j = 0; j < run.len; ++j) dst[run.start + j] = pad_value;
          } else if (run.len == 1) {
            dst[run.start] = in[base + run.src];
          } else {
            CopyElements(dst + run.start, in + base + run.src, run.len);
          }
        }
      }
      for (int d = rank - 2; d >= 0; --d) {
        if (++idx[d] < static_cast<int64_t>(maps[d].size())) break;
        idx[d] = 0;
      }
    }
  };
  if (ctx != nullptr && outer * inner_n > 32768) {
    ctx->ParallelFor(outer, inner_n * 2 + 10, do_rows);
  } else {
    do_rows(0, outer);
  }
}

// Every type the data-movement kernels are registered for (TF_CALL_ALL_TYPES).
inline DataTypeVector AllArrayTypes() {
  return {DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16, DT_INT8, DT_INT16, DT_INT32, DT_INT64,
          DT_UINT8, DT_UINT16, DT_UINT32, DT_UINT64, DT_BOOL, DT_COMPLEX64, DT_COMPLEX128,
          DT_STRING};
}

// Reads a 1-D or scalar int32/int64 tensor as int64 values.
inline std::vector<int64_t> IntTensorToVector(const Tensor& t) {
  std::vector<int64_t> v(t.NumElements());
  if (t.dtype() == DT_INT32) {
    const int32_t* p = t.data<int32_t>();
    for (size_t i = 0; i < v.size(); ++i) v[i] = p[i];
  } else if (t.dtype() == DT_INT64) {
    const int64_t* p = t.data<int64_t>();
    for (size_t i = 0; i < v.size(); ++i) v[i] = p[i];
  }
  return v;
}

// Canonical "[2,3]" form of a list of ints, as TF prints shapes and index lists.
inline std::string JoinInts(const std::vector<int64_t>& v, const char* sep = ",") {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += sep;
    s += std::to_string(v[i]);
  }
  return s;
}

}  // namespace array
}  // namespace tfc
