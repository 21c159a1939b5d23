// Max, Min, All and Any on the CPU.
#include "core/kernels/reduction/reduction_core.h"

namespace tfc {
namespace reduction {
namespace {

#define TFC_REGISTER_MINMAX(T)                         \
  TFC_REGISTER_REDUCTION("Max", T, MaxReducer<T>);     \
  TFC_REGISTER_REDUCTION("Min", T, MinReducer<T>);
TF_CALL_REAL_NUMBER_TYPES(TFC_REGISTER_MINMAX)
#undef TFC_REGISTER_MINMAX

// All/Any have no T attr: their input is always bool.
REGISTER_KERNEL_BUILDER(Name("All")
                            .Device(DEVICE_CPU)
                            .TypeConstraint("Tidx", {DT_INT32, DT_INT64})
                            .HostMemory("reduction_indices"),
                        ReductionOp<bool, AllReducer>);
REGISTER_KERNEL_BUILDER(Name("Any")
                            .Device(DEVICE_CPU)
                            .TypeConstraint("Tidx", {DT_INT32, DT_INT64})
                            .HostMemory("reduction_indices"),
                        ReductionOp<bool, AnyReducer>);

}  // namespace
}  // namespace reduction
}  // namespace tfc
