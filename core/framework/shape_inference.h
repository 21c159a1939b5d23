#pragma once
// Shape inference: an op's shape function sees its inputs' partial shapes (and the values of
// inputs that are known at graph-build time) and sets its outputs' partial shapes.
// Errors use TF's wording ("Dimensions must be equal, but are 3 and 4"); the graph appends
// " for 'name' (op: 'Op') with input shapes: [2,3], [4,5]." as TensorFlow does.
#include <string>
#include <vector>

#include "core/framework/attr_value_util.h"
#include "core/framework/status.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "tensorflow/core/framework/node_def.pb.h"

namespace tfc {

using ShapeVec = std::vector<PartialTensorShape>;

class InferenceContext {
 public:
  // node_def must have its default attrs filled in. input_tensors[i] is null where the value
  // is unknown; input_tensors_as_shapes[i] is the partially known value of an int32/int64
  // vector input (e.g. a Shape or Pack of known dims), or unknown rank.
  InferenceContext(const ::tensorflow::NodeDef* node_def, DataTypeVector input_types,
                   DataTypeVector output_types, ShapeVec input_shapes,
                   std::vector<const Tensor*> input_tensors,
                   ShapeVec input_tensors_as_shapes);

  const ::tensorflow::NodeDef& node_def() const { return *node_def_; }
  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  int num_outputs() const { return static_cast<int>(outputs_.size()); }
  const PartialTensorShape& input(int i) const { return inputs_[i]; }
  DataType input_type(int i) const { return input_types_[i]; }
  DataType output_type(int i) const { return output_types_[i]; }
  // Known value of input i, or nullptr.
  const Tensor* input_tensor(int i) const { return input_tensors_[i]; }

  void set_output(int i, PartialTensorShape s) { outputs_[i] = std::move(s); }
  const PartialTensorShape& output(int i) const { return outputs_[i]; }
  const ShapeVec& outputs() const { return outputs_; }

  template <typename T>
  Status GetAttr(const std::string& name, T* value) const {
    return GetNodeAttr(*node_def_, name, value);
  }

  // Treats input i (an int32/int64 vector, -1 meaning unknown) as a shape: exact when its
  // value is known, else as much as its static shape or partial value tells.
  Status MakeShapeFromShapeTensor(int i, PartialTensorShape* out) const;
  // Reads a known scalar int32/int64 input; returns false if unknown.
  bool GetScalarFromTensor(int i, int64_t* value) const;

  // Checks and refines shapes; the error messages match TensorFlow's.
  Status WithRank(const PartialTensorShape& s, int rank, PartialTensorShape* out) const;
  Status WithRankAtLeast(const PartialTensorShape& s, int rank, PartialTensorShape* out) const;
  Status WithRankAtMost(const PartialTensorShape& s, int rank, PartialTensorShape* out) const;
  Status Merge(const PartialTensorShape& a, const PartialTensorShape& b,
               PartialTensorShape* out) const;
  // Dimensions: -1 is unknown.
  Status MergeDim(int64_t a, int64_t b, int64_t* out) const;
  Status WithValue(int64_t dim, int64_t value, int64_t* out) const;
  // NumPy broadcasting of two shapes.
  Status BroadcastBinaryOpOutputShape(const PartialTensorShape& a, const PartialTensorShape& b,
                                      PartialTensorShape* out) const;
  // Resolves a possibly negative axis against a known rank.
  Status MakeAxis(int64_t axis, int rank, int* out) const;

 private:
  const ::tensorflow::NodeDef* node_def_;
  DataTypeVector input_types_, output_types_;
  ShapeVec inputs_;
  std::vector<const Tensor*> input_tensors_;
  ShapeVec input_tensors_as_shapes_;
  ShapeVec outputs_;
};

namespace shape_inference {
// Common shape functions.
Status UnknownShape(InferenceContext* c);        // every output: unknown rank
Status UnchangedShape(InferenceContext* c);      // output 0 = input 0
Status ScalarShape(InferenceContext* c);         // output 0 = []
Status NoOutputs(InferenceContext* c);
Status BroadcastBinaryOpShapeFn(InferenceContext* c);  // output 0 = broadcast(input 0, input 1)
Status MergeBothInputsShapeFn(InferenceContext* c);    // output 0 = merge(input 0, input 1)
// Sum/Mean/...: input 0 data, input 1 reduction indices, attr keep_dims.
Status ReductionShape(InferenceContext* c);
}  // namespace shape_inference

}  // namespace tfc
