"""tf.layers.Layer: the minimal layer machinery of TF 1.15's tf.layers.

A layer gets a unique variable scope the first time it is called (`dense`, `dense_1`, ...,
via variable_scope's default_name), creates its weights there with tf.get_variable on its
first call (build), and re-enters that scope with reuse=True on later calls. Ops are made in
the scope's original name scope. Regularization losses go to REGULARIZATION_LOSSES, updates
to UPDATE_OPS, as in TF.
"""

import re

import numpy as np

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import variable_scope as vs
from tensorflow.python.ops import variables
from tensorflow.python.util import nest
from tensorflow.python.util.tf_export import tf_export


def to_snake_case(name):
  intermediate = re.sub("(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
  insecure = re.sub("([a-z])([A-Z])", r"\1_\2", intermediate).lower()
  if insecure[0] != "_":
    return insecure
  return "private" + insecure


def _unique_layer_name(base_name):
  # Keras's per-graph counter (not zero based): the first Dense is named "dense_1"; its
  # variable scope is still "dense" (from variable_scope's own uniquification).
  graph = ops.get_default_graph()
  uids = graph.__dict__.setdefault("_tfc_layer_name_uids", {})
  uids[base_name] = uids.get(base_name, 0) + 1
  return "%s_%d" % (base_name, uids[base_name])


def _add_to_collection_once(elements, collection):
  ref = ops.get_collection_ref(collection)
  present = {id(e) for e in ref}
  for e in nest.flatten(elements):
    if id(e) not in present:
      ref.append(e)
      present.add(id(e))


@tf_export("layers.Layer")
class Layer(object):
  """Base layer: subclasses implement build(input_shape) and call(inputs)."""

  def __init__(self, trainable=True, name=None, dtype=None, activity_regularizer=None,
               **kwargs):
    scope = kwargs.pop("_scope", None)
    self._reuse = kwargs.pop("_reuse", None)
    allowed = {"input_shape", "batch_input_shape", "batch_size", "weights", "autocast"}
    for kwarg in kwargs:
      if kwarg not in allowed:
        raise TypeError("Keyword argument not understood:", kwarg)
    self.trainable = trainable
    self.built = False
    self._dtype = None if dtype is None else dtypes.as_dtype(dtype).name
    self._activity_regularizer = activity_regularizer
    self._trainable_weights = []
    self._non_trainable_weights = []
    self._updates = []
    self._losses = []
    self.input_spec = None
    self._init_set_name(name)
    if scope:
      with vs.variable_scope(scope) as captured_scope:
        self._scope = captured_scope
    else:
      self._scope = None
    self._current_scope = None

  def _init_set_name(self, name):
    if isinstance(name, vs.VariableScope):
      base_name = name.name
      self._name = _unique_layer_name(to_snake_case(self.__class__.__name__))
    else:
      base_name = name
      self._name = name
    if not name:
      base_name = to_snake_case(self.__class__.__name__)
      self._name = _unique_layer_name(base_name)
    self._base_name = base_name

  # ---- properties ------------------------------------------------------------------------
  @property
  def name(self):
    return self._name

  @property
  def dtype(self):
    return self._dtype

  @property
  def scope_name(self):
    if not self._scope:
      raise ValueError('No name available for layer scope because the layer "' + self._name +
                       '" has not been used yet. The scope name  is determined the first '
                       "time the layer instance is called. You must therefore call the layer "
                       "before querying `scope_name`.")
    return self._scope.name

  @property
  def trainable_weights(self):
    return list(self._trainable_weights) if self.trainable else []

  @property
  def non_trainable_weights(self):
    if self.trainable:
      return list(self._non_trainable_weights)
    return list(self._trainable_weights) + list(self._non_trainable_weights)

  @property
  def weights(self):
    return self.trainable_weights + self.non_trainable_weights

  trainable_variables = trainable_weights
  non_trainable_variables = non_trainable_weights
  variables = weights

  @property
  def updates(self):
    # Keras hands out no updates for a frozen layer (so a non-trainable batch norm adds
    # nothing to UPDATE_OPS).
    if not self.trainable:
      return []
    return list(self._updates)

  @property
  def losses(self):
    return list(self._losses)

  @property
  def activity_regularizer(self):
    return self._activity_regularizer

  def get_weights(self):
    raise NotImplementedError("Layer.get_weights needs a Keras session, not supported yet")

  # ---- hooks -----------------------------------------------------------------------------
  def build(self, input_shape):
    del input_shape
    self.built = True

  def call(self, inputs, **kwargs):
    del kwargs
    return inputs

  def compute_output_shape(self, input_shape):
    raise NotImplementedError

  def add_update(self, updates, inputs=None):
    del inputs
    self._updates.extend(nest.flatten(updates))

  def add_loss(self, losses, inputs=None):
    del inputs
    losses = [l for l in nest.flatten(losses) if l is not None]
    self._losses.extend(losses)
    _add_to_collection_once(losses, ops.GraphKeys.REGULARIZATION_LOSSES)

  # ---- scopes and weights -----------------------------------------------------------------
  def _name_scope(self):
    return self._current_scope.original_name_scope

  def _set_scope(self, scope=None):
    if self._scope is None:
      if self._reuse:
        with vs.variable_scope(scope if scope is not None else self._base_name) as captured:
          self._scope = captured
      else:
        with vs.variable_scope(scope, default_name=self._base_name) as captured:
          self._scope = captured

  def add_weight(self, name, shape, dtype=None, initializer=None, regularizer=None,
                 trainable=None, constraint=None, use_resource=None,
                 synchronization=vs.VariableSynchronization.AUTO,
                 aggregation=vs.VariableAggregation.NONE, partitioner=None):
    """A variable `<layer scope>/<name>` made (or reused) with tf.get_variable."""
    if synchronization == vs.VariableSynchronization.ON_READ:
      if trainable:
        raise ValueError("Synchronization value can be set to VariableSynchronization.ON_READ "
                         "only for non-trainable variables. You have specified "
                         "trainable=True and synchronization=VariableSynchronization.ON_READ.")
      trainable = False
    elif trainable is None:
      trainable = True
    existing_variables = set(variables.global_variables())
    dtype = dtypes.as_dtype(dtype or self.dtype or dtypes.float32)
    self._set_scope(None)
    reuse = self.built or self._reuse
    with vs.variable_scope(self._scope, reuse=reuse, auxiliary_name_scope=False) as scope:
      self._current_scope = scope
      with ops.name_scope(self._name_scope()):
        if initializer is None:
          initializer = scope.initializer
        if initializer is None and not dtype.is_floating:
          from tensorflow.python.ops import init_ops  # pylint: disable=g-import-not-at-top
          initializer = init_ops.zeros_initializer()
        variable = vs.get_variable(
            name, shape=shape, dtype=dtype, initializer=initializer,
            trainable=trainable and self.trainable, constraint=constraint,
            partitioner=partitioner, use_resource=use_resource,
            synchronization=synchronization, aggregation=aggregation)
        if regularizer and variable not in existing_variables:
          with ops.name_scope(name + "/Regularizer"):
            loss = regularizer(variable)
          if loss is not None:
            self.add_loss(loss)
    if trainable and self.trainable:
      if variable not in self._trainable_weights:
        self._trainable_weights.append(variable)
    elif variable not in self._non_trainable_weights:
      self._non_trainable_weights.append(variable)
    return variable

  add_variable = add_weight

  def __call__(self, inputs, *args, **kwargs):
    scope = kwargs.pop("scope", None)
    # NumPy values become tensors once, outside the layer's scopes (as Keras' __call__ does).
    inputs = nest.map_structure(
        lambda x: ops.convert_to_tensor(x) if isinstance(x, (np.ndarray, float, int)) else x,
        inputs)
    self._set_scope(scope)
    reuse = True if self.built else self._reuse
    with vs.variable_scope(self._scope, reuse=reuse, auxiliary_name_scope=False) as vscope:
      self._current_scope = vscope
      with ops.name_scope(self._name_scope()):
        if self.input_spec is not None:
          from tensorflow.python.layers import utils  # pylint: disable=g-import-not-at-top
          utils.assert_input_compatibility(self.input_spec, inputs, self._name)
        if not self.built:
          first = nest.flatten(inputs)[0]
          if self._dtype is None and hasattr(first, "dtype"):
            dt = dtypes.as_dtype(first.dtype)
            self._dtype = dt.base_dtype.name if dt.is_floating else "float32"
          input_shapes = nest.map_structure(
              lambda x: ops.convert_to_tensor(x).get_shape(), inputs)
          self.build(input_shapes)
          self.built = True
        outputs = self.call(inputs, *args, **kwargs)
        if self._activity_regularizer:
          self._handle_activity_regularization(outputs)
    _add_to_collection_once(self.updates, ops.GraphKeys.UPDATE_OPS)
    return outputs

  def _handle_activity_regularization(self, outputs):
    for output in nest.flatten(outputs):
      with ops.name_scope("ActivityRegularizer"):
        activity_loss = self._activity_regularizer(output)
        batch_size = math_ops.cast(array_ops.shape(output)[0], activity_loss.dtype)
        self.add_loss(activity_loss / batch_size)

  def apply(self, inputs, *args, **kwargs):
    return self.__call__(inputs, *args, **kwargs)

