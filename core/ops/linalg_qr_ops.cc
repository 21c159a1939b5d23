// Qr (TF 1.15): batched QR decomposition, interface and shape function.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

// [..., M, N] -> q [..., M, P], r [..., P, N] with P = min(M, N); full_matrices gives
// q [..., M, M], r [..., M, N]. A known zero wins over an unknown dim in min, as in TF.
Status QrShape(InferenceContext* c) {
  PartialTensorShape input;
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), 2, &input));
  bool full_matrices = false;
  TFC_RETURN_IF_ERROR(c->GetAttr("full_matrices", &full_matrices));
  if (input.unknown_rank()) {
    c->set_output(0, PartialTensorShape::Unknown());
    c->set_output(1, PartialTensorShape::Unknown());
    return OkStatus();
  }
  const int rank = input.dims();
  std::vector<int64_t> batch = input.dim_sizes();
  const int64_t m = batch[rank - 2], n = batch[rank - 1];
  batch.resize(rank - 2);
  int64_t p;
  if (m == 0 || n == 0) {
    p = 0;
  } else if (m < 0 || n < 0) {
    p = -1;
  } else {
    p = std::min(m, n);
  }
  std::vector<int64_t> q = batch, r = batch;
  if (full_matrices) {
    q.insert(q.end(), {m, m});
    r.insert(r.end(), {m, n});
  } else {
    q.insert(q.end(), {m, p});
    r.insert(r.end(), {p, n});
  }
  c->set_output(0, PartialTensorShape(q));
  c->set_output(1, PartialTensorShape(r));
  return OkStatus();
}

}  // namespace

REGISTER_OP("Qr")
    .Input("input: T")
    .Output("q: T")
    .Output("r: T")
    .Attr("full_matrices: bool = false")
    .Attr("T: {double, float, half, complex64, complex128}")
    .SetShapeFn(QrShape);

}  // namespace tfc
