// Sum, Mean and Prod on the CPU.
#include "core/kernels/reduction/reduction_core.h"

namespace tfc {
namespace reduction {
namespace {

#define TFC_REGISTER_SUM_LIKE(T)                                    \
  TFC_REGISTER_REDUCTION("Sum", T, SumReducer<T>);                  \
  TFC_REGISTER_REDUCTION("Mean", T, MeanReducer<T>);                \
  TFC_REGISTER_REDUCTION("Prod", T, ProdReducer<T>);
TF_CALL_NUMBER_TYPES(TFC_REGISTER_SUM_LIKE)
#undef TFC_REGISTER_SUM_LIKE

}  // namespace
}  // namespace reduction
}  // namespace tfc
