"""The op a SavedModel runs after restoring variables (tf.saved_model.main_op)."""
from tensorflow.python.framework import ops
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.ops import variables
from tensorflow.python.util.tf_export import tf_export


@tf_export(v1=["saved_model.main_op.main_op"])
def main_op():
  """Initializes global and local variables and tables."""
  init = variables.global_variables_initializer()
  init_local = variables.local_variables_initializer()
  init_tables = variables.tables_initializer()
  return control_flow_ops.group(init, init_local, init_tables)


@tf_export(v1=["saved_model.main_op_with_restore", "saved_model.main_op.main_op_with_restore"])
def main_op_with_restore(restore_op_name):
  with ops.control_dependencies([main_op()]):
    return control_flow_ops.group(restore_op_name)
