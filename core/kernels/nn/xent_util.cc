#include "core/kernels/nn/xent_util.h"

#include <algorithm>
#include <vector>

namespace tfc {
namespace xent {
namespace {

bool BroadcastToMatrix(const TensorShape& a, const TensorShape& b, TensorShape* out) {
  const int rank = std::max(a.dims(), b.dims());
  std::vector<int64_t> dims(rank);
  for (int i = 0; i < rank; ++i) {
    const int ia = a.dims() - rank + i, ib = b.dims() - rank + i;
    const int64_t da = ia >= 0 ? a.dim_size(ia) : 1, db = ib >= 0 ? b.dim_size(ib) : 1;
    if (da != db && da != 1 && db != 1) return false;
    dims[i] = da == 1 ? db : da;
  }
  *out = TensorShape(dims);
  return true;
}

}  // namespace

MatStrides StridesFor(const TensorShape& s) {
  MatStrides m;
  const int n = s.dims();
  if (n >= 1 && s.dim_size(n - 1) != 1) m.col = 1;
  if (n >= 2 && s.dim_size(n - 2) != 1) m.row = s.dim_size(n - 1);
  return m;
}

Status CheckDense(const Tensor& logits, const Tensor& labels, TensorShape* shape) {
  *shape = logits.shape();
  if (!logits.shape().IsSameSize(labels.shape()) &&
      !BroadcastToMatrix(logits.shape(), labels.shape(), shape)) {
    return errors::InvalidArgument("logits and labels must be broadcastable: logits_size=",
                                   logits.shape().DebugString(),
                                   " labels_size=", labels.shape().DebugString());
  }
  if (shape->dims() != 2) {
    return errors::InvalidArgument("logits and labels must be either 2-dimensional, or "
                                   "broadcasted to be 2-dimensional");
  }
  return OkStatus();
}

Status CheckSparse(const Tensor& logits, const Tensor& labels) {
  if (logits.dims() != 2) {
    return errors::InvalidArgument("logits must be 2-D, but got shape ",
                                   logits.shape().DebugString());
  }
  if (labels.dims() != 1) {
    return errors::InvalidArgument("labels must be 1-D, but got shape ",
                                   labels.shape().DebugString());
  }
  if (logits.dim_size(0) != labels.dim_size(0)) {
    return errors::InvalidArgument(
        "logits and labels must have the same first dimension, got logits shape ",
        logits.shape().DebugString(), " and labels shape ", labels.shape().DebugString());
  }
  if (logits.dim_size(1) <= 0) {
    return errors::InvalidArgument("Must have at least one class, but got logits shape ",
                                   logits.shape().DebugString());
  }
  return OkStatus();
}

Status AllocateOutputs(OpKernelContext* ctx, const TensorShape& matrix, Tensor** loss,
                       Tensor** backprop) {
  TFC_RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({matrix.dim_size(0)}), loss));
  return ctx->allocate_output(1, matrix, backprop);
}

}  // namespace xent
}  // namespace tfc
