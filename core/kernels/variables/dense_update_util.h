#pragma once
// AssignAdd/AssignSub (Ref variables) and AssignAddVariableOp/AssignSubVariableOp (resource
// variables): the locking and checks the CPU and GPU kernels share. `update(params, value)`
// runs the device's arithmetic once the variable is locked, checked and (for a resource
// variable) no longer shares its buffer with an earlier read.
#include <mutex>

#include "core/framework/op_kernel.h"
#include "core/framework/resource_var.h"
#include "core/kernels/variables/training_op_helpers.h"

namespace tfc {
namespace variable_util {

// Ref form: input 0 is the variable (forwarded to output 0), input 1 the value; the ref's
// mutex is held while checking and updating when use_locking.
template <typename Fn>
void RunRefDenseUpdate(OpKernelContext* ctx, bool use_locking, Fn&& update) {
  ctx->forward_ref_input_to_ref_output(0, 0);
  std::unique_lock<std::mutex> lock;
  if (use_locking) lock = std::unique_lock<std::mutex>(*ctx->input_ref_mutex(0));
  Tensor* params = ctx->mutable_input(0);
  const Tensor& value = ctx->input(1);
  OP_REQUIRES(ctx, params->IsInitialized(),
              errors::FailedPrecondition("Attempting to use uninitialized parameters: ",
                                         ctx->op_kernel().def().input(0)));
  OP_REQUIRES(ctx, params->shape().IsSameSize(value.shape()),
              errors::InvalidArgument("Parameters and update must be the same size"));
  update(params, value);
}

// Resource form: input 0 is the handle, input 1 the value; the variable's mutex is held while
// checking and updating.
template <typename Fn>
void RunResourceDenseUpdate(OpKernelContext* ctx, Fn&& update) {
  Var* var = nullptr;
  OP_REQUIRES_OK(ctx, LookupResource(ctx, HandleFromInput(ctx, 0), &var));
  core::ScopedUnref unref(var);
  const Tensor& value = ctx->input(1);
  std::lock_guard<std::mutex> l(*var->mu());
  Tensor* t = var->tensor();
  OP_REQUIRES(ctx, var->is_initialized && t->dtype() == value.dtype(),
              errors::InvalidArgument("Trying to update variable of type ",
                                      DataTypeString(t->dtype()), " with a ",
                                      DataTypeString(value.dtype()), " value"));
  OP_REQUIRES(ctx, t->shape().IsSameSize(value.shape()),
              errors::InvalidArgument("Cannot update variable with shape ",
                                      t->shape().DebugString(), " using a Tensor with shape ",
                                      value.shape().DebugString(), ", shapes must be equal."));
  OP_REQUIRES_OK(ctx, PrepareToUpdateVariable(ctx, t));
  update(t, value);
}

}  // namespace variable_util
}  // namespace tfc
