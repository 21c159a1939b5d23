#pragma once
// NumPy <-> Tensor. Feeds are copied into tensors we own (a kernel may keep or forward its
// input, and the caller's array must stay theirs); fetches share the tensor's buffer when the
// result is its only holder, as TF 1.x does, and copy otherwise (e.g. a variable's storage).
#include <nanobind/nanobind.h>

#include "core/framework/status.h"
#include "core/framework/tensor.h"

namespace tfc::py {

// Accepts ndarrays of every TF dtype (np.float16, ml_dtypes.bfloat16, complex, bool, the
// quantized record dtypes), bytes/str arrays and object arrays of bytes/str (-> DT_STRING),
// and anything np.asarray accepts. The GIL must be held.
Status NdarrayToTensor(nanobind::handle obj, Tensor* out);

// Returns a new ndarray; 0-d for scalars, object arrays of bytes for strings. Consumes `t`.
// Throws StatusException for dtypes NumPy cannot hold (resource, variant). The GIL must be held.
nanobind::object TensorToNdarray(Tensor&& t);

void init_ndarray(nanobind::module_& m);

}  // namespace tfc::py
