"""TF 1.15's RNN cell wrappers: DropoutWrapper, ResidualWrapper and DeviceWrapper.

A wrapper calls the wrapped cell's __call__ directly (no scope of its own), so the wrapped
cell's variables keep the names they would have unwrapped.
"""

import hashlib

from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import nn_ops_dropout
from tensorflow.python.ops import rnn_cell_impl
from tensorflow.python.util import nest
from tensorflow.python.util.tf_export import tf_export


def _sequence_like(instance, args):
  return nest._rebuild(instance, list(args))  # pylint: disable=protected-access


def _children(structure):
  return nest._children(structure)  # pylint: disable=protected-access


def _get_traverse_shallow_structure(traverse_fn, structure):
  """TF's nest.get_traverse_shallow_structure: a shallow structure of bools saying which
  parts of `structure` to visit (False prunes a whole subtree)."""
  to_traverse = traverse_fn(structure)
  if not nest.is_sequence(structure):
    if not isinstance(to_traverse, bool):
      raise TypeError("traverse_fn returned structure: %s for non-structure: %s" %
                      (to_traverse, structure))
    return to_traverse
  level = []
  if isinstance(to_traverse, bool):
    if not to_traverse:
      return False
    for branch in _children(structure):
      level.append(_get_traverse_shallow_structure(traverse_fn, branch))
  elif not nest.is_sequence(to_traverse):
    raise TypeError("traverse_fn returned a non-bool scalar: %s for input: %s" %
                    (to_traverse, structure))
  else:
    if len(_children(to_traverse)) != len(_children(structure)):
      raise ValueError("traverse_fn returned a structure that does not match the input: "
                       "%s vs %s" % (to_traverse, structure))
    for t, branch in zip(_children(to_traverse), _children(structure)):
      if not isinstance(t, bool):
        raise TypeError("traverse_fn didn't return a depth=1 structure of bools.  saw: %s "
                        " for structure: %s" % (to_traverse, structure))
      level.append(_get_traverse_shallow_structure(traverse_fn, branch) if t else False)
  return _sequence_like(structure, level)


def _map_structure_up_to(shallow, fn, *inputs):
  """fn over the leaves of `shallow` (= inputs[0]), every input cut at shallow's leaves."""
  if not nest.is_sequence(shallow):
    return fn(*inputs)
  children = [_children(x) for x in inputs]
  if any(len(c) != len(children[0]) for c in children):
    raise ValueError("The two structures don't have the same sequence length. Input "
                     "structure has length %s, while shallow structure has length %s." %
                     (len(children[-1]), len(children[0])))
  results = [_map_structure_up_to(args[0], fn, *args) for args in zip(*children)]
  return _sequence_like(shallow, results)


def _enumerated_map_structure_up_to(shallow_structure, map_fn, *args):
  # Every leaf gets the next index, dropped or not (the index salts the seed).
  ix = [0]

  def enumerated_fn(*inner_args):
    r = map_fn(ix[0], *inner_args)
    ix[0] += 1
    return r
  return _map_structure_up_to(shallow_structure, enumerated_fn, *args)


def _default_dropout_state_filter_visitor(substate):
  if isinstance(substate, rnn_cell_impl.LSTMStateTuple):
    # Drop out h, never the memory c.
    return rnn_cell_impl.LSTMStateTuple(c=False, h=True)
  return True


class _RNNCellWrapperV1(rnn_cell_impl.RNNCell):
  """Base of the wrappers: forwards state_size/output_size/zero_state to the cell."""

  def __init__(self, cell, *args, **kwargs):
    super(_RNNCellWrapperV1, self).__init__(*args, **kwargs)
    rnn_cell_impl.assert_like_rnncell("cell", cell)
    self.cell = cell

  def _call_wrapped_cell(self, inputs, state, cell_call_fn, **kwargs):
    raise NotImplementedError

  def __call__(self, inputs, state, scope=None):
    return self._call_wrapped_cell(inputs, state, cell_call_fn=self.cell.__call__,
                                   scope=scope)

  @property
  def wrapped_cell(self):
    return self.cell

  @property
  def state_size(self):
    return self.cell.state_size

  @property
  def output_size(self):
    return self.cell.output_size

  def zero_state(self, batch_size, dtype):
    with ops.name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
      return self.cell.zero_state(batch_size, dtype)

  @property
  def trainable_weights(self):
    return self.cell.trainable_weights

  @property
  def non_trainable_weights(self):
    return self.cell.non_trainable_weights

  @property
  def weights(self):
    return self.cell.weights

  trainable_variables = trainable_weights
  non_trainable_variables = non_trainable_weights
  variables = weights


@tf_export(v1=["nn.rnn_cell.DropoutWrapper"])
class DropoutWrapper(_RNNCellWrapperV1):
  """Dropout on the cell's inputs, outputs and (filtered) new state."""

  def __init__(self, cell, input_keep_prob=1.0, output_keep_prob=1.0, state_keep_prob=1.0,
               variational_recurrent=False, input_size=None, dtype=None, seed=None,
               dropout_state_filter_visitor=None, **kwargs):
    super(DropoutWrapper, self).__init__(cell, dtype=dtype, **kwargs)
    if (dropout_state_filter_visitor is not None and
        not callable(dropout_state_filter_visitor)):
      raise TypeError("dropout_state_filter_visitor must be callable")
    self._dropout_state_filter = (dropout_state_filter_visitor or
                                  _default_dropout_state_filter_visitor)
    # TF converts each probability to a tensor: a constant one becomes a Python float of its
    # float32 value (0.7 -> 0.699999988...), and that float is what dropout later sees.
    with ops.name_scope("DropoutWrapperInit"):
      for prob, attr in [(input_keep_prob, "input_keep_prob"),
                         (state_keep_prob, "state_keep_prob"),
                         (output_keep_prob, "output_keep_prob")]:
        tensor_prob = ops.convert_to_tensor(prob)
        const_prob = tensor_util.constant_value(tensor_prob)
        if const_prob is not None:
          if const_prob < 0 or const_prob > 1:
            raise ValueError("Parameter %s must be between 0 and 1: %d" % (attr, const_prob))
          setattr(self, "_%s" % attr, float(const_prob))
        else:
          setattr(self, "_%s" % attr, tensor_prob)
    if variational_recurrent:
      raise NotImplementedError(
          "DropoutWrapper(variational_recurrent=True) is not implemented in tfclassic yet")
    self._variational_recurrent = variational_recurrent
    self._input_size = input_size
    self._seed = seed
    self._recurrent_input_noise = None
    self._recurrent_state_noise = None
    self._recurrent_output_noise = None

  def _gen_seed(self, salt_prefix, index):
    if self._seed is None:
      return None
    salt = "%s_%d" % (salt_prefix, index)
    string = (str(self._seed) + salt).encode("utf-8")
    return int(hashlib.md5(string).hexdigest()[:8], 16) & 0x7FFFFFFF

  def _dropout(self, values, salt_prefix, keep_prob, shallow_filtered_substructure=None):
    if shallow_filtered_substructure is None:
      shallow_filtered_substructure = values

    def dropout(i, do_dropout, v):
      if not isinstance(do_dropout, bool) or do_dropout:
        return nn_ops_dropout._dropout_v2(  # pylint: disable=protected-access
            v, rate=1. - keep_prob, seed=self._gen_seed(salt_prefix, i))
      return v
    return _enumerated_map_structure_up_to(shallow_filtered_substructure, dropout,
                                           shallow_filtered_substructure, values)

  def _call_wrapped_cell(self, inputs, state, cell_call_fn, **kwargs):
    def _should_dropout(p):
      return (not isinstance(p, float)) or p < 1

    if _should_dropout(self._input_keep_prob):
      inputs = self._dropout(inputs, "input", self._input_keep_prob)
    output, new_state = cell_call_fn(inputs, state, **kwargs)
    if _should_dropout(self._state_keep_prob):
      shallow = _get_traverse_shallow_structure(self._dropout_state_filter, new_state)
      new_state = self._dropout(new_state, "state", self._state_keep_prob, shallow)
    if _should_dropout(self._output_keep_prob):
      output = self._dropout(output, "output", self._output_keep_prob)
    return output, new_state


@tf_export(v1=["nn.rnn_cell.ResidualWrapper"])
class ResidualWrapper(_RNNCellWrapperV1):
  """Adds the cell's inputs to its outputs (or applies residual_fn(inputs, outputs))."""

  def __init__(self, cell, residual_fn=None, **kwargs):
    super(ResidualWrapper, self).__init__(cell, **kwargs)
    self._residual_fn = residual_fn

  def _call_wrapped_cell(self, inputs, state, cell_call_fn, **kwargs):
    outputs, new_state = cell_call_fn(inputs, state, **kwargs)

    def assert_shape_match(inp, out):
      inp.get_shape().assert_is_compatible_with(out.get_shape())

    def default_residual_fn(inputs, outputs):
      nest.assert_same_structure(inputs, outputs)
      nest.map_structure(assert_shape_match, inputs, outputs)
      return nest.map_structure(lambda inp, out: inp + out, inputs, outputs)
    res_outputs = (self._residual_fn or default_residual_fn)(inputs, outputs)
    return (res_outputs, new_state)


@tf_export(v1=["nn.rnn_cell.DeviceWrapper"])
class DeviceWrapper(_RNNCellWrapperV1):
  """Runs the cell (and builds its zero state) on `device`."""

  def __init__(self, cell, device, **kwargs):
    super(DeviceWrapper, self).__init__(cell, **kwargs)
    self._device = device

  def zero_state(self, batch_size, dtype):
    with ops.name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
      with ops.device(self._device):
        return self.cell.zero_state(batch_size, dtype)

  def _call_wrapped_cell(self, inputs, state, cell_call_fn, **kwargs):
    with ops.device(self._device):
      return cell_call_fn(inputs, state, **kwargs)

