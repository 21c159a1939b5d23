"""TF 1.15's unrolled RNNs: tf.nn.static_rnn, tf.nn.static_bidirectional_rnn and
tf.nn.static_state_saving_rnn.

The cell is called once per input under variable scope "rnn" (reusing its variables after the
first step). With sequence_length, each step is wrapped as TF does: a tf.cond on
`time >= max(sequence_length)` (zeros out, state copied) and one on
`time < min(sequence_length)` (plain step), else a per-row Select of old or new values.
"""

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import cond_v1
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import rnn_cell_impl
from tensorflow.python.ops import variable_scope as vs
from tensorflow.python.util import nest
from tensorflow.python.util.tf_export import tf_export

_concat = rnn_cell_impl._concat  # pylint: disable=protected-access


def _infer_state_dtype(explicit_dtype, state):
  """The explicit dtype, else the (single) dtype of the state tensors."""
  if explicit_dtype is not None:
    return explicit_dtype
  if nest.is_sequence(state):
    inferred_dtypes = [element.dtype for element in nest.flatten(state)]
    if not inferred_dtypes:
      raise ValueError("Unable to infer dtype from empty state.")
    if not all(x == inferred_dtypes[0] for x in inferred_dtypes):
      raise ValueError("State has tensors of different inferred_dtypes. Unable to infer a "
                       "single representative dtype.")
    return inferred_dtypes[0]
  return state.dtype


def _should_cache():
  # Variables read inside a while loop must not be cached outside it.
  ctxt = ops.get_default_graph()._get_control_flow_context()  # pylint: disable=protected-access
  while ctxt is not None:
    if ctxt.IsWhileContext():
      return False
    ctxt = ctxt.outer_context
  return True


def _rnn_step(time, sequence_length, min_sequence_length, max_sequence_length, zero_output,
              state, call_cell, state_size, skip_conditionals=False):
  """One step of an RNN whose rows end at `sequence_length`: rows already past their end get
  zero output and keep their state."""
  del state_size
  flat_state = nest.flatten(state)
  flat_zero_output = nest.flatten(zero_output)
  copy_cond = time >= sequence_length

  def _copy_one_through(output, new_output):
    if output.shape.ndims == 0:
      return new_output
    with ops.colocate_with(new_output):
      return math_ops.where(copy_cond, output, new_output)

  def _copy_some_through(flat_new_output, flat_new_state):
    flat_new_output = [_copy_one_through(zero_output, new_output)
                       for zero_output, new_output in zip(flat_zero_output, flat_new_output)]
    flat_new_state = [_copy_one_through(state, new_state)
                      for state, new_state in zip(flat_state, flat_new_state)]
    return flat_new_output + flat_new_state

  def _maybe_copy_some_through():
    new_output, new_state = call_cell()
    nest.assert_same_structure(zero_output, new_output)
    nest.assert_same_structure(state, new_state)
    flat_new_state = nest.flatten(new_state)
    flat_new_output = nest.flatten(new_output)
    return cond_v1.cond(time < min_sequence_length,
                        lambda: flat_new_output + flat_new_state,
                        lambda: _copy_some_through(flat_new_output, flat_new_state))

  if skip_conditionals:
    new_output, new_state = call_cell()
    nest.assert_same_structure(zero_output, new_output)
    nest.assert_same_structure(state, new_state)
    final_output_and_state = _copy_some_through(nest.flatten(new_output),
                                                nest.flatten(new_state))
  else:
    empty_update = lambda: flat_zero_output + flat_state
    final_output_and_state = cond_v1.cond(time >= max_sequence_length, empty_update,
                                          _maybe_copy_some_through)
  if len(final_output_and_state) != len(flat_zero_output) + len(flat_state):
    raise ValueError("Internal error: state and output were not concatenated correctly.")
  final_output = final_output_and_state[:len(flat_zero_output)]
  final_state = final_output_and_state[len(flat_zero_output):]
  for output, flat_output in zip(final_output, flat_zero_output):
    output.set_shape(flat_output.get_shape())
  for substate, flat_substate in zip(final_state, flat_state):
    substate.set_shape(flat_substate.get_shape())
  final_output = nest.pack_sequence_as(structure=zero_output, flat_sequence=final_output)
  final_state = nest.pack_sequence_as(structure=state, flat_sequence=final_state)
  return final_output, final_state


def _reverse_seq(input_seq, lengths):
  """The list of (nested) inputs reversed in time; with lengths, each row only within its
  first lengths[b] steps."""
  if lengths is None:
    return list(reversed(input_seq))
  flat_input_seq = tuple(nest.flatten(input_) for input_ in input_seq)
  flat_results = [[] for _ in range(len(input_seq))]
  for sequence in zip(*flat_input_seq):
    input_shape = tensor_shape.unknown_shape(rank=sequence[0].get_shape().ndims)
    for input_ in sequence:
      input_shape.assert_is_compatible_with(input_.get_shape())
      input_.set_shape(input_shape)
    s_joined = array_ops.stack(sequence)
    s_reversed = gen_array_ops.reverse_sequence(s_joined, lengths, seq_dim=0, batch_dim=1)
    result = array_ops.unstack(s_reversed)
    for r, flat_result in zip(result, flat_results):
      r.set_shape(input_shape)
      flat_result.append(r)
  return [nest.pack_sequence_as(structure=input_, flat_sequence=flat_result)
          for input_, flat_result in zip(input_seq, flat_results)]


@tf_export(v1=["nn.static_rnn"])
def static_rnn(cell, inputs, initial_state=None, dtype=None, sequence_length=None, scope=None):
  """Runs `cell` over the list `inputs` (one [batch, ...] tensor, or nest, per step).

  Returns (outputs: list, one per step; state: the final state).
  """
  rnn_cell_impl.assert_like_rnncell("cell", cell)
  if not nest.is_sequence(inputs):
    raise TypeError("inputs must be a sequence")
  if not inputs:
    raise ValueError("inputs must not be empty")

  outputs = []
  with vs.variable_scope(scope or "rnn") as varscope:
    if _should_cache():
      if varscope.caching_device is None:
        varscope.set_caching_device(lambda op: op.device)

    # The batch size, from the first input (statically where possible).
    first_input = inputs
    while nest.is_sequence(first_input):
      first_input = first_input[0]
    if first_input.get_shape().ndims != 1:
      input_shape = first_input.get_shape().with_rank_at_least(2)
      fixed_batch_size = input_shape.dims[0]
      for flat_input in nest.flatten(inputs):
        input_shape = flat_input.get_shape().with_rank_at_least(2)
        batch_size, input_size = (tensor_shape.dimension_at_index(input_shape, 0),
                                  input_shape[1:])
        fixed_batch_size.assert_is_compatible_with(batch_size)
        for i, size in enumerate(input_size.dims):
          if tensor_shape.dimension_value(size) is None:
            raise ValueError("Input size (dimension %d of inputs) must be accessible via "
                             "shape inference, but saw value None." % i)
    else:
      fixed_batch_size = first_input.get_shape().with_rank_at_least(1)[0]

    if tensor_shape.dimension_value(fixed_batch_size):
      batch_size = tensor_shape.dimension_value(fixed_batch_size)
    else:
      batch_size = array_ops.shape(first_input)[0]
    if initial_state is not None:
      state = initial_state
    else:
      if not dtype:
        raise ValueError("If no initial_state is provided, dtype must be specified")
      if getattr(cell, "get_initial_state", None) is not None:
        state = cell.get_initial_state(inputs=None, batch_size=batch_size, dtype=dtype)
      else:
        state = cell.zero_state(batch_size, dtype)

    if sequence_length is not None:
      sequence_length = ops.convert_to_tensor(sequence_length, name="sequence_length")
      if sequence_length.get_shape().ndims not in (None, 1):
        raise ValueError("sequence_length must be a vector of length batch_size")

      def _create_zero_output(output_size):
        size = _concat(batch_size, output_size)
        output = array_ops.zeros(array_ops.stack(size), _infer_state_dtype(dtype, state))
        shape = _concat(tensor_shape.dimension_value(fixed_batch_size), output_size,
                        static=True)
        output.set_shape(tensor_shape.TensorShape(shape))
        return output

      output_size = cell.output_size
      flat_output_size = nest.flatten(output_size)
      flat_zero_output = tuple(_create_zero_output(size) for size in flat_output_size)
      zero_output = nest.pack_sequence_as(structure=output_size,
                                          flat_sequence=flat_zero_output)
      sequence_length = math_ops.cast(sequence_length, dtypes.int32)
      min_sequence_length = math_ops.reduce_min(sequence_length)
      max_sequence_length = math_ops.reduce_max(sequence_length)

    for time, input_ in enumerate(inputs):
      if time > 0:
        varscope.reuse_variables()
      # pylint: disable=cell-var-from-loop
      call_cell = lambda: cell(input_, state)
      # pylint: enable=cell-var-from-loop
      if sequence_length is not None:
        (output, state) = _rnn_step(
            time=time, sequence_length=sequence_length,
            min_sequence_length=min_sequence_length,
            max_sequence_length=max_sequence_length, zero_output=zero_output, state=state,
            call_cell=call_cell, state_size=cell.state_size)
      else:
        (output, state) = call_cell()
      outputs.append(output)
    return (outputs, state)


@tf_export(v1=["nn.static_state_saving_rnn"])
def static_state_saving_rnn(cell, inputs, state_saver, state_name, sequence_length=None,
                            scope=None):
  """static_rnn whose initial state comes from `state_saver.state(name)` and whose final
  state is saved back with `state_saver.save_state(name, value)` before the last output."""
  state_size = cell.state_size
  state_is_tuple = nest.is_sequence(state_size)
  state_name_tuple = nest.is_sequence(state_name)
  if state_is_tuple != state_name_tuple:
    raise ValueError("state_name should be the same type as cell.state_size.  "
                     "state_name: %s, cell.state_size: %s" % (str(state_name), str(state_size)))
  if state_is_tuple:
    state_name_flat = nest.flatten(state_name)
    state_size_flat = nest.flatten(state_size)
    if len(state_name_flat) != len(state_size_flat):
      raise ValueError("#elems(state_name) != #elems(state_size): %d vs. %d" %
                       (len(state_name_flat), len(state_size_flat)))
    initial_state = nest.pack_sequence_as(
        structure=state_size, flat_sequence=[state_saver.state(s) for s in state_name_flat])
  else:
    initial_state = state_saver.state(state_name)

  (outputs, state) = static_rnn(cell, inputs, initial_state=initial_state,
                                sequence_length=sequence_length, scope=scope)
  if state_is_tuple:
    flat_state = nest.flatten(state)
    state_name = nest.flatten(state_name)
    save_state = [state_saver.save_state(name, substate)
                  for name, substate in zip(state_name, flat_state)]
  else:
    save_state = [state_saver.save_state(state_name, state)]

  with ops.control_dependencies(save_state):
    last_output = outputs[-1]
    flat_last_output = [array_ops.identity(output) for output in nest.flatten(last_output)]
    outputs[-1] = nest.pack_sequence_as(structure=last_output,
                                        flat_sequence=flat_last_output)
    if state_is_tuple:
      state = nest.pack_sequence_as(structure=state,
                                    flat_sequence=[array_ops.identity(s) for s in flat_state])
    else:
      state = array_ops.identity(state)
  return (outputs, state)


@tf_export(v1=["nn.static_bidirectional_rnn"])
def static_bidirectional_rnn(cell_fw, cell_bw, inputs, initial_state_fw=None,
                             initial_state_bw=None, dtype=None, sequence_length=None,
                             scope=None):
  """A forward and a backward static_rnn (scopes "bidirectional_rnn/fw" and ".../bw"); the
  outputs are their per-step concatenation.

  Returns (outputs, output_state_fw, output_state_bw).
  """
  rnn_cell_impl.assert_like_rnncell("cell_fw", cell_fw)
  rnn_cell_impl.assert_like_rnncell("cell_bw", cell_bw)
  if not nest.is_sequence(inputs):
    raise TypeError("inputs must be a sequence")
  if not inputs:
    raise ValueError("inputs must not be empty")

  with vs.variable_scope(scope or "bidirectional_rnn"):
    with vs.variable_scope("fw") as fw_scope:
      output_fw, output_state_fw = static_rnn(cell_fw, inputs, initial_state_fw, dtype,
                                              sequence_length, scope=fw_scope)
    with vs.variable_scope("bw") as bw_scope:
      reversed_inputs = _reverse_seq(inputs, sequence_length)
      tmp, output_state_bw = static_rnn(cell_bw, reversed_inputs, initial_state_bw, dtype,
                                        sequence_length, scope=bw_scope)

  output_bw = _reverse_seq(tmp, sequence_length)
  flat_output_fw = nest.flatten(output_fw)
  flat_output_bw = nest.flatten(output_bw)
  flat_outputs = tuple(array_ops.concat([fw, bw], 1)
                       for fw, bw in zip(flat_output_fw, flat_output_bw))
  outputs = nest.pack_sequence_as(structure=output_fw, flat_sequence=flat_outputs)
  return (outputs, output_state_fw, output_state_bw)
