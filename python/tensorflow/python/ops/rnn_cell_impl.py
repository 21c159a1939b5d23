"""TF 1.15's RNN cells (tf.nn.rnn_cell): RNNCell, LayerRNNCell, BasicRNNCell, GRUCell,
BasicLSTMCell, LSTMCell, LSTMStateTuple and MultiRNNCell; the wrappers live in
rnn_cell_wrapper_impl.py and are re-exported here as TF does.

Cells are tf.layers Layers: variables are made with get_variable under the cell's own variable
scope (`basic_lstm_cell/kernel`, `gru_cell/gates/kernel` ...) in TF's order, so seeded initial
values and checkpoints match TF's; ops follow TF's construction op by op.
"""

import collections

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.framework import tensor_util
from tensorflow.python.layers import base as base_layer
from tensorflow.python.layers import utils as layers_utils
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import clip_ops
from tensorflow.python.ops import init_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import nn_ops
from tensorflow.python.ops import partitioned_variables
from tensorflow.python.ops import variable_scope as vs
from tensorflow.python.ops import variables as tf_variables
from tensorflow.python.util import nest
from tensorflow.python.util.tf_export import tf_export

_BIAS_VARIABLE_NAME = "bias"
_WEIGHTS_VARIABLE_NAME = "kernel"

ASSERT_LIKE_RNNCELL_ERROR_REGEXP = "is not an RNNCell"


def _hasattr(obj, attr_name):
  try:
    getattr(obj, attr_name)
  except AttributeError:
    return False
  return True


def assert_like_rnncell(cell_name, cell):
  """TypeError unless `cell` has output_size, state_size, zero_state and is callable."""
  checks = [
      (_hasattr(cell, "output_size"), "'output_size' property is missing"),
      (_hasattr(cell, "state_size"), "'state_size' property is missing"),
      (_hasattr(cell, "get_initial_state") or _hasattr(cell, "zero_state"),
       "either 'zero_state' or 'get_initial_state' method is required"),
      (callable(cell), "is not callable"),
  ]
  missing = [msg for ok, msg in checks if not ok]
  if missing:
    raise TypeError("The argument {!r} ({}) is not an RNNCell: {}.".format(
        cell_name, cell, ", ".join(missing)))


def _shape_part(value, what):
  """(tensor or None, static list or None) of one side of _concat."""
  if isinstance(value, ops.Tensor):
    static = tensor_util.constant_value(value)
    if value.shape.ndims == 0:
      value = array_ops.expand_dims(value, 0)
    elif value.shape.ndims != 1:
      raise ValueError("%s tensor must be either a scalar or vector, but saw tensor: %s" %
                       (what, value))
    return value, static
  shape = tensor_shape.as_shape(value)
  static = shape.as_list() if shape.ndims is not None else None
  tensor = (constant_op.constant(shape.as_list(), dtype=dtypes.int32)
            if shape.is_fully_defined() else None)
  return tensor, static


def _concat(prefix, suffix, static=False):
  """prefix + suffix (each an int, TensorShape or Tensor) as an int32 vector Tensor, or as a
  Python list with None for unknown dims when `static`."""
  p, p_static = _shape_part(prefix, "prefix")
  s, s_static = _shape_part(suffix, "suffix")
  if static:
    shape = tensor_shape.as_shape(p_static).concatenate(s_static)
    return shape.as_list() if shape.ndims is not None else None
  if p is None or s is None:
    raise ValueError("Provided a prefix or suffix of None: %s and %s" % (prefix, suffix))
  return array_ops.concat((p, s), 0)


def _zero_state_tensors(state_size, batch_size, dtype):
  """Zeros of shape [batch_size] + s for every s in the (nested) state_size."""
  def get_state_shape(s):
    size = array_ops.zeros(_concat(batch_size, s), dtype=dtype)
    static = tensor_shape.TensorShape(_concat(batch_size, s, static=True))
    if static.ndims is None and isinstance(batch_size, ops.Tensor):
      # TF's Fill shape function reads [?] + s from the ConcatV2 feeding it; ours sees no
      # partial value there, so the same static shape is set here.
      rank = batch_size.shape.ndims
      batch_dims = [None] if rank == 0 else (
          [None] * batch_size.shape.dims[0].value
          if rank == 1 and batch_size.shape.dims[0].value is not None else None)
      if batch_dims is not None:
        static = tensor_shape.TensorShape(batch_dims).concatenate(s)
    size.set_shape(static)
    return size
  return nest.map_structure(get_state_shape, state_size)


def _check_supported_dtypes(dtype):
  if dtype is None:
    return
  dtype = dtypes.as_dtype(dtype)
  if not (dtype.is_floating or dtype.is_complex):
    raise ValueError("RNN cell only supports floating point inputs, but saw dtype: %s" % dtype)


def _check_rnn_cell_input_dtypes(inputs):
  for t in nest.flatten(inputs):
    _check_supported_dtypes(t.dtype)


_ACTIVATIONS = {
    "tanh": math_ops.tanh,
    "sigmoid": math_ops.sigmoid,
    "relu": nn_ops.relu,
    "elu": nn_ops.elu,
    "softplus": nn_ops.softplus,
    "softsign": nn_ops.softsign,
    "linear": lambda x: x,
}


def _get_activation(activation):
  """Keras' activations.get for the names an RNN cell accepts (or any callable)."""
  if callable(activation):
    return activation
  if isinstance(activation, str) and activation in _ACTIVATIONS:
    return _ACTIVATIONS[activation]
  raise ValueError("Could not interpret activation function identifier: %s" % (activation,))


def _last_dim(input_shape):
  return tensor_shape.dimension_value(tensor_shape.TensorShape(input_shape)[-1])


def _known_input_depth(inputs_shape):
  """The cells' input depth, which their kernels' shapes need: it must be known statically."""
  input_depth = _last_dim(inputs_shape)
  if input_depth is None:
    raise ValueError("Expected inputs.shape[-1] to be known, saw shape: %s" %
                     str(_shape_tuple(inputs_shape)))
  return input_depth


@tf_export(v1=["nn.rnn_cell.RNNCell"])
class RNNCell(base_layer.Layer):
  """An RNN cell: `(output, next_state) = cell(inputs, state)`, with state_size/output_size."""

  def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
    super(RNNCell, self).__init__(trainable=trainable, name=name, dtype=dtype, **kwargs)
    self._is_tf_rnn_cell = True

  def __call__(self, inputs, state, scope=None):
    # Cells that call get_variable inside `call` record their weights through the getter.
    if scope is not None:
      with vs.variable_scope(scope, custom_getter=self._rnn_get_variable) as scope:
        return super(RNNCell, self).__call__(inputs, state, scope=scope)
    scope = getattr(self, "rnncell_scope", None)
    if scope is None:
      scope = vs.variable_scope(vs.get_variable_scope(), custom_getter=self._rnn_get_variable)
      self.rnncell_scope = scope
    with scope:
      return super(RNNCell, self).__call__(inputs, state)

  def _rnn_get_variable(self, getter, *args, **kwargs):
    variable = getter(*args, **kwargs)
    trainable_vars = tf_variables.trainable_variables()
    trainable = (any(variable is v for v in trainable_vars) or
                 (isinstance(variable, partitioned_variables.PartitionedVariable) and
                  any(list(variable)[0] is v for v in trainable_vars)))
    if trainable and all(variable is not v for v in self._trainable_weights):
      self._trainable_weights.append(variable)
    elif not trainable and all(variable is not v for v in self._non_trainable_weights):
      self._non_trainable_weights.append(variable)
    return variable

  @property
  def state_size(self):
    raise NotImplementedError("Abstract method")

  @property
  def output_size(self):
    raise NotImplementedError("Abstract method")

  def build(self, _):
    pass

  def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
    if inputs is not None:
      inputs = ops.convert_to_tensor(inputs, name="inputs")
      if batch_size is not None:
        if tensor_util.is_tensor(batch_size):
          static_batch_size = tensor_util.constant_value(batch_size, partial=True)
        else:
          static_batch_size = batch_size
        if inputs.shape.dims[0].value != static_batch_size:
          raise ValueError("batch size from input tensor is different from the input param. "
                           "Input tensor batch: {}, batch_size: {}".format(
                               inputs.shape.dims[0].value, batch_size))
      if dtype is not None and inputs.dtype != dtype:
        raise ValueError("dtype from input tensor is different from the input param. "
                         "Input tensor dtype: {}, dtype: {}".format(inputs.dtype, dtype))
      batch_size = inputs.shape.dims[0].value or array_ops.shape(inputs)[0]
      dtype = inputs.dtype
    if batch_size is None or dtype is None:
      raise ValueError("batch_size and dtype cannot be None while constructing initial state: "
                       "batch_size={}, dtype={}".format(batch_size, dtype))
    return self.zero_state(batch_size, dtype)

  def zero_state(self, batch_size, dtype):
    """Zeros shaped [batch_size, s] for every s in state_size, under "<Class>ZeroState"."""
    state_size = self.state_size
    with ops.name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
      return _zero_state_tensors(state_size, batch_size, dtype)

  def get_config(self):
    return {"name": self.name, "trainable": self.trainable, "dtype": self.dtype}


class LayerRNNCell(RNNCell):
  """An RNNCell that builds its weights in `build` like any tf.layers Layer."""

  def __call__(self, inputs, state, scope=None, *args, **kwargs):
    return base_layer.Layer.__call__(self, inputs, state, scope=scope, *args, **kwargs)


@tf_export(v1=["nn.rnn_cell.BasicRNNCell"])
class BasicRNNCell(LayerRNNCell):
  """output = new_state = act(W [inputs, state] + b)."""

  def __init__(self, num_units, activation=None, reuse=None, name=None, dtype=None, **kwargs):
    super(BasicRNNCell, self).__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
    _check_supported_dtypes(self.dtype)
    self.input_spec = layers_utils.InputSpec(ndim=2)
    self._num_units = num_units
    self._activation = _get_activation(activation) if activation else math_ops.tanh

  @property
  def state_size(self):
    return self._num_units

  @property
  def output_size(self):
    return self._num_units

  def build(self, inputs_shape):
    input_depth = _known_input_depth(inputs_shape)
    _check_supported_dtypes(self.dtype)
    self._kernel = self.add_variable(
        _WEIGHTS_VARIABLE_NAME, shape=[input_depth + self._num_units, self._num_units])
    self._bias = self.add_variable(
        _BIAS_VARIABLE_NAME, shape=[self._num_units],
        initializer=init_ops.zeros_initializer(dtype=self.dtype))
    self.built = True

  def call(self, inputs, state):
    _check_rnn_cell_input_dtypes([inputs, state])
    gate_inputs = math_ops.matmul(array_ops.concat([inputs, state], 1), self._kernel)
    gate_inputs = nn_ops.bias_add(gate_inputs, self._bias)
    output = self._activation(gate_inputs)
    return output, output


def _shape_tuple(shape):
  shape = tensor_shape.TensorShape(shape)
  return tuple(shape.as_list()) if shape.ndims is not None else None


@tf_export(v1=["nn.rnn_cell.GRUCell"])
class GRUCell(LayerRNNCell):
  """Gated recurrent unit: gates r, u from [inputs, state]; candidate from [inputs, r*state]."""

  def __init__(self, num_units, activation=None, reuse=None, kernel_initializer=None,
               bias_initializer=None, name=None, dtype=None, **kwargs):
    super(GRUCell, self).__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
    _check_supported_dtypes(self.dtype)
    self.input_spec = layers_utils.InputSpec(ndim=2)
    self._num_units = num_units
    self._activation = _get_activation(activation) if activation else math_ops.tanh
    self._kernel_initializer = kernel_initializer
    self._bias_initializer = bias_initializer

  @property
  def state_size(self):
    return self._num_units

  @property
  def output_size(self):
    return self._num_units

  def build(self, inputs_shape):
    input_depth = _known_input_depth(inputs_shape)
    _check_supported_dtypes(self.dtype)
    self._gate_kernel = self.add_variable(
        "gates/%s" % _WEIGHTS_VARIABLE_NAME,
        shape=[input_depth + self._num_units, 2 * self._num_units],
        initializer=self._kernel_initializer)
    self._gate_bias = self.add_variable(
        "gates/%s" % _BIAS_VARIABLE_NAME, shape=[2 * self._num_units],
        initializer=(self._bias_initializer if self._bias_initializer is not None else
                     init_ops.constant_initializer(1.0, dtype=self.dtype)))
    self._candidate_kernel = self.add_variable(
        "candidate/%s" % _WEIGHTS_VARIABLE_NAME,
        shape=[input_depth + self._num_units, self._num_units],
        initializer=self._kernel_initializer)
    self._candidate_bias = self.add_variable(
        "candidate/%s" % _BIAS_VARIABLE_NAME, shape=[self._num_units],
        initializer=(self._bias_initializer if self._bias_initializer is not None else
                     init_ops.zeros_initializer(dtype=self.dtype)))
    self.built = True

  def call(self, inputs, state):
    _check_rnn_cell_input_dtypes([inputs, state])
    gate_inputs = math_ops.matmul(array_ops.concat([inputs, state], 1), self._gate_kernel)
    gate_inputs = nn_ops.bias_add(gate_inputs, self._gate_bias)
    value = math_ops.sigmoid(gate_inputs)
    r, u = array_ops.split(value=value, num_or_size_splits=2, axis=1)
    r_state = r * state
    candidate = math_ops.matmul(array_ops.concat([inputs, r_state], 1), self._candidate_kernel)
    candidate = nn_ops.bias_add(candidate, self._candidate_bias)
    c = self._activation(candidate)
    new_h = u * state + (1 - u) * c
    return new_h, new_h


_LSTMStateTuple = collections.namedtuple("LSTMStateTuple", ("c", "h"))


@tf_export(v1=["nn.rnn_cell.LSTMStateTuple"])
class LSTMStateTuple(_LSTMStateTuple):
  """(c, h): the cell state and the output of an LSTM (state_is_tuple=True)."""
  __slots__ = ()

  @property
  def dtype(self):
    (c, h) = self
    if c.dtype != h.dtype:
      raise TypeError("Inconsistent internal state: %s vs %s" % (str(c.dtype), str(h.dtype)))
    return c.dtype


@tf_export(v1=["nn.rnn_cell.BasicLSTMCell"])
class BasicLSTMCell(LayerRNNCell):
  """LSTM without peepholes, clipping or projection; forget_bias added to the forget gate."""

  def __init__(self, num_units, forget_bias=1.0, state_is_tuple=True, activation=None,
               reuse=None, name=None, dtype=None, **kwargs):
    super(BasicLSTMCell, self).__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
    _check_supported_dtypes(self.dtype)
    self.input_spec = layers_utils.InputSpec(ndim=2)
    self._num_units = num_units
    self._forget_bias = forget_bias
    self._state_is_tuple = state_is_tuple
    self._activation = _get_activation(activation) if activation else math_ops.tanh

  @property
  def state_size(self):
    return (LSTMStateTuple(self._num_units, self._num_units)
            if self._state_is_tuple else 2 * self._num_units)

  @property
  def output_size(self):
    return self._num_units

  def build(self, inputs_shape):
    input_depth = _known_input_depth(inputs_shape)
    _check_supported_dtypes(self.dtype)
    h_depth = self._num_units
    self._kernel = self.add_variable(
        _WEIGHTS_VARIABLE_NAME, shape=[input_depth + h_depth, 4 * self._num_units])
    self._bias = self.add_variable(
        _BIAS_VARIABLE_NAME, shape=[4 * self._num_units],
        initializer=init_ops.zeros_initializer(dtype=self.dtype))
    self.built = True

  def call(self, inputs, state):
    _check_rnn_cell_input_dtypes([inputs, state])
    sigmoid = math_ops.sigmoid
    one = constant_op.constant(1, dtype=dtypes.int32)
    if self._state_is_tuple:
      c, h = state
    else:
      c, h = array_ops.split(value=state, num_or_size_splits=2, axis=one)
    gate_inputs = math_ops.matmul(array_ops.concat([inputs, h], 1), self._kernel)
    gate_inputs = nn_ops.bias_add(gate_inputs, self._bias)
    # i = input gate, j = new input, f = forget gate, o = output gate.
    i, j, f, o = array_ops.split(value=gate_inputs, num_or_size_splits=4, axis=one)
    forget_bias_tensor = constant_op.constant(self._forget_bias, dtype=f.dtype)
    add = math_ops.add
    multiply = math_ops.multiply
    new_c = add(multiply(c, sigmoid(add(f, forget_bias_tensor))),
                multiply(sigmoid(i), self._activation(j)))
    new_h = multiply(self._activation(new_c), sigmoid(o))
    if self._state_is_tuple:
      new_state = LSTMStateTuple(new_c, new_h)
    else:
      new_state = array_ops.concat([new_c, new_h], 1)
    return new_h, new_state


@tf_export(v1=["nn.rnn_cell.LSTMCell"])
class LSTMCell(LayerRNNCell):
  """LSTM with optional peepholes, cell clipping and a (clipped) projection of the output."""

  def __init__(self, num_units, use_peepholes=False, cell_clip=None, initializer=None,
               num_proj=None, proj_clip=None, num_unit_shards=None, num_proj_shards=None,
               forget_bias=1.0, state_is_tuple=True, activation=None, reuse=None, name=None,
               dtype=None, **kwargs):
    super(LSTMCell, self).__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
    _check_supported_dtypes(self.dtype)
    self.input_spec = layers_utils.InputSpec(ndim=2)
    self._num_units = num_units
    self._use_peepholes = use_peepholes
    self._cell_clip = cell_clip
    self._initializer = initializer
    self._num_proj = num_proj
    self._proj_clip = proj_clip
    self._num_unit_shards = num_unit_shards
    self._num_proj_shards = num_proj_shards
    self._forget_bias = forget_bias
    self._state_is_tuple = state_is_tuple
    self._activation = _get_activation(activation) if activation else math_ops.tanh
    if num_proj:
      self._state_size = (LSTMStateTuple(num_units, num_proj) if state_is_tuple else
                          num_units + num_proj)
      self._output_size = num_proj
    else:
      self._state_size = (LSTMStateTuple(num_units, num_units) if state_is_tuple else
                          2 * num_units)
      self._output_size = num_units

  @property
  def state_size(self):
    return self._state_size

  @property
  def output_size(self):
    return self._output_size

  def build(self, inputs_shape):
    input_depth = _known_input_depth(inputs_shape)
    _check_supported_dtypes(self.dtype)
    h_depth = self._num_units if self._num_proj is None else self._num_proj
    maybe_partitioner = (partitioned_variables.fixed_size_partitioner(self._num_unit_shards)
                         if self._num_unit_shards is not None else None)
    self._kernel = self.add_variable(
        _WEIGHTS_VARIABLE_NAME, shape=[input_depth + h_depth, 4 * self._num_units],
        initializer=self._initializer, partitioner=maybe_partitioner)
    if self.dtype is None:
      initializer = init_ops.zeros_initializer
    else:
      initializer = init_ops.zeros_initializer(dtype=self.dtype)
    self._bias = self.add_variable(
        _BIAS_VARIABLE_NAME, shape=[4 * self._num_units], initializer=initializer)
    if self._use_peepholes:
      self._w_f_diag = self.add_variable("w_f_diag", shape=[self._num_units],
                                         initializer=self._initializer)
      self._w_i_diag = self.add_variable("w_i_diag", shape=[self._num_units],
                                         initializer=self._initializer)
      self._w_o_diag = self.add_variable("w_o_diag", shape=[self._num_units],
                                         initializer=self._initializer)
    if self._num_proj is not None:
      maybe_proj_partitioner = (
          partitioned_variables.fixed_size_partitioner(self._num_proj_shards)
          if self._num_proj_shards is not None else None)
      self._proj_kernel = self.add_variable(
          "projection/%s" % _WEIGHTS_VARIABLE_NAME, shape=[self._num_units, self._num_proj],
          initializer=self._initializer, partitioner=maybe_proj_partitioner)
    self.built = True

  def call(self, inputs, state):
    _check_rnn_cell_input_dtypes([inputs, state])
    num_proj = self._num_units if self._num_proj is None else self._num_proj
    sigmoid = math_ops.sigmoid
    if self._state_is_tuple:
      (c_prev, m_prev) = state
    else:
      c_prev = array_ops.slice(state, [0, 0], [-1, self._num_units])
      m_prev = array_ops.slice(state, [0, self._num_units], [-1, num_proj])
    input_size = inputs.get_shape().with_rank(2).dims[1].value
    if input_size is None:
      raise ValueError("Could not infer input size from inputs.get_shape()[-1]")
    lstm_matrix = math_ops.matmul(array_ops.concat([inputs, m_prev], 1), self._kernel)
    lstm_matrix = nn_ops.bias_add(lstm_matrix, self._bias)
    i, j, f, o = array_ops.split(value=lstm_matrix, num_or_size_splits=4, axis=1)
    if self._use_peepholes:
      c = (sigmoid(f + self._forget_bias + self._w_f_diag * c_prev) * c_prev +
           sigmoid(i + self._w_i_diag * c_prev) * self._activation(j))
    else:
      c = sigmoid(f + self._forget_bias) * c_prev + sigmoid(i) * self._activation(j)
    if self._cell_clip is not None:
      c = clip_ops.clip_by_value(c, -self._cell_clip, self._cell_clip)
    if self._use_peepholes:
      m = sigmoid(o + self._w_o_diag * c) * self._activation(c)
    else:
      m = sigmoid(o) * self._activation(c)
    if self._num_proj is not None:
      m = math_ops.matmul(m, self._proj_kernel)
      if self._proj_clip is not None:
        m = clip_ops.clip_by_value(m, -self._proj_clip, self._proj_clip)
    new_state = (LSTMStateTuple(c, m) if self._state_is_tuple else
                 array_ops.concat([c, m], 1))
    return m, new_state


@tf_export(v1=["nn.rnn_cell.MultiRNNCell"])
class MultiRNNCell(RNNCell):
  """Cells stacked in order; cell i runs under variable scope "cell_i"."""

  def __init__(self, cells, state_is_tuple=True):
    super(MultiRNNCell, self).__init__()
    if not cells:
      raise ValueError("Must specify at least one cell for MultiRNNCell.")
    if not nest.is_sequence(cells):
      raise TypeError("cells must be a list or tuple, but saw: %s." % (cells,))
    self._cells = cells
    self._state_is_tuple = state_is_tuple
    if not state_is_tuple:
      if any(nest.is_sequence(c.state_size) for c in self._cells):
        raise ValueError("Some cells return tuples of states, but the flag state_is_tuple is "
                         "not set.  State sizes are: %s" %
                         str([c.state_size for c in self._cells]))

  @property
  def state_size(self):
    if self._state_is_tuple:
      return tuple(cell.state_size for cell in self._cells)
    return sum(cell.state_size for cell in self._cells)

  @property
  def output_size(self):
    return self._cells[-1].output_size

  def zero_state(self, batch_size, dtype):
    with ops.name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
      if self._state_is_tuple:
        return tuple(cell.zero_state(batch_size, dtype) for cell in self._cells)
      return super(MultiRNNCell, self).zero_state(batch_size, dtype)

  @property
  def trainable_weights(self):
    if not self.trainable:
      return []
    weights = []
    for cell in self._cells:
      if isinstance(cell, base_layer.Layer):
        weights += cell.trainable_weights
    return weights

  @property
  def non_trainable_weights(self):
    weights = []
    for cell in self._cells:
      if isinstance(cell, base_layer.Layer):
        weights += cell.non_trainable_weights
    if not self.trainable:
      trainable_weights = []
      for cell in self._cells:
        if isinstance(cell, base_layer.Layer):
          trainable_weights += cell.trainable_weights
      return trainable_weights + weights
    return weights

  @property
  def weights(self):
    return self.trainable_weights + self.non_trainable_weights

  trainable_variables = trainable_weights
  non_trainable_variables = non_trainable_weights
  variables = weights

  def call(self, inputs, state):
    cur_state_pos = 0
    cur_inp = inputs
    new_states = []
    for i, cell in enumerate(self._cells):
      with vs.variable_scope("cell_%d" % i):
        if self._state_is_tuple:
          if not nest.is_sequence(state):
            raise ValueError("Expected state to be a tuple of length %d, but received: %s" %
                             (len(self.state_size), state))
          cur_state = state[i]
        else:
          cur_state = array_ops.slice(state, [0, cur_state_pos], [-1, cell.state_size])
          cur_state_pos += cell.state_size
        cur_inp, new_state = cell(cur_inp, cur_state)
        new_states.append(new_state)
    new_states = (tuple(new_states) if self._state_is_tuple else
                  array_ops.concat(new_states, 1))
    return cur_inp, new_states


# pylint: disable=g-import-not-at-top,wrong-import-position,unused-import
from tensorflow.python.ops.rnn_cell_wrapper_impl import DeviceWrapper
from tensorflow.python.ops.rnn_cell_wrapper_impl import DropoutWrapper
from tensorflow.python.ops.rnn_cell_wrapper_impl import ResidualWrapper
