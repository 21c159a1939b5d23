#include "core/graph/known_values.h"

#include <algorithm>

#include <map>
#include <utility>

#include "core/framework/attr_value_util.h"
#include "core/graph/constant_eval.h"

namespace tfc {
namespace {

// Deep chains of Identity are rare; the bound only keeps a corrupt graph from recursing far.
constexpr int kMaxDepth = 16;

// Values computed during one top-level query, so a diamond-shaped subgraph is evaluated once.
thread_local std::map<std::pair<int, int>, std::shared_ptr<const Tensor>>* t_memo = nullptr;

class MemoScope {
 public:
  MemoScope() : owner_(t_memo == nullptr) {
    if (owner_) t_memo = &memo_;
  }
  ~MemoScope() {
    if (owner_) t_memo = nullptr;
  }

 private:
  bool owner_;
  std::map<std::pair<int, int>, std::shared_ptr<const Tensor>> memo_;
};

std::shared_ptr<const Tensor> IntTensor(DataType dt, const std::vector<int64_t>& values,
                                        bool scalar) {
  if (dt != DT_INT32 && dt != DT_INT64) return nullptr;
  TensorShape shape = scalar ? TensorShape({}) : TensorShape({static_cast<int64_t>(values.size())});
  auto t = std::make_shared<Tensor>(dt, shape);
  for (size_t i = 0; i < values.size(); ++i) {
    if (dt == DT_INT32) {
      if (values[i] > INT32_MAX) return nullptr;  // Shape(out_type=int32) would fail at run time
      t->data<int32_t>()[i] = static_cast<int32_t>(values[i]);
    } else {
      t->data<int64_t>()[i] = values[i];
    }
  }
  return t;
}

const PartialTensorShape* InputShape(const Graph& g, const Node* n, int i) {
  if (i >= n->num_inputs()) return nullptr;
  const Endpoint& e = n->inputs[i];
  if (e.node < 0) return nullptr;  // a pending back edge
  const Node* src = g.node(e.node);
  if (e.index >= static_cast<int>(src->output_shapes.size())) return nullptr;
  return &src->output_shapes[e.index];
}

std::shared_ptr<const Tensor> Evaluate(const Graph& g, const Endpoint& e, int depth);
PartialTensorShape AsShape(const Graph& g, const Endpoint& e, int depth);
bool IntValues(const Tensor& t, std::vector<int64_t>* out);

// A known 1-D int value, or a partially known shape vector (-1 = unknown element).
bool KnownVector(const Graph& g, const Endpoint& e, int depth, std::vector<int64_t>* out) {
  auto v = Evaluate(g, e, depth + 1);
  out->clear();
  if (v) return v->dims() == 1 && IntValues(*v, out);
  PartialTensorShape s = AsShape(g, e, depth + 1);
  if (s.unknown_rank()) return false;
  *out = s.dim_sizes();
  return true;
}

bool KnownScalarOf(const Graph& g, const Endpoint& e, int depth, int64_t* out) {
  auto v = Evaluate(g, e, depth + 1);
  std::vector<int64_t> vals;
  if (!v || !IntValues(*v, &vals) || vals.size() != 1) return false;
  *out = vals[0];
  return true;
}

// A 1-D StridedSlice (x[i], x[a:b:s]) of a known vector, as Python's shape[0] / shape[1:]
// produce. False when the slice is not of that simple form.
bool SliceVector(const Graph& g, const Node* n, int depth, std::vector<int64_t>* out,
                 bool* scalar) {
  if (n->num_inputs() != 4) return false;
  std::vector<int64_t> in;
  if (!KnownVector(g, n->inputs[0], depth, &in)) return false;
  int64_t begin, end, stride;
  if (!KnownScalarOf(g, n->inputs[1], depth, &begin) ||
      !KnownScalarOf(g, n->inputs[2], depth, &end) ||
      !KnownScalarOf(g, n->inputs[3], depth, &stride) || stride == 0) {
    return false;
  }
  int64_t begin_mask = 0, end_mask = 0, ellipsis = 0, new_axis = 0, shrink = 0;
  GetNodeAttr(n->def, "begin_mask", &begin_mask).IgnoreError();
  GetNodeAttr(n->def, "end_mask", &end_mask).IgnoreError();
  GetNodeAttr(n->def, "ellipsis_mask", &ellipsis).IgnoreError();
  GetNodeAttr(n->def, "new_axis_mask", &new_axis).IgnoreError();
  GetNodeAttr(n->def, "shrink_axis_mask", &shrink).IgnoreError();
  if (ellipsis != 0 || new_axis != 0) return false;
  const int64_t size = static_cast<int64_t>(in.size());
  auto wrap = [&](int64_t x) { return x < 0 ? x + size : x; };
  out->clear();
  *scalar = (shrink & 1) != 0;
  if (*scalar) {
    const int64_t i = wrap(begin);
    if (i < 0 || i >= size) return false;
    out->push_back(in[i]);
    return true;
  }
  if (stride > 0) {
    const int64_t b = (begin_mask & 1) ? 0 : std::clamp<int64_t>(wrap(begin), 0, size);
    const int64_t e = (end_mask & 1) ? size : std::clamp<int64_t>(wrap(end), 0, size);
    for (int64_t i = b; i < e; i += stride) out->push_back(in[i]);
  } else {
    const int64_t b = (begin_mask & 1) ? size - 1 : std::clamp<int64_t>(wrap(begin), -1, size - 1);
    const int64_t e = (end_mask & 1) ? -1 : std::clamp<int64_t>(wrap(end), -1, size - 1);
    for (int64_t i = b; i > e; i += stride) out->push_back(in[i]);
  }
  return true;
}

std::shared_ptr<const Tensor> EvaluateUncached(const Graph& g, const Endpoint& e, int depth);

std::shared_ptr<const Tensor> Evaluate(const Graph& g, const Endpoint& e, int depth) {
  if (depth > kMaxDepth || e.node < 0 || e.node >= g.num_nodes()) return nullptr;
  const auto key = std::make_pair(e.node, e.index);
  if (t_memo != nullptr) {
    auto it = t_memo->find(key);
    if (it != t_memo->end()) return it->second;
  }
  auto v = EvaluateUncached(g, e, depth);
  if (t_memo != nullptr) (*t_memo)[key] = v;
  return v;
}

// Any other foldable node whose inputs are all known (and small) is run through its kernel.
std::shared_ptr<const Tensor> EvaluateWithKernel(const Graph& g, const Node* n, int output,
                                                 int depth) {
  if (!IsFoldable(*n)) return nullptr;
  // Only results whose static shape says they are small (a huge Fill of constant dims must not
  // be computed while the graph is built).
  const DataType dt = n->output_types[output];
  const PartialTensorShape& shape = n->output_shapes[output];
  if (dt == DT_STRING || !shape.IsFullyDefined() ||
      shape.num_elements() * DataTypeSize(dt) > kMaxFoldedInputBytes) {
    return nullptr;
  }
  std::vector<std::shared_ptr<const Tensor>> inputs;
  for (const Endpoint& in : n->inputs) {
    auto v = Evaluate(g, in, depth + 1);
    if (!v || static_cast<int64_t>(v->TotalBytes()) > kMaxFoldedInputBytes) return nullptr;
    inputs.push_back(std::move(v));
  }
  return EvaluateNode(*n, output, inputs);
}

std::shared_ptr<const Tensor> EvaluateUncached(const Graph& g, const Endpoint& e, int depth) {
  const Node* n = g.node(e.node);
  const std::string& op = n->type_string();
  if (op == "Const") return e.index == 0 ? n->const_value : nullptr;
  if ((op == "Identity" || op == "StopGradient") && n->num_inputs() == 1) {
    return Evaluate(g, n->inputs[0], depth + 1);
  }
  if (op == "StridedSlice" && e.index == 0) {
    std::vector<int64_t> vals;
    bool scalar = false;
    if (!SliceVector(g, n, depth, &vals, &scalar)) return nullptr;
    for (int64_t v : vals) {
      if (v < 0) return nullptr;  // an unknown dim
    }
    return IntTensor(BaseType(n->output_types[0]), vals, scalar);
  }
  const PartialTensorShape* in = InputShape(g, n, 0);
  if (in == nullptr) return EvaluateWithKernel(g, n, e.index, depth);
  if (op == "Shape" && in->IsFullyDefined()) {
    DataType dt = DT_INT32;
    GetNodeAttr(n->def, "out_type", &dt).IgnoreError();
    return IntTensor(dt, in->dim_sizes(), false);
  }
  if (op == "Size" && in->IsFullyDefined()) {
    DataType dt = DT_INT32;
    GetNodeAttr(n->def, "out_type", &dt).IgnoreError();
    return IntTensor(dt, {in->num_elements()}, true);
  }
  if (op == "Rank" && !in->unknown_rank()) return IntTensor(DT_INT32, {in->dims()}, true);
  if (op == "Shape" || op == "Size" || op == "Rank" || op == "ShapeN") return nullptr;
  return EvaluateWithKernel(g, n, e.index, depth);
}

// Reads an int32/int64 scalar or vector value.
bool IntValues(const Tensor& t, std::vector<int64_t>* out) {
  if (t.dims() > 1) return false;
  for (int64_t i = 0; i < t.NumElements(); ++i) {
    if (t.dtype() == DT_INT32) {
      out->push_back(t.data<int32_t>()[i]);
    } else if (t.dtype() == DT_INT64) {
      out->push_back(t.data<int64_t>()[i]);
    } else {
      return false;
    }
  }
  return true;
}

PartialTensorShape AsShape(const Graph& g, const Endpoint& e, int depth) {
  if (depth > kMaxDepth || e.node < 0 || e.node >= g.num_nodes()) return PartialTensorShape();
  const Node* n = g.node(e.node);
  const std::string& op = n->type_string();
  if (op == "Identity" && n->num_inputs() == 1) return AsShape(g, n->inputs[0], depth + 1);
  // As TF's shape refiner: a cast between integer types keeps the shape it encodes
  // (GatherV2's gradient casts Shape's int64 output to int32 before slicing it).
  if (op == "Cast" && n->num_inputs() == 1) {
    std::vector<int64_t> vals;
    if (auto v = Evaluate(g, e, depth + 1); v && v->dims() == 1 && IntValues(*v, &vals)) {
      bool valid = true;
      for (int64_t x : vals) valid = valid && x >= -1;
      return valid ? PartialTensorShape(vals) : PartialTensorShape();
    }
    DataType src = DT_INVALID, dst = DT_INVALID;
    GetNodeAttr(n->def, "SrcT", &src).IgnoreError();
    GetNodeAttr(n->def, "DstT", &dst).IgnoreError();
    const bool ints = (src == DT_INT32 || src == DT_INT64) && (dst == DT_INT32 || dst == DT_INT64);
    if (ints) return AsShape(g, n->inputs[0], depth + 1);
  }
  if (op == "Shape") {
    const PartialTensorShape* in = InputShape(g, n, 0);
    return in ? *in : PartialTensorShape();
  }
  if (op == "StridedSlice") {
    std::vector<int64_t> vals;
    bool scalar = false;
    if (SliceVector(g, n, depth, &vals, &scalar) && !scalar) return PartialTensorShape(vals);
    return PartialTensorShape();
  }
  if (op == "Pack") {
    std::vector<int64_t> dims;
    for (int i = 0; i < n->num_inputs(); ++i) {
      const PartialTensorShape* s = InputShape(g, n, i);
      if (s == nullptr || s->dims() != 0) return PartialTensorShape();  // not a vector of scalars
      auto v = Evaluate(g, n->inputs[i], depth + 1);
      std::vector<int64_t> vals;
      if (v && IntValues(*v, &vals) && vals.size() == 1 && vals[0] >= -1) {
        dims.push_back(vals[0]);
      } else {
        dims.push_back(-1);
      }
    }
    return PartialTensorShape(std::move(dims));
  }
  if (op == "ConcatV2" && n->num_inputs() >= 2) {
    std::vector<int64_t> dims;
    for (int i = 0; i + 1 < n->num_inputs(); ++i) {
      PartialTensorShape part;
      auto v = Evaluate(g, n->inputs[i], depth + 1);
      std::vector<int64_t> vals;
      if (v && v->dims() == 1 && IntValues(*v, &vals)) {
        for (int64_t x : vals) {
          if (x < -1) return PartialTensorShape();
        }
        part = PartialTensorShape(vals);
      } else {
        part = AsShape(g, n->inputs[i], depth + 1);
      }
      if (part.unknown_rank()) return PartialTensorShape();
      dims.insert(dims.end(), part.dim_sizes().begin(), part.dim_sizes().end());
    }
    return PartialTensorShape(std::move(dims));
  }
  // As TF's shape refiner, any other vector of known length encodes a shape of that rank: its
  // known values, else all dims unknown.
  if (e.index < static_cast<int>(n->output_shapes.size())) {
    const PartialTensorShape& s = n->output_shapes[e.index];
    const DataType dt = BaseType(n->output_types[e.index]);
    if ((dt == DT_INT32 || dt == DT_INT64) && s.dims() == 1 && s.dim_size(0) >= 0) {
      auto v = Evaluate(g, e, depth + 1);
      std::vector<int64_t> vals;
      if (v && IntValues(*v, &vals) && static_cast<int64_t>(vals.size()) == s.dim_size(0)) {
        bool valid = true;
        for (int64_t x : vals) valid = valid && x >= -1;
        if (valid) return PartialTensorShape(vals);
      }
      return PartialTensorShape(std::vector<int64_t>(s.dim_size(0), -1));
    }
  }
  return PartialTensorShape();
}

}  // namespace

std::shared_ptr<const Tensor> EvaluateKnownValue(const Graph& g, const Endpoint& e) {
  MemoScope memo;
  return Evaluate(g, e, 0);
}

PartialTensorShape EvaluateTensorAsShape(const Graph& g, const Endpoint& e) {
  MemoScope memo;
  return AsShape(g, e, 0);
}

}  // namespace tfc
