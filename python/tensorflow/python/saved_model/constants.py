"""File names and collection keys of the SavedModel format, plus its tag and signature names."""
from tensorflow.python.util.tf_export import tf_export

_CONSTANTS = {
    "ASSETS_DIRECTORY": "assets",
    "EXTRA_ASSETS_DIRECTORY": "assets.extra",
    "ASSETS_KEY": "saved_model_assets",
    "LEGACY_INIT_OP_KEY": "legacy_init_op",
    "MAIN_OP_KEY": "saved_model_main_op",
    "TRAIN_OP_KEY": "saved_model_train_op",
    "TRAIN_OP_SIGNATURE_KEY": "__saved_model_train_op_signature",
    "INIT_OP_SIGNATURE_KEY": "__saved_model_init_op",
    "SAVED_MODEL_SCHEMA_VERSION": 1,
    "SAVED_MODEL_FILENAME_PB": "saved_model.pb",
    "SAVED_MODEL_FILENAME_PBTXT": "saved_model.pbtxt",
    "VARIABLES_DIRECTORY": "variables",
    "VARIABLES_FILENAME": "variables",
}
_TAGS = {"SERVING": "serve", "TRAINING": "train", "EVAL": "eval", "GPU": "gpu", "TPU": "tpu"}
_SIGNATURES = {
    "DEFAULT_SERVING_SIGNATURE_DEF_KEY": "serving_default",
    "CLASSIFY_INPUTS": "inputs",
    "CLASSIFY_METHOD_NAME": "tensorflow/serving/classify",
    "CLASSIFY_OUTPUT_CLASSES": "classes",
    "CLASSIFY_OUTPUT_SCORES": "scores",
    "PREDICT_INPUTS": "inputs",
    "PREDICT_METHOD_NAME": "tensorflow/serving/predict",
    "PREDICT_OUTPUTS": "outputs",
    "REGRESS_INPUTS": "inputs",
    "REGRESS_METHOD_NAME": "tensorflow/serving/regress",
    "REGRESS_OUTPUTS": "outputs",
}

globals().update(_CONSTANTS)
globals().update(_TAGS)
globals().update(_SIGNATURES)

for _name in _CONSTANTS:
  if _name not in ("TRAIN_OP_KEY", "TRAIN_OP_SIGNATURE_KEY", "INIT_OP_SIGNATURE_KEY",
                   "EXTRA_ASSETS_DIRECTORY"):
    tf_export("saved_model.constants." + _name, "saved_model." + _name).export_constant(
        __name__, _name)
for _name in _TAGS:
  if _name == "EVAL":  # TF 1.15 defines it without exporting it
    continue
  tf_export("saved_model.tag_constants." + _name, "saved_model." + _name).export_constant(
      __name__, _name)
for _name in _SIGNATURES:
  tf_export("saved_model.signature_constants." + _name,
            "saved_model." + _name).export_constant(__name__, _name)
del _name
