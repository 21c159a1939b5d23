"""tf.cond as TF 1.15 builds it: a Switch on the predicate, one CondContext per branch that
routes every tensor the branch reads from outside through a Switch guarded by the predicate,
and a Merge per output. Also the switch/merge helpers and the contexts' bookkeeping."""
from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.ops import gen_control_flow_ops
from tensorflow.python.util import nest
from tensorflow.python.util.tf_export import tf_export


def switch(data, pred, dtype=None, name=None):
  """(output_false, output_true): `data` forwarded to the side `pred` selects."""
  with ops.name_scope(name, "Switch", [data, pred]) as name:
    data = ops.internal_convert_to_tensor_or_indexed_slices(data, dtype=dtype, name="data",
                                                             as_ref=True)
    pred = ops.convert_to_tensor(pred, name="pred")
    if isinstance(data, ops.Tensor):
      return gen_control_flow_ops.switch(data, pred, name=name)
    val, ind = data.values, data.indices
    val_f, val_t = gen_control_flow_ops.switch(val, pred, name=name)
    ind_f, ind_t = gen_control_flow_ops.switch(ind, pred, name="indices")
    if data.dense_shape is not None:
      shape_f, shape_t = gen_control_flow_ops.switch(data.dense_shape, pred, name="dense_shape")
    else:
      shape_f, shape_t = None, None
    return (ops.IndexedSlices(val_f, ind_f, shape_f), ops.IndexedSlices(val_t, ind_t, shape_t))


def _SwitchRefOrTensor(data, pred, name="Switch"):  # pylint: disable=invalid-name
  data = ops.convert_to_tensor_or_indexed_slices(data, name="data")
  # Colocated with `data` (ignoring the colocation stack) so a switch of a variable read stays
  # with the variable.
  with ops.colocate_with(data, ignore_existing=True):
    if isinstance(data, ops.Tensor) and data.dtype._is_ref_dtype:  # pylint: disable=protected-access
      return gen_control_flow_ops.ref_switch(data, pred, name=name)
    return switch(data, pred, name=name)


def merge(inputs, name=None):
  """(output, value_index): the first of `inputs` that has a value."""
  if any(inp is None for inp in inputs):
    raise ValueError("At least one of the merge inputs is None: %s" % inputs)
  with ops.name_scope(name, "Merge", inputs) as name:
    inputs = [ops.internal_convert_to_tensor_or_indexed_slices(inp, as_ref=True)
              for inp in inputs]
    if all(isinstance(v, ops.Tensor) for v in inputs):
      if all(v.dtype._is_ref_dtype for v in inputs):  # pylint: disable=protected-access
        return gen_control_flow_ops.ref_merge(inputs, name)
      return gen_control_flow_ops.merge(inputs, name)
    values, chosen = gen_control_flow_ops.merge([inp.values for inp in inputs], name=name)
    indices, _ = gen_control_flow_ops.merge([inp.indices for inp in inputs], name="indices")
    shapes = [inp.dense_shape for inp in inputs]
    dense_shape = None
    if all(s is not None for s in shapes):
      dense_shape, _ = gen_control_flow_ops.merge(shapes, name="dense_shape")
    return ops.IndexedSlices(values, indices, dense_shape), chosen


class ControlFlowContext(object):
  """What every TF1 control-flow context shares: the values it has seen, the external values it
  reads through guards, and the stack of contexts entered."""

  def __init__(self):
    self._nested_contexts = []
    self._outer_context = ops.get_default_graph()._get_control_flow_context()  # pylint: disable=protected-access
    if self._outer_context:
      self._outer_context._nested_contexts.append(self)  # pylint: disable=protected-access
    self._context_stack = []
    self._values = set()
    self._external_values = {}

  @property
  def name(self):
    return self._name

  @property
  def outer_context(self):
    return self._outer_context

  @property
  def grad_state(self):
    raise NotImplementedError("Abstract method")

  @property
  def back_prop(self):
    raise NotImplementedError("Abstract method")

  def Enter(self):  # pylint: disable=invalid-name
    graph = ops.get_default_graph()
    self._context_stack.append(graph._get_control_flow_context())  # pylint: disable=protected-access
    graph._set_control_flow_context(self)  # pylint: disable=protected-access

  def Exit(self):  # pylint: disable=invalid-name
    graph = ops.get_default_graph()
    graph._set_control_flow_context(self._context_stack.pop())  # pylint: disable=protected-access

  def ExitResult(self, result):  # pylint: disable=invalid-name
    if self._outer_context:
      def fn(x):
        self._outer_context.AddName(x.name)
        return x
      nest.map_structure(fn, result)

  def AddName(self, name):  # pylint: disable=invalid-name
    self._values.add(name)

  def AddOp(self, op):  # pylint: disable=invalid-name
    self._AddOpInternal(op)

  def AddInnerOp(self, op):  # pylint: disable=invalid-name
    if self._outer_context:
      self._outer_context.AddInnerOp(op)

  def _RemoveExternalControlEdges(self, op):  # pylint: disable=invalid-name
    """Drops `op`'s control inputs from outside the enclosing while loop; returns
    (internal, external) control inputs."""
    while_ctxt = self.GetWhileContext()
    if while_ctxt is None:
      return op.control_inputs, []
    internal, external = [], []
    for x in op.control_inputs:
      ctxt = x._get_control_flow_context()  # pylint: disable=protected-access
      if ctxt is not None and x.type in ("Exit", "RefExit"):
        ctxt = ctxt.outer_context  # an Exit's output lives outside its loop
      if ctxt is not None and ctxt.GetWhileContext() is while_ctxt:
        internal.append(x)
      else:
        external.append(x)
    if len(internal) != len(op.control_inputs):
      op._remove_all_control_inputs()  # pylint: disable=protected-access
      op._add_control_inputs(internal)  # pylint: disable=protected-access
    return internal, external

  def GetControlPivot(self):  # pylint: disable=invalid-name
    return None

  def IsWhileContext(self):  # pylint: disable=invalid-name
    return False

  def IsCondContext(self):  # pylint: disable=invalid-name
    return False

  def IsXLAContext(self):  # pylint: disable=invalid-name
    return False

  def GetWhileContext(self):  # pylint: disable=invalid-name
    if self._outer_context:
      return self._outer_context.GetWhileContext()
    return None

  def __str__(self):
    return self.name


def _op_in_context(op, ctxt):
  c = op._get_control_flow_context()  # pylint: disable=protected-access
  while c is not None:
    if c is ctxt:
      return True
    c = c.outer_context
  return False


class CondContext(ControlFlowContext):
  """The context of one branch of a tf.cond."""

  def __init__(self, pred=None, pivot=None, branch=None, name="cond_text"):
    self._name = ops.get_default_graph().unique_name(name)
    ControlFlowContext.__init__(self)
    self._pred = pred
    self._pivot = pivot
    self._branch = branch
    # The predicate is visible in both branches as it is; the pivot belongs to this branch.
    self._values.add(pred.name)
    self._external_values[pred.name] = pred
    self._values.add(pivot.name)
    pivot.op._set_control_flow_context(self)  # pylint: disable=protected-access

  @property
  def pred(self):
    return self._pred

  @property
  def pivot(self):
    return self._pivot

  @property
  def branch(self):
    return self._branch

  @property
  def grad_state(self):
    if self.GetWhileContext():
      return self.GetWhileContext().grad_state
    return None

  @property
  def back_prop(self):
    if self.GetWhileContext():
      return self.GetWhileContext().back_prop
    return False

  def GetControlPivot(self):  # pylint: disable=invalid-name
    return self._pivot

  def IsCondContext(self):  # pylint: disable=invalid-name
    return True

  def AddValue(self, val):  # pylint: disable=invalid-name
    """`val` as this branch sees it: through a Switch on the predicate when it is external."""
    if val.name in self._values:
      result = self._external_values.get(val.name)
      return val if result is None else result
    result = val
    self._values.add(val.name)
    if self._outer_context:
      result = self._outer_context.AddValue(val)
      self._values.add(result.name)
      self._external_values[result.name] = result
    with ops.control_dependencies(None):
      result = _SwitchRefOrTensor(result, self._pred)[self._branch]
      if self._outer_context:
        self._outer_context.AddInnerOp(result.op)
    result.op.graph.prevent_fetching(result.op)
    result.op._set_control_flow_context(self)  # pylint: disable=protected-access
    ctxt = self
    while ctxt is not None:
      ctxt._values.add(result.name)  # pylint: disable=protected-access
      ctxt = ctxt._outer_context  # pylint: disable=protected-access
    self._external_values[val.name] = result
    return result

  def AddOp(self, op):  # pylint: disable=invalid-name
    self._AddOpInternal(op)

  def _AddOpInternal(self, op):  # pylint: disable=invalid-name
    if not op.inputs:
      self._RemoveExternalControlEdges(op)
      # An op without inputs runs only when the branch is taken: a control edge on the pivot.
      if not any(_op_in_context(c, self) for c in op.control_inputs):
        op._add_control_input(self._pivot.op)  # pylint: disable=protected-access
    else:
      for index in range(len(op.inputs)):
        x = op.inputs[index]
        if op.type == "Merge" and x.op.type == "NextIteration":
          real_x = x  # a while loop being imported inside this branch: left as it is
        else:
          real_x = self.AddValue(x)
        if real_x is not x:
          op._update_input(index, real_x)  # pylint: disable=protected-access
      self._RemoveExternalControlEdges(op)
    ctxt = self
    while ctxt is not None:
      ctxt._values.update(x.name for x in op.outputs)  # pylint: disable=protected-access
      ctxt = ctxt._outer_context  # pylint: disable=protected-access
    if self._outer_context or op.type not in ("Exit", "RefExit"):
      op.graph.prevent_fetching(op)
    if self._outer_context:
      self._outer_context.AddInnerOp(op)

  def _ProcessOutputTensor(self, val):  # pylint: disable=invalid-name
    real_val = val
    if val.name not in self._values:
      # A branch that returns an external tensor as it is (lambda: x).
      self._values.add(val.name)
      if self._outer_context:
        real_val = self._outer_context.AddValue(val)
        self._values.add(real_val.name)
        self._external_values[real_val.name] = real_val
      real_val = _SwitchRefOrTensor(real_val, self._pred)[self._branch]
      self._external_values[val.name] = real_val
    else:
      external_val = self._external_values.get(val.name)
      if external_val is not None:
        real_val = external_val
    return real_val

  def _BuildCondTensor(self, v):  # pylint: disable=invalid-name
    if isinstance(v, ops.Operation):
      # An op result: the pivot stands for it.
      return control_flow_ops.with_dependencies([v], self._pivot)
    if isinstance(v, ops.IndexedSlices):
      values = self._ProcessOutputTensor(v.values)
      indices = self._ProcessOutputTensor(v.indices)
      shape = v.dense_shape
      if shape is not None:
        shape = self._ProcessOutputTensor(shape)
      return ops.IndexedSlices(values, indices, shape)
    return self._ProcessOutputTensor(ops.convert_to_tensor(v))

  def BuildCondBranch(self, fn):  # pylint: disable=invalid-name
    """Builds fn() in this context; returns (its result, the result as this branch's tensors)."""
    pre_summaries = ops.get_collection(ops.GraphKeys._SUMMARY_COLLECTION)  # pylint: disable=protected-access
    original_result = fn()
    post_summaries = ops.get_collection(ops.GraphKeys._SUMMARY_COLLECTION)  # pylint: disable=protected-access
    if len(post_summaries) > len(pre_summaries):
      new_summaries = post_summaries[len(pre_summaries):]
      summary_ref = ops.get_collection_ref(ops.GraphKeys._SUMMARY_COLLECTION)  # pylint: disable=protected-access
      summary_ref[:] = pre_summaries
      with ops.control_dependencies(new_summaries):
        if original_result is None:
          return control_flow_ops.no_op(), None
        original_result = nest.map_structure(array_ops.identity, original_result)
    if original_result is None:
      return None, None
    result = nest.map_structure(self._BuildCondTensor, original_result)
    if not isinstance(result, (list, tuple)):
      result = [result]
    return original_result, result


def _UnpackIfSingleton(res):  # pylint: disable=invalid-name
  if isinstance(res, (list, tuple)) and len(res) == 1:
    return res[0]
  return res


def _flatten(structure):
  """nest.flatten, with IndexedSlices expanded to their component tensors."""
  out = []
  for x in nest.flatten(structure):
    if isinstance(x, ops.IndexedSlices):
      out.extend([x.values, x.indices] + ([x.dense_shape] if x.dense_shape is not None else []))
    else:
      out.append(x)
  return out


@tf_export(v1=["cond"])
def cond(pred, true_fn=None, false_fn=None, strict=False, name=None, fn1=None, fn2=None):
  """true_fn() if `pred` else false_fn(), as a TF1 Switch/Merge subgraph."""
  if fn1 is not None:
    if true_fn is not None:
      raise TypeError("cond(): true_fn and fn1 may not be set simultaneously.")
    true_fn = fn1
  elif true_fn is None:
    raise TypeError("cond(): true_fn argument required")
  if fn2 is not None:
    if false_fn is not None:
      raise TypeError("cond(): false_fn and fn2 may not be set simultaneously.")
    false_fn = fn2
  elif false_fn is None:
    raise TypeError("cond(): false_fn argument required")
  if not callable(true_fn):
    raise TypeError("true_fn must be callable.")
  if not callable(false_fn):
    raise TypeError("false_fn must be callable.")

  with ops.name_scope(name, "cond", [pred]):
    if isinstance(pred, bool):
      raise TypeError("pred must not be a Python bool")
    p_2, p_1 = switch(pred, pred)
    pivot_1 = array_ops.identity(p_1, name="switch_t")
    pivot_2 = array_ops.identity(p_2, name="switch_f")
    pred = array_ops.identity(pred, name="pred_id")
    # Tensors that exist on one branch only cannot be fetched.
    for tensor in [p_1, p_2, pivot_1, pivot_2, pred]:
      tensor.op.graph.prevent_fetching(tensor.op)

    context_t = CondContext(pred, pivot_1, branch=1)
    try:
      context_t.Enter()
      orig_res_t, res_t = context_t.BuildCondBranch(true_fn)
      if orig_res_t is None:
        raise ValueError("true_fn must have a return value.")
      context_t.ExitResult(res_t)
    finally:
      context_t.Exit()

    context_f = CondContext(pred, pivot_2, branch=0)
    try:
      context_f.Enter()
      orig_res_f, res_f = context_f.BuildCondBranch(false_fn)
      if orig_res_f is None:
        raise ValueError("false_fn must have a return value.")
      context_f.ExitResult(res_f)
    finally:
      context_f.Exit()

    if not strict:
      orig_res_t = _UnpackIfSingleton(orig_res_t)
      orig_res_f = _UnpackIfSingleton(orig_res_f)
    try:
      nest.assert_same_structure(orig_res_t, orig_res_f)
    except TypeError as e:
      raise TypeError("Incompatible return types of true_fn and false_fn: {}".format(e))
    except ValueError as e:
      raise ValueError("Incompatible return values of true_fn and false_fn: {}".format(e))

    if not res_t:
      raise ValueError("true_fn and false_fn must return at least one result.")
    res_t_flat = _flatten(res_t)
    res_f_flat = _flatten(res_f)
    if len(res_t_flat) != len(res_f_flat):
      raise ValueError("Incompatible return values of true_fn and false_fn: the branches return "
                       "IndexedSlices with and without dense_shape")
    for x, y in zip(res_f_flat, res_t_flat):
      if x.dtype.base_dtype != y.dtype.base_dtype:
        raise ValueError("Outputs of true_fn and false_fn must have the same type: %s, %s"
                         % (x.dtype.name, y.dtype.name))
    merges = [merge(pair)[0] for pair in zip(res_f_flat, res_t_flat)]
    if context_t.outer_context is None:
      ops.add_to_collection(ops.GraphKeys.COND_CONTEXT, context_t)
      ops.add_to_collection(ops.GraphKeys.COND_CONTEXT, context_f)
    merges = _pack_like(orig_res_t, merges)
    if not strict:
      merges = _UnpackIfSingleton(merges)
    return merges


def _pack_like(structure, flat):
  """nest.pack_sequence_as, regrouping IndexedSlices from their component tensors."""
  it = iter(flat)
  parts = []
  for x in nest.flatten(structure):
    if isinstance(x, ops.IndexedSlices):
      values, indices = next(it), next(it)
      shape = next(it) if x.dense_shape is not None else None
      parts.append(ops.IndexedSlices(values, indices, shape))
    else:
      parts.append(next(it))
  return nest.pack_sequence_as(structure, parts)


# ---- MetaGraphDef serialization of the contexts (the "cond_context" collection) ---------------
def _control_flow_pb2():
  from tensorflow.core.protobuf import control_flow_pb2  # pylint: disable=g-import-not-at-top
  return control_flow_pb2


def _values_to_proto(ctxt, export_scope):
  values_def = _control_flow_pb2().ValuesDef()
  values_def.values.extend(ops.strip_name_scope(v, export_scope) for v in sorted(ctxt._values))  # pylint: disable=protected-access
  for k, v in ctxt._external_values.items():  # pylint: disable=protected-access
    values_def.external_values[ops.strip_name_scope(k, export_scope)] = (
        ops.strip_name_scope(v.name, export_scope))
  return values_def


def _values_from_proto(ctxt, values_def, import_scope):
  g = ops.get_default_graph()
  ctxt._values = set(ops.prepend_name_scope(v, import_scope) for v in values_def.values)  # pylint: disable=protected-access
  ctxt._external_values = {  # pylint: disable=protected-access
      ops.prepend_name_scope(k, import_scope):
          g.as_graph_element(ops.prepend_name_scope(v, import_scope))
      for k, v in values_def.external_values.items()}
  internal = ctxt._values - set(ctxt._external_values)  # pylint: disable=protected-access
  for name in set(v.split(":")[0] for v in internal):
    g.as_graph_element(name)._set_control_flow_context(ctxt)  # pylint: disable=protected-access


def _cond_context_to_proto(ctxt, export_scope=None):
  if export_scope is not None and not ctxt.name.startswith(export_scope):
    return None
  context_def = _control_flow_pb2().CondContextDef()
  context_def.context_name = ops.strip_name_scope(ctxt.name, export_scope)
  context_def.pred_name = ops.strip_name_scope(ctxt.pred.name, export_scope)
  context_def.pivot_name = ops.strip_name_scope(ctxt.pivot.name, export_scope)
  context_def.branch = ctxt.branch
  context_def.values_def.MergeFrom(_values_to_proto(ctxt, export_scope))
  for nested in ctxt._nested_contexts:  # pylint: disable=protected-access
    _nested_context_to_def(nested, context_def.nested_contexts.add(), export_scope)
  return context_def


def _nested_context_to_def(ctxt, context_def, export_scope):
  """Fills a ControlFlowContextDef (the oneof of cond_ctxt / while_ctxt)."""
  if ctxt.IsWhileContext():
    from tensorflow.python.ops import while_v1  # pylint: disable=g-import-not-at-top
    context_def.while_ctxt.CopyFrom(while_v1._while_context_to_proto(ctxt, export_scope))  # pylint: disable=protected-access
  else:
    context_def.cond_ctxt.CopyFrom(_cond_context_to_proto(ctxt, export_scope))


def _nested_context_from_def(context_def, import_scope):
  """A context from a ControlFlowContextDef, nested in the context entered now."""
  if context_def.WhichOneof("ctxt") == "while_ctxt":
    from tensorflow.python.ops import while_v1  # pylint: disable=g-import-not-at-top
    return while_v1._while_context_from_proto(context_def.while_ctxt, import_scope)  # pylint: disable=protected-access
  return _cond_context_from_proto(context_def.cond_ctxt, import_scope)


def _cond_context_from_proto(context_def, import_scope=None):
  """A CondContext over an imported graph's nodes (so gradients through it work)."""
  g = ops.get_default_graph()
  ctxt = CondContext.__new__(CondContext)
  ctxt._name = ops.prepend_name_scope(context_def.context_name, import_scope)  # pylint: disable=protected-access
  ctxt._pred = g.as_graph_element(ops.prepend_name_scope(context_def.pred_name, import_scope))  # pylint: disable=protected-access
  ctxt._pivot = g.as_graph_element(ops.prepend_name_scope(context_def.pivot_name, import_scope))  # pylint: disable=protected-access
  ctxt._branch = context_def.branch  # pylint: disable=protected-access
  ControlFlowContext.__init__(ctxt)
  _values_from_proto(ctxt, context_def.values_def, import_scope)
  ctxt.Enter()
  try:
    for nested_def in context_def.nested_contexts:
      _nested_context_from_def(nested_def, import_scope)
  finally:
    ctxt.Exit()
  return ctxt


def _register_cond_context_serialization():
  ops.register_proto_function(ops.GraphKeys.COND_CONTEXT,
                              proto_type=_control_flow_pb2().CondContextDef,
                              to_proto=_cond_context_to_proto,
                              from_proto=_cond_context_from_proto)


_register_cond_context_serialization()
