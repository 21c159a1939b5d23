// Shape-function tables for the gather / scatter / diag family (TF's INFER_OK style).
#include <gtest/gtest.h>

#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

using test::AsScalar;
using test::AsTensor;
using test::ShapeInferenceTestOp;

TEST(GatherOpsShapeTest, GatherV2) {
  ShapeInferenceTestOp op("GatherV2");
  INFER_OK(op, "[5,3];[2,4];[]", "[?,?,?]");  // axis unknown: only the rank
  INFER_OK(op, "?;[2,4];[]", "?");
  INFER_ERROR("at least rank 1", op, "[];[2];[]");
  INFER_ERROR("must be rank 0", op, "[5];[2];[2]");
  op.SetInputTensor(2, AsScalar<int32_t>(0));
  INFER_OK(op, "[5,3];[2,4];[]", "[d1_0,d1_1,d0_1]");
  INFER_OK(op, "[5,3];?;[]", "?");
  op.SetInputTensor(2, AsScalar<int32_t>(1));
  INFER_OK(op, "[5,3];[7];[]", "[d0_0,d1_0]");
  op.SetInputTensor(2, AsScalar<int64_t>(-1));
  INFER_OK(op, "[5,3];[7];[]", "[d0_0,d1_0]");
  op.SetInputTensor(2, AsScalar<int32_t>(3));
  INFER_ERROR("at least rank 4", op, "[5,3];[2];[]");

  ShapeInferenceTestOp batched("GatherV2");
  batched.Attr("batch_dims", int64_t{1});
  batched.SetInputTensor(2, AsScalar<int32_t>(1));
  INFER_OK(batched, "[2,5,3];[2,4];[]", "[d0_0,d1_1,d0_2]");
}

TEST(GatherOpsShapeTest, LegacyGather) {
  ShapeInferenceTestOp op("Gather");
  INFER_OK(op, "[5,3,2];[4]", "[d1_0,d0_1,d0_2]");
  INFER_OK(op, "[5];[]", "[]");
  INFER_OK(op, "?;[4]", "?");
  INFER_ERROR("at least rank 1", op, "[];[4]");
}

TEST(GatherOpsShapeTest, GatherNd) {
  ShapeInferenceTestOp op("GatherNd");
  INFER_OK(op, "[4,5,6];[3,2]", "[d1_0,d0_2]");
  INFER_OK(op, "[4,5,6];[3,3]", "[d1_0]");
  INFER_OK(op, "[4,5,6];[3,?]", "?");
  INFER_OK(op, "?;[3,2]", "?");
  INFER_OK(op, "[4,5];[2,7,0]", "[2,7,4,5]");
  INFER_ERROR("at least rank 1", op, "[4,5];[]");
  INFER_ERROR(
      "indices.shape[-1] must be <= params.rank, but saw indices shape: [3,3] and params "
      "shape: [4,5]",
      op, "[4,5];[3,3]");
}

TEST(GatherOpsShapeTest, ScatterNd) {
  ShapeInferenceTestOp op("ScatterNd");
  INFER_OK(op, "[4,1];[4,3];[2]", "[?,?]");
  op.SetInputTensor(2, AsTensor<int32_t>({8, 3}));
  INFER_OK(op, "[4,1];[4,3];[2]", "[8,3]");
  INFER_OK(op, "?;?;[2]", "[8,3]");
  INFER_ERROR("The outer 1 dimensions of indices.shape=[4,1] must match the outer 1 dimensions "
              "of updates.shape=[5,3]",
              op, "[4,1];[5,3];[2]");
  INFER_ERROR("The inner 1 dimensions of output.shape=[8,3] must match the inner 1 dimensions "
              "of updates.shape=[4,2]",
              op, "[4,1];[4,2];[2]");
  INFER_ERROR("at least rank 1", op, "[];[4,3];[2]");
  ShapeInferenceTestOp empty("ScatterNd");
  empty.SetInputTensor(2, AsTensor<int32_t>({0}));
  INFER_ERROR("Indices and updates specified for empty output shape", empty, "[1,1];[1];[1]");
}

TEST(GatherOpsShapeTest, OneHot) {
  ShapeInferenceTestOp op("OneHot");
  INFER_OK(op, "[2,3];[];[];[]", "[d0_0,d0_1,?]");
  op.SetInputTensor(1, AsScalar<int32_t>(5));
  INFER_OK(op, "[2,3];[];[];[]", "[d0_0,d0_1,5]");
  INFER_OK(op, "?;[];[];[]", "?");
  ShapeInferenceTestOp a0("OneHot");
  a0.Attr("axis", int64_t{0});
  a0.SetInputTensor(1, AsScalar<int32_t>(5));
  INFER_OK(a0, "[2,3];[];[];[]", "[5,d0_0,d0_1]");
  ShapeInferenceTestOp neg("OneHot");
  neg.SetInputTensor(1, AsScalar<int32_t>(-2));
  INFER_ERROR("must be non-negative but is -2", neg, "[2];[];[];[]");
  ShapeInferenceTestOp bad_axis("OneHot");
  bad_axis.Attr("axis", int64_t{-2});
  INFER_ERROR("axis must be >= -1", bad_axis, "[2];[];[];[]");
}

TEST(GatherOpsShapeTest, WhereUniqueInvertPermutation) {
  INFER_OK("Where", "[2,3,4]", "[?,3]");
  INFER_OK("Where", "?", "[?,?]");
  INFER_OK("Unique", "[7]", "[?];in0");
  INFER_ERROR("must be rank 1", "Unique", "[7,2]");
  INFER_OK("InvertPermutation", "[?]", "in0");
  INFER_ERROR("must be rank 1", "InvertPermutation", "[]");
}

TEST(GatherOpsShapeTest, BroadcastToAndArgs) {
  ShapeInferenceTestOp op("BroadcastTo");
  INFER_OK(op, "[3,1];[3]", "[?,3,?]");
  INFER_OK(op, "?;[3]", "[?,?,?]");
  INFER_ERROR("must be rank 1", op, "[3,1];[]");
  op.SetInputTensor(1, AsTensor<int32_t>({2, 3, 4}));
  INFER_OK(op, "[3,1];[3]", "[2,3,4]");
  INFER_ERROR("Dimensions must be equal", op, "[5,1];[3]");
  INFER_ERROR("must be at most rank 3", op, "[1,1,1,1];[3]");
  INFER_OK("BroadcastArgs", "[2];[4]", "[4]");
  INFER_OK("BroadcastArgs", "[2];[?]", "[?]");
  INFER_ERROR("must be rank 1", "BroadcastArgs", "[2,1];[4]");
}

TEST(GatherOpsShapeTest, ReverseV2) {
  ShapeInferenceTestOp op("ReverseV2");
  INFER_OK(op, "[2,3];[2]", "in0");
  INFER_ERROR("must be rank 1", op, "[2,3];[]");
  INFER_ERROR("more than 8 dimensions", op, "[1,1,1,1,1,1,1,1,1];[1]");
  op.SetInputTensor(1, AsTensor<int32_t>({0, -1}));
  INFER_OK(op, "[2,3];[2]", "in0");
  op.SetInputTensor(1, AsTensor<int32_t>({1, -1}));
  INFER_ERROR("axis 1 specified more than once.", op, "[2,3];[2]");
  op.SetInputTensor(1, AsTensor<int64_t>({2}));
  INFER_ERROR("'axis'[0] = 2 is out of valid range [0, 1", op, "[2,3];[1]");
}

TEST(GatherOpsShapeTest, DiagFamily) {
  INFER_OK("Diag", "[2,3]", "[d0_0,d0_1,d0_0,d0_1]");
  INFER_OK("Diag", "?", "?");
  INFER_ERROR("at least rank 1", "Diag", "[]");
  INFER_OK("DiagPart", "[2,?,?,3]", "[2,3]");
  INFER_OK("DiagPart", "?", "?");
  INFER_ERROR("Input must have even and non-zero rank, input rank is 3", "DiagPart", "[2,3,2]");
  INFER_ERROR("Dimensions must be equal", "DiagPart", "[2,3]");
  INFER_OK("MatrixDiag", "[4,3]", "[d0_0,d0_1,d0_1]");
  INFER_OK("MatrixDiag", "?", "?");
  INFER_ERROR("at least rank 1", "MatrixDiag", "[]");
  INFER_OK("MatrixDiagPart", "[4,3,5]", "[d0_0,3]");
  INFER_OK("MatrixDiagPart", "[4,?,5]", "[d0_0,?]");
  INFER_OK("MatrixDiagPart", "[4,?,0]", "[d0_0,0]");
  INFER_ERROR("at least rank 2", "MatrixDiagPart", "[4]");
  INFER_OK("MatrixSetDiag", "[4,3,5];[4,3]", "in0");
  INFER_OK("MatrixSetDiag", "[?,3,5];[4,3]", "[4,3,5]");
  INFER_OK("MatrixSetDiag", "?;[4,3]", "[4,?,?]");  // diag pins the batch dims
  INFER_ERROR("Dimensions must be equal", "MatrixSetDiag", "[4,3,5];[4,5]");
  INFER_ERROR("must be rank 2", "MatrixSetDiag", "[4,3,5];[3]");
  INFER_OK("MatrixBandPart", "[2,3,4];[];[]", "in0");
}

TEST(GatherOpsShapeTest, OpDefsMatchTensorFlow) {
  const ::tensorflow::OpDef* def = nullptr;
  ASSERT_TRUE(OpRegistry::Global()->LookUpOpDef("OneHot", &def).ok());
  ASSERT_EQ(def->input_arg_size(), 4);
  EXPECT_EQ(def->input_arg(1).type(), DT_INT32);
  auto default_of = [](const ::tensorflow::OpDef* d, const std::string& attr) {
    for (const auto& a : d->attr()) {
      if (a.name() == attr) return a.default_value();
    }
    return ::tensorflow::AttrValue();
  };
  EXPECT_EQ(default_of(def, "TI").type(), DT_INT64);
  EXPECT_EQ(default_of(def, "axis").i(), -1);
  ASSERT_TRUE(OpRegistry::Global()->LookUpOpDef("MatrixBandPart", &def).ok());
  EXPECT_EQ(default_of(def, "Tindex").type(), DT_INT64);
  ASSERT_TRUE(OpRegistry::Global()->LookUpOpDef("GatherV2", &def).ok());
  EXPECT_TRUE(default_of(def, "batch_dims").has_i());
  ASSERT_TRUE(OpRegistry::Global()->LookUpOpDef("Gather", &def).ok());
  EXPECT_TRUE(default_of(def, "validate_indices").b());
  ASSERT_TRUE(OpRegistry::Global()->LookUpOpDef("Unique", &def).ok());
  EXPECT_EQ(default_of(def, "out_idx").type(), DT_INT32);
}

}  // namespace
}  // namespace tfc
