// Shape functions of MatMul/BatchMatMul(V2), reductions, ArgMax/ArgMin, Softmax, scans, Einsum.
#include <gtest/gtest.h>

#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

using test::AsScalar;
using test::AsTensor;
using test::ShapeInferenceTestOp;

TEST(LinalgShapeTest, MatMul) {
  ShapeInferenceTestOp op("MatMul");
  INFER_OK(op, "[2,3];[3,4]", "[2,4]");
  INFER_OK(op, "?;?", "[?,?]");
  INFER_OK(op, "[2,?];[?,5]", "[2,5]");
  INFER_ERROR("Dimensions must be equal, but are 3 and 4", op, "[2,3];[4,5]");
  INFER_ERROR("Shape must be rank 2 but is rank 3", op, "[1,2,3];[3,4]");
  op.Attr("transpose_a", true).Attr("transpose_b", true);
  INFER_OK(op, "[3,2];[4,3]", "[2,4]");
  INFER_ERROR("Dimensions must be equal", op, "[3,2];[3,4]");
}

TEST(LinalgShapeTest, BatchMatMul) {
  ShapeInferenceTestOp op("BatchMatMul");
  INFER_OK(op, "[5,2,3];[5,3,4]", "[5,2,4]");
  INFER_OK(op, "[?,2,3];[5,3,4]", "[5,2,4]");
  INFER_ERROR("Dimension 0 in both shapes must be equal, but are 5 and 6", op,
              "[5,2,3];[6,3,4]");
  INFER_ERROR("Shape must be at least rank 2", op, "[3];[3,4]");
  op.Attr("adj_x", true);
  INFER_OK(op, "[5,3,2];[5,3,4]", "[5,2,4]");
}

TEST(LinalgShapeTest, BatchMatMulV2Broadcasts) {
  ShapeInferenceTestOp op("BatchMatMulV2");
  INFER_OK(op, "[5,2,3];[3,4]", "[5,2,4]");
  INFER_OK(op, "[1,7,2,3];[6,1,3,4]", "[6,7,2,4]");
  INFER_OK(op, "?;[3,4]", "?");
  INFER_ERROR("Dimensions must be equal", op, "[5,2,3];[6,3,4]");
  INFER_ERROR("Dimensions must be equal, but are 3 and 4", op, "[2,3];[4,5]");
  op.Attr("adj_y", true);
  INFER_OK(op, "[2,3];[7,4,3]", "[7,2,4]");
}

TEST(LinalgShapeTest, Reductions) {
  for (const char* name : {"Sum", "Mean", "Prod", "Max", "Min", "All", "Any"}) {
    ShapeInferenceTestOp op(name);
    op.SetInputTensor(1, AsTensor<int32_t>({1}));
    INFER_OK(op, "[2,3,4];[1]", "[2,4]");
    op.SetInputTensor(1, AsTensor<int32_t>({-1, 0}));
    INFER_OK(op, "[2,3,4];[2]", "[3]");
    op.SetInputTensor(1, AsTensor<int32_t>({3}));
    INFER_ERROR("Invalid reduction dimension", op, "[2,3,4];[1]");
    op.Attr("keep_dims", true);
    op.SetInputTensor(1, AsTensor<int32_t>({0, 2}));
    INFER_OK(op, "[2,3,4];[2]", "[1,3,1]");
  }
  ShapeInferenceTestOp unknown("Sum");
  INFER_OK(unknown, "[2,3];[1]", "?");
}

TEST(LinalgShapeTest, ArgMaxArgMin) {
  for (const char* name : {"ArgMax", "ArgMin"}) {
    ShapeInferenceTestOp op(name);
    INFER_OK(op, "[5];[]", "[]");
    INFER_OK(op, "[2,3,4];[]", "[?,?]");
    INFER_OK(op, "?;[]", "?");
    op.SetInputTensor(1, AsScalar<int32_t>(1));
    INFER_OK(op, "[2,3,4];[]", "[2,4]");
    op.SetInputTensor(1, AsScalar<int32_t>(-1));
    INFER_OK(op, "[2,3,4];[]", "[2,3]");
    op.SetInputTensor(1, AsScalar<int32_t>(3));
    INFER_ERROR("must be in the range [-3, 3)", op, "[2,3,4];[]");
    INFER_ERROR("Shape must be rank 0 but is rank 1", op, "[2,3,4];[1]");
  }
}

TEST(LinalgShapeTest, SoftmaxAndScans) {
  for (const char* name : {"Softmax", "LogSoftmax"}) {
    INFER_OK(name, "[2,3]", "in0");
    INFER_OK(name, "?", "?");
    INFER_ERROR("Shape must be at least rank 1 but is rank 0", ShapeInferenceTestOp(name), "[]");
  }
  INFER_OK("Cumsum", "[2,3];[]", "in0");
  INFER_OK("Cumprod", "[2,?];[]", "in0");
}

TEST(LinalgShapeTest, Einsum) {
  ShapeInferenceTestOp op("Einsum");
  op.Attr("equation", std::string("ij,jk->ik")).Attr("N", int64_t{2});
  INFER_OK(op, "[2,3];[3,4]", "[2,4]");
  INFER_OK(op, "[2,?];[3,4]", "[2,4]");
  INFER_ERROR("Dimensions must be equal, but are 3 and 5", op, "[2,3];[5,4]");
  INFER_ERROR("Input 0 to einsum has rank 3", op, "[2,3,1];[3,4]");

  ShapeInferenceTestOp ell("Einsum");
  ell.Attr("equation", std::string("...ij,...jk->...ik")).Attr("N", int64_t{2});
  INFER_OK(ell, "[7,1,2,3];[5,3,4]", "[7,5,2,4]");
  INFER_OK(ell, "?;[5,3,4]", "?");

  ShapeInferenceTestOp one("Einsum");
  one.Attr("equation", std::string("ijk->kj")).Attr("N", int64_t{1});
  INFER_OK(one, "[2,3,4]", "[4,3]");

  ShapeInferenceTestOp bad("Einsum");
  bad.Attr("equation", std::string("ij,jk")).Attr("N", int64_t{2});
  INFER_ERROR("Expecting exactly one '->'", bad, "[2,3];[3,4]");
  ShapeInferenceTestOp three("Einsum");
  three.Attr("equation", std::string("i,i,i->i")).Attr("N", int64_t{3});
  INFER_ERROR("Expecting 1 or 2 input subscripts", three, "[2];[2];[2]");
  ShapeInferenceTestOp missing("Einsum");
  missing.Attr("equation", std::string("ij->iz")).Attr("N", int64_t{1});
  INFER_ERROR("does not appear in the input subscripts", missing, "[2,3]");
}

}  // namespace
}  // namespace tfc
