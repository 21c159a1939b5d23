// Complex-number ops: OpDefs (attrs, defaults), shape functions, and the CPU kernels run
// directly on small values.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/cpp/kernel_test_util.h"
#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

using test::RunOp;
using test::ShapeInferenceTestOp;
using test::TypeAttrs;

TEST(ComplexOpsShapeTest, ComplexBroadcasts) {
  INFER_OK("Complex", "[2,3];[3]", "[2,3]");
  INFER_OK("Complex", "[2,1];[1,4]", "[2,4]");
  INFER_OK("Complex", "?;[3]", "?");
  INFER_OK("Complex", "[];[]", "[]");
  INFER_ERROR("Dimensions must be equal, but are 3 and 4", "Complex", "[2,3];[4]");
}

TEST(ComplexOpsShapeTest, UnaryKeepShape) {
  for (const char* op : {"Real", "Imag", "Angle", "ComplexAbs", "Conj"}) {
    SCOPED_TRACE(op);
    INFER_OK(op, "[2,?,5]", "in0");
    INFER_OK(op, "?", "in0");
    INFER_OK(op, "[]", "in0");
  }
}

TEST(ComplexOpsShapeTest, OpDefsMatchTensorFlow) {
  const ::tensorflow::OpDef* def = nullptr;
  ASSERT_TRUE(OpRegistry::Global()->LookUpOpDef("Complex", &def).ok());
  ASSERT_EQ(def->attr_size(), 2);
  EXPECT_EQ(def->attr(0).name(), "T");
  EXPECT_EQ(def->attr(0).default_value().type(), DT_FLOAT);
  EXPECT_EQ(def->attr(1).name(), "Tout");
  EXPECT_EQ(def->attr(1).default_value().type(), DT_COMPLEX64);
  EXPECT_EQ(def->input_arg(0).name(), "real");
  EXPECT_EQ(def->input_arg(1).name(), "imag");
  EXPECT_EQ(def->output_arg(0).name(), "out");
  for (const char* op : {"Real", "Imag", "Angle", "ComplexAbs"}) {
    SCOPED_TRACE(op);
    ASSERT_TRUE(OpRegistry::Global()->LookUpOpDef(op, &def).ok());
    EXPECT_EQ(def->attr(0).default_value().type(), DT_COMPLEX64);
    EXPECT_EQ(def->attr(1).name(), "Tout");
    EXPECT_EQ(def->attr(1).default_value().type(), DT_FLOAT);
    EXPECT_EQ(def->attr(1).allowed_values().list().type_size(), 2);
  }
  ASSERT_TRUE(OpRegistry::Global()->LookUpOpDef("Conj", &def).ok());
  EXPECT_EQ(def->attr(0).allowed_values().list().type_size(), 3);  // complex64/128, variant
}

TEST(ComplexKernelsTest, ComplexAndParts) {
  Tensor re = test::AsTensor<double>({1.0, -2.0}, TensorShape({2, 1}));
  Tensor im = test::AsTensor<double>({3.0, 0.5, -4.0});
  Tensor c;
  ASSERT_TRUE(
      RunOp("Complex", {re, im}, TypeAttrs({{"T", DT_DOUBLE}, {"Tout", DT_COMPLEX128}}), &c).ok());
  ASSERT_EQ(c.shape(), TensorShape({2, 3}));
  const complex128* cp = c.data<complex128>();
  EXPECT_EQ(cp[0], complex128(1.0, 3.0));
  EXPECT_EQ(cp[5], complex128(-2.0, -4.0));

  Tensor x = test::AsTensor<complex64>({{3.0f, -4.0f}, {-1.0f, 0.0f}});
  const test::AttrSetter attrs = TypeAttrs({{"T", DT_COMPLEX64}, {"Tout", DT_FLOAT}});
  Tensor y;
  ASSERT_TRUE(RunOp("Real", {x}, attrs, &y).ok());
  EXPECT_EQ(y.dtype(), DT_FLOAT);
  EXPECT_EQ(y.data<float>()[0], 3.0f);
  ASSERT_TRUE(RunOp("Imag", {x}, attrs, &y).ok());
  EXPECT_EQ(y.data<float>()[0], -4.0f);
  ASSERT_TRUE(RunOp("ComplexAbs", {x}, attrs, &y).ok());
  EXPECT_FLOAT_EQ(y.data<float>()[0], 5.0f);
  ASSERT_TRUE(RunOp("Angle", {x}, attrs, &y).ok());
  EXPECT_FLOAT_EQ(y.data<float>()[0], std::atan2(-4.0f, 3.0f));
  EXPECT_FLOAT_EQ(y.data<float>()[1], static_cast<float>(M_PI));
  ASSERT_TRUE(RunOp("Conj", {x}, TypeAttrs({{"T", DT_COMPLEX64}}), &y).ok());
  EXPECT_EQ(y.data<complex64>()[0], complex64(3.0f, 4.0f));
}

TEST(ComplexKernelsTest, BadInputsAreErrors) {
  Tensor re = test::AsTensor<float>({1.0f, 2.0f});
  Tensor c;
  // float -> complex128 is a valid OpDef combination, but TF registers no kernel for it.
  Status s = RunOp("Complex", {re, re}, TypeAttrs({{"T", DT_FLOAT}, {"Tout", DT_COMPLEX128}}), &c);
  EXPECT_EQ(s.code(), Code::NOT_FOUND) << s.ToString();
  s = RunOp("Complex", {re, test::AsTensor<float>({1.0f, 2.0f, 3.0f})}, TypeAttrs({{"T", DT_FLOAT}}),
            &c);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT) << s.ToString();
  EXPECT_NE(s.message().find("Incompatible shapes"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace tfc
