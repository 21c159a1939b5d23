#include <gtest/gtest.h>

#include "core/framework/tensor.h"

namespace tfc {
namespace {

TEST(TensorShapeTest, PartialMergeAndPrint) {
  PartialTensorShape a({-1, 3}), b({2, -1}), m;
  ASSERT_TRUE(a.MergeWith(b, &m).ok());
  EXPECT_EQ(m.DebugString(), "[2,3]");
  EXPECT_EQ(a.DebugString(), "[?,3]");
  EXPECT_EQ(PartialTensorShape().DebugString(), "<unknown>");
  EXPECT_FALSE(PartialTensorShape({2, 3}).MergeWith(PartialTensorShape({2, 4}), &m).ok());
  EXPECT_FALSE(PartialTensorShape({2}).IsCompatibleWith(PartialTensorShape({2, 1})));
}

TEST(TensorTest, ProtoRoundTripRepeatsLastValue) {
  ::tensorflow::TensorProto p;
  p.set_dtype(DT_FLOAT);
  p.mutable_tensor_shape()->add_dim()->set_size(4);
  p.add_float_val(1.5f);
  p.add_float_val(2.5f);
  Tensor t;
  ASSERT_TRUE(Tensor::FromProto(p, &t).ok());
  EXPECT_EQ(t.NumElements(), 4);
  EXPECT_EQ(t.data<float>()[0], 1.5f);
  EXPECT_EQ(t.data<float>()[3], 2.5f);
  ::tensorflow::TensorProto q;
  t.AsProtoTensorContent(&q);
  Tensor u;
  ASSERT_TRUE(Tensor::FromProto(q, &u).ok());
  EXPECT_EQ(u.data<float>()[2], 2.5f);
  EXPECT_EQ(u.DebugString(), "Tensor<type: float shape: [4] values: 1.5 2.5 2.5...>");
}

TEST(TensorTest, BadContentSizeIsInvalidArgument) {
  ::tensorflow::TensorProto p;
  p.set_dtype(DT_INT32);
  p.mutable_tensor_shape()->add_dim()->set_size(3);
  p.set_tensor_content(std::string(5, '\0'));
  Tensor t;
  EXPECT_EQ(Tensor::FromProto(p, &t).code(), Code::INVALID_ARGUMENT);
}

TEST(TensorTest, StringsAndSlices) {
  Tensor s(DT_STRING, TensorShape({2}));
  s.data<tstring>()[1] = "abc";
  Tensor c = s.DeepCopy();
  EXPECT_EQ(c.data<tstring>()[1], "abc");
  Tensor m(DT_INT32, TensorShape({3, 2}));
  for (int i = 0; i < 6; ++i) m.data<int32_t>()[i] = i;
  Tensor row = m.Slice(1, 3);
  EXPECT_EQ(row.shape(), TensorShape({2, 2}));
  EXPECT_EQ(row.data<int32_t>()[0], 2);
  EXPECT_TRUE(row.SharesBufferWith(m));
}

}  // namespace
}  // namespace tfc
