"""tf.reverse_sequence (the ReverseSequence op) and its gradient."""
from tensorflow.python.framework import ops
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.util.tf_export import tf_export


def _lookup(new_name, new_value, old_name, old_value):
  if new_value is not None and old_value is not None:
    raise ValueError("Cannot specify both '%s' and '%s'" % (old_name, new_name))
  return new_value if new_value is not None else old_value


@tf_export(v1=["reverse_sequence"])
def reverse_sequence(input, seq_lengths, seq_axis=None, batch_axis=None, name=None,  # pylint: disable=redefined-builtin
                     seq_dim=None, batch_dim=None):
  seq_axis = _lookup("seq_axis", seq_axis, "seq_dim", seq_dim)
  batch_axis = _lookup("batch_axis", batch_axis, "batch_dim", batch_dim)
  return gen_array_ops.reverse_sequence(input=input, seq_lengths=seq_lengths,
                                        seq_dim=seq_axis, batch_dim=batch_axis, name=name)


@ops.RegisterGradient("ReverseSequence")
def _ReverseSequenceGrad(op, grad):  # pylint: disable=invalid-name
  seq_lengths = op.inputs[1]
  return [gen_array_ops.reverse_sequence(grad, seq_lengths, seq_dim=op.get_attr("seq_dim"),
                                         batch_dim=op.get_attr("batch_dim")), None]
