// Sequence generators (TF registers these with the math ops): Range, LinSpace.
#include <cmath>
#include <cstdlib>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

// Value of a known scalar input as double, or false.
bool KnownScalarAsDouble(InferenceContext* c, int i, double* out) {
  const Tensor* t = c->input_tensor(i);
  if (t == nullptr || t->NumElements() != 1) return false;
  switch (t->dtype()) {
    case DT_FLOAT: *out = t->data<float>()[0]; return true;
    case DT_DOUBLE: *out = t->data<double>()[0]; return true;
    case DT_BFLOAT16: *out = static_cast<float>(t->data<bfloat16>()[0]); return true;
    case DT_HALF: *out = static_cast<float>(t->data<half>()[0]); return true;
    case DT_INT32: *out = t->data<int32_t>()[0]; return true;
    case DT_INT64: *out = static_cast<double>(t->data<int64_t>()[0]); return true;
    default: return false;
  }
}

Status ScalarInputs(InferenceContext* c, std::initializer_list<const char*> names) {
  int i = 0;
  for (const char* name : names) {
    PartialTensorShape unused;
    Status s = c->WithRank(c->input(i++), 0, &unused);
    if (!s.ok()) return Status(s.code(), s.message() + "\n\tfor '" + name + "'");
  }
  return OkStatus();
}

}  // namespace

REGISTER_OP("Range")
    .Input("start: Tidx")
    .Input("limit: Tidx")
    .Input("delta: Tidx")
    .Output("output: Tidx")
    .Attr("Tidx: {bfloat16, float, double, int32, int64} = DT_INT32")
    .SetShapeFn([](InferenceContext* c) {
      TFC_RETURN_IF_ERROR(ScalarInputs(c, {"start", "limit", "delta"}));
      double start, limit, delta;
      if (!KnownScalarAsDouble(c, 0, &start) || !KnownScalarAsDouble(c, 1, &limit) ||
          !KnownScalarAsDouble(c, 2, &delta)) {
        c->set_output(0, PartialTensorShape({-1}));
        return OkStatus();
      }
      if (delta == 0) return errors::InvalidArgument("Requires delta != 0");
      if (delta > 0 && start > limit) {
        return errors::InvalidArgument("Requires start <= limit when delta > 0: ", start, "/",
                                       limit);
      }
      if (delta < 0 && start < limit) {
        return errors::InvalidArgument("Requires start >= limit when delta < 0: ", start, "/",
                                       limit);
      }
      const DataType dt = c->input_type(0);
      int64_t size;
      if (dt == DT_INT32 || dt == DT_INT64) {
        const Tensor* ts[3] = {c->input_tensor(0), c->input_tensor(1), c->input_tensor(2)};
        auto get = [&](int i) {
          return dt == DT_INT32 ? int64_t{ts[i]->data<int32_t>()[0]} : ts[i]->data<int64_t>()[0];
        };
        const int64_t s = get(0), l = get(1), d = get(2);
        size = (std::llabs(l - s) + std::llabs(d) - 1) / std::llabs(d);
      } else {
        if (dt == DT_DOUBLE) {
          const double n = std::ceil(std::abs((limit - start) / delta));
          size = std::isfinite(n) && n < 9.2e18 ? static_cast<int64_t>(n) : -1;
        } else {
          // float and bfloat16 ranges are sized in float precision, as the kernel does.
          const float s = static_cast<float>(start), l = static_cast<float>(limit),
                      d = static_cast<float>(delta);
          const float n = std::ceil(std::abs((l - s) / d));
          size = std::isfinite(n) && n < 9.2e18f ? static_cast<int64_t>(n) : -1;
        }
      }
      if (size < 0) return errors::InvalidArgument("Requires finite start, limit and delta");
      c->set_output(0, PartialTensorShape({size}));
      return OkStatus();
    });

REGISTER_OP("LinSpace")
    .Input("start: T")
    .Input("stop: T")
    .Input("num: Tidx")
    .Output("output: T")
    .Attr("T: {bfloat16, float, double}")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .SetShapeFn([](InferenceContext* c) {
      TFC_RETURN_IF_ERROR(ScalarInputs(c, {"start", "stop", "num"}));
      int64_t num;
      if (!c->GetScalarFromTensor(2, &num)) {
        c->set_output(0, PartialTensorShape({-1}));
        return OkStatus();
      }
      if (num <= 0) return errors::InvalidArgument("Requires num > 0: ", num);
      c->set_output(0, PartialTensorShape({num}));
      return OkStatus();
    });

}  // namespace tfc
