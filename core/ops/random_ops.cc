// Stateful random ops: interfaces and shape functions (TF 1.15 specs). Each carries the
// seed/seed2 attrs that tf.get_seed fills in; both 0 means "seed nondeterministically".
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

// Output shape = the value of the int vector input 0.
Status RandomShape(InferenceContext* c) {
  PartialTensorShape out;
  TFC_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(0, &out));
  c->set_output(0, out);
  return OkStatus();
}

// Output shape = value of input 0 followed by input 1's shape (RandomGamma).
Status ShapeThenParamShape(InferenceContext* c) {
  PartialTensorShape prefix;
  TFC_RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(0, &prefix));
  const PartialTensorShape& param = c->input(1);
  if (prefix.unknown_rank() || param.unknown_rank()) {
    c->set_output(0, PartialTensorShape::Unknown());
    return OkStatus();
  }
  std::vector<int64_t> dims = prefix.dim_sizes();
  for (int64_t d : param.dim_sizes()) dims.push_back(d);
  c->set_output(0, PartialTensorShape(dims));
  return OkStatus();
}

}  // namespace

REGISTER_OP("RandomUniform")
    .Input("shape: T")
    .SetIsStateful()
    .Output("output: dtype")
    .Attr("seed: int = 0")
    .Attr("seed2: int = 0")
    .Attr("dtype: {half,bfloat16,float,double}")
    .Attr("T: {int32, int64}")
    .SetShapeFn(RandomShape);

REGISTER_OP("RandomUniformInt")
    .Input("shape: T")
    .Input("minval: Tout")
    .Input("maxval: Tout")
    .SetIsStateful()
    .Output("output: Tout")
    .Attr("seed: int = 0")
    .Attr("seed2: int = 0")
    .Attr("Tout: {int32, int64}")
    .Attr("T: {int32, int64}")
    .SetShapeFn([](InferenceContext* c) -> Status {
      PartialTensorShape unused;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 0, &unused));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(2), 0, &unused));
      return RandomShape(c);
    });

REGISTER_OP("RandomStandardNormal")
    .Input("shape: T")
    .SetIsStateful()
    .Output("output: dtype")
    .Attr("seed: int = 0")
    .Attr("seed2: int = 0")
    .Attr("dtype: {half,bfloat16,float,double}")
    .Attr("T: {int32, int64}")
    .SetShapeFn(RandomShape);

REGISTER_OP("TruncatedNormal")
    .Input("shape: T")
    .SetIsStateful()
    .Output("output: dtype")
    .Attr("seed: int = 0")
    .Attr("seed2: int = 0")
    .Attr("dtype: {half,bfloat16,float,double}")
    .Attr("T: {int32, int64}")
    .SetShapeFn(RandomShape);

REGISTER_OP("RandomShuffle")
    .Input("value: T")
    .SetIsStateful()
    .Output("output: T")
    .Attr("seed: int = 0")
    .Attr("seed2: int = 0")
    .Attr("T: type")
    .SetShapeFn(shape_inference::UnchangedShape);

REGISTER_OP("Multinomial")
    .SetIsStateful()
    .Input("logits: T")
    .Input("num_samples: int32")
    .Output("output: output_dtype")
    .Attr("seed: int = 0")
    .Attr("seed2: int = 0")
    .Attr("T: realnumbertype")
    .Attr("output_dtype: {int32, int64} = DT_INT64")
    .SetShapeFn([](InferenceContext* c) -> Status {
      PartialTensorShape logits, unused;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 2, &logits));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 0, &unused));
      int64_t num_samples = -1;
      if (!c->GetScalarFromTensor(1, &num_samples)) {
        num_samples = -1;
      } else if (num_samples < 0) {
        return errors::InvalidArgument(
            "Dimension size, given by scalar input 1, must be non-negative but is ",
            num_samples);
      }
      c->set_output(0, PartialTensorShape({logits.unknown_rank() ? -1 : logits.dim_size(0),
                                           num_samples}));
      return OkStatus();
    });

REGISTER_OP("RandomGamma")
    .SetIsStateful()
    .Input("shape: S")
    .Input("alpha: T")
    .Output("output: T")
    .Attr("seed: int = 0")
    .Attr("seed2: int = 0")
    .Attr("S: {int32, int64}")
    .Attr("T: {half, float, double}")
    .SetShapeFn(ShapeThenParamShape);

REGISTER_OP("RandomPoisson")
    .SetIsStateful()
    .Input("shape: S")
    .Input("rate: dtype")
    .Output("output: dtype")
    .Attr("seed: int = 0")
    .Attr("seed2: int = 0")
    .Attr("S: {int32, int64}")
    .Attr("dtype: {half, float, double}")
    .SetShapeFn(ShapeThenParamShape)
    .Deprecated(25, "Replaced by RandomPoissonV2");

REGISTER_OP("RandomPoissonV2")
    .SetIsStateful()
    .Input("shape: S")
    .Input("rate: R")
    .Output("output: dtype")
    .Attr("seed: int = 0")
    .Attr("seed2: int = 0")
    .Attr("S: {int32, int64}")
    .Attr("R: {half, float, double, int32, int64} = DT_DOUBLE")
    .Attr("dtype: {half, float, double, int32, int64} = DT_INT64")
    .SetShapeFn(ShapeThenParamShape);

}  // namespace tfc
