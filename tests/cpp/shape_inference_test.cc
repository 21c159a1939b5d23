#include "core/framework/shape_inference.h"

#include <gtest/gtest.h>

#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

using test::AsScalar;
using test::AsTensor;
using test::ShapeInferenceTestOp;

REGISTER_OP("TestBroadcastOp")
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr("T: type = DT_FLOAT")
    .SetShapeFn(shape_inference::BroadcastBinaryOpShapeFn);

REGISTER_OP("TestMergeOp")
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr("T: type = DT_FLOAT")
    .SetShapeFn(shape_inference::MergeBothInputsShapeFn);

REGISTER_OP("TestReduceOp")
    .Input("input: T")
    .Input("reduction_indices: Tidx")
    .Output("output: T")
    .Attr("keep_dims: bool = false")
    .Attr("T: type = DT_FLOAT")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .SetShapeFn(shape_inference::ReductionShape);

REGISTER_OP("TestShapeFromTensorOp")
    .Input("shape: int32")
    .Output("output: float")
    .SetShapeFn([](InferenceContext* c) -> Status {
      PartialTensorShape out;
      TFC_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(0, &out));
      c->set_output(0, out);
      return OkStatus();
    });

REGISTER_OP("TestUnknownOutputsOp").Output("a: float").Output("b: int32");

REGISTER_OP("TestScalarOp").Input("x: float").Output("y: float").SetShapeFn(
    shape_inference::ScalarShape);

TEST(ShapeInferenceTest, Broadcast) {
  INFER_OK("TestBroadcastOp", "[2,3];[2,3]", "[2,3]");
  INFER_OK("TestBroadcastOp", "[2,3];[3]", "[2,3]");
  INFER_OK("TestBroadcastOp", "[];[4,1,3]", "[4,1,3]");
  INFER_OK("TestBroadcastOp", "[5,1,3];[4,1]", "[5,4,3]");
  INFER_OK("TestBroadcastOp", "?;[2]", "?");
  INFER_OK("TestBroadcastOp", "[2,?];[?,?]", "[2,?]");
  INFER_OK("TestBroadcastOp", "[?];[1]", "[?]");
  INFER_OK("TestBroadcastOp", "[?];[5]", "[5]");
  INFER_OK("TestBroadcastOp", "[1];[?]", "[?]");
  INFER_OK("TestBroadcastOp", "[1,2];[3,1]", "[3,2]");
  INFER_OK("TestBroadcastOp", "[2,3];[2,3]", "in0");
  INFER_OK("TestBroadcastOp", "[2,3];[3]", "[d0_0,d1_0]");
  INFER_ERROR("Dimensions must be equal, but are 2 and 3", "TestBroadcastOp", "[2];[3]");
  INFER_ERROR("Dimensions must be equal, but are 4 and 2", "TestBroadcastOp", "[4,1];[2,5]");
}

TEST(ShapeInferenceTest, Merge) {
  INFER_OK("TestMergeOp", "[2,?];[?,3]", "[2,3]");
  INFER_OK("TestMergeOp", "?;[?,3]", "[?,3]");
  INFER_ERROR("Shapes must be equal rank, but are 2 and 1", "TestMergeOp", "[2,3];[3]");
  INFER_ERROR("Dimension 1 in both shapes must be equal, but are 3 and 4", "TestMergeOp",
              "[2,3];[2,4]");
}

TEST(ShapeInferenceTest, Reduction) {
  ShapeInferenceTestOp op("TestReduceOp");
  // Unknown indices.
  INFER_OK(op, "[2,3,4];[1]", "?");
  op.Attr("keep_dims", true);
  INFER_OK(op, "[2,3,4];[1]", "[?,?,?]");
  INFER_OK(op, "?;[1]", "?");
  // Known indices, with a negative axis.
  op.SetInputTensor(1, AsTensor<int32_t>({0, -1}));
  INFER_OK(op, "[2,3,4];[2]", "[1,3,1]");
  ShapeInferenceTestOp drop("TestReduceOp");
  drop.SetInputTensor(1, AsTensor<int32_t>({0, -1}));
  INFER_OK(drop, "[2,3,4];[2]", "[3]");
  INFER_OK(drop, "[2,?,4];[2]", "[?]");
  drop.SetInputTensor(1, AsScalar<int32_t>(1));
  INFER_OK(drop, "[2,3,4];[]", "[2,4]");
  drop.SetInputTensor(1, AsTensor<int32_t>({}));
  INFER_OK(drop, "[2,3];[0]", "[2,3]");
  drop.SetInputTensor(1, AsTensor<int64_t>({1, 1})).Attr("Tidx", DT_INT64);
  INFER_OK(drop, "[2,3];[2]", "[2]");
  drop.SetInputTensor(1, AsTensor<int64_t>({2}));
  INFER_ERROR("Invalid reduction dimension 2 for input with 2 dimensions.", drop, "[2,3];[1]");
  drop.SetInputTensor(1, AsTensor<int64_t>({-3}));
  INFER_ERROR("Invalid reduction dimension -3", drop, "[2,3];[1]");
  INFER_ERROR("Shape must be at most rank 1 but is rank 2", "TestReduceOp", "[2,3];[1,1]");
}

TEST(ShapeInferenceTest, MakeShapeFromShapeTensor) {
  ShapeInferenceTestOp op("TestShapeFromTensorOp");
  INFER_OK(op, "[3]", "[?,?,?]");  // only the length is known
  INFER_OK(op, "[?]", "?");
  INFER_OK(op, "?", "?");
  op.SetInputTensor(0, AsTensor<int32_t>({2, -1, 5}));
  INFER_OK(op, "[3]", "[2,?,5]");
  op.SetInputTensor(0, AsScalar<int32_t>(-1));
  INFER_OK(op, "[]", "?");
  op.SetInputTensor(0, AsScalar<int32_t>(3));
  INFER_ERROR("must be rank 1, or if its rank 0 it must have value -1", op, "[]");
  op.SetInputTensor(0, AsTensor<int32_t>({2, -7}));
  INFER_ERROR("Invalid value in tensor used for shape: -7", op, "[2]");
  INFER_ERROR("Shape must be at most rank 1 but is rank 2", "TestShapeFromTensorOp", "[2,2]");
  ShapeInferenceTestOp partial("TestShapeFromTensorOp");
  partial.SetInputTensorAsShape(0, "[?,4]");
  INFER_OK(partial, "[2]", "[?,4]");
}

TEST(ShapeInferenceTest, DefaultsAndScalar) {
  INFER_OK("TestUnknownOutputsOp", "", "?;?");
  INFER_OK("TestScalarOp", "[2,3]", "[]");
}

TEST(ShapeInferenceTest, ContextHelpers) {
  ::tensorflow::NodeDef def;
  def.set_name("n");
  def.set_op("TestScalarOp");
  Tensor three = AsScalar<int64_t>(3);
  InferenceContext c(&def, {DT_FLOAT, DT_INT64}, {DT_FLOAT}, {PartialTensorShape({2, 3}),
                     PartialTensorShape({})}, {nullptr, &three}, {});
  PartialTensorShape out;
  EXPECT_TRUE(c.WithRank(PartialTensorShape(), 2, &out).ok());
  EXPECT_EQ(out.DebugString(), "[?,?]");
  Status s = c.WithRank(c.input(0), 3, &out);
  EXPECT_EQ(s.message(), "Shape must be rank 3 but is rank 2");
  s = c.WithRankAtLeast(c.input(0), 3, &out);
  EXPECT_EQ(s.message(), "Shape must be at least rank 3 but is rank 2");
  s = c.WithRankAtMost(c.input(0), 1, &out);
  EXPECT_EQ(s.message(), "Shape must be at most rank 1 but is rank 2");
  int64_t d;
  EXPECT_TRUE(c.MergeDim(-1, 4, &d).ok());
  EXPECT_EQ(d, 4);
  EXPECT_EQ(c.MergeDim(3, 4, &d).message(), "Dimensions must be equal, but are 3 and 4");
  EXPECT_EQ(c.WithValue(2, 3, &d).message(), "Dimension must be 3 but is 2");
  int axis;
  ASSERT_TRUE(c.MakeAxis(-1, 3, &axis).ok());
  EXPECT_EQ(axis, 2);
  EXPECT_EQ(c.MakeAxis(3, 3, &axis).code(), Code::INVALID_ARGUMENT);
  int64_t v;
  EXPECT_FALSE(c.GetScalarFromTensor(0, &v));
  ASSERT_TRUE(c.GetScalarFromTensor(1, &v));
  EXPECT_EQ(v, 3);
  EXPECT_EQ(c.num_outputs(), 1);
  EXPECT_TRUE(c.output(0).unknown_rank());
}

}  // namespace
}  // namespace tfc
