"""tf.while_loop as TF 1.15 builds it (control flow v1): per loop variable
Enter -> Merge(enter, NextIteration) -> [cond] -> LoopCond -> Switch, whose false port leaves
through Exit and whose true port feeds Identity -> body -> NextIteration (the back edge). A
WhileContext enters every tensor the loop reads from outside through a constant Enter. Also the
"while_context" collection's MetaGraphDef serialization."""
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.framework import constant_op
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import cond_v1
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.ops import gen_control_flow_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.util import nest
from tensorflow.python.util.tf_export import tf_export


# ---- small predicates over ops (TF's control_flow_util) ---------------------------------------
def _is_loop_enter(op):
  return op.type in ("Enter", "RefEnter")


def _is_loop_constant_enter(op):
  return _is_loop_enter(op) and op.get_attr("is_constant")


def _is_loop_exit(op):
  return op.type in ("Exit", "RefExit")


def _output_context(op):
  """The context `op`'s outputs live in: an Exit's outputs belong to the loop's outer context."""
  ctxt = op._get_control_flow_context()  # pylint: disable=protected-access
  if ctxt is not None and _is_loop_exit(op):
    ctxt = ctxt.outer_context
  return ctxt


def _op_while_context(op):
  ctxt = op._get_control_flow_context()  # pylint: disable=protected-access
  return ctxt.GetWhileContext() if ctxt is not None else None


# ---- the loop primitives --------------------------------------------------------------------
def _enter(tensor, frame_name, is_constant=False, parallel_iterations=10, use_ref=True,
           use_input_shape=True, name=None):
  tensor = ops.internal_convert_to_tensor_or_indexed_slices(tensor, as_ref=True)
  if isinstance(tensor, ops.IndexedSlices):
    parts = [_enter(t, frame_name, is_constant, parallel_iterations, use_ref, use_input_shape)
             for t in cond_v1._flatten([tensor])]  # pylint: disable=protected-access
    return cond_v1._pack_like([tensor], parts)[0]  # pylint: disable=protected-access
  if tensor.dtype._is_ref_dtype and use_ref:  # pylint: disable=protected-access
    result = gen_control_flow_ops.ref_enter(tensor, frame_name, is_constant,
                                            parallel_iterations, name=name)
  else:
    result = gen_control_flow_ops.enter(tensor, frame_name, is_constant, parallel_iterations,
                                        name=name)
  if use_input_shape:
    result.set_shape(tensor.get_shape())
  return result


def _exit(tensor, name=None):
  tensor = ops.internal_convert_to_tensor_or_indexed_slices(tensor, as_ref=True)
  if tensor.dtype._is_ref_dtype:  # pylint: disable=protected-access
    return gen_control_flow_ops.ref_exit(tensor, name=name)
  return gen_control_flow_ops.exit(tensor, name=name)


def _next_iteration(tensor, name=None):
  tensor = ops.internal_convert_to_tensor_or_indexed_slices(tensor, as_ref=True)
  if tensor.dtype._is_ref_dtype:  # pylint: disable=protected-access
    return gen_control_flow_ops.ref_next_iteration(tensor, name=name)
  return gen_control_flow_ops.next_iteration(tensor, name=name)


def _identity(tensor, name=None):
  tensor = ops.internal_convert_to_tensor_or_indexed_slices(tensor, as_ref=True)
  return control_flow_ops._identity(tensor, name=name)  # pylint: disable=protected-access


def _shape_less_than_or_equal(shape1, shape2):
  if shape2.dims is None:
    return True
  if shape1.ndims != shape2.ndims:
    return False
  for dim1, dim2 in zip(shape1.dims, shape2.dims):
    if dim2.value is not None and dim1.value != dim2.value:
      return False
  return True


def _enforce_shape_invariant(merge_var, next_var):
  m_shape = merge_var.get_shape()
  n_shape = next_var.get_shape()
  if not _shape_less_than_or_equal(n_shape, m_shape):
    enter = merge_var.op.inputs[0].op
    input_t = enter.inputs[0]
    raise ValueError(
        "Input tensor '%s' enters the loop with shape %s, but has shape %s after one iteration. "
        "To allow the shape to vary across iterations, use the `shape_invariants` argument of "
        "tf.while_loop to specify a less-specific shape." % (input_t.name, input_t.shape,
                                                              n_shape))


def _add_next_and_back_edge(m, v):
  v = ops.convert_to_tensor(v)
  v = _next_iteration(v)
  _enforce_shape_invariant(m, v)
  m.op._update_input(1, v)  # pylint: disable=protected-access
  return v


def _flat_shape_invariants(loop_vars, shape_invariants):
  """One TensorShape per flattened loop tensor (IndexedSlices: values, indices, dense_shape)."""
  if shape_invariants is not None:
    nest.assert_same_structure(loop_vars, shape_invariants)
  flat_vars = nest.flatten(loop_vars)
  flat_shapes = ([None] * len(flat_vars) if shape_invariants is None
                 else nest.flatten_up_to(loop_vars, shape_invariants))
  out = []
  for var, shape in zip(flat_vars, flat_shapes):
    if shape is not None and not isinstance(shape, tensor_shape.TensorShape):
      shape = tensor_shape.as_shape(shape)
    if isinstance(var, ops.IndexedSlices):
      if shape is None:
        indices_shape = var.indices.get_shape().merge_with(var.values.get_shape()[:1])
        out.append(indices_shape.concatenate(var.values.get_shape()[1:]))
        out.append(indices_shape)
      else:
        out.append(shape)
        out.append(shape[:1])
      if var.dense_shape is not None:
        rank = var.values.get_shape().ndims if shape is None else shape.ndims
        out.append(tensor_shape.TensorShape([rank]))
    else:
      out.append(var.get_shape() if shape is None else shape)
  return out


# ---- the context ----------------------------------------------------------------------------
class WhileContext(cond_v1.ControlFlowContext):
  """The context of one while loop: its frame, pivots, enters and exits."""

  def __init__(self, maximum_iterations=None, parallel_iterations=10, back_prop=True,
               swap_memory=False, name="while_context", grad_state=None):
    cond_v1.ControlFlowContext.__init__(self)
    if not isinstance(parallel_iterations, int) or parallel_iterations <= 0:
      raise ValueError("`parallel_iterations` must be a positive integer: %s"
                       % parallel_iterations)
    self._name = ops.get_default_graph().unique_name(name)
    self._maximum_iterations = maximum_iterations
    self._parallel_iterations = parallel_iterations
    self._back_prop = back_prop
    self._swap_memory = swap_memory
    self._pivot_for_pred = None  # controls the constants made by `cond`
    self._pivot_for_body = None  # controls the constants made by `body`
    self._pivot = None           # the LoopCond
    self._loop_exits = []
    self._loop_enters = []
    self._grad_state = grad_state

  @property
  def maximum_iterations(self):
    return self._maximum_iterations

  @property
  def parallel_iterations(self):
    return self._parallel_iterations

  @property
  def back_prop(self):
    return self._back_prop

  @property
  def swap_memory(self):
    return self._swap_memory

  @property
  def pivot(self):
    return self._pivot

  @property
  def loop_enters(self):
    return self._loop_enters

  @property
  def loop_exits(self):
    return self._loop_exits

  @property
  def grad_state(self):
    return self._grad_state

  def GetWhileContext(self):  # pylint: disable=invalid-name
    return self

  def IsWhileContext(self):  # pylint: disable=invalid-name
    return True

  def GetControlPivot(self):  # pylint: disable=invalid-name
    if self._pivot_for_body is not None:
      return self._pivot_for_body
    return self._pivot_for_pred

  def AddValue(self, val):  # pylint: disable=invalid-name
    """`val` as the loop sees it: an external tensor comes in through a constant Enter."""
    result = val
    # A tensor of this very loop that is not registered yet (a loop being imported) is not
    # external.
    new_value = (val.name not in self._values and
                 val.op._get_control_flow_context() is not self)  # pylint: disable=protected-access
    if new_value:
      self._values.add(val.name)
      if self._outer_context is not None:
        result = self._outer_context.AddValue(val)
      with ops.control_dependencies(None):
        enter = _enter(result, self._name, is_constant=True,
                       parallel_iterations=self._parallel_iterations)
        enter.graph.prevent_feeding(enter)
        if self._outer_context:
          self._outer_context.AddInnerOp(enter.op)
      self._FixControlInputsAndContext([enter])
      self._values.add(enter.name)
      self._external_values[val.name] = enter
      result = enter
    else:
      actual_val = self._external_values.get(val.name)
      if actual_val is not None:
        result = actual_val
    return result

  def AddOp(self, op):  # pylint: disable=invalid-name
    self._AddOpInternal(op)

  def _AddOpInternal(self, op):  # pylint: disable=invalid-name
    if not op.inputs:
      control_inputs, external_inputs = self._RemoveExternalControlEdges(op)
      # An op without inputs runs once per iteration: a control edge from the pivot.
      if not control_inputs:
        op._add_control_input(self.GetControlPivot().op)  # pylint: disable=protected-access
      for x in op.outputs:
        self._values.add(x.name)
    else:
      for index in range(len(op.inputs)):
        x = op.inputs[index]
        real_x = self.AddValue(x)
        if real_x is not x:
          op._update_input(index, real_x)  # pylint: disable=protected-access
      _, external_inputs = self._RemoveExternalControlEdges(op)
      self._MaybeAddControlDependency(op)
      for x in op.outputs:
        self._values.add(x.name)
    if external_inputs:
      # External control inputs become data inputs of identities inside the loop (ops without
      # outputs are dropped, as TF does).
      with ops.control_dependencies(None):
        self.Enter()
        external_inputs = [array_ops.identity(x.outputs[0]).op
                           for x in external_inputs if x.outputs]
        self.Exit()
      op._add_control_inputs(external_inputs)  # pylint: disable=protected-access
    if self._outer_context or not _is_loop_exit(op):
      op.graph.prevent_fetching(op)
      for x in op.outputs:
        op.graph.prevent_feeding(x)
    if self._outer_context:
      self._outer_context.AddInnerOp(op)

  def _MaybeAddControlDependency(self, op):  # pylint: disable=invalid-name
    """An op that reads only loop invariants would run once; the pivot makes it iterate."""
    if op.control_inputs:
      return
    if not all(_is_loop_constant_enter(x.op) for x in op.inputs):
      return
    op._add_control_input(self.GetControlPivot().op)  # pylint: disable=protected-access

  def _FixControlInputsAndContext(self, enters):  # pylint: disable=invalid-name
    graph = ops.get_default_graph()
    for x in enters:
      inp_op = x.op.inputs[0].op
      control_inputs = graph._control_dependencies_for_inputs([inp_op])  # pylint: disable=protected-access
      outer_control_inputs = []
      for op in control_inputs:
        # Keep control inputs from the enclosing contexts up to the enclosing loop.
        keep = True
        op_ctxt = _output_context(op)
        outer_ctxt = self.outer_context
        outer_while = None if outer_ctxt is None else outer_ctxt.GetWhileContext()
        while outer_ctxt is not op_ctxt:
          if outer_ctxt is None or outer_ctxt is outer_while:
            keep = False
            break
          outer_ctxt = outer_ctxt.outer_context
        if keep:
          outer_control_inputs.append(op)
      x.op._set_control_flow_context(self)  # pylint: disable=protected-access
      x.op._add_control_inputs(outer_control_inputs)  # pylint: disable=protected-access
      graph._record_op_seen_by_control_dependencies(x.op)  # pylint: disable=protected-access

  def _InitializeValues(self, values):  # pylint: disable=invalid-name
    self._values = set(x.name for x in values)

  def _BuildLoop(self, pred, body, loop_vars, flat_loop_vars, flat_shapes):  # pylint: disable=invalid-name
    self._InitializeValues(flat_loop_vars)
    real_vars = flat_loop_vars
    if self._outer_context:
      real_vars = [self._outer_context.AddValue(x) for x in flat_loop_vars]
    enter_vars = []
    with ops.control_dependencies(None):
      for real_var, shape_inv in zip(real_vars, flat_shapes):
        enter_var = _enter(real_var, self._name, is_constant=False,
                           parallel_iterations=self._parallel_iterations,
                           use_input_shape=False)
        if not _shape_less_than_or_equal(real_var.get_shape(), shape_inv):
          raise ValueError(
              "The shape invariant specified for %s is not compatible with the initial shape "
              "of the loop variable. It enters the loop with shape %s, but the specified "
              "shape invariant is %s." % (real_var.name, real_var.get_shape(), shape_inv))
        enter_var.set_shape(shape_inv)
        enter_var.graph.prevent_feeding(enter_var)
        if self._outer_context:
          self._outer_context.AddInnerOp(enter_var.op)
        enter_vars.append(enter_var)

    # A loop variable that is an invariant of an enclosing loop (or a cond's guarded value)
    # waits for the closest enclosing pivot.
    outer_context = self._outer_context
    control_pivot = None
    while outer_context is not None and control_pivot is None:
      control_pivot = outer_context.GetControlPivot()
      outer_context = outer_context.outer_context
    if control_pivot is not None:
      for var in enter_vars:
        if _is_loop_constant_enter(var.op.inputs[0].op):
          var.op._add_control_input(control_pivot.op)  # pylint: disable=protected-access

    self._FixControlInputsAndContext(enter_vars)
    self._InitializeValues(enter_vars)
    self._loop_enters = enter_vars

    merge_vars = [cond_v1.merge([x, x])[0] for x in enter_vars]
    self._pivot_for_pred = merge_vars[0]

    packed_vars = cond_v1._pack_like(loop_vars, merge_vars)  # pylint: disable=protected-access
    c = ops.convert_to_tensor(pred(*packed_vars))
    self._pivot = gen_control_flow_ops.loop_cond(c, name="LoopCond")
    switch_vars = [cond_v1._SwitchRefOrTensor(x, self._pivot) for x in merge_vars]  # pylint: disable=protected-access

    vars_for_body = [_identity(x[1]) for x in switch_vars]
    self._pivot_for_body = vars_for_body[0]
    packed_vars_for_body = cond_v1._pack_like(loop_vars, vars_for_body)  # pylint: disable=protected-access
    pre_summaries = ops.get_collection(ops.GraphKeys._SUMMARY_COLLECTION)  # pylint: disable=protected-access
    body_result = body(*packed_vars_for_body)
    post_summaries = ops.get_collection(ops.GraphKeys._SUMMARY_COLLECTION)  # pylint: disable=protected-access
    if not nest.is_sequence(body_result):
      body_result = [body_result]
    if len(post_summaries) > len(pre_summaries):
      new_summaries = post_summaries[len(pre_summaries):]
      summary_ref = ops.get_collection_ref(ops.GraphKeys._SUMMARY_COLLECTION)  # pylint: disable=protected-access
      summary_ref[:] = pre_summaries
      with ops.control_dependencies(new_summaries):
        body_result = nest.map_structure(array_ops.identity, body_result)
    # The outer level is compared as lists: loop_vars are usually lists, body results tuples.
    nest.assert_same_structure(list(packed_vars_for_body), list(body_result))
    original_body_result = body_result
    result = cond_v1._flatten([ops.convert_to_tensor_or_indexed_slices(x)  # pylint: disable=protected-access
                               for x in nest.flatten(body_result)])
    if len(merge_vars) != len(result):
      raise ValueError("Number of inputs and outputs of body must match loop_vars: %d, %d"
                       % (len(merge_vars), len(result)))
    for m, v in zip(merge_vars, result):
      _add_next_and_back_edge(m, v)

    exit_vars = [_exit(x[0]) for x in switch_vars]
    self._loop_exits = exit_vars
    self.ExitResult(exit_vars)
    return original_body_result, exit_vars

  def BuildLoop(self, pred, body, loop_vars, shape_invariants, return_same_structure=False):  # pylint: disable=invalid-name
    """Adds the loop's condition and body to the graph; returns the Exit tensors packed like
    the body's result."""
    loop_vars = nest.map_structure(ops.convert_to_tensor_or_indexed_slices, loop_vars)
    flat_shapes = _flat_shape_invariants(loop_vars, shape_invariants)
    flat_loop_vars = cond_v1._flatten(loop_vars)  # pylint: disable=protected-access
    try:
      self.Enter()
      original_body_result, exit_vars = self._BuildLoop(pred, body, loop_vars, flat_loop_vars,
                                                        flat_shapes)
    finally:
      self.Exit()
    packed_exit_vars = cond_v1._pack_like(original_body_result, exit_vars)  # pylint: disable=protected-access
    if return_same_structure:
      return packed_exit_vars
    return packed_exit_vars[0] if len(exit_vars) == 1 else packed_exit_vars


@tf_export(v1=["while_loop"])
def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
               back_prop=True, swap_memory=False, name=None, maximum_iterations=None,
               return_same_structure=False):
  """Repeats `body` while `cond` is true, as a TF1 Enter/Merge/Switch/Exit loop."""
  with ops.name_scope(name, "while", loop_vars):
    if not loop_vars:
      raise ValueError("No loop variables provided")
    if not callable(cond):
      raise TypeError("cond must be callable.")
    if not callable(body):
      raise TypeError("body must be callable.")
    if parallel_iterations < 1:
      raise TypeError("parallel_iterations must be a positive integer.")

    try_to_pack = len(loop_vars) == 1 and not return_same_structure
    if maximum_iterations is not None:
      maximum_iterations = ops.convert_to_tensor(maximum_iterations, name="maximum_iterations")
      if maximum_iterations.shape.ndims != 0:
        raise ValueError("maximum_iterations must be a scalar, saw shape: %s"
                         % maximum_iterations.shape)
      counter = constant_op.constant(0, dtype=maximum_iterations.dtype,
                                     name="iteration_counter")
      orig_cond = cond
      orig_body = body
      if try_to_pack:
        loop_vars = (counter, loop_vars[0])
        cond = lambda i, lv: math_ops.logical_and(i < maximum_iterations, orig_cond(lv))
        body = lambda i, lv: (i + 1, orig_body(lv))
      else:
        loop_vars = (counter, loop_vars)
        cond = lambda i, lv: math_ops.logical_and(i < maximum_iterations, orig_cond(*lv))
        body = lambda i, lv: (i + 1, orig_body(*lv))
      try_to_pack = False

    if shape_invariants is not None and maximum_iterations is not None:
      shape_invariants = (tensor_shape.TensorShape([]), shape_invariants)

    loop_context = WhileContext(maximum_iterations=maximum_iterations,
                                parallel_iterations=parallel_iterations, back_prop=back_prop,
                                swap_memory=swap_memory)
    # Nested loops are reached through their outermost context.
    if loop_context.outer_context is None:
      ops.add_to_collection(ops.GraphKeys.WHILE_CONTEXT, loop_context)
    result = loop_context.BuildLoop(cond, body, loop_vars, shape_invariants,
                                    return_same_structure)
    if maximum_iterations is not None:
      return result[1]
    return result


# ---- MetaGraphDef serialization of the "while_context" collection ---------------------------
def _while_context_to_proto(ctxt, export_scope=None):
  if export_scope is not None and not ctxt.name.startswith(export_scope):
    return None
  strip = lambda n: ops.strip_name_scope(n, export_scope)
  context_def = cond_v1._control_flow_pb2().WhileContextDef()  # pylint: disable=protected-access
  context_def.context_name = strip(ctxt.name)
  context_def.parallel_iterations = ctxt.parallel_iterations
  if ctxt.maximum_iterations is not None:
    context_def.maximum_iterations_name = strip(ctxt.maximum_iterations.name)
  context_def.back_prop = ctxt.back_prop
  context_def.swap_memory = ctxt.swap_memory
  context_def.pivot_for_pred_name = strip(ctxt._pivot_for_pred.name)  # pylint: disable=protected-access
  context_def.pivot_for_body_name = strip(ctxt._pivot_for_body.name)  # pylint: disable=protected-access
  context_def.pivot_name = strip(ctxt.pivot.name)
  context_def.loop_exit_names.extend(strip(t.name) for t in ctxt.loop_exits)
  context_def.loop_enter_names.extend(strip(t.name) for t in ctxt.loop_enters)
  context_def.values_def.MergeFrom(cond_v1._values_to_proto(ctxt, export_scope))  # pylint: disable=protected-access
  for nested in ctxt._nested_contexts:  # pylint: disable=protected-access
    cond_v1._nested_context_to_def(nested, context_def.nested_contexts.add(), export_scope)  # pylint: disable=protected-access
  return context_def


def _while_context_from_proto(context_def, import_scope=None):
  """A WhileContext over an imported graph's loop nodes (nested contexts included)."""
  g = ops.get_default_graph()
  name = lambda n: ops.prepend_name_scope(n, import_scope)
  ctxt = WhileContext.__new__(WhileContext)
  cond_v1.ControlFlowContext.__init__(ctxt)
  ctxt._name = name(context_def.context_name)  # pylint: disable=protected-access
  ctxt._maximum_iterations = (g.as_graph_element(name(context_def.maximum_iterations_name))  # pylint: disable=protected-access
                              if context_def.maximum_iterations_name else None)
  ctxt._parallel_iterations = context_def.parallel_iterations  # pylint: disable=protected-access
  ctxt._back_prop = context_def.back_prop  # pylint: disable=protected-access
  ctxt._swap_memory = context_def.swap_memory  # pylint: disable=protected-access
  ctxt._pivot_for_pred = g.as_graph_element(name(context_def.pivot_for_pred_name))  # pylint: disable=protected-access
  ctxt._pivot_for_body = g.as_graph_element(name(context_def.pivot_for_body_name))  # pylint: disable=protected-access
  ctxt._pivot = g.as_graph_element(name(context_def.pivot_name))  # pylint: disable=protected-access
  ctxt._loop_exits = [g.as_graph_element(name(n)) for n in context_def.loop_exit_names]  # pylint: disable=protected-access
  ctxt._loop_enters = [g.as_graph_element(name(n)) for n in context_def.loop_enter_names]  # pylint: disable=protected-access
  ctxt._grad_state = None  # pylint: disable=protected-access
  cond_v1._values_from_proto(ctxt, context_def.values_def, import_scope)  # pylint: disable=protected-access
  if import_scope:
    # The frame is named after the context: imported twice, two loops must not share one.
    from tensorflow.core.framework import attr_value_pb2  # pylint: disable=g-import-not-at-top
    for tensor_name in ctxt._values:  # pylint: disable=protected-access
      op = g.as_graph_element(tensor_name).op
      if _is_loop_enter(op) and op.get_attr("frame_name") != ctxt.name.encode():
        op._set_attr("frame_name", attr_value_pb2.AttrValue(s=ctxt.name.encode()))  # pylint: disable=protected-access
  ctxt.Enter()
  try:
    for nested_def in context_def.nested_contexts:
      cond_v1._nested_context_from_def(nested_def, import_scope)  # pylint: disable=protected-access
  finally:
    ctxt.Exit()
  return ctxt


ops.register_proto_function(ops.GraphKeys.WHILE_CONTEXT,
                            proto_type=cond_v1._control_flow_pb2().WhileContextDef,  # pylint: disable=protected-access
                            to_proto=_while_context_to_proto,
                            from_proto=_while_context_from_proto)
