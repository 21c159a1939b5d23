// Shape-function tables and kernel checks for the core array ops.
#include <gtest/gtest.h>

#include "core/framework/shape_inference.h"
#include "tests/cpp/kernel_test_util.h"
#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

using P = PartialTensorShape;
using NodeDef = ::tensorflow::NodeDef;
using Node = test::KernelNode;
using test::AsTensor;
using test::MakeNode;
using test::RunKernel;
using test::Values;

// Runs the shape fn: "[2,?]" / "<unknown>" for output `out`, or "error: ...".
std::string Infer(const Node& n, const ShapeVec& in, std::vector<const Tensor*> tensors = {},
                  ShapeVec as_shapes = {}, int out = 0) {
  if (!n.status.ok()) return "node error: " + n.status.message();
  tensors.resize(in.size(), nullptr);
  as_shapes.resize(in.size(), P());
  InferenceContext c(&n.def, n.in_types, n.out_types, in, tensors, as_shapes);
  Status s = OpRegistry::Global()->LookUp(n.def.op())->shape_fn(&c);
  if (!s.ok()) return "error: " + s.message();
  return c.output(out).DebugString();
}

void T_(NodeDef* d, const char* attr, DataType t) { AddNodeAttr(attr, t, d); }
auto Float = [](NodeDef* d) { T_(d, "T", DT_FLOAT); };

TEST(ArrayOpsShapeTest, Reshape) {
  Node n = MakeNode("Reshape", 2, Float);
  Tensor s_m1_3 = AsTensor<int32_t>({-1, 3}), s_2_2 = AsTensor<int32_t>({2, 2}),
         s_m1_4 = AsTensor<int32_t>({-1, 4});
  EXPECT_EQ(Infer(n, {P({-1, 3}), P({2})}, {nullptr, &s_m1_3}), "[?,3]");
  EXPECT_EQ(Infer(n, {P({2, 3}), P({2})}, {nullptr, &s_m1_3}), "[2,3]");
  EXPECT_EQ(Infer(n, {P({6}), P({2})}, {nullptr, &s_2_2}),
            "error: Cannot reshape a tensor with 6 elements to shape [2,2] (4 elements)");
  EXPECT_EQ(Infer(n, {P({6}), P({2})}, {nullptr, &s_m1_4}),
            "error: Dimension size must be evenly divisible by 4 but is 6");
  EXPECT_EQ(Infer(n, {P({-1, 3}), P({2})}), "[?,?]");
  EXPECT_EQ(Infer(n, {P({-1, 3}), P({-1})}), "<unknown>");
  // Partially known shape value (e.g. Pack of Shape()[0] and 6).
  EXPECT_EQ(Infer(n, {P({-1, 2, 3}), P({2})}, {}, {P(), P({-1, 6})}), "[?,6]");
  EXPECT_EQ(Infer(n, {P(), P({2})}, {nullptr, &s_m1_3}), "[?,3]");
}

TEST(ArrayOpsShapeTest, ShapeSizeRank) {
  Node shape = MakeNode("Shape", 1, Float);
  EXPECT_EQ(Infer(shape, {P({2, -1, 3})}), "[3]");
  EXPECT_EQ(Infer(shape, {P()}), "[?]");
  Node shape_n = MakeNode("ShapeN", 2, [](NodeDef* d) {
    T_(d, "T", DT_FLOAT);
    AddNodeAttr("N", int64_t{2}, d);
  });
  EXPECT_EQ(Infer(shape_n, {P({1}), P({1, 2})}, {}, {}, 1), "[2]");
  EXPECT_EQ(Infer(MakeNode("Size", 1, Float), {P({2, 3})}), "[]");
  EXPECT_EQ(Infer(MakeNode("Rank", 1, Float), {P()}), "[]");
}

TEST(ArrayOpsShapeTest, ExpandDimsSqueeze) {
  Node n = MakeNode("ExpandDims", 2, Float);
  Tensor d0 = Tensor::Scalar<int32_t>(0), dm1 = Tensor::Scalar<int32_t>(-1),
         d5 = Tensor::Scalar<int32_t>(5);
  EXPECT_EQ(Infer(n, {P({2, 3}), P({})}, {nullptr, &d0}), "[1,2,3]");
  EXPECT_EQ(Infer(n, {P({2, 3}), P({})}, {nullptr, &dm1}), "[2,3,1]");
  EXPECT_EQ(Infer(n, {P({2, 3}), P({})}, {nullptr, &d5}), "error: dim 5 not in the interval [-3, 2].");
  EXPECT_EQ(Infer(n, {P({2, 3}), P({})}), "<unknown>");

  Node sq = MakeNode("Squeeze", 1, Float);
  EXPECT_EQ(Infer(sq, {P({1, 2, 1})}), "[2]");
  EXPECT_EQ(Infer(sq, {P({1, -1})}), "<unknown>");
  Node sq1 = MakeNode("Squeeze", 1, [](NodeDef* d) {
    T_(d, "T", DT_FLOAT);
    AddNodeAttr("squeeze_dims", std::vector<int64_t>{-1}, d);
  });
  EXPECT_EQ(Infer(sq1, {P({1, -1})}), "[1]");
  EXPECT_EQ(Infer(sq1, {P({1, 2})}), "error: Can not squeeze dim[1], expected a dimension of 1, got 2");
}

TEST(ArrayOpsShapeTest, Transpose) {
  Node n = MakeNode("Transpose", 2, Float);
  Tensor perm = AsTensor<int32_t>({1, 0, 2}), bad = AsTensor<int32_t>({3, 0, 1});
  EXPECT_EQ(Infer(n, {P({2, -1, 4}), P({3})}, {nullptr, &perm}), "[?,2,4]");
  EXPECT_EQ(Infer(n, {P({2, -1, 4}), P({3})}), "[?,?,?]");
  EXPECT_EQ(Infer(n, {P(), P({3})}), "[?,?,?]");
  EXPECT_EQ(Infer(n, {P({2, 3, 4}), P({3})}, {nullptr, &bad}),
            "error: perm dim 3 is out of range of input rank 3");
}

TEST(ArrayOpsShapeTest, ConcatPackUnpack) {
  auto attrs = [](int n) {
    return [n](NodeDef* d) {
      T_(d, "T", DT_FLOAT);
      AddNodeAttr("N", int64_t{n}, d);
    };
  };
  Node c = MakeNode("ConcatV2", 3, attrs(2));
  Tensor a1 = Tensor::Scalar<int32_t>(1), am1 = Tensor::Scalar<int32_t>(-1),
         a3 = Tensor::Scalar<int32_t>(3);
  EXPECT_EQ(Infer(c, {P({2, 3}), P({-1, 4}), P({})}, {nullptr, nullptr, &a1}), "[2,7]");
  EXPECT_EQ(Infer(c, {P({2, 3}), P({2, -1}), P({})}, {nullptr, nullptr, &am1}), "[2,?]");
  EXPECT_EQ(Infer(c, {P({2, 3}), P(), P({})}), "[?,?]");
  EXPECT_EQ(Infer(c, {P({}), P({}), P({})}),
            "error: Can't concatenate scalars (use tf.stack instead)");
  EXPECT_EQ(Infer(c, {P({2, 3}), P({2, 3}), P({})}, {nullptr, nullptr, &a3}),
            "error: Shape must be at least rank 4 but is rank 2");

  Node p = MakeNode("Pack", 2, attrs(2));
  EXPECT_EQ(Infer(p, {P({2, -1}), P({-1, 3})}), "[2,2,3]");
  Node p1 = MakeNode("Pack", 2, [](NodeDef* d) {
    T_(d, "T", DT_FLOAT);
    AddNodeAttr("N", int64_t{2}, d);
    AddNodeAttr("axis", int64_t{-1}, d);
  });
  EXPECT_EQ(Infer(p1, {P({2}), P({2})}), "[2,2]");

  Node u = MakeNode("Unpack", 1, [](NodeDef* d) {
    T_(d, "T", DT_FLOAT);
    AddNodeAttr("num", int64_t{3}, d);
    AddNodeAttr("axis", int64_t{1}, d);
  });
  EXPECT_EQ(Infer(u, {P({2, 3, 4})}, {}, {}, 2), "[2,4]");
  EXPECT_EQ(Infer(u, {P({2, -1})}), "[2]");
}

TEST(ArrayOpsShapeTest, Split) {
  Node s = MakeNode("Split", 2, [](NodeDef* d) {
    T_(d, "T", DT_FLOAT);
    AddNodeAttr("num_split", int64_t{3}, d);
  });
  Tensor d1 = Tensor::Scalar<int32_t>(1), dm1 = Tensor::Scalar<int32_t>(-1);
  EXPECT_EQ(Infer(s, {P({}), P({2, 6})}, {&d1}), "[2,2]");
  EXPECT_EQ(Infer(s, {P({}), P({2, 6})}, {&dm1}), "[2,2]");
  EXPECT_EQ(Infer(s, {P({}), P({2, 6})}), "[?,?]");
  EXPECT_EQ(Infer(s, {P({}), P()}, {&d1}), "<unknown>");
  EXPECT_EQ(Infer(s, {P({}), P({2, 5})}, {&d1}),
            "error: Dimension size must be evenly divisible by 3 but is 5\n\tNumber of ways to "
            "split should evenly divide the split dimension");
  Node sv = MakeNode("SplitV", 3, [](NodeDef* d) {
    T_(d, "T", DT_FLOAT);
    T_(d, "Tlen", DT_INT32);
    AddNodeAttr("num_split", int64_t{2}, d);
  });
  Tensor sizes = AsTensor<int32_t>({2, -1}), bad = AsTensor<int32_t>({2, 2});
  EXPECT_EQ(Infer(sv, {P({5, 3}), P({2}), P({})}, {nullptr, &sizes, nullptr}),
            "[?,?]");
  Tensor d0 = Tensor::Scalar<int32_t>(0);
  EXPECT_EQ(Infer(sv, {P({5, 3}), P({2}), P({})}, {nullptr, &sizes, &d0}, {}, 1), "[3,3]");
  EXPECT_EQ(Infer(sv, {P({5, 3}), P({2}), P({})}, {nullptr, nullptr, &d0}), "[?,3]");
  EXPECT_EQ(Infer(sv, {P({5, 3}), P({2}), P({})}, {nullptr, &bad, &d0}),
            "error: can't split axis of size 5 into pieces of size [2,2]");
}

TEST(ArrayOpsShapeTest, Slice) {
  Node n = MakeNode("Slice", 3, [](NodeDef* d) {
    T_(d, "T", DT_FLOAT);
    T_(d, "Index", DT_INT32);
  });
  Tensor begin = AsTensor<int32_t>({1, 0}), size = AsTensor<int32_t>({1, -1});
  EXPECT_EQ(Infer(n, {P({3, -1}), P({2}), P({2})}, {nullptr, &begin, &size}), "[1,?]");
  EXPECT_EQ(Infer(n, {P({3, 4}), P({2}), P({2})}, {nullptr, &begin, &size}), "[1,4]");
  EXPECT_EQ(Infer(n, {P({3, 4}), P({2}), P({2})}), "[?,?]");
  EXPECT_EQ(Infer(n, {P(), P({2}), P({2})}, {}, {P(), P(), P({-1, 2})}), "[?,2]");
}

Node StridedSliceNode(int begin_mask, int end_mask, int ellipsis, int new_axis, int shrink) {
  return MakeNode("StridedSlice", 4, [=](NodeDef* d) {
    T_(d, "T", DT_FLOAT);
    T_(d, "Index", DT_INT32);
    AddNodeAttr("begin_mask", int64_t{begin_mask}, d);
    AddNodeAttr("end_mask", int64_t{end_mask}, d);
    AddNodeAttr("ellipsis_mask", int64_t{ellipsis}, d);
    AddNodeAttr("new_axis_mask", int64_t{new_axis}, d);
    AddNodeAttr("shrink_axis_mask", int64_t{shrink}, d);
  });
}

std::string InferSS(const Node& n, const P& in, std::vector<int32_t> b, std::vector<int32_t> e,
                    std::vector<int32_t> s) {
  Tensor bt = AsTensor<int32_t>(b), et = AsTensor<int32_t>(e), st = AsTensor<int32_t>(s);
  const int64_t k = static_cast<int64_t>(s.size());
  return Infer(n, {in, P({k}), P({k}), P({k})}, {nullptr, &bt, &et, &st});
}

TEST(ArrayOpsShapeTest, StridedSlice) {
  // x[1:3]
  EXPECT_EQ(InferSS(StridedSliceNode(0, 0, 0, 0, 0), P({5, 4}), {1}, {3}, {1}), "[2,4]");
  // x[::-1, 2]
  EXPECT_EQ(InferSS(StridedSliceNode(1, 1, 0, 0, 2), P({5, 4}), {0, 2}, {0, 3}, {-1, 1}), "[5]");
  // x[..., tf.newaxis, 0:3:2]
  EXPECT_EQ(InferSS(StridedSliceNode(0, 0, 1, 2, 0), P({5, -1, 4}), {0, 0, 0}, {0, 0, 3},
                    {1, 1, 2}),
            "[5,?,1,2]");
  // x[5] on a dim of 3
  EXPECT_EQ(InferSS(StridedSliceNode(0, 0, 0, 0, 1), P({3}), {5}, {6}, {1}),
            "error: slice index 5 of dimension 0 out of bounds.");
  // x[-1] keeps the rest; unknown dim 0 with shrink
  EXPECT_EQ(InferSS(StridedSliceNode(0, 0, 0, 0, 1), P({-1, 7}), {-1}, {0}, {1}), "[7]");
  EXPECT_EQ(InferSS(StridedSliceNode(0, 0, 0, 0, 0), P({5}), {0}, {5}, {0}),
            "error: strides[0] must be non-zero");
  // Unknown begin/end but known strides: masked dims stay known.
  Node n = StridedSliceNode(2, 2, 0, 0, 0);
  Tensor st = AsTensor<int32_t>({1, 1});
  EXPECT_EQ(Infer(n, {P({5, 4}), P({2}), P({2}), P({2})}, {nullptr, nullptr, nullptr, &st}),
            "[?,4]");
  EXPECT_EQ(Infer(n, {P({5, 4}), P({2}), P({2}), P({2})}), "<unknown>");
}

TEST(ArrayOpsShapeTest, FillTileRangePad) {
  Node f = MakeNode("Fill", 2, Float);
  Tensor dims = AsTensor<int32_t>({2, 3}), neg = AsTensor<int32_t>({2, -3});
  EXPECT_EQ(Infer(f, {P({2}), P({})}, {&dims}), "[2,3]");
  EXPECT_EQ(Infer(f, {P({2}), P({})}), "[?,?]");
  EXPECT_EQ(Infer(f, {P({2}), P({})}, {&neg}), "error: Fill dimensions must be >= 0");

  Node t = MakeNode("Tile", 2, Float);
  Tensor mult = AsTensor<int32_t>({2, 3});
  EXPECT_EQ(Infer(t, {P({-1, 4}), P({2})}, {nullptr, &mult}), "[?,12]");
  EXPECT_EQ(Infer(t, {P({2, 4}), P({2})}), "[?,?]");

  Node r = MakeNode("Range", 3, [](NodeDef* d) { T_(d, "Tidx", DT_INT32); });
  Tensor s0 = Tensor::Scalar<int32_t>(0), s10 = Tensor::Scalar<int32_t>(10),
         s3 = Tensor::Scalar<int32_t>(3), sm1 = Tensor::Scalar<int32_t>(-1);
  EXPECT_EQ(Infer(r, {P({}), P({}), P({})}, {&s0, &s10, &s3}), "[4]");
  EXPECT_EQ(Infer(r, {P({}), P({}), P({})}, {&s0, &s10, nullptr}), "[?]");
  EXPECT_EQ(Infer(r, {P({}), P({}), P({})}, {&s0, &s10, &sm1}),
            "error: Requires start >= limit when delta < 0: 0/10");
  Node rf = MakeNode("Range", 3, [](NodeDef* d) { T_(d, "Tidx", DT_FLOAT); });
  Tensor f0 = Tensor::Scalar<float>(0), f1 = Tensor::Scalar<float>(1),
         f03 = Tensor::Scalar<float>(0.3f);
  EXPECT_EQ(Infer(rf, {P({}), P({}), P({})}, {&f0, &f1, &f03}), "[4]");

  Node ls = MakeNode("LinSpace", 3, Float);
  Tensor n5 = Tensor::Scalar<int32_t>(5);
  EXPECT_EQ(Infer(ls, {P({}), P({}), P({})}, {nullptr, nullptr, &n5}), "[5]");

  Node p = MakeNode("Pad", 2, Float);
  Tensor pads = AsTensor<int32_t>({1, 1, 0, 2}, {2, 2});
  EXPECT_EQ(Infer(p, {P({3, -1}), P({2, 2})}, {nullptr, &pads}), "[5,?]");
  EXPECT_EQ(Infer(p, {P(), P({2, 2})}), "[?,?]");
  EXPECT_EQ(Infer(p, {P({3}), P({2, 2})}, {nullptr, &pads}),
            "error: Shape must be rank 2 but is rank 1");
}

// The same checks in TF's INFER_OK / INFER_ERROR form (tests/cpp/shape_test_util.h).
TEST(ArrayOpsShapeTest, InferTables) {
  using test::AsScalar;
  using test::AsTensor;
  test::ShapeInferenceTestOp pack("Pack");
  pack.Attr("T", DT_FLOAT).Attr("N", int64_t{3}).Attr("axis", int64_t{1});
  INFER_OK(pack, "[2,?];[?,3];?", "[2,3,3]");
  INFER_OK(pack, "?;?;?", "?");
  INFER_ERROR("Shapes must be equal rank", pack, "[2];[2,3];?");
  pack.Attr("axis", int64_t{3});
  INFER_ERROR("Invalid axis: 3; must be in [-2,2)", pack, "[2];[2];[2]");

  test::ShapeInferenceTestOp mirror("MirrorPad");
  mirror.Attr("T", DT_FLOAT).Attr("mode", std::string("REFLECT"));
  INFER_OK(mirror, "[3,?];[2,2]", "[?,?]");
  mirror.SetInputTensor(1, AsTensor<int64_t>({1, 1, 2, 0}, TensorShape({2, 2})));
  mirror.Attr("Tpaddings", DT_INT64);
  INFER_OK(mirror, "[3,?];[2,2]", "[5,?]");
  INFER_ERROR("Shape must be rank 2 but is rank 3", mirror, "[3,?,1];[2,2]");

  test::ShapeInferenceTestOp ss("StridedSlice");
  ss.Attr("T", DT_FLOAT).Attr("Index", DT_INT32).Attr("shrink_axis_mask", int64_t{2});
  ss.SetInputTensor(1, AsTensor<int32_t>({0, 1}))
      .SetInputTensor(2, AsTensor<int32_t>({-1, 2}))
      .SetInputTensor(3, AsTensor<int32_t>({2, 1}));
  INFER_OK(ss, "[7,4,5];[2];[2];[2]", "[3,5]");
  INFER_OK(ss, "[?,4,5];[2];[2];[2]", "[?,5]");
  INFER_OK(ss, "?;[2];[2];[2]", "?");

  test::ShapeInferenceTestOp slice("Slice");
  slice.Attr("T", DT_FLOAT).Attr("Index", DT_INT32);
  slice.SetInputTensorAsShape(2, "[?,3]");
  INFER_OK(slice, "[5,6];[2];[2]", "[?,3]");
  slice.SetInputTensor(2, AsTensor<int32_t>({2, -2}));
  INFER_ERROR("sizes vector cannot be < -1, but was -2", slice, "[5,6];[2];[2]");

  test::ShapeInferenceTestOp concat("ConcatV2");
  concat.Attr("T", DT_FLOAT).Attr("N", int64_t{2}).Attr("Tidx", DT_INT32);
  concat.SetInputTensor(2, AsScalar<int32_t>(0));
  INFER_OK(concat, "[2,3];[?,3];[]", "[?,3]");
  INFER_ERROR("Dimension 0 in both shapes must be equal, but are 3 and 4", concat,
              "[2,3];[1,4];[]");
}

// ---- kernels --------------------------------------------------------------------------------

TEST(ArrayKernelsTest, ReshapeSharesBufferAndChecks) {
  Node n = MakeNode("Reshape", 2, Float);
  Tensor x = AsTensor<float>({1, 2, 3, 4, 5, 6});
  std::vector<Tensor> out;
  ASSERT_TRUE(RunKernel(n, {x, AsTensor<int32_t>({-1, 3})}, &out).ok());
  EXPECT_EQ(out[0].shape().DebugString(), "[2,3]");
  EXPECT_TRUE(out[0].SharesBufferWith(x));
  Status s = RunKernel(n, {x, AsTensor<int32_t>({2, 2})}, &out);
  EXPECT_EQ(s.message(), "Input to reshape is a tensor with 6 values, but the requested shape has 4");
  s = RunKernel(n, {x, AsTensor<int32_t>({-1, -1})}, &out);
  EXPECT_EQ(s.message(), "Only one input size may be -1, not both 0 and 1");
}

TEST(ArrayKernelsTest, StridedSliceNegativeStride) {
  Node n = StridedSliceNode(1, 1, 0, 0, 0);
  Tensor x = AsTensor<int32_t>({0, 1, 2, 3, 4, 5}, {2, 3});
  std::vector<Tensor> out;
  AddNodeAttr("T", DT_INT32, &n.def);
  n.in_types[0] = DT_INT32;
  n.out_types[0] = DT_INT32;
  // x[::-1, 2:0:-1]
  ASSERT_TRUE(RunKernel(n,
                        {x, AsTensor<int32_t>({0, 2}), AsTensor<int32_t>({0, 0}),
                         AsTensor<int32_t>({-1, -1})},
                        &out)
                  .ok());
  EXPECT_EQ(out[0].shape().DebugString(), "[2,2]");
  EXPECT_EQ(Values<int32_t>(out[0]), (std::vector<int32_t>{5, 4, 2, 1}));
  Node shrink = StridedSliceNode(0, 0, 0, 0, 1);
  Status s = RunKernel(shrink,
                       {AsTensor<float>({1, 2, 3}), AsTensor<int32_t>({5}), AsTensor<int32_t>({6}),
                        AsTensor<int32_t>({1})},
                       &out);
  EXPECT_EQ(s.message(), "slice index 5 of dimension 0 out of bounds.");
}

TEST(ArrayKernelsTest, TransposeConcatSplitTilePad) {
  std::vector<Tensor> out;
  Tensor x = AsTensor<float>({0, 1, 2, 3, 4, 5}, {2, 3});
  ASSERT_TRUE(
      RunKernel(MakeNode("Transpose", 2, Float), {x, AsTensor<int32_t>({1, 0})}, &out).ok());
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{0, 3, 1, 4, 2, 5}));

  Node c = MakeNode("ConcatV2", 3, [](NodeDef* d) {
    T_(d, "T", DT_FLOAT);
    AddNodeAttr("N", int64_t{2}, d);
  });
  ASSERT_TRUE(RunKernel(c, {x, x, Tensor::Scalar<int32_t>(1)}, &out).ok());
  EXPECT_EQ(out[0].shape().DebugString(), "[2,6]");
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}));
  Status s = RunKernel(c, {x, AsTensor<float>({1, 2}), Tensor::Scalar<int32_t>(0)}, &out);
  EXPECT_EQ(s.message(),
            "ConcatOp : Ranks of all input tensors should match: shape[0] = [2,3] vs. shape[1] = [2]");

  Node sp = MakeNode("Split", 2, [](NodeDef* d) {
    T_(d, "T", DT_FLOAT);
    AddNodeAttr("num_split", int64_t{3}, d);
  });
  ASSERT_TRUE(RunKernel(sp, {Tensor::Scalar<int32_t>(1), x}, &out).ok());
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(Values<float>(out[2]), (std::vector<float>{2, 5}));

  ASSERT_TRUE(RunKernel(MakeNode("Tile", 2, Float), {x, AsTensor<int32_t>({1, 2})}, &out).ok());
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}));

  Node mp = MakeNode("MirrorPad", 2, [](NodeDef* d) {
    T_(d, "T", DT_FLOAT);
    AddNodeAttr("mode", std::string("REFLECT"), d);
  });
  ASSERT_TRUE(
      RunKernel(mp, {AsTensor<float>({1, 2, 3}), AsTensor<int32_t>({2, 2}, {1, 2})}, &out).ok());
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{3, 2, 1, 2, 3, 2, 1}));
  Node pad = MakeNode("PadV2", 3, Float);
  ASSERT_TRUE(RunKernel(pad,
                        {AsTensor<float>({1, 2}), AsTensor<int32_t>({1, 0}, {1, 2}),
                         Tensor::Scalar<float>(9)},
                        &out)
                  .ok());
  EXPECT_EQ(Values<float>(out[0]), (std::vector<float>{9, 1, 2}));
}

TEST(ArrayKernelsTest, StringsAndRange) {
  std::vector<Tensor> out;
  Node n = MakeNode("Pack", 2, [](NodeDef* d) {
    T_(d, "T", DT_STRING);
    AddNodeAttr("N", int64_t{2}, d);
    AddNodeAttr("axis", int64_t{1}, d);
  });
  ASSERT_TRUE(
      RunKernel(n, {AsTensor<tstring>({"a", "b"}), AsTensor<tstring>({"c", "d"})}, &out).ok());
  EXPECT_EQ(Values<tstring>(out[0]), (std::vector<tstring>{"a", "c", "b", "d"}));
  Node r = MakeNode("Range", 3, [](NodeDef* d) { T_(d, "Tidx", DT_INT32); });
  ASSERT_TRUE(RunKernel(r, {Tensor::Scalar<int32_t>(10), Tensor::Scalar<int32_t>(0),
                      Tensor::Scalar<int32_t>(-3)}, &out).ok());
  EXPECT_EQ(Values<int32_t>(out[0]), (std::vector<int32_t>{10, 7, 4, 1}));
}

}  // namespace
}  // namespace tfc
