// Shape functions and CPU kernels of the sparse segment reductions and the SparseTensor ops
// (SparseReorder, SparseReshape, SparseFillEmptyRows, SparseReduceSum, SparseTensorDenseMatMul).
#include <cmath>

#include "tests/cpp/kernel_test_util.h"
#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

using test::AsTensor;
using test::MakeTensor;
using test::RunOp;
using test::Values;

test::AttrSetter SegAttrs(DataType t, DataType idx = DT_INT32) {
  return test::TypeAttrs({{"T", t}, {"Tidx", idx}});
}

TEST(SparseSegmentShapeTest, Reductions) {
  for (const char* op : {"SparseSegmentSum", "SparseSegmentMean", "SparseSegmentSqrtN"}) {
    INFER_OK(op, "[4,3];[5];[5]", "[?,3]");
    INFER_OK(op, "?;[5];[5]", "?");
    INFER_ERROR("must be equal", op, "[4,3];[5];[6]");
    INFER_ERROR("must be rank 1", op, "[4,3];[5,1];[5]");
    INFER_ERROR("must be at least rank 1", op, "[];[5];[5]");
  }
  test::ShapeInferenceTestOp t("SparseSegmentSumWithNumSegments");
  INFER_OK(t, "[4,3,2];[5];[5];[]", "[?,3,2]");
  t.SetInputTensor(3, Tensor::Scalar<int32_t>(7));
  INFER_OK(t, "[4,3,2];[5];[5];[]", "[7,3,2]");
  INFER_ERROR("must be rank 0", t, "[4,3];[5];[5];[1]");
  test::ShapeInferenceTestOp g("SparseSegmentMeanGrad");
  INFER_OK(g, "[2,3];[5];[5];[]", "[?,3]");
  g.SetInputTensor(3, Tensor::Scalar<int32_t>(9));
  INFER_OK(g, "[2,3];[5];[5];[]", "[9,3]");
}

TEST(SparseSegmentKernelTest, Values) {
  const Tensor data = MakeTensor<float>(TensorShape({4, 2}), {1, 2, 3, 4, 5, 6, 7, 8});
  const Tensor idx = AsTensor<int32_t>({0, 3, 1, 1});
  const Tensor seg = AsTensor<int32_t>({0, 0, 2, 2});
  Tensor out;
  ASSERT_TRUE(RunOp("SparseSegmentSum", {data, idx, seg}, SegAttrs(DT_FLOAT), &out).ok());
  EXPECT_EQ(out.shape(), TensorShape({3, 2}));
  EXPECT_EQ(Values<float>(out), (std::vector<float>{8, 10, 0, 0, 6, 8}));
  ASSERT_TRUE(RunOp("SparseSegmentMean", {data, AsTensor<int64_t>({0, 3, 1, 1}), seg},
                    SegAttrs(DT_FLOAT, DT_INT64), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{4, 5, 0, 0, 3, 4}));
  ASSERT_TRUE(RunOp("SparseSegmentSqrtN", {data, idx, seg}, SegAttrs(DT_FLOAT), &out).ok());
  const float r = std::sqrt(2.0f);
  EXPECT_EQ(Values<float>(out), (std::vector<float>{8 / r, 10 / r, 0, 0, 6 / r, 8 / r}));
  ASSERT_TRUE(RunOp("SparseSegmentSumWithNumSegments",
                    {data, idx, seg, Tensor::Scalar<int32_t>(4)},
                    test::TypeAttrs({{"T", DT_FLOAT}, {"Tidx", DT_INT32},
                                     {"Tnumsegments", DT_INT32}}),
                    &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{8, 10, 0, 0, 6, 8, 0, 0}));
  // Gradient of the mean: rows 0 and 3 get half of segment 0's gradient, row 1 twice half of 2's.
  const Tensor grad = MakeTensor<float>(TensorShape({3, 2}), {2, 4, 0, 0, 6, 8});
  ASSERT_TRUE(RunOp("SparseSegmentMeanGrad", {grad, idx, seg, Tensor::Scalar<int32_t>(5)},
                    SegAttrs(DT_FLOAT), &out).ok());
  EXPECT_EQ(out.shape(), TensorShape({5, 2}));
  EXPECT_EQ(Values<float>(out), (std::vector<float>{1, 2, 6, 8, 0, 0, 1, 2, 0, 0}));
}

TEST(SparseSegmentKernelTest, Errors) {
  const Tensor data = MakeTensor<float>(TensorShape({4, 2}), {1, 2, 3, 4, 5, 6, 7, 8});
  Tensor out;
  Status s = RunOp("SparseSegmentSum", {data, AsTensor<int32_t>({0, 5}), AsTensor<int32_t>({0, 1})},
                   SegAttrs(DT_FLOAT), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message(), "Bad: indices[1] == 5 out of range [0, 4)");
  s = RunOp("SparseSegmentSum", {data, AsTensor<int32_t>({0, 1}), AsTensor<int32_t>({1, 0})},
            SegAttrs(DT_FLOAT), &out);
  EXPECT_EQ(s.message(), "segment ids are not increasing");
  s = RunOp("SparseSegmentSum", {data, AsTensor<int32_t>({0, 1}), AsTensor<int32_t>({-1, 0})},
            SegAttrs(DT_FLOAT), &out);
  EXPECT_EQ(s.message(), "Segment id -1 out of range [0, 1), possibly because 'segment_ids' "
                         "input is not sorted.");
  s = RunOp("SparseSegmentMean", {data, AsTensor<int32_t>({0}), AsTensor<int32_t>({0, 0})},
            SegAttrs(DT_FLOAT), &out);
  EXPECT_EQ(s.message(), "segment_ids and indices should have same size.");
  s = RunOp("SparseSegmentSqrtNGrad",
            {data, AsTensor<int32_t>({0, 7}), AsTensor<int32_t>({0, 1}),
             Tensor::Scalar<int32_t>(5)},
            SegAttrs(DT_FLOAT), &out);
  EXPECT_EQ(s.message(), "Index 7 out of range [0, 5).");
}

TEST(SparseTensorOpsShapeTest, Shapes) {
  INFER_OK(test::ShapeInferenceTestOp("SparseReorder"), "[5,2];[5];[2]", "[5,2];[5]");
  INFER_ERROR("must be rank 2", test::ShapeInferenceTestOp("SparseReorder"), "[5];[5];[2]");
  INFER_OK("SparseReshape", "[5,2];[2];[3]", "[5,3];[3]");
  INFER_OK("SparseFillEmptyRows", "[5,2];[5];[2];[]", "[?,2];[?];[?];[5]");
  INFER_ERROR("must be equal", test::ShapeInferenceTestOp("SparseFillEmptyRows"),
              "[5,2];[4];[2];[]");
  INFER_OK("SparseFillEmptyRowsGrad", "[5];[7]", "[5];[]");
  test::ShapeInferenceTestOp mm("SparseTensorDenseMatMul");
  mm.SetInputTensor(2, AsTensor<int64_t>({4, 3}));
  INFER_OK(mm, "[5,2];[5];[2];[3,6]", "[4,6]");
  INFER_ERROR("must be equal", mm, "[5,2];[5];[2];[2,6]");
}

TEST(SparseTensorOpsKernelTest, ReorderAndReshape) {
  const Tensor ind = MakeTensor<int64_t>(TensorShape({3, 2}), {1, 0, 0, 2, 0, 1});
  const Tensor val = AsTensor<float>({1, 2, 3});
  std::vector<Tensor> outs;
  ASSERT_TRUE(RunOp("SparseReorder", {ind, val, AsTensor<int64_t>({2, 3})},
                    test::TypeAttr(DT_FLOAT), &outs).ok());
  EXPECT_EQ(Values<int64_t>(outs[0]), (std::vector<int64_t>{0, 1, 0, 2, 1, 0}));
  EXPECT_EQ(Values<float>(outs[1]), (std::vector<float>{3, 2, 1}));
  ASSERT_TRUE(RunOp("SparseReshape",
                    {ind, AsTensor<int64_t>({2, 3}), AsTensor<int64_t>({-1})}, nullptr, &outs)
                  .ok());
  EXPECT_EQ(Values<int64_t>(outs[0]), (std::vector<int64_t>{3, 2, 1}));
  EXPECT_EQ(Values<int64_t>(outs[1]), (std::vector<int64_t>{6}));
  Status s = RunOp("SparseReshape", {ind, AsTensor<int64_t>({2, 3}), AsTensor<int64_t>({4, 2})},
                   nullptr, &outs);
  EXPECT_EQ(s.message(), "Input to reshape is a tensor with 6 dense values, but the requested "
                         "shape has 8. input_shape=[2,3] output_shape=[4,2]");
}

TEST(SparseTensorOpsKernelTest, FillEmptyRowsReduceSumMatMul) {
  const Tensor ind = MakeTensor<int64_t>(TensorShape({2, 2}), {0, 1, 2, 0});
  const Tensor val = AsTensor<float>({5, 6});
  std::vector<Tensor> outs;
  ASSERT_TRUE(RunOp("SparseFillEmptyRows",
                    {ind, val, AsTensor<int64_t>({4, 2}), Tensor::Scalar<float>(-1)},
                    test::TypeAttr(DT_FLOAT), &outs).ok());
  EXPECT_EQ(Values<int64_t>(outs[0]), (std::vector<int64_t>{0, 1, 1, 0, 2, 0, 3, 0}));
  EXPECT_EQ(Values<float>(outs[1]), (std::vector<float>{5, -1, 6, -1}));
  EXPECT_EQ(Values<bool>(outs[2]), (std::vector<bool>{false, true, false, true}));
  EXPECT_EQ(Values<int64_t>(outs[3]), (std::vector<int64_t>{0, 2}));

  Tensor out;
  ASSERT_TRUE(RunOp("SparseReduceSum",
                    {ind, val, AsTensor<int64_t>({3, 2}), AsTensor<int32_t>({0})},
                    test::TypeAttr(DT_FLOAT), &out).ok());
  EXPECT_EQ(out.shape(), TensorShape({2}));
  EXPECT_EQ(Values<float>(out), (std::vector<float>{6, 5}));

  // [[0, 5], [0, 0], [6, 0]] x [[1, 2], [3, 4]].
  const Tensor b = MakeTensor<float>(TensorShape({2, 2}), {1, 2, 3, 4});
  ASSERT_TRUE(RunOp("SparseTensorDenseMatMul", {ind, val, AsTensor<int64_t>({3, 2}), b},
                    test::TypeAttrs({{"T", DT_FLOAT}, {"Tindices", DT_INT64}}), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{15, 20, 0, 0, 6, 12}));
  Status s = RunOp("SparseTensorDenseMatMul", {ind, val, AsTensor<int64_t>({2, 2}), b},
                   test::TypeAttrs({{"T", DT_FLOAT}, {"Tindices", DT_INT64}}), &out);
  EXPECT_EQ(s.message(), "m (2) from index[1,0] out of bounds (>=2)");
}

}  // namespace
}  // namespace tfc
