// Activation kernels: Relu, Relu6, Elu, Selu, Softplus, Softsign, LeakyRelu.
#include "core/kernels/cwise/cwise_functors.h"

namespace tfc {
namespace {
using namespace functor;  // NOLINT

#define R(T) TFC_REGISTER_UNARY("Relu", Relu, T); TFC_REGISTER_UNARY("Relu6", Relu6, T);
TF_CALL_REAL_NUMBER_TYPES(R)
#undef R

#define R(T)                                                                               \
  TFC_REGISTER_UNARY("Elu", Elu, T); TFC_REGISTER_UNARY("Selu", Selu, T);                  \
  TFC_REGISTER_UNARY("Softplus", Softplus, T); TFC_REGISTER_UNARY("Softsign", Softsign, T); \
  REGISTER_KERNEL_BUILDER(Name("LeakyRelu").Device(DEVICE_CPU).TypeConstraint<T>("T"),     \
                          UnaryAttrOp<T, LeakyRelu>);
TF_CALL_FLOAT_TYPES(R)
#undef R

}  // namespace
}  // namespace tfc
