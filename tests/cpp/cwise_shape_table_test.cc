// Shape-function table for every elementwise op: unary ops keep their input's shape; binary
// ops broadcast as NumPy does and reject incompatible dims.
#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

using test::ShapeInferenceTestOp;

const char* const kUnaryOps[] = {
    "Neg", "Abs", "Sign", "Square", "Sqrt", "Rsqrt", "Exp", "Expm1", "Log", "Log1p", "Sin",
    "Cos", "Tan", "Asin", "Acos", "Atan", "Asinh", "Acosh", "Atanh", "Sinh", "Cosh", "Tanh",
    "Sigmoid", "Reciprocal", "Inv", "Floor", "Ceil", "Round", "Rint", "Erf", "Erfc", "Lgamma",
    "Digamma", "IsNan", "IsInf", "IsFinite", "LogicalNot", "Softplus", "Softsign", "Relu",
    "Relu6", "Elu", "Selu", "LeakyRelu", "ZerosLike", "OnesLike"};

const char* const kBinaryOps[] = {
    "Add", "AddV2", "Sub", "Mul", "RealDiv", "Div", "DivNoNan", "FloorDiv", "FloorMod",
    "TruncateDiv", "TruncateMod", "Mod", "Pow", "Maximum", "Minimum", "SquaredDifference",
    "Atan2", "Equal", "NotEqual", "Less", "LessEqual", "Greater", "GreaterEqual", "LogicalAnd",
    "LogicalOr"};

TEST(CwiseShapeTableTest, UnaryOpsKeepTheirInputShape) {
  for (const char* name : kUnaryOps) {
    SCOPED_TRACE(name);
    ShapeInferenceTestOp op(name);
    INFER_OK(op, "?", "in0");
    INFER_OK(op, "[]", "in0");
    INFER_OK(op, "[2,?,3]", "in0");
  }
}

TEST(CwiseShapeTableTest, BinaryOpsBroadcast) {
  for (const char* name : kBinaryOps) {
    SCOPED_TRACE(name);
    ShapeInferenceTestOp op(name);
    INFER_OK(op, "[2,3];[2,3]", "[2,3]");
    INFER_OK(op, "[2,1,3];[4,1]", "[2,4,3]");
    INFER_OK(op, "[];[5,2]", "[5,2]");
    INFER_OK(op, "?;[2]", "?");
    INFER_OK(op, "[?,3];[2,1]", "[2,3]");
    INFER_ERROR("Dimensions must be equal, but are 2 and 3", op, "[2];[3]");
  }
}

}  // namespace
}  // namespace tfc
