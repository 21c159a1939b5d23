#include "core/kernels/variables/variable_util.h"
#include "core/kernels/variables/training_op_helpers.h"

#include <algorithm>

namespace tfc {

VariableInputLockHolder::VariableInputLockHolder(std::vector<Var*> vars,
                                                 std::vector<std::mutex*> locked)
    : vars_(std::move(vars)), locked_(std::move(locked)) {}

VariableInputLockHolder::VariableInputLockHolder(VariableInputLockHolder&& o) noexcept
    : vars_(std::move(o.vars_)), locked_(std::move(o.locked_)) {
  o.vars_.clear();
  o.locked_.clear();
}

VariableInputLockHolder::~VariableInputLockHolder() {
  for (auto it = locked_.rbegin(); it != locked_.rend(); ++it) (*it)->unlock();
  for (Var* v : vars_) v->Unref();
}

std::mutex* GetTrainingVariableMutex(OpKernelContext* ctx, int input, Var** maybe_resource) {
  *maybe_resource = nullptr;
  if (ctx->input_is_ref(input)) return ctx->input_ref_mutex(input);
  if (ctx->input(input).dtype() == DT_RESOURCE &&
      LookupResource(ctx, HandleFromInput(ctx, input), maybe_resource).ok()) {
    return (*maybe_resource)->mu();
  }
  return nullptr;
}

VariableInputLockHolder MaybeLockVariableInputMutexesInOrder(OpKernelContext* ctx, bool do_lock,
                                                            const std::vector<int>& input_ids) {
  if (!do_lock) return VariableInputLockHolder();
  std::vector<Var*> vars;
  std::vector<std::mutex*> mutexes;
  for (int i : input_ids) {
    if (i < 0 || i >= ctx->num_inputs() || !ctx->has_input(i)) continue;
    Var* var = nullptr;
    std::mutex* mu = GetTrainingVariableMutex(ctx, i, &var);
    if (var != nullptr) vars.push_back(var);
    if (mu != nullptr) mutexes.push_back(mu);
  }
  // A fixed global order (by address) and no double-locking of a variable passed twice.
  std::sort(mutexes.begin(), mutexes.end());
  mutexes.erase(std::unique(mutexes.begin(), mutexes.end()), mutexes.end());
  for (std::mutex* mu : mutexes) mu->lock();
  return VariableInputLockHolder(std::move(vars), std::move(mutexes));
}

Status PrepareToUpdateVariable(OpKernelContext* ctx, Tensor* tensor) {
  if (!tensor->IsInitialized() || tensor->buffer() == nullptr) return OkStatus();
  if (tensor->buffer().use_count() > 1) {
    Tensor copy;
    TFC_RETURN_IF_ERROR(ctx->allocate_temp(tensor->dtype(), tensor->shape(), &copy));
    TFC_RETURN_IF_ERROR(variable_util::CopyValues(*tensor, &copy));
    *tensor = std::move(copy);
  }
  return OkStatus();
}

Status GetInputTensorFromVariable(OpKernelContext* ctx, int input, bool lock_held, Tensor* out) {
  if (ctx->input_is_ref(input)) {
    if (lock_held) {
      *out = *ctx->mutable_input(input);
    } else {
      std::lock_guard<std::mutex> l(*ctx->input_ref_mutex(input));
      *out = *ctx->mutable_input(input);
    }
    return OkStatus();
  }
  if (ctx->input(input).dtype() != DT_RESOURCE) {
    return errors::InvalidArgument("Input ", input, " of ", ctx->op_kernel().name(),
                                   " is neither a reference nor a resource variable");
  }
  const ResourceHandle& handle = HandleFromInput(ctx, input);
  Var* var = nullptr;
  Status s = LookupResource(ctx, handle, &var);
  if (!s.ok()) {
    return errors::FailedPrecondition("Error while reading resource variable ", handle.name(),
                                      " from Container: ", handle.container(),
                                      ". This could mean that the variable was uninitialized. ",
                                      s.ToString());
  }
  core::ScopedUnref unref(var);
  auto take = [&]() -> Status {
    TFC_RETURN_IF_ERROR(PrepareToUpdateVariable(ctx, var->tensor()));
    *out = *var->tensor();
    return OkStatus();
  };
  if (lock_held) return take();
  std::lock_guard<std::mutex> l(*var->mu());
  return take();
}

void MaybeForwardRefInputToRefOutput(OpKernelContext* ctx, int input, int output) {
  if (ctx->input_is_ref(input)) ctx->forward_ref_input_to_ref_output(input, output);
}

}  // namespace tfc
