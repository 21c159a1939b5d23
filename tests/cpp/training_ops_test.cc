// Fused optimizer kernels on ref variables: one step of each rule against the formula written
// out here, in-place update and ref forwarding, sparse row updates and index validation,
// uninitialized variables; shape functions; Assert, Print and CheckNumerics.
#include <cmath>
#include <mutex>

#include "tests/cpp/kernel_test_util.h"
#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

// Runs `op` with inputs [0, num_refs) handed over as Ref inputs (as a VariableV2 would).
// The ref tensors are updated in place; `out_is_var` says whether output 0 is input 0's ref.
struct RefRun {
  Status status;
  bool out_is_var = false;
};

RefRun RunWithRefs(const std::string& op, std::vector<Tensor>* inputs, int num_refs,
                   const test::AttrSetter& attrs = nullptr) {
  RefRun r;
  test::KernelNode n = test::MakeNodeFromInputs(op, *inputs, attrs);
  if (!n.status.ok()) {
    r.status = n.status;
    return r;
  }
  Device device(kCpuDeviceName, DEVICE_CPU, cpu_allocator(), nullptr);
  std::unique_ptr<OpKernel> kernel;
  r.status = CreateOpKernel(&device, n.def, n.in_types, n.out_types, &kernel);
  if (!r.status.ok()) return r;
  std::vector<std::mutex> mutexes(inputs->size());
  std::vector<TensorValue> values(inputs->size());
  for (size_t i = 0; i < inputs->size(); ++i) {
    values[i].tensor = &(*inputs)[i];
    if (static_cast<int>(i) < num_refs) values[i].mutex_if_ref = &mutexes[i];
  }
  OpKernelContext::Params params;
  params.device = &device;
  params.op_kernel = kernel.get();
  params.inputs = &values;
  OpKernelContext ctx(&params);
  kernel->Compute(&ctx);
  r.status = ctx.status();
  if (r.status.ok() && ctx.num_outputs() > 0) {
    r.out_is_var = ctx.outputs()[0].tensor == &(*inputs)[0] && ctx.outputs()[0].is_ref();
  }
  return r;
}

Tensor Vec(std::vector<float> v) { return test::AsTensor<float>(v); }
Tensor Scalar(float v) { return Tensor::Scalar<float>(v); }

void ExpectNear(const Tensor& t, const std::vector<double>& want, double tol = 1e-6) {
  ASSERT_EQ(t.NumElements(), static_cast<int64_t>(want.size()));
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_NEAR(t.data<float>()[i], want[i], tol * std::max(1.0, std::fabs(want[i]))) << i;
  }
}

TEST(TrainingOpsTest, GradientDescentUpdatesInPlaceAndForwardsRef) {
  std::vector<Tensor> in = {Vec({1, 2, 3}), Scalar(0.5f), Vec({2, 4, -2})};
  const float* before = in[0].data<float>();
  RefRun r = RunWithRefs("ApplyGradientDescent", &in, 1);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_TRUE(r.out_is_var);
  EXPECT_EQ(in[0].data<float>(), before);
  ExpectNear(in[0], {0, 0, 4});
}

TEST(TrainingOpsTest, GradientDescentUseLocking) {
  std::vector<Tensor> in = {Vec({1}), Scalar(1.f), Vec({1})};
  RefRun r = RunWithRefs("ApplyGradientDescent", &in, 1, test::Attrs({}));
  ASSERT_TRUE(r.status.ok());
  ::tensorflow::AttrValue locking;
  locking.set_b(true);
  r = RunWithRefs("ApplyGradientDescent", &in, 1, test::Attrs({{"use_locking", locking}}));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ExpectNear(in[0], {-1});
}

TEST(TrainingOpsTest, MomentumAndNesterov) {
  for (bool nesterov : {false, true}) {
    std::vector<Tensor> in = {Vec({1, 2}), Vec({0.5f, -1}), Scalar(0.1f), Vec({1, 1}),
                              Scalar(0.9f)};
    ::tensorflow::AttrValue nv;
    nv.set_b(nesterov);
    RefRun r = RunWithRefs("ApplyMomentum", &in, 2, test::Attrs({{"use_nesterov", nv}}));
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    const double a0 = 0.5 * 0.9 + 1, a1 = -0.9 + 1;
    ExpectNear(in[1], {a0, a1});
    if (nesterov) {
      ExpectNear(in[0], {1 - (0.1 + a0 * 0.9 * 0.1), 2 - (0.1 + a1 * 0.9 * 0.1)});
    } else {
      ExpectNear(in[0], {1 - 0.1 * a0, 2 - 0.1 * a1});
    }
  }
}

TEST(TrainingOpsTest, Adam) {
  std::vector<Tensor> in = {Vec({1, -1}), Vec({0.1f, 0}), Vec({0.01f, 0}), Scalar(0.9f),
                            Scalar(0.999f), Scalar(0.01f), Scalar(0.9f), Scalar(0.999f),
                            Scalar(1e-8f), Vec({0.5f, -2})};
  RefRun r = RunWithRefs("ApplyAdam", &in, 3);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  const double alpha = 0.01 * std::sqrt(1 - 0.999) / (1 - 0.9);
  const double m0 = 0.1 + (0.5 - 0.1) * 0.1, m1 = -2 * 0.1;
  const double v0 = 0.01 + (0.25 - 0.01) * 0.001, v1 = 4 * 0.001;
  ExpectNear(in[1], {m0, m1});
  ExpectNear(in[2], {v0, v1});
  ExpectNear(in[0], {1 - m0 * alpha / (std::sqrt(v0) + 1e-8), -1 - m1 * alpha / (std::sqrt(v1) + 1e-8)},
             1e-5);
}

TEST(TrainingOpsTest, RMSPropAndCentered) {
  std::vector<Tensor> in = {Vec({1}), Vec({0.5f}), Vec({0.2f}), Scalar(0.1f), Scalar(0.9f),
                            Scalar(0.5f), Scalar(1e-3f), Vec({2})};
  ASSERT_TRUE(RunWithRefs("ApplyRMSProp", &in, 3).status.ok());
  const double ms = 0.5 + (4 - 0.5) * 0.1, mom = 0.2 * 0.5 + 2 * 0.1 / std::sqrt(ms + 1e-3);
  ExpectNear(in[1], {ms});
  ExpectNear(in[2], {mom});
  ExpectNear(in[0], {1 - mom});

  std::vector<Tensor> c = {Vec({1}), Vec({0.3f}), Vec({0.5f}), Vec({0.2f}), Scalar(0.1f),
                           Scalar(0.9f), Scalar(0.5f), Scalar(1e-3f), Vec({2})};
  ASSERT_TRUE(RunWithRefs("ApplyCenteredRMSProp", &c, 4).status.ok());
  const double mg = 0.3 + (2 - 0.3) * 0.1;
  const double cmom = 0.2 * 0.5 + 2 * 0.1 / std::sqrt(ms - mg * mg + 1e-3);
  ExpectNear(c[1], {mg});
  ExpectNear(c[0], {1 - cmom});
}

TEST(TrainingOpsTest, AdagradAdadeltaProximal) {
  std::vector<Tensor> a = {Vec({1}), Vec({0.1f}), Scalar(0.5f), Vec({2})};
  ASSERT_TRUE(RunWithRefs("ApplyAdagrad", &a, 2).status.ok());
  ExpectNear(a[1], {4.1});
  ExpectNear(a[0], {1 - 2 * 0.5 / std::sqrt(4.1)});

  std::vector<Tensor> d = {Vec({1}), Vec({0.1f}), Vec({0.2f}), Scalar(1.f), Scalar(0.95f),
                           Scalar(1e-6f), Vec({2})};
  ASSERT_TRUE(RunWithRefs("ApplyAdadelta", &d, 3).status.ok());
  const double acc = 0.1 * 0.95 + 4 * 0.05;
  const double upd = std::sqrt(0.2 + 1e-6) / std::sqrt(acc + 1e-6) * 2;
  ExpectNear(d[1], {acc});
  ExpectNear(d[0], {1 - upd});
  ExpectNear(d[2], {0.2 * 0.95 + upd * upd * 0.05});

  std::vector<Tensor> p = {Vec({1, -0.01f}), Scalar(0.1f), Scalar(0.5f), Scalar(0.2f),
                           Vec({1, 0})};
  ASSERT_TRUE(RunWithRefs("ApplyProximalGradientDescent", &p, 1).status.ok());
  ExpectNear(p[0], {(0.9 - 0.05) / 1.02, 0});

  std::vector<Tensor> pa = {Vec({1}), Vec({0.1f}), Scalar(0.1f), Scalar(0.0f), Scalar(0.2f),
                            Vec({1})};
  ASSERT_TRUE(RunWithRefs("ApplyProximalAdagrad", &pa, 2).status.ok());
  const double rate = 0.1 / std::sqrt(1.1);
  ExpectNear(pa[0], {(1 - rate) / (1 + 0.2 * rate)});
  pa[2] = Scalar(-1.f);
  RefRun bad = RunWithRefs("ApplyProximalAdagrad", &pa, 2);
  EXPECT_EQ(bad.status.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(bad.status.message().find("lr is not a positive scalar"), std::string::npos);
}

TEST(TrainingOpsTest, Ftrl) {
  std::vector<Tensor> in = {Vec({0.5f, 0}), Vec({0.1f, 0.1f}), Vec({0, 0}), Vec({1, 0.01f}),
                            Scalar(0.1f), Scalar(0.01f), Scalar(0.02f), Scalar(-0.5f)};
  ASSERT_TRUE(RunWithRefs("ApplyFtrl", &in, 3).status.ok());
  const double na = 1.1, sigma = (std::sqrt(na) - std::sqrt(0.1)) / 0.1;
  const double lin = 1 - sigma * 0.5;
  const double want = std::fabs(lin) > 0.01 ? ((lin > 0 ? 0.01 : -0.01) - lin) /
                                                  (std::sqrt(na) / 0.1 + 0.04)
                                            : 0;
  ExpectNear(in[2], {lin, 0.01}, 1e-5);
  ExpectNear(in[0], {want, 0}, 1e-5);
  ExpectNear(in[1], {1.1, 0.1001});
}

TEST(TrainingOpsTest, SparseMomentumRowsAndDuplicates) {
  std::vector<Tensor> in = {test::AsTensor<float>({1, 1, 2, 2, 3, 3}, TensorShape({3, 2})),
                            test::AsTensor<float>({0, 0, 0, 0, 0, 0}, TensorShape({3, 2})),
                            Scalar(1.f), test::AsTensor<float>({1, 1, 1, 1}, TensorShape({2, 2})),
                            test::AsTensor<int64_t>({2, 2}), Scalar(0.5f)};
  RefRun r = RunWithRefs("SparseApplyMomentum", &in, 2);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_TRUE(r.out_is_var);
  // Row 2 is hit twice: accum 1 then 1.5; var 3 - 1 - 1.5.
  ExpectNear(in[0], {1, 1, 2, 2, 0.5, 0.5});
  ExpectNear(in[1], {0, 0, 0, 0, 1.5, 1.5});
}

TEST(TrainingOpsTest, SparseAdagradOneElementRows) {
  std::vector<Tensor> in = {Vec({1, 2, 3}), Vec({1, 1, 1}), Scalar(0.5f), Vec({3}),
                            test::AsTensor<int32_t>({1})};
  ASSERT_TRUE(RunWithRefs("SparseApplyAdagrad", &in, 2).status.ok());
  ExpectNear(in[1], {1, 10, 1});
  ExpectNear(in[0], {1, 2 - 1.5 / std::sqrt(10.0), 3});
}

TEST(TrainingOpsTest, SparseIndexValidation) {
  std::vector<Tensor> in = {Vec({1, 2, 3}), Vec({1, 1, 1}), Scalar(0.5f), Vec({3, 1}),
                            test::AsTensor<int32_t>({0, 3})};
  RefRun r = RunWithRefs("SparseApplyAdagrad", &in, 2);
  EXPECT_EQ(r.status.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(r.status.message(), "Index 3 at offset 1 in indices is out of range");
  ExpectNear(in[0], {1, 2, 3});  // nothing applied

  in[4] = test::AsTensor<int32_t>({0});
  r = RunWithRefs("SparseApplyAdagrad", &in, 2);
  EXPECT_EQ(r.status.message(), "grad must be the same size as indices in the first dimension.");

  std::vector<Tensor> m = {test::AsTensor<float>({1, 2, 3, 4}, TensorShape({2, 2})),
                           test::AsTensor<float>({0, 0, 0, 0}, TensorShape({2, 2})), Scalar(1.f),
                           test::AsTensor<float>({1, 2, 3}, TensorShape({1, 3})),
                           test::AsTensor<int32_t>({0}), Scalar(0.5f)};
  r = RunWithRefs("SparseApplyMomentum", &m, 2);
  EXPECT_EQ(r.status.message(), "var and grad must match in dimension 1");
}

TEST(TrainingOpsTest, ShapeAndInitializationErrors) {
  std::vector<Tensor> in = {Vec({1, 2}), Vec({1, 2, 3}), Scalar(0.1f), Vec({1, 1}),
                            Scalar(0.9f)};
  RefRun r = RunWithRefs("ApplyMomentum", &in, 2);
  EXPECT_EQ(r.status.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(r.status.message(), "var and accum do not have the same shape[2] [3]");

  std::vector<Tensor> lr = {Vec({1}), Vec({1, 2}), Vec({1})};
  r = RunWithRefs("ApplyGradientDescent", &lr, 1);
  EXPECT_EQ(r.status.message(), "alpha is not a scalar: [2]");

  std::vector<Tensor> un = {Tensor(), Scalar(0.1f), Vec({1})};
  test::AttrSetter t = test::TypeAttr(DT_FLOAT);
  r = RunWithRefs("ApplyGradientDescent", &un, 1, t);
  EXPECT_EQ(r.status.code(), Code::FAILED_PRECONDITION);
  EXPECT_EQ(r.status.message(), "Attempting to use uninitialized variables: i0");
}

TEST(TrainingOpsTest, DoubleAndHalf) {
  std::vector<Tensor> d = {test::AsTensor<double>({1.0}), Tensor::Scalar<double>(0.25),
                           test::AsTensor<double>({2.0})};
  ASSERT_TRUE(RunWithRefs("ApplyGradientDescent", &d, 1).status.ok());
  EXPECT_DOUBLE_EQ(d[0].data<double>()[0], 0.5);
  std::vector<Tensor> h = {test::AsTensor<half>({half(1.0f)}), Tensor::Scalar<half>(half(0.5f)),
                           test::AsTensor<half>({half(1.0f)})};
  ASSERT_TRUE(RunWithRefs("ApplyGradientDescent", &h, 1).status.ok());
  EXPECT_EQ(static_cast<float>(h[0].data<half>()[0]), 0.5f);
}

TEST(TrainingOpsShapeTest, DenseAndSparse) {
  test::ShapeInferenceTestOp adam("ApplyAdam");
  adam.Attr("T", DT_FLOAT);
  INFER_OK(adam, "[2,?];[?,3];?;[];[];[];[];[];[];[2,3]", "[2,3]");
  INFER_ERROR("Shape must be rank 0", adam, "?;?;?;[1];[];[];[];[];[];?");
  INFER_ERROR("Dimension 0 in both shapes must be equal", adam, "[2];[3];?;[];[];[];[];[];[];?");

  test::ShapeInferenceTestOp sm("SparseApplyMomentum");
  sm.Attr("T", DT_FLOAT).Attr("Tindices", DT_INT32);
  INFER_OK(sm, "[10,?];?;[];[?,4];[3];[]", "[10,4]");
  INFER_ERROR("Shape must be rank 1", sm, "?;?;[];?;[3,1];[]");
  INFER_ERROR("Dimensions must be equal", sm, "?;?;[];[2,4];[3];[]");

  test::ShapeInferenceTestOp ftrl("SparseApplyFtrlV2");
  ftrl.Attr("T", DT_FLOAT).Attr("Tindices", DT_INT64);
  INFER_OK(ftrl, "[5,2];[5,2];[5,2];[1,2];[1];[];[];[];[];[]", "[5,2]");
  INFER_ERROR("Shape must be rank 0", ftrl, "?;?;?;?;?;[1];[];[];[];[]");
}

TEST(LoggingOpsTest, AssertPassesAndFailsWithData) {
  std::vector<Tensor> out;
  ::tensorflow::AttrValue types;
  types.mutable_list()->add_type(::tensorflow::DT_INT32);
  types.mutable_list()->add_type(::tensorflow::DT_FLOAT);
  auto attrs = test::Attrs({{"T", types}});
  EXPECT_TRUE(test::RunOp("Assert", {Tensor::Scalar<bool>(true), test::AsTensor<int32_t>({1, 2}),
                                     Vec({0.5f})},
                          attrs, &out)
                  .ok());
  Status s = test::RunOp("Assert", {Tensor::Scalar<bool>(false),
                                    test::AsTensor<int32_t>({1, 2, 3, 4}), Vec({0.5f})},
                         attrs, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(s.message(), "assertion failed: [1 2 3...] [0.5]");
  s = test::RunOp("Assert", {test::AsTensor<bool>({true}), test::AsTensor<int32_t>({1}),
                             Vec({0.5f})},
                  attrs, &out);
  EXPECT_EQ(s.code(), Code::INVALID_ARGUMENT);
}

TEST(LoggingOpsTest, PrintPassesThrough) {
  ::tensorflow::AttrValue types, msg;
  types.mutable_list()->add_type(::tensorflow::DT_FLOAT);
  msg.set_s("x = ");
  ::tensorflow::AttrValue t;
  t.set_type(::tensorflow::DT_FLOAT);
  std::vector<Tensor> out;
  ASSERT_TRUE(test::RunOp("Print", {Vec({1, 2}), Vec({3})},
                          test::Attrs({{"U", types}, {"message", msg}, {"T", t}}), &out)
                  .ok());
  ExpectNear(out[0], {1, 2});
}

TEST(LoggingOpsTest, CheckNumerics) {
  ::tensorflow::AttrValue msg;
  msg.set_s("bad");
  ::tensorflow::AttrValue t;
  t.set_type(::tensorflow::DT_FLOAT);
  auto attrs = test::Attrs({{"message", msg}, {"T", t}});
  std::vector<Tensor> out;
  ASSERT_TRUE(test::RunOp("CheckNumerics", {Vec({1, 2})}, attrs, &out).ok());
  ExpectNear(out[0], {1, 2});
  Status s = test::RunOp("CheckNumerics", {Vec({1, NAN})}, attrs, &out);
  EXPECT_EQ(s.message(), "bad : Tensor had NaN values");
  s = test::RunOp("CheckNumerics", {Vec({INFINITY, NAN})}, attrs, &out);
  EXPECT_EQ(s.message(), "bad : Tensor had Inf and NaN values");
  s = test::RunOp("CheckNumerics", {Vec({-INFINITY})}, attrs, &out);
  EXPECT_EQ(s.message(), "bad : Tensor had Inf values");
}

}  // namespace
}  // namespace tfc
