#pragma once
// What the GPU data-movement kernels share (g++ only): their registered dtypes. int32 stays on
// the CPU (TF's host-memory rule for int32), so it is not among them.
#include "core/framework/types.h"

namespace tfc {
namespace gpu {

inline DataTypeVector ShapeOpRealTypes() {
  return {DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE, DT_INT64, DT_BOOL};
}

inline DataTypeVector ShapeOpTypes() {
  DataTypeVector v = ShapeOpRealTypes();
  v.push_back(DT_COMPLEX64);
  v.push_back(DT_COMPLEX128);
  return v;
}

}  // namespace gpu
}  // namespace tfc
