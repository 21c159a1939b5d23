"""tf.saved_model.simple_save: a serving SavedModel with one predict signature."""
from tensorflow.python.framework import ops
from tensorflow.python.saved_model import builder_impl
from tensorflow.python.saved_model import constants
from tensorflow.python.saved_model import signature_def_utils_impl
from tensorflow.python.util.tf_export import tf_export


@tf_export(v1=["saved_model.simple_save"])
def simple_save(session, export_dir, inputs, outputs, legacy_init_op=None):
  signature_def_map = {
      constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY:
          signature_def_utils_impl.predict_signature_def(inputs, outputs)}
  builder = builder_impl.SavedModelBuilder(export_dir)
  builder.add_meta_graph_and_variables(
      session, tags=[constants.SERVING], signature_def_map=signature_def_map,
      assets_collection=ops.get_collection(ops.GraphKeys.ASSET_FILEPATHS),
      main_op=legacy_init_op, clear_devices=True)
  builder.save()
