#pragma once
// Restoring from V1 checkpoints (TF's RestoreTensor): shared by Restore, RestoreSlice and
// RestoreV2, which falls back to the V1 reader when the prefix has no V2 `.index`.
#include <string>

#include "core/framework/op_kernel.h"
#include "core/io/tensor_slice_reader.h"

namespace tfc {

// Restores tensor `name` (the slice in `shape_and_slice` when that is not empty) from `reader`
// into output `index`, checking the stored dtype against the output's. Errors go to ctx.
void RestoreTensorV1(OpKernelContext* ctx, const io::TensorSliceReader& reader,
                     const std::string& name, const std::string& shape_and_slice, int index);

}  // namespace tfc
