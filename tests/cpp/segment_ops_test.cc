// Shape functions and CPU kernels of the segment reductions and the special functions.
#include <cmath>

#include "tests/cpp/kernel_test_util.h"
#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

using test::AsTensor;
using test::MakeTensor;
using test::RunOp;
using test::Values;

test::AttrSetter SegAttrs(DataType t, DataType idx) {
  return test::TypeAttrs({{"T", t}, {"Tindices", idx}});
}

TEST(SegmentOpsShapeTest, Sorted) {
  for (const char* op : {"SegmentSum", "SegmentMean", "SegmentProd", "SegmentMin", "SegmentMax"}) {
    INFER_OK(op, "[4,3];[4]", "[?,3]");
    INFER_OK(op, "?;[4]", "?");
    INFER_OK(op, "[?,2,5];?", "[?,2,5]");
    INFER_ERROR("must be equal", op, "[4,3];[5]");
    INFER_ERROR("must be rank 1", op, "[4,3];[4,1]");
    INFER_ERROR("must be at least rank 1", op, "[];[4]");
  }
}

TEST(SegmentOpsShapeTest, Unsorted) {
  for (const char* op : {"UnsortedSegmentSum", "UnsortedSegmentProd", "UnsortedSegmentMin",
                         "UnsortedSegmentMax"}) {
    test::ShapeInferenceTestOp t(op);
    INFER_OK(t, "[4,3];[4];[]", "[?,3]");
    INFER_OK(t, "[4,3,2];[4,3];[]", "[?,2]");
    INFER_OK(t, "[4,3];?;[]", "?");
    INFER_ERROR("must be rank 0", t, "[4,3];[4];[1]");
    INFER_ERROR("must be equal", t, "[4,3];[5];[]");
    t.SetInputTensor(2, Tensor::Scalar<int32_t>(7));
    INFER_OK(t, "[4,3];[4];[]", "[7,3]");
    t.SetInputTensor(2, Tensor::Scalar<int32_t>(-1));
    INFER_ERROR("must be non-negative", t, "[4,3];[4];[]");
  }
}

TEST(SegmentOpsShapeTest, Special) {
  for (const char* op : {"Zeta", "Polygamma", "Igamma", "Igammac"}) {
    INFER_OK(op, "[2,1];[3]", "[2,3]");
    INFER_ERROR("Dimensions must be equal", op, "[2];[3]");
  }
}

TEST(SegmentOpsKernelTest, SortedValues) {
  const Tensor data = MakeTensor<float>(TensorShape({5, 2}), {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  const Tensor ids = AsTensor<int32_t>({0, 0, 2, 2, 2});
  Tensor out;
  ASSERT_TRUE(RunOp("SegmentSum", {data, ids}, SegAttrs(DT_FLOAT, DT_INT32), &out).ok());
  EXPECT_EQ(out.shape(), TensorShape({3, 2}));
  EXPECT_EQ(Values<float>(out), (std::vector<float>{4, 6, 0, 0, 21, 24}));
  ASSERT_TRUE(RunOp("SegmentMean", {data, ids}, SegAttrs(DT_FLOAT, DT_INT32), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{2, 3, 0, 0, 7, 8}));
  ASSERT_TRUE(RunOp("SegmentProd", {data, ids}, SegAttrs(DT_FLOAT, DT_INT32), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{3, 8, 1, 1, 315, 480}));
  ASSERT_TRUE(RunOp("SegmentMax", {data, ids}, SegAttrs(DT_FLOAT, DT_INT32), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{3, 4, 0, 0, 9, 10}));
  ASSERT_TRUE(RunOp("SegmentMin", {data, AsTensor<int64_t>({0, 0, 2, 2, 2})},
                    SegAttrs(DT_FLOAT, DT_INT64), &out).ok());
  EXPECT_EQ(Values<float>(out), (std::vector<float>{1, 2, 0, 0, 5, 6}));
  ASSERT_TRUE(RunOp("SegmentMean", {AsTensor<int32_t>({1, 2, 4}), AsTensor<int32_t>({0, 0, 0})},
                    SegAttrs(DT_INT32, DT_INT32), &out).ok());
  EXPECT_EQ(Values<int32_t>(out), (std::vector<int32_t>{2}));
}

TEST(SegmentOpsKernelTest, SortedErrors) {
  const Tensor data = AsTensor<float>({1, 2, 3});
  Tensor out;
  Status s = RunOp("SegmentSum", {data, AsTensor<int32_t>({0, 2, 1})},
                   SegAttrs(DT_FLOAT, DT_INT32), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message(), "segment ids are not increasing");
  s = RunOp("SegmentSum", {data, AsTensor<int32_t>({-1, 0, 1})}, SegAttrs(DT_FLOAT, DT_INT32),
            &out);
  EXPECT_NE(s.message().find("Segment id -1 out of range [0, 2), possibly because"),
            std::string::npos);
  // A range error in an earlier segment comes before a later ordering error, as in TF.
  s = RunOp("SegmentSum", {data, AsTensor<int32_t>({-1, 0, -5})}, SegAttrs(DT_FLOAT, DT_INT32),
            &out);
  EXPECT_NE(s.message().find("Segment id -1 out of range [0, -4)"), std::string::npos);
  s = RunOp("SegmentSum", {data, AsTensor<int32_t>({0, 1})}, SegAttrs(DT_FLOAT, DT_INT32), &out);
  EXPECT_EQ(s.message(), "segment_ids should be the same size as dimension 0 of input.");
}

TEST(SegmentOpsKernelTest, UnsortedValuesAndErrors) {
  const Tensor data = MakeTensor<int32_t>(TensorShape({4, 2}), {1, 2, 3, 4, 5, 6, 7, 8});
  const Tensor ids = AsTensor<int64_t>({2, 0, -1, 2});
  Tensor out;
  ASSERT_TRUE(RunOp("UnsortedSegmentSum", {data, ids, Tensor::Scalar<int64_t>(4)},
                    SegAttrs(DT_INT32, DT_INT64), &out).ok());
  EXPECT_EQ(out.shape(), TensorShape({4, 2}));
  EXPECT_EQ(Values<int32_t>(out), (std::vector<int32_t>{3, 4, 0, 0, 8, 10, 0, 0}));
  ASSERT_TRUE(RunOp("UnsortedSegmentMax", {data, ids, Tensor::Scalar<int32_t>(3)},
                    SegAttrs(DT_INT32, DT_INT64), &out).ok());
  const int32_t lo = std::numeric_limits<int32_t>::lowest();
  EXPECT_EQ(Values<int32_t>(out), (std::vector<int32_t>{3, 4, lo, lo, 7, 8}));
  ASSERT_TRUE(RunOp("UnsortedSegmentMin", {data, ids, Tensor::Scalar<int32_t>(3)},
                    SegAttrs(DT_INT32, DT_INT64), &out).ok());
  EXPECT_EQ(out.data<int32_t>()[0], 3);
  EXPECT_EQ(out.data<int32_t>()[2], std::numeric_limits<int32_t>::max());
  ASSERT_TRUE(RunOp("UnsortedSegmentProd", {data, ids, Tensor::Scalar<int32_t>(3)},
                    SegAttrs(DT_INT32, DT_INT64), &out).ok());
  EXPECT_EQ(Values<int32_t>(out), (std::vector<int32_t>{3, 4, 1, 1, 7, 16}));

  Status s = RunOp("UnsortedSegmentSum", {data, AsTensor<int32_t>({0, 5, 1, 1}),
                                          Tensor::Scalar<int32_t>(3)},
                   SegAttrs(DT_INT32, DT_INT32), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message(), "segment_ids[1] = 5 is out of range [0, 3)");
  s = RunOp("UnsortedSegmentSum", {data, AsTensor<int32_t>({0, 1}), Tensor::Scalar<int32_t>(3)},
            SegAttrs(DT_INT32, DT_INT32), &out);
  EXPECT_EQ(s.message(), "data.shape = [4,2] does not start with segment_ids.shape = [2]");
  s = RunOp("UnsortedSegmentSum", {data, AsTensor<int32_t>({0, 1, 1, 1}),
                                   AsTensor<int32_t>({3})},
            SegAttrs(DT_INT32, DT_INT32), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
}

TEST(SegmentOpsKernelTest, SpecialFunctions) {
  Tensor out;
  const double z3 = 1.2020569031595942, pi = 3.14159265358979323846;
  ASSERT_TRUE(RunOp("Zeta", {AsTensor<double>({2, 3, 0.5, 4}), AsTensor<double>({1, 2, 1, -2})},
                    test::TypeAttr(DT_DOUBLE), &out).ok());
  EXPECT_NEAR(out.data<double>()[0], pi * pi / 6, 1e-14);
  EXPECT_NEAR(out.data<double>()[1], z3 - 1, 1e-14);
  EXPECT_TRUE(std::isnan(out.data<double>()[2]));
  EXPECT_TRUE(std::isinf(out.data<double>()[3]));
  ASSERT_TRUE(RunOp("Polygamma", {AsTensor<double>({0, 1, 2, 3}), AsTensor<double>({1, 1, 1, 0.5})},
                    test::TypeAttr(DT_DOUBLE), &out).ok());
  EXPECT_NEAR(out.data<double>()[0], -0.5772156649015329, 1e-14);
  EXPECT_NEAR(out.data<double>()[1], pi * pi / 6, 1e-13);
  EXPECT_NEAR(out.data<double>()[2], -2 * z3, 1e-13);
  EXPECT_NEAR(out.data<double>()[3], std::pow(pi, 4), 1e-10);  // psi'''(1/2) = pi^4
  ASSERT_TRUE(RunOp("Igamma", {AsTensor<float>({1, 3, 1, -1}), AsTensor<float>({2, 1, 0, 1})},
                    test::TypeAttr(DT_FLOAT), &out).ok());
  EXPECT_NEAR(out.data<float>()[0], 1 - std::exp(-2.0), 1e-7);
  EXPECT_NEAR(out.data<float>()[1], 1 - std::exp(-1.0) * 2.5, 1e-7);
  EXPECT_EQ(out.data<float>()[2], 0);
  EXPECT_TRUE(std::isnan(out.data<float>()[3]));
  ASSERT_TRUE(RunOp("Igammac", {AsTensor<double>({1, 3}), AsTensor<double>({20, 1})},
                    test::TypeAttr(DT_DOUBLE), &out).ok());
  EXPECT_NEAR(out.data<double>()[0], std::exp(-20.0), 1e-20);
  EXPECT_NEAR(out.data<double>()[1], std::exp(-1.0) * 2.5, 1e-15);
}

}  // namespace
}  // namespace tfc
