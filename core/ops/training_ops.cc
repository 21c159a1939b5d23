// The fused optimizer updates (ApplyAdam, SparseApplyMomentum, ...): interfaces and shape
// functions. The Ref forms update a ref variable in place and hand it back; the Resource forms
// update a resource variable and have no outputs.
#include <string>
#include <vector>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"

namespace tfc {
namespace {

// Where the variable-like inputs are resources their handle says nothing about the shape.
PartialTensorShape VarShape(InferenceContext* c, int i) {
  if (c->input_type(i) == DT_RESOURCE) return PartialTensorShape();
  return c->input(i);
}

Status Scalars(InferenceContext* c, std::initializer_list<int> ids) {
  for (int i : ids) {
    PartialTensorShape unused;
    TFC_RETURN_IF_ERROR(c->WithRank(c->input(i), 0, &unused));
  }
  return OkStatus();
}

// Merges the variable-like inputs [0, num_vars) into *s.
Status MergeVars(InferenceContext* c, int num_vars, PartialTensorShape* s) {
  *s = VarShape(c, 0);
  for (int i = 1; i < num_vars; ++i) TFC_RETURN_IF_ERROR(c->Merge(*s, VarShape(c, i), s));
  return OkStatus();
}

// Dense: grad has the variable's shape. Sparse: indices is a vector as long as grad's first
// dimension, and grad's other dimensions are the variable's.
Status GradAndIndices(InferenceContext* c, bool sparse, int grad_index, PartialTensorShape* s) {
  const PartialTensorShape& grad = c->input(grad_index);
  if (!sparse) return c->Merge(*s, grad, s);
  PartialTensorShape indices;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(grad_index + 1), 1, &indices));
  if (grad.unknown_rank()) return OkStatus();
  if (grad.dims() == 0) {
    return errors::InvalidArgument("Argument grad must not be a scalar. Got grad with rank 0");
  }
  int64_t unused;
  TFC_RETURN_IF_ERROR(c->MergeDim(indices.dim_size(0), grad.dim_size(0), &unused));
  PartialTensorShape grad_rows = grad;
  grad_rows.set_dim(0, -1);
  return c->Merge(*s, grad_rows, s);
}

Status SetOut(InferenceContext* c, const PartialTensorShape& s) {
  if (c->num_outputs() > 0) c->set_output(0, s);
  return OkStatus();
}

// Shape function for ops laid out as: num_vars variables, scalars `before` the gradient,
// the gradient (and indices when sparse), then scalars after it.
struct Layout {
  int num_vars;
  std::vector<int> scalars_before;  // input indices (dense layout)
  int grad;                         // dense grad index
  int scalars_after;                // how many scalars follow grad (and indices)
};

ShapeInferenceFn MakeShapeFn(Layout l, bool sparse) {
  return [l, sparse](InferenceContext* c) -> Status {
    PartialTensorShape s;
    TFC_RETURN_IF_ERROR(MergeVars(c, l.num_vars, &s));
    for (int i : l.scalars_before) TFC_RETURN_IF_ERROR(Scalars(c, {i}));
    TFC_RETURN_IF_ERROR(GradAndIndices(c, sparse, l.grad, &s));
    const int after = l.grad + (sparse ? 2 : 1);
    for (int k = 0; k < l.scalars_after; ++k) TFC_RETURN_IF_ERROR(Scalars(c, {after + k}));
    return SetOut(c, s);
  };
}

// Registers Apply<name>, and when `with_sparse` SparseApply<name>, from one argument list:
// `vars` are the variable-like inputs, `before`/`after` the T inputs around grad.
// `extra_attrs` are the op-specific bool attrs.
void RegisterFamily(const std::string& name, const std::vector<std::string>& vars,
                    const std::vector<std::string>& before, const std::vector<std::string>& after,
                    const std::vector<std::string>& extra_attrs, bool with_sparse,
                    bool with_resource) {
  std::vector<int> before_ids;
  for (size_t i = 0; i < before.size(); ++i) before_ids.push_back(int(vars.size() + i));
  const Layout layout{int(vars.size()), before_ids, int(vars.size() + before.size()),
                      int(after.size())};
  for (int sparse = 0; sparse <= (with_sparse ? 1 : 0); ++sparse) {
    for (int resource = 0; resource <= (with_resource ? 1 : 0); ++resource) {
      const std::string op_name = std::string(resource ? "Resource" : "") +
                                  (sparse ? "SparseApply" : "Apply") + name;
      OpDefBuilder b(op_name);
      for (const auto& v : vars) b.Input(v + (resource ? ": resource" : ": Ref(T)"));
      for (const auto& s : before) b.Input(s + ": T");
      b.Input("grad: T");
      if (sparse) b.Input("indices: Tindices");
      for (const auto& s : after) b.Input(s + ": T");
      if (!resource) b.Output("out: Ref(T)");
      b.Attr("T: numbertype");
      if (sparse) b.Attr("Tindices: {int32, int64}");
      b.Attr("use_locking: bool = false");
      for (const auto& a : extra_attrs) b.Attr(a);
      b.SetShapeFn(MakeShapeFn(layout, sparse != 0));
      OpRegistry::Global()->Register(b);
    }
  }
}

// ApplyGradientDescent names its gradient "delta" and has no sparse form.
void RegisterGradientDescent(bool resource) {
  OpDefBuilder b(resource ? "ResourceApplyGradientDescent" : "ApplyGradientDescent");
  b.Input(resource ? "var: resource" : "var: Ref(T)").Input("alpha: T").Input("delta: T");
  if (!resource) b.Output("out: Ref(T)");
  b.Attr("T: numbertype").Attr("use_locking: bool = false");
  b.SetShapeFn([](InferenceContext* c) -> Status {
    PartialTensorShape s = VarShape(c, 0);
    TFC_RETURN_IF_ERROR(Scalars(c, {1}));
    TFC_RETURN_IF_ERROR(c->Merge(s, c->input(2), &s));
    return SetOut(c, s);
  });
  OpRegistry::Global()->Register(b);
}

// ApplyProximalGradientDescent names its dense gradient "delta" but its sparse one "grad".
void RegisterProximalGradientDescent(bool sparse, bool resource) {
  const std::string name = std::string(resource ? "Resource" : "") +
                           (sparse ? "SparseApply" : "Apply") + "ProximalGradientDescent";
  OpDefBuilder b(name);
  b.Input(resource ? "var: resource" : "var: Ref(T)").Input("alpha: T").Input("l1: T").Input("l2: T");
  b.Input(sparse ? "grad: T" : "delta: T");
  if (sparse) b.Input("indices: Tindices");
  if (!resource) b.Output("out: Ref(T)");
  b.Attr("T: numbertype");
  if (sparse) b.Attr("Tindices: {int32, int64}");
  b.Attr("use_locking: bool = false");
  b.SetShapeFn(MakeShapeFn(Layout{1, {1, 2, 3}, 4, 0}, sparse));
  OpRegistry::Global()->Register(b);
}

// ApplyAdam (and its resource form) takes no sparse gradient.
void RegisterAdam(bool resource) {
  OpDefBuilder b(resource ? "ResourceApplyAdam" : "ApplyAdam");
  for (const char* v : {"var", "m", "v"}) b.Input(std::string(v) + (resource ? ": resource" : ": Ref(T)"));
  for (const char* s : {"beta1_power", "beta2_power", "lr", "beta1", "beta2", "epsilon", "grad"}) {
    b.Input(std::string(s) + ": T");
  }
  if (!resource) b.Output("out: Ref(T)");
  b.Attr("T: numbertype").Attr("use_locking: bool = false").Attr("use_nesterov: bool = false");
  b.SetShapeFn(MakeShapeFn(Layout{3, {3, 4, 5, 6, 7, 8}, 9, 0}, false));
  OpRegistry::Global()->Register(b);
}

struct Registrar {
  explicit Registrar(bool with_resource) {
    for (int r = 0; r <= (with_resource ? 1 : 0); ++r) {
      RegisterGradientDescent(r != 0);
      RegisterAdam(r != 0);
      RegisterProximalGradientDescent(false, r != 0);
      RegisterProximalGradientDescent(true, r != 0);
    }
    RegisterFamily("Adadelta", {"var", "accum", "accum_update"}, {"lr", "rho", "epsilon"}, {}, {},
                   true, with_resource);
    RegisterFamily("Adagrad", {"var", "accum"}, {"lr"}, {}, {"update_slots: bool = true"}, true,
                   with_resource);
    RegisterFamily("AdagradV2", {"var", "accum"}, {"lr", "epsilon"}, {},
                   {"update_slots: bool = true"}, true, with_resource);
    RegisterFamily("ProximalAdagrad", {"var", "accum"}, {"lr", "l1", "l2"}, {}, {}, true,
                   with_resource);
    RegisterFamily("Ftrl", {"var", "accum", "linear"}, {}, {"lr", "l1", "l2", "lr_power"}, {},
                   true, with_resource);
    RegisterFamily("FtrlV2", {"var", "accum", "linear"}, {},
                   {"lr", "l1", "l2", "l2_shrinkage", "lr_power"}, {}, true, with_resource);
    RegisterFamily("Momentum", {"var", "accum"}, {"lr"}, {"momentum"},
                   {"use_nesterov: bool = false"}, true, with_resource);
    RegisterFamily("RMSProp", {"var", "ms", "mom"}, {"lr", "rho", "momentum", "epsilon"}, {}, {},
                   true, with_resource);
    RegisterFamily("CenteredRMSProp", {"var", "mg", "ms", "mom"},
                   {"lr", "rho", "momentum", "epsilon"}, {}, {}, true, with_resource);
  }
};

}  // namespace

static Registrar training_ops_registrar(/*with_resource=*/true);

}  // namespace tfc
