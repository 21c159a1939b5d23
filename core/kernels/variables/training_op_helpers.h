#pragma once
// Helpers for kernels that update variables given either as Ref inputs (VariableV2) or as
// DT_RESOURCE handles (VarHandleOp): TF's training_op_helpers. A typical dense update:
//
//   auto locks = MaybeLockVariableInputMutexesInOrder(ctx, use_exclusive_lock_, {0, 1});
//   Tensor var;
//   OP_REQUIRES_OK(ctx, GetInputTensorFromVariable(ctx, 0, /*lock_held=*/use_exclusive_lock_,
//                                                  &var));
//   OP_REQUIRES(ctx, var.IsInitialized(), errors::FailedPrecondition(
//       "Attempting to use uninitialized variables: ", ctx->op_kernel().def().input(0)));
//   ... update var's buffer in place ...
//   MaybeForwardRefInputToRefOutput(ctx, 0, 0);
#include <memory>
#include <mutex>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/resource_var.h"

namespace tfc {

// The locks a kernel holds over its variable inputs, released (and the looked-up Vars unreffed)
// when it goes out of scope.
class VariableInputLockHolder {
 public:
  VariableInputLockHolder() = default;
  VariableInputLockHolder(std::vector<Var*> vars, std::vector<std::mutex*> locked);
  VariableInputLockHolder(VariableInputLockHolder&& o) noexcept;
  VariableInputLockHolder& operator=(VariableInputLockHolder&&) = delete;
  VariableInputLockHolder(const VariableInputLockHolder&) = delete;
  ~VariableInputLockHolder();

 private:
  std::vector<Var*> vars_;
  std::vector<std::mutex*> locked_;
};

// The mutex guarding variable input `input`: the ref's mutex, or the resource variable's (then
// *maybe_resource gets a reference the caller must Unref). Null when a resource lookup fails.
std::mutex* GetTrainingVariableMutex(OpKernelContext* ctx, int input, Var** maybe_resource);

// When do_lock, locks the distinct mutexes of the given variable inputs in address order, so
// kernels sharing variables never deadlock. Inputs that are neither refs nor resources are
// skipped.
VariableInputLockHolder MaybeLockVariableInputMutexesInOrder(OpKernelContext* ctx, bool do_lock,
                                                            const std::vector<int>& input_ids);

// Before an in-place write to a resource variable's tensor (held under its mutex): if another
// tensor still shares the buffer (an earlier ReadVariableOp result), gives the variable a private
// copy so that value stays as it was read.
Status PrepareToUpdateVariable(OpKernelContext* ctx, Tensor* tensor);

// The variable tensor behind input `input` (Ref or DT_RESOURCE), sharing the variable's buffer so
// the kernel can update it in place. lock_held says the caller already holds the variable's mutex.
// A resource variable that was never assigned is FailedPrecondition naming it.
Status GetInputTensorFromVariable(OpKernelContext* ctx, int input, bool lock_held, Tensor* out);

// Apply* kernels output their Ref input as a Ref; resource forms have no output.
void MaybeForwardRefInputToRefOutput(OpKernelContext* ctx, int input, int output);

}  // namespace tfc
