#pragma once
// Var: the state of a resource variable (VarHandleOp & co.). Its tensor is guarded by mu();
// readers take the tensor (sharing its buffer) under the lock, and writers that update in place
// first copy the buffer when someone else still holds it (PrepareToUpdateVariable in
// core/kernels/variables/training_op_helpers.h), so a value once read never changes.
#include <mutex>
#include <string>

#include "core/framework/resource_mgr.h"
#include "core/framework/tensor.h"

namespace tfc {

class Var : public ResourceBase {
 public:
  // TF's mangled name, so lookup errors read as TensorFlow's.
  static constexpr char kResourceTypeName[] = "N10tensorflow3VarE";

  explicit Var(DataType dtype) : dtype_(dtype) {}
  std::mutex* mu() { return &mu_; }
  Tensor* tensor() { return &tensor_; }
  DataType dtype() const { return dtype_; }
  std::string DebugString() const override {
    return StrCat(DataTypeString(dtype_), "/", tensor_.shape().DebugString());
  }
  int64_t MemoryUsed() const override { return static_cast<int64_t>(tensor_.TotalBytes()); }

  // Set by the first assignment; reads of an unset variable fail.
  bool is_initialized = false;

 private:
  std::mutex mu_;
  DataType dtype_;
  Tensor tensor_;
};

}  // namespace tfc
