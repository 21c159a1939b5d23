"""Loss collection helpers of tf.losses (TF 1.15's losses/util.py)."""

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import ops
from tensorflow.python.ops import math_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export("losses.add_loss")
def add_loss(loss, loss_collection=ops.GraphKeys.LOSSES):
  """Adds `loss` to `loss_collection` (nothing when the collection is None or empty)."""
  if loss_collection:
    ops.add_to_collection(loss_collection, loss)


@tf_export("losses.get_losses")
def get_losses(scope=None, loss_collection=ops.GraphKeys.LOSSES):
  return ops.get_collection(loss_collection, scope)


@tf_export("losses.get_regularization_losses")
def get_regularization_losses(scope=None):
  return ops.get_collection(ops.GraphKeys.REGULARIZATION_LOSSES, scope)


@tf_export("losses.get_regularization_loss")
def get_regularization_loss(scope=None, name="total_regularization_loss"):
  """The sum of the regularization losses (an AddN), or a 0.0 constant when there are none."""
  losses = get_regularization_losses(scope)
  if losses:
    return math_ops.add_n(losses, name=name)
  return constant_op.constant(0.0)


@tf_export("losses.get_total_loss")
def get_total_loss(add_regularization_losses=True, name="total_loss", scope=None):
  """AddN of the LOSSES collection (plus the regularization losses by default); ValueError
  when there is nothing to add, as TF's add_n raises."""
  losses = get_losses(scope=scope)
  if add_regularization_losses:
    losses += get_regularization_losses(scope=scope)
  return math_ops.add_n(losses, name=name)
