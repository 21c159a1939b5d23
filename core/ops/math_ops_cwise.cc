// Element-wise math op interfaces (TF 1.15 core/ops/math_ops.cc): unary and broadcasting
// binary math, comparisons, logical ops, Cast, AddN, Select and SelectV2.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

using shape_inference::BroadcastBinaryOpShapeFn;
using shape_inference::UnchangedShape;

// Registers an OpDefBuilder made by one of the helpers below.
#define REGISTER_BUILT_OP(builder)                                           \
  static ::tfc::register_op::OpDefBuilderReceiver TFC_CONCAT(tfc_cwise_op_, \
                                                             __COUNTER__)   \
      [[maybe_unused]] = (builder)

constexpr char kUnaryTypes[] =
    "T: {bfloat16, half, float, double, int32, int64, complex64, complex128}";
constexpr char kUnaryRealTypes[] = "T: {bfloat16, half, float, double}";
constexpr char kUnaryComplexTypes[] =
    "T: {bfloat16, half, float, double, complex64, complex128}";
constexpr char kBinaryMoreTypes[] =
    "T: {bfloat16, half, float, double, uint8, int8, uint16, int16, int32, int64, complex64, "
    "complex128}";
constexpr char kBinaryFewerTypes[] =
    "T: {bfloat16, half, float, double, int32, int64, complex64, complex128}";

OpDefBuilder Unary(const char* name, const char* types) {
  OpDefBuilder b(name);
  b.Input("x: T").Output("y: T").Attr(types).SetShapeFn(UnchangedShape);
  return b;
}

OpDefBuilder Binary(const char* name, const char* types) {
  OpDefBuilder b(name);
  b.Input("x: T").Input("y: T").Output("z: T").Attr(types).SetShapeFn(BroadcastBinaryOpShapeFn);
  return b;
}

OpDefBuilder Predicate(const char* name, const char* types) {
  OpDefBuilder b(name);
  b.Input("x: T").Output("y: bool").Attr(types).SetShapeFn(UnchangedShape);
  return b;
}

OpDefBuilder Comparison(const char* name) {
  OpDefBuilder b(name);
  b.Input("x: T").Input("y: T").Output("z: bool").Attr("T: realnumbertype")
      .SetShapeFn(BroadcastBinaryOpShapeFn);
  return b;
}

// With incompatible_shape_error=false, shapes that do not broadcast give a scalar at run time,
// so nothing is known about the output.
Status EqualityShapeFn(InferenceContext* c) {
  bool incompatible_shape_error = true;
  c->GetAttr("incompatible_shape_error", &incompatible_shape_error).IgnoreError();
  PartialTensorShape out;
  Status s = c->BroadcastBinaryOpOutputShape(c->input(0), c->input(1), &out);
  if (!s.ok()) {
    if (incompatible_shape_error) return s;
    out = PartialTensorShape::Unknown();
  }
  c->set_output(0, out);
  return OkStatus();
}

OpDefBuilder Equality(const char* name) {
  OpDefBuilder b(name);
  b.Input("x: T").Input("y: T").Output("z: bool").SetIsCommutative()
      .Attr("T: {bfloat16, half, float, double, uint8, int8, int16, int32, int64, complex64, "
            "quint8, qint8, qint32, string, bool, complex128}")
      .Attr("incompatible_shape_error: bool = true")
      .SetShapeFn(EqualityShapeFn);
  return b;
}

// ---- unary ---------------------------------------------------------------------------------
REGISTER_OP("Abs")
    .Input("x: T")
    .Output("y: T")
    .Attr("T: {bfloat16, half, float, double, int8, int16, int32, int64}")
    .SetShapeFn(UnchangedShape);
REGISTER_BUILT_OP(Unary("Neg", kUnaryTypes));
REGISTER_BUILT_OP(Unary("Inv", kUnaryTypes));
REGISTER_BUILT_OP(Unary("Reciprocal", kUnaryTypes));
REGISTER_BUILT_OP(Unary("Square", kUnaryTypes));
REGISTER_BUILT_OP(Unary("Sqrt", kUnaryComplexTypes));
REGISTER_BUILT_OP(Unary("Rsqrt", kUnaryComplexTypes));
REGISTER_BUILT_OP(Unary("Round", kUnaryTypes));
REGISTER_BUILT_OP(Unary("Exp", kUnaryComplexTypes));
REGISTER_BUILT_OP(Unary("Expm1", kUnaryComplexTypes));
REGISTER_BUILT_OP(Unary("Log", kUnaryComplexTypes));
REGISTER_BUILT_OP(Unary("Log1p", kUnaryComplexTypes));
REGISTER_BUILT_OP(Unary("Sinh", kUnaryComplexTypes));
REGISTER_BUILT_OP(Unary("Cosh", kUnaryComplexTypes));
REGISTER_BUILT_OP(Unary("Tanh", kUnaryComplexTypes));
REGISTER_BUILT_OP(Unary("Asinh", kUnaryComplexTypes));
REGISTER_BUILT_OP(Unary("Acosh", kUnaryComplexTypes));
REGISTER_BUILT_OP(Unary("Atanh", kUnaryComplexTypes));
REGISTER_BUILT_OP(Unary("Lgamma", kUnaryRealTypes));
REGISTER_BUILT_OP(Unary("Digamma", kUnaryRealTypes));
REGISTER_BUILT_OP(Unary("Erf", kUnaryRealTypes));
REGISTER_BUILT_OP(Unary("Erfc", kUnaryRealTypes));
REGISTER_BUILT_OP(Unary("Sigmoid", kUnaryComplexTypes));
REGISTER_BUILT_OP(Unary("Sin", kUnaryComplexTypes));
REGISTER_BUILT_OP(Unary("Cos", kUnaryComplexTypes));
REGISTER_BUILT_OP(Unary("Tan", kUnaryTypes));
REGISTER_BUILT_OP(Unary("Asin", kUnaryTypes));
REGISTER_BUILT_OP(Unary("Acos", kUnaryTypes));
REGISTER_BUILT_OP(Unary("Atan", kUnaryTypes));
REGISTER_BUILT_OP(Unary("Sign", kUnaryTypes));
REGISTER_BUILT_OP(Unary("Floor", kUnaryRealTypes));
REGISTER_BUILT_OP(Unary("Ceil", kUnaryRealTypes));
REGISTER_BUILT_OP(Unary("Rint", kUnaryRealTypes));
REGISTER_BUILT_OP(Predicate("IsNan", kUnaryRealTypes));
REGISTER_BUILT_OP(Predicate("IsInf", kUnaryRealTypes));
REGISTER_BUILT_OP(Predicate("IsFinite", kUnaryRealTypes));
REGISTER_OP("LogicalNot").Input("x: bool").Output("y: bool").SetShapeFn(UnchangedShape);

// ---- binary --------------------------------------------------------------------------------
REGISTER_BUILT_OP(Binary("Add",
                            "T: {bfloat16, half, float, double, uint8, int8, int16, int32, "
                            "int64, complex64, complex128, string}"));
REGISTER_BUILT_OP(Binary("AddV2",
                              "T: {bfloat16, half, float, double, uint8, int8, int16, int32, "
                              "int64, complex64, complex128}")
                           .SetIsAggregate()
                           .SetIsCommutative());
REGISTER_BUILT_OP(Binary("Sub", kBinaryMoreTypes));
REGISTER_BUILT_OP(Binary("Mul", kBinaryMoreTypes).SetIsCommutative());
REGISTER_BUILT_OP(Binary("Div", kBinaryMoreTypes));
REGISTER_BUILT_OP(Binary("RealDiv", kBinaryMoreTypes));
REGISTER_BUILT_OP(Binary("DivNoNan", "T: {half, float, double, complex64, complex128}"));
REGISTER_BUILT_OP(Binary("FloorDiv", kBinaryMoreTypes));
REGISTER_BUILT_OP(Binary("TruncateDiv", kBinaryMoreTypes));
REGISTER_BUILT_OP(Binary("SquaredDifference", kBinaryFewerTypes).SetIsCommutative());
REGISTER_BUILT_OP(Binary("Maximum", "T: {bfloat16, half, float, double, int32, int64}").SetIsCommutative());
REGISTER_BUILT_OP(Binary("Minimum", "T: {bfloat16, half, float, double, int32, int64}").SetIsCommutative());
REGISTER_BUILT_OP(Binary("Mod", "T: {int32, int64, half, bfloat16, float, double}"));
REGISTER_BUILT_OP(Binary("FloorMod", "T: {int32, int64, bfloat16, half, float, double}"));
REGISTER_BUILT_OP(Binary("TruncateMod", "T: {int32, int64, bfloat16, half, float, double}"));
REGISTER_BUILT_OP(Binary("Pow", "T: {bfloat16, float, half, double, int32, int64, complex64, complex128}"));
REGISTER_BUILT_OP(Binary("Atan2", "T: {bfloat16, half, float, double}"));

REGISTER_BUILT_OP(Comparison("Less"));
REGISTER_BUILT_OP(Comparison("LessEqual"));
REGISTER_BUILT_OP(Comparison("Greater"));
REGISTER_BUILT_OP(Comparison("GreaterEqual"));
REGISTER_BUILT_OP(Equality("Equal"));
REGISTER_BUILT_OP(Equality("NotEqual"));

REGISTER_OP("LogicalAnd")
    .Input("x: bool")
    .Input("y: bool")
    .Output("z: bool")
    .SetIsCommutative()
    .SetShapeFn(BroadcastBinaryOpShapeFn);
REGISTER_OP("LogicalOr")
    .Input("x: bool")
    .Input("y: bool")
    .Output("z: bool")
    .SetIsCommutative()
    .SetShapeFn(BroadcastBinaryOpShapeFn);

// ---- Cast, AddN, Select --------------------------------------------------------------------
REGISTER_OP("Cast")
    .Input("x: SrcT")
    .Output("y: DstT")
    .Attr("SrcT: type")
    .Attr("DstT: type")
    .Attr("Truncate: bool = false")
    .SetShapeFn(UnchangedShape);

REGISTER_OP("AddN")
    .Input("inputs: N * T")
    .Output("sum: T")
    .Attr("N: int >= 1")
    .Attr("T: {numbertype, variant}")
    .SetIsCommutative()
    .SetIsAggregate()
    .SetShapeFn([](InferenceContext* c) {
      PartialTensorShape cur = c->input(c->num_inputs() - 1);
      for (int i = c->num_inputs() - 2; i >= 0; --i) {
        PartialTensorShape merged;
        Status s = c->Merge(c->input(i), cur, &merged);
        if (!s.ok()) {
          return errors::WithContext(
              s, StrCat("From merging shape ", i, " with other shapes. "));
        }
        cur = merged;
      }
      c->set_output(0, cur);
      return OkStatus();
    });

// TF1 Select: condition has the shape of t and e, or is a vector over their first dim, or
// (t and e being scalars) a scalar.
Status SelectShapeFn(InferenceContext* c) {
  PartialTensorShape data;
  TFC_RETURN_IF_ERROR(c->Merge(c->input(1), c->input(2), &data));
  const PartialTensorShape& cond = c->input(0);
  if (cond.unknown_rank() || data.unknown_rank()) {
    c->set_output(0, data);
    return OkStatus();
  }
  const int cond_rank = cond.dims(), data_rank = data.dims();
  if (cond_rank == 0) {
    c->set_output(0, data);
    return OkStatus();
  }
  if (cond_rank != 1 || data_rank == 0) {
    PartialTensorShape merged;
    TFC_RETURN_IF_ERROR(c->Merge(data, cond, &merged));
    c->set_output(0, merged);
    return OkStatus();
  }
  int64_t unused;
  TFC_RETURN_IF_ERROR(c->MergeDim(cond.dim_size(0), data.dim_size(0), &unused));
  c->set_output(0, data);
  return OkStatus();
}

REGISTER_OP("Select")
    .Input("condition: bool")
    .Input("t: T")
    .Input("e: T")
    .Output("output: T")
    .Attr("T: type")
    .SetShapeFn(SelectShapeFn);

REGISTER_OP("SelectV2")
    .Input("condition: bool")
    .Input("t: T")
    .Input("e: T")
    .Output("output: T")
    .Attr("T: type")
    .SetShapeFn([](InferenceContext* c) {
      PartialTensorShape te, out;
      TFC_RETURN_IF_ERROR(c->BroadcastBinaryOpOutputShape(c->input(1), c->input(2), &te));
      TFC_RETURN_IF_ERROR(c->BroadcastBinaryOpOutputShape(c->input(0), te, &out));
      c->set_output(0, out);
      return OkStatus();
    });

}  // namespace
}  // namespace tfc
