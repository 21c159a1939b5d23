// Shape functions of the cross-entropy, batch-norm, LRN, and top-k ops
// (cases from TF 1.15's nn_ops_test.cc where TF has them).
#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace test {
namespace {

TEST(NnLossesShapeTest, SoftmaxCrossEntropyWithLogits) {
  ShapeInferenceTestOp op("SoftmaxCrossEntropyWithLogits");
  INFER_OK(op, "?;?", "[?];[?,?]");
  INFER_OK(op, "[1,2];[?,2]", "[1];[1,2]");
  INFER_OK(op, "[?,2];[1,2]", "[1];[1,2]");
  INFER_OK(op, "[1,4];[2,4]", "[2];[2,4]");
  INFER_OK(op, "[2,4];[2,1]", "[2];[2,4]");
  INFER_ERROR("Shape must be broadcasted with rank 2", op, "[1,2,3];?");
  INFER_ERROR("Shape must be broadcasted with rank 2", op, "?;[1,2,3]");
}

TEST(NnLossesShapeTest, SparseSoftmaxCrossEntropyWithLogits) {
  ShapeInferenceTestOp op("SparseSoftmaxCrossEntropyWithLogits");
  INFER_OK(op, "?;?", "[?];[?,?]");
  INFER_OK(op, "[?,2];[1]", "[1];[1,2]");
  INFER_ERROR("Dimensions must be equal, but are 1 and 2", op, "[1,?];[2]");
  INFER_ERROR("Shape must be rank 2 but is rank 3", op, "[1,2,3];?");
  INFER_ERROR("Shape must be rank 1 but is rank 2", op, "?;[1,2]");
}

TEST(NnLossesShapeTest, FusedBatchNorm) {
  ShapeInferenceTestOp op("FusedBatchNormV3");
  INFER_OK(op, "[2,3,4,5];[5];[5];[0];[0]", "[2,3,4,5];[5];[5];[5];[5];?");
  INFER_OK(op, "[2,3,4,?];[5];?;?;?", "[2,3,4,5];[5];[5];[5];[5];?");
  INFER_ERROR("Shape must be rank 4 but is rank 3", op, "[2,3,4];?;?;?;?");
  INFER_ERROR("Dimensions must be equal, but are 5 and 4", op, "[2,3,4,5];[4];?;?;?");
  op.Attr("data_format", std::string("NCHW"));
  INFER_OK(op, "[2,5,4,3];[5];[5];[0];[0]", "[2,5,4,3];[5];[5];[5];[5];?");
  op.Attr("is_training", false);
  INFER_ERROR("Dimensions must be equal, but are 5 and 4", op, "[2,5,4,3];[5];[5];[4];[5]");
  ShapeInferenceTestOp grad("FusedBatchNormGrad");
  INFER_OK(grad, "[2,3,4,5];[2,3,4,5];[5];[5];[5]", "[2,3,4,5];[5];[5];[0];[0]");
  INFER_ERROR("Dimensions must be equal, but are 5 and 6", grad, "[2,3,4,5];[2,3,4,6];?;?;?");
}

TEST(NnLossesShapeTest, LRNAndTopK) {
  INFER_OK("LRN", "[1,2,3,4]", "[1,2,3,4]");
  INFER_ERROR("Shape must be rank 4 but is rank 3", "LRN", "[1,2,3]");
  INFER_OK("LRNGrad", "[1,2,3,?];?;[?,2,3,4]", "[1,2,3,4]");
  ShapeInferenceTestOp topk("TopKV2");
  topk.SetInputTensor(1, AsTensor<int32_t>({2}, TensorShape({})));
  INFER_OK(topk, "[3,4];[]", "[3,2];[3,2]");
  INFER_OK(topk, "?;[]", "?;?");
  INFER_ERROR("input must have last dimension >= k = 2 but is 1", topk, "[3,1];[]");
  INFER_ERROR("Shape must be at least rank 1 but is rank 0", topk, "[];[]");
  ShapeInferenceTestOp topk1("TopK");
  topk1.Attr("k", int64_t{3});
  INFER_OK(topk1, "[2,?]", "[2,3];[2,3]");
  INFER_OK("InTopKV2", "[3,4];[?];[]", "[3]");
  INFER_ERROR("Dimensions must be equal, but are 3 and 2", "InTopKV2", "[3,4];[2];[]");
}

}  // namespace
}  // namespace test
}  // namespace tfc
