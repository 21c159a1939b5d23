// StringFormat (and its print_v2 tensor summary), PrintV2 and RandomGammaGrad: shape functions,
// kernel values and bad input.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <unistd.h>

#include "core/kernels/string/string_format_summary.h"
#include "tests/cpp/kernel_test_util.h"
#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

using test::ShapeInferenceTestOp;

template <typename T>
std::string Summary(std::vector<T> v, TensorShape s, int64_t summarize = 3) {
  return SummarizeTensorV2(test::MakeTensor<T>(s, v), summarize);
}

std::vector<int32_t> Iota(int n) {
  std::vector<int32_t> v(n);
  for (int i = 0; i < n; ++i) v[i] = i;
  return v;
}

TEST(StringFormatSummaryTest, NestedBracketsAndElision) {
  EXPECT_EQ(Summary(Iota(10), TensorShape({10})), "[0 1 2 ... 7 8 9]");
  EXPECT_EQ(Summary(Iota(6), TensorShape({6})), "[0 1 2 3 4 5]");
  EXPECT_EQ(Summary(Iota(4), TensorShape({2, 2})), "[[0 1]\n [2 3]]");
  EXPECT_EQ(Summary(Iota(12), TensorShape({3, 4}), 1), "[[0 ... 3]\n ...\n [8 ... 11]]");
  EXPECT_EQ(Summary(Iota(24), TensorShape({2, 3, 4}), 1),
            "[[[0 ... 3]\n  ...\n  [8 ... 11]]\n\n [[12 ... 15]\n  ...\n  [20 ... 23]]]");
  EXPECT_EQ(Summary(Iota(10), TensorShape({10}), -1), "[0 1 2 3 4 5 6 7 8 9]");
  EXPECT_EQ(Summary(Iota(7), TensorShape({7}), 0), "[ ...]");
}

TEST(StringFormatSummaryTest, ScalarsAndEmpty) {
  EXPECT_EQ(Summary<int32_t>({7}, TensorShape({})), "7");
  EXPECT_EQ(Summary<int32_t>({7}, TensorShape({}), 0), "...");
  EXPECT_EQ(Summary<float>({}, TensorShape({0})), "[]");
  EXPECT_EQ(Summary<float>({}, TensorShape({0, 3})), "[]");
  // TF's quirk: no entries to show but a non-empty outer dimension.
  EXPECT_EQ(Summary<float>({}, TensorShape({2, 0})), "[\n ...]");
}

TEST(StringFormatSummaryTest, ElementFormats) {
  EXPECT_EQ(Summary<float>({0.1f, 1.0f / 3, 123456789.0f, 1e10f, -0.0f}, TensorShape({5}), -1),
            "[0.1 0.333333343 123456792 1e+10 -0]");
  EXPECT_EQ(Summary<double>({0.1, 1.0 / 3, 1e10}, TensorShape({3})),
            "[0.1 0.33333333333333331 10000000000]");
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(Summary<float>({inf, -inf, std::nanf("")}, TensorShape({3})), "[inf -inf nan]");
  EXPECT_EQ(Summary<float>({1e-45f}, TensorShape({})), "0");  // denormals-are-zero
  EXPECT_EQ(Summary<double>({5e-324}, TensorShape({1})), "[0]");
  EXPECT_EQ(Summary<half>({half(0.1f)}, TensorShape({})), "0.0999755859");
  EXPECT_EQ(Summary<bool>({true, false}, TensorShape({2})), "[1 0]");
  EXPECT_EQ(Summary<int8_t>({-128, 127}, TensorShape({2})), "[-128 127]");
  EXPECT_EQ(Summary<uint8_t>({0, 255}, TensorShape({2})), "[0 255]");
  EXPECT_EQ(Summary<uint64_t>({18446744073709551615ull}, TensorShape({})),
            "18446744073709551615");
}

TEST(StringFormatSummaryTest, StringsAreQuotedWithCEscapes) {
  EXPECT_EQ(Summary<tstring>({"a\"b", "x\ny", "it's", "\\", "\x01"}, TensorShape({5}), -1),
            "[\"a\\\"b\" \"x\\ny\" \"it\\'s\" \"\\\\\" \"\\001\"]");
  // TF 1.15 escapes every byte >= 0x80 in octal (UTF-8 included).
  EXPECT_EQ(Summary<tstring>({"\xc3\xa9"}, TensorShape({})), "\"\\303\\251\"");
}

TEST(StringFormatSummaryTest, UnprintableDtypesGiveQuestionMarks) {
  EXPECT_EQ(Summary<complex64>({complex64(1, 2)}, TensorShape({2})), "[? ?]");
  EXPECT_EQ(Summary<complex64>({complex64(1, 2)}, TensorShape({7})), "[? ? ?...]");
  EXPECT_EQ(Summary<complex128>({complex128(1, 2)}, TensorShape({})), "[?]");
}

TEST(StringFormatSummaryTest, SplitTemplate) {
  using V = std::vector<std::string>;
  EXPECT_EQ(SplitFormatTemplate("a {} b {}", "{}"), (V{"a ", " b ", ""}));
  EXPECT_EQ(SplitFormatTemplate("none", "{}"), (V{"none"}));
  EXPECT_EQ(SplitFormatTemplate("{}{}", "{}"), (V{"", "", ""}));
  EXPECT_EQ(SplitFormatTemplate("ab", ""), (V{"a", "b"}));
  EXPECT_EQ(SplitFormatTemplate("", ""), (V{""}));
}

test::AttrSetter FormatAttrs(const std::string& tmpl, DataTypeVector types,
                             int64_t summarize = 3, const std::string& placeholder = "{}") {
  return [=](::tensorflow::NodeDef* d) {
    AddNodeAttr("T", types, d);
    AddNodeAttr("template", tmpl, d);
    AddNodeAttr("placeholder", placeholder, d);
    AddNodeAttr("summarize", summarize, d);
  };
}

TEST(StringFormatKernelTest, FormatsTemplate) {
  Tensor a = test::MakeTensor<int32_t>(TensorShape({3}), {1, 2, 3});
  Tensor b = Tensor::Scalar<float>(2.5f);
  test::KernelNode n = test::MakeNodeFromInputs(
      "StringFormat", {a, b}, FormatAttrs("a={} b={}!", {DT_INT32, DT_FLOAT}));
  std::vector<Tensor> out;
  ASSERT_TRUE(test::RunKernel(n, {a, b}, &out).ok());
  EXPECT_EQ(out[0].dims(), 0);
  EXPECT_EQ(out[0].scalar<tstring>(), "a=[1 2 3] b=2.5!");

  test::KernelNode none = test::MakeNodeFromInputs("StringFormat", {}, FormatAttrs("text", {}));
  ASSERT_TRUE(test::RunKernel(none, {}, &out).ok());
  EXPECT_EQ(out[0].scalar<tstring>(), "text");

  Tensor big = test::MakeTensor<int32_t>(TensorShape({30}), Iota(30));
  test::KernelNode all =
      test::MakeNodeFromInputs("StringFormat", {big}, FormatAttrs("{}", {DT_INT32}, -1));
  ASSERT_TRUE(test::RunKernel(all, {big}, &out).ok());
  EXPECT_EQ(out[0].scalar<tstring>().size(), std::string("[0 1 2 3 4 5 6 7 8 9]").size() +
                                                  20 * 3);
}

TEST(StringFormatKernelTest, PlaceholderCountMismatchIsInvalidArgument) {
  Tensor a = test::MakeTensor<int32_t>(TensorShape({3}), {1, 2, 3});
  test::KernelNode n =
      test::MakeNodeFromInputs("StringFormat", {a}, FormatAttrs("{} {}", {DT_INT32}));
  std::vector<Tensor> out;
  Status s = test::RunKernel(n, {a}, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("num placeholders in template and num inputs must match: 2 vs. 1"),
            std::string::npos)
      << s.message();
}

TEST(StringFormatShapeTest, ScalarOutputAndPlaceholderCount) {
  ShapeInferenceTestOp op("StringFormat");
  op.Attr("T", DataTypeVector{DT_INT32, DT_FLOAT});
  op.Attr("template", std::string("{} and {}"));
  op.Attr("placeholder", std::string("{}"));
  INFER_OK(op, "[2,3];?", "[]");
  op.Attr("template", std::string("{} only"));
  INFER_ERROR("num placeholders in template and num inputs must match: 1 vs. 2", op, "[2];[]");
}

TEST(PrintV2ShapeTest, InputMustBeScalar) {
  ShapeInferenceTestOp op("PrintV2");
  INFER_OK(op, "[]", "");
  INFER_OK(op, "?", "");
  INFER_ERROR("input must be a scalar, but has rank: 1", op, "[2]");
}

test::AttrSetter StreamAttrs(const std::string& stream, const std::string& end = "\n") {
  return [=](::tensorflow::NodeDef* d) {
    AddNodeAttr("output_stream", stream, d);
    AddNodeAttr("end", end, d);
  };
}

TEST(PrintV2KernelTest, DefaultsAreTf115) {
  test::KernelNode n = test::MakeNode("PrintV2", 1);
  ASSERT_TRUE(n.status.ok());
  std::string stream, end;
  ASSERT_TRUE(GetNodeAttr(n.def, "output_stream", &stream).ok());
  ASSERT_TRUE(GetNodeAttr(n.def, "end", &end).ok());
  EXPECT_EQ(stream, "stderr");
  EXPECT_EQ(end, "\n");
}

TEST(PrintV2KernelTest, AppendsToFile) {
  const std::string path = ::testing::TempDir() + "/print_v2_" + std::to_string(getpid());
  std::remove(path.c_str());
  std::vector<Tensor> out;
  Tensor msg = Tensor::Scalar<tstring>("hello");
  ASSERT_TRUE(test::RunOp("PrintV2", {msg}, StreamAttrs("file://" + path, "|"), &out).ok());
  ASSERT_TRUE(test::RunOp("PrintV2", {msg}, StreamAttrs("file://" + path), &out).ok());
  std::ifstream f(path);
  std::stringstream got;
  got << f.rdbuf();
  EXPECT_EQ(got.str(), "hello|hello\n");
  std::remove(path.c_str());
}

TEST(PrintV2KernelTest, WritesStdout) {
  std::vector<Tensor> out;
  ::testing::internal::CaptureStdout();
  Status s = test::RunOp("PrintV2", {Tensor::Scalar<tstring>("to stdout")},
                         StreamAttrs("stdout", "<end>"), &out);
  EXPECT_EQ(::testing::internal::GetCapturedStdout(), "to stdout<end>");
  EXPECT_TRUE(s.ok());
}

TEST(PrintV2KernelTest, BadInput) {
  std::vector<Tensor> out;
  Status s = test::RunOp("PrintV2", {Tensor::Scalar<tstring>("x")}, StreamAttrs("bogus"), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message().rfind("Unknown output stream: bogus, Valid streams are: stdout stderr "
                              "log(info) log(warning) log(error)", 0), 0u) << s.message();
  Tensor vec = test::MakeTensor<tstring>(TensorShape({2}), {"a", "b"});
  s = test::RunOp("PrintV2", {vec}, StreamAttrs("stderr"), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message().rfind("Input is expected to be scalar, but got [2]", 0), 0u)
      << s.message();
  s = test::RunOp("PrintV2", {Tensor::Scalar<tstring>("x")},
                  StreamAttrs("file:///nonexistent_dir_tfc/x.txt"), &out);
  EXPECT_EQ(s.code(), Code::NOT_FOUND);
  EXPECT_EQ(s.message().rfind("/nonexistent_dir_tfc/x.txt; No such file or directory", 0), 0u)
      << s.message();
  s = test::RunOp("PrintV2", {Tensor::Scalar<tstring>("x")}, StreamAttrs("file://"), &out);
  EXPECT_EQ(s.code(), Code::NOT_FOUND);
}

// Regularized lower incomplete gamma P(a, x) by its power series, long enough for x <= 40.
double RefIgamma(double a, double x) {
  double term = std::exp(a * std::log(x) - x - std::lgamma(a + 1)), sum = term;
  for (int k = 1; k < 400; ++k) {
    term *= x / (a + k);
    sum += term;
  }
  return sum;
}

// dx/da = -(dP/da) / (dP/dx), dP/da by central differences.
double RefSampleDerivative(double a, double x) {
  const double h = 1e-5 * a;
  const double dp_da = (RefIgamma(a + h, x) - RefIgamma(a - h, x)) / (2 * h);
  const double density = std::exp((a - 1) * std::log(x) - x - std::lgamma(a));
  return -dp_da / density;
}

TEST(RandomGammaGradKernelTest, MatchesImplicitDerivative) {
  // Both branches: the series (x <= 1 or x <= a) and the continued fraction.
  const std::vector<double> alphas = {0.05, 0.5, 1.0, 2.5, 7.0, 20.0};
  const std::vector<double> xs = {0.01, 0.3, 0.9, 1.5, 4.0, 6.0, 30.0};
  Tensor alpha = test::MakeTensor<double>(TensorShape({6, 1}), alphas);
  Tensor sample = test::MakeTensor<double>(TensorShape({1, 7}), xs);
  Tensor out;
  ASSERT_TRUE(test::RunOp("RandomGammaGrad", {alpha, sample}, test::TypeAttr(DT_DOUBLE), &out)
                  .ok());
  ASSERT_EQ(out.shape().DebugString(), "[6,7]");
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 7; ++j) {
      const double got = out.data<double>()[i * 7 + j];
      const double want = RefSampleDerivative(alphas[i], xs[j]);
      // Where P(a, x) is within 1e-3 of 1 the reference's difference quotient loses its digits.
      if (1 - RefIgamma(alphas[i], xs[j]) < 1e-3) continue;
      EXPECT_NEAR(got, want, 1e-6 * std::fabs(want) + 1e-12)
          << "alpha " << alphas[i] << " x " << xs[j];
    }
  }
}

TEST(RandomGammaGradKernelTest, FloatAndEdgeCases) {
  Tensor alpha = test::MakeTensor<float>(TensorShape({5}), {2.0f, 2.0f, -1.0f, 0.0f, 3.0f});
  Tensor sample = test::MakeTensor<float>(TensorShape({5}), {1.7f, 0.0f, 1.0f, 1.0f, -2.0f});
  Tensor out;
  ASSERT_TRUE(
      test::RunOp("RandomGammaGrad", {alpha, sample}, test::TypeAttr(DT_FLOAT), &out).ok());
  const float* v = out.data<float>();
  EXPECT_NEAR(v[0], RefSampleDerivative(2.0, 1.7), 1e-5);
  EXPECT_EQ(v[1], 0.0f);  // x == 0
  EXPECT_TRUE(std::isnan(v[2]));
  EXPECT_TRUE(std::isnan(v[3]));
  EXPECT_TRUE(std::isnan(v[4]));
}

TEST(RandomGammaGradKernelTest, BadInput) {
  Tensor out;
  Status s = test::RunOp("RandomGammaGrad",
                         {test::MakeTensor<float>(TensorShape({2}), {1, 2}),
                          test::MakeTensor<float>(TensorShape({3}), {1, 2, 3})},
                         test::TypeAttr(DT_FLOAT), &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("Incompatible shapes"), std::string::npos) << s.message();
  ShapeInferenceTestOp op("RandomGammaGrad");
  op.Attr("T", DT_FLOAT);
  INFER_OK(op, "[3,1];[2]", "[3,2]");
  INFER_ERROR("Dimensions must be equal, but are 2 and 3", op, "[2];[3]");
  s = test::RunOp("RandomGammaGrad",
                  {test::MakeTensor<int32_t>(TensorShape({1}), {1}),
                   test::MakeTensor<int32_t>(TensorShape({1}), {1})},
                  test::TypeAttr(DT_INT32), &out);
  EXPECT_FALSE(s.ok());
}

}  // namespace
}  // namespace tfc
