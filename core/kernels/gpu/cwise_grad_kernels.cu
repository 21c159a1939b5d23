// Element-wise gradient ops (same-shape inputs) for LaunchBinary.
#include "core/kernels/gpu/cwise_device_loops.h"

namespace tfc {
namespace gpu {

cudaError_t LaunchGradBinary(cudaStream_t stream, BinaryOp op, CwiseType type,
                             BinaryLayout layout, const BcastIndex& index, const void* x,
                             const void* y, void* z, int64_t n) {
  switch (op) {
#define TFC_OP(CODE, FUNCTOR) \
  case BinaryOp::CODE:        \
    return DispatchBinary<dfn::FUNCTOR>(stream, type, layout, index, x, y, z, n);
    TFC_OP(kTanhGrad, TanhGrad)
    TFC_OP(kSigmoidGrad, SigmoidGrad)
    TFC_OP(kSqrtGrad, SqrtGrad)
    TFC_OP(kRsqrtGrad, RsqrtGrad)
    TFC_OP(kReciprocalGrad, ReciprocalGrad)
    TFC_OP(kReluGrad, ReluGrad)
    TFC_OP(kRelu6Grad, Relu6Grad)
    TFC_OP(kEluGrad, EluGrad)
    TFC_OP(kSeluGrad, SeluGrad)
    TFC_OP(kSoftplusGrad, SoftplusGrad)
    TFC_OP(kSoftsignGrad, SoftsignGrad)
#undef TFC_OP
    default:
      return cudaErrorInvalidValue;
  }
}

}  // namespace gpu
}  // namespace tfc
