// Einsum (TF 1.15, one or two operands): interface and shape function.
#include <map>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/kernels/linalg/einsum_equation.h"

namespace tfc {
namespace {

Status EinsumShape(InferenceContext* c) {
  std::string equation;
  TFC_RETURN_IF_ERROR(c->GetAttr("equation", &equation));
  linalg::EinsumEquation eq;
  TFC_RETURN_IF_ERROR(linalg::ParseEinsumEquation(equation, c->num_inputs(), &eq));
  std::map<int, int64_t> label_dim;
  // Broadcast of the ellipsis parts; starts as a scalar so inputs without one don't widen it.
  PartialTensorShape ellipsis({});
  for (int i = 0; i < c->num_inputs(); ++i) {
    const PartialTensorShape& s = c->input(i);
    const bool has_ellipsis = eq.input_has_ellipsis(i);
    const int named = eq.num_named(i);
    if (s.unknown_rank()) {
      if (has_ellipsis) ellipsis = PartialTensorShape::Unknown();
      continue;
    }
    if (has_ellipsis ? s.dims() < named : s.dims() != named) {
      return errors::InvalidArgument("Input ", i, " to einsum has rank ", s.dims(),
                                     " but the subscripts of equation '", equation,
                                     "' imply ", has_ellipsis ? "at least " : "", named);
    }
    const int ellipsis_rank = s.dims() - named;
    int axis = 0;
    for (int label : eq.inputs[i]) {
      if (label == linalg::kEllipsisLabel) {
        PartialTensorShape part(std::vector<int64_t>(
            s.dim_sizes().begin() + axis, s.dim_sizes().begin() + axis + ellipsis_rank));
        TFC_RETURN_IF_ERROR(c->BroadcastBinaryOpOutputShape(ellipsis, part, &ellipsis));
        axis += ellipsis_rank;
        continue;
      }
      auto it = label_dim.find(label);
      if (it == label_dim.end()) {
        label_dim[label] = s.dim_size(axis);
      } else {
        TFC_RETURN_IF_ERROR(c->MergeDim(it->second, s.dim_size(axis), &it->second));
      }
      ++axis;
    }
  }
  PartialTensorShape out({});
  for (int label : eq.output) {
    if (label == linalg::kEllipsisLabel) {
      if (ellipsis.unknown_rank()) {
        c->set_output(0, PartialTensorShape::Unknown());
        return OkStatus();
      }
      for (int64_t d : ellipsis.dim_sizes()) out.AddDim(d);
    } else {
      auto it = label_dim.find(label);
      out.AddDim(it == label_dim.end() ? -1 : it->second);
    }
  }
  c->set_output(0, out);
  return OkStatus();
}

}  // namespace

REGISTER_OP("Einsum")
    .Input("inputs: N * T")
    .Output("output: T")
    .Attr("equation: string")
    .Attr("N: int >= 1")
    .Attr("T: type")
    .SetShapeFn(EinsumShape);

}  // namespace tfc
