"""TensorInfo protos for SignatureDefs: tf.saved_model.build_tensor_info and its inverse."""
from tensorflow.core.protobuf import meta_graph_pb2
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.util.tf_export import tf_export


def get_or_create_variables_dir(export_dir):
  import os  # pylint: disable=g-import-not-at-top
  from tensorflow.python.saved_model import constants  # pylint: disable=g-import-not-at-top
  path = os.path.join(export_dir, constants.VARIABLES_DIRECTORY)
  os.makedirs(path, exist_ok=True)
  return path


def get_variables_path(export_dir):
  import os  # pylint: disable=g-import-not-at-top
  from tensorflow.python.saved_model import constants  # pylint: disable=g-import-not-at-top
  return os.path.join(export_dir, constants.VARIABLES_DIRECTORY, constants.VARIABLES_FILENAME)


def _is_sparse(tensor):
  return hasattr(tensor, "indices") and hasattr(tensor, "dense_shape") and \
      hasattr(tensor, "values") and not isinstance(tensor, ops.IndexedSlices)


@tf_export(v1=["saved_model.build_tensor_info", "saved_model.utils.build_tensor_info"])
def build_tensor_info(tensor):
  if _is_sparse(tensor):
    info = meta_graph_pb2.TensorInfo(
        dtype=dtypes.as_dtype(tensor.dtype).as_datatype_enum,
        tensor_shape=tensor.get_shape().as_proto())
    info.coo_sparse.values_tensor_name = tensor.values.name
    info.coo_sparse.indices_tensor_name = tensor.indices.name
    info.coo_sparse.dense_shape_tensor_name = tensor.dense_shape.name
    return info
  return meta_graph_pb2.TensorInfo(
      name=tensor.name, dtype=dtypes.as_dtype(tensor.dtype).as_datatype_enum,
      tensor_shape=tensor.get_shape().as_proto())


@tf_export(v1=["saved_model.get_tensor_from_tensor_info",
               "saved_model.utils.get_tensor_from_tensor_info"])
def get_tensor_from_tensor_info(tensor_info, graph=None, import_scope=None):
  graph = graph or ops.get_default_graph()

  def _get_tensor(name):
    return graph.get_tensor_by_name(ops.prepend_name_scope(name, import_scope=import_scope))

  encoding = tensor_info.WhichOneof("encoding")
  if encoding == "name":
    return _get_tensor(tensor_info.name)
  if encoding == "coo_sparse":
    from tensorflow.python.framework import sparse_tensor  # pylint: disable=g-import-not-at-top
    return sparse_tensor.SparseTensor(
        _get_tensor(tensor_info.coo_sparse.indices_tensor_name),
        _get_tensor(tensor_info.coo_sparse.values_tensor_name),
        _get_tensor(tensor_info.coo_sparse.dense_shape_tensor_name))
  raise ValueError("Invalid TensorInfo.encoding: %s" % encoding)
