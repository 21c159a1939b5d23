"""SignatureDefs: tf.saved_model.predict/classification/regression_signature_def and friends."""
from tensorflow.core.framework import types_pb2
from tensorflow.core.protobuf import meta_graph_pb2
from tensorflow.python.framework import ops
from tensorflow.python.saved_model import constants
from tensorflow.python.saved_model import utils_impl as utils
from tensorflow.python.util.tf_export import tf_export


@tf_export(v1=["saved_model.build_signature_def",
               "saved_model.signature_def_utils.build_signature_def"])
def build_signature_def(inputs=None, outputs=None, method_name=None):
  signature_def = meta_graph_pb2.SignatureDef()
  for key, info in (inputs or {}).items():
    signature_def.inputs[key].CopyFrom(info)
  for key, info in (outputs or {}).items():
    signature_def.outputs[key].CopyFrom(info)
  if method_name is not None:
    signature_def.method_name = method_name
  return signature_def


@tf_export(v1=["saved_model.predict_signature_def",
               "saved_model.signature_def_utils.predict_signature_def"])
def predict_signature_def(inputs, outputs):
  if not inputs:
    raise ValueError("Prediction inputs cannot be None or empty.")
  if not outputs:
    raise ValueError("Prediction outputs cannot be None or empty.")
  return build_signature_def(
      {key: utils.build_tensor_info(t) for key, t in inputs.items()},
      {key: utils.build_tensor_info(t) for key, t in outputs.items()},
      constants.PREDICT_METHOD_NAME)


@tf_export(v1=["saved_model.classification_signature_def",
               "saved_model.signature_def_utils.classification_signature_def"])
def classification_signature_def(examples, classes, scores):
  if examples is None:
    raise ValueError("Classification examples cannot be None.")
  if not isinstance(examples, ops.Tensor):
    raise ValueError("Classification examples must be a string Tensor.")
  if classes is None and scores is None:
    raise ValueError("Classification classes and scores cannot both be None.")
  input_info = utils.build_tensor_info(examples)
  if input_info.dtype != types_pb2.DT_STRING:
    raise ValueError("Classification examples must be a string Tensor.")
  outputs = {}
  if classes is not None:
    info = utils.build_tensor_info(classes)
    if info.dtype != types_pb2.DT_STRING:
      raise ValueError("Classification classes must be a string Tensor.")
    outputs[constants.CLASSIFY_OUTPUT_CLASSES] = info
  if scores is not None:
    info = utils.build_tensor_info(scores)
    if info.dtype != types_pb2.DT_FLOAT:
      raise ValueError("Classification scores must be a float Tensor.")
    outputs[constants.CLASSIFY_OUTPUT_SCORES] = info
  return build_signature_def({constants.CLASSIFY_INPUTS: input_info}, outputs,
                             constants.CLASSIFY_METHOD_NAME)


@tf_export(v1=["saved_model.regression_signature_def",
               "saved_model.signature_def_utils.regression_signature_def"])
def regression_signature_def(examples, predictions):
  if examples is None:
    raise ValueError("Regression examples cannot be None.")
  if not isinstance(examples, ops.Tensor):
    raise ValueError("Regression examples must be a string Tensor.")
  if predictions is None:
    raise ValueError("Regression predictions cannot be None.")
  input_info = utils.build_tensor_info(examples)
  if input_info.dtype != types_pb2.DT_STRING:
    raise ValueError("Regression examples must be a string Tensor.")
  output_info = utils.build_tensor_info(predictions)
  if output_info.dtype != types_pb2.DT_FLOAT:
    raise ValueError("Regression output must be a float Tensor.")
  return build_signature_def({constants.REGRESS_INPUTS: input_info},
                             {constants.REGRESS_OUTPUTS: output_info},
                             constants.REGRESS_METHOD_NAME)


def _is_valid_info(info):
  return info is not None and info.WhichOneof("encoding") is not None and \
      info.dtype != types_pb2.DT_INVALID


@tf_export(v1=["saved_model.is_valid_signature",
               "saved_model.signature_def_utils.is_valid_signature"])
def is_valid_signature(signature_def):
  """Whether `signature_def` is a well-formed predict, classify or regress signature."""
  if signature_def is None:
    return False
  infos = list(signature_def.inputs.values()) + list(signature_def.outputs.values())
  if not all(_is_valid_info(i) for i in infos):
    return False
  method = signature_def.method_name
  if method == constants.PREDICT_METHOD_NAME:
    return bool(signature_def.inputs) and bool(signature_def.outputs)
  if method == constants.CLASSIFY_METHOD_NAME:
    ins, outs = signature_def.inputs, signature_def.outputs
    if set(ins) != {constants.CLASSIFY_INPUTS} or ins[constants.CLASSIFY_INPUTS].dtype != \
        types_pb2.DT_STRING:
      return False
    allowed = {constants.CLASSIFY_OUTPUT_CLASSES: types_pb2.DT_STRING,
               constants.CLASSIFY_OUTPUT_SCORES: types_pb2.DT_FLOAT}
    return bool(outs) and all(k in allowed and v.dtype == allowed[k] for k, v in outs.items())
  if method == constants.REGRESS_METHOD_NAME:
    ins, outs = signature_def.inputs, signature_def.outputs
    return (set(ins) == {constants.REGRESS_INPUTS}
            and ins[constants.REGRESS_INPUTS].dtype == types_pb2.DT_STRING
            and set(outs) == {constants.REGRESS_OUTPUTS}
            and outs[constants.REGRESS_OUTPUTS].dtype == types_pb2.DT_FLOAT)
  return False
