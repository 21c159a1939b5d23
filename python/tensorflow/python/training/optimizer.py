"""tf.train.Optimizer: the base class of TF 1.15's graph-mode optimizers.

minimize() = compute_gradients() + apply_gradients(). Subclasses create slots in
_create_slots, build their hyper-parameter tensors in _prepare, and emit one update per
variable in _apply_dense/_apply_sparse (ref variables) or _resource_apply_dense/
_resource_apply_sparse (resource variables); _finish groups the updates. Each update is built
under name_scope("update_" + var.op.name), so ops read `Adam/update_w/ApplyAdam`.
"""

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import indexed_slices
from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.ops import gen_resource_variable_ops
from tensorflow.python.ops import gradients
from tensorflow.python.ops import math_ops
from tensorflow.python.ops import resource_variable_ops
from tensorflow.python.ops import segment_ops
from tensorflow.python.ops import state_ops
from tensorflow.python.ops import variables
from tensorflow.python.training import slot_creator
from tensorflow.python.util import nest
from tensorflow.python.util.tf_export import tf_export


def _deduplicate_indexed_slices(values, indices):
  """Sums the rows of `values` that share an index: (summed_values, unique_indices)."""
  unique_indices, new_index_positions = array_ops.unique(indices)
  summed_values = segment_ops.unsorted_segment_sum(values, new_index_positions,
                                                   array_ops.shape(unique_indices)[0])
  return (summed_values, unique_indices)


def _var_key(var):
  if hasattr(var, "op"):
    return (var.op.graph, var.op.name)
  return var._unique_id  # pylint: disable=protected-access


class _OptimizableVariable(object):
  """How one kind of variable is differentiated and updated."""

  def target(self):
    raise NotImplementedError("Calling an abstract method.")

  def update_op(self, optimizer, g):
    raise NotImplementedError("Calling an abstract method.")


class _RefVariableProcessor(_OptimizableVariable):
  """A ref variable (VariableV2): updated through its ref."""

  def __init__(self, v):
    self._v = v

  def __str__(self):
    return "<_RefVariableProcessor(%s)>" % self._v

  def target(self):
    return self._v._ref()  # pylint: disable=protected-access

  def update_op(self, optimizer, g):
    if isinstance(g, ops.Tensor):
      update_op = optimizer._apply_dense(g, self._v)  # pylint: disable=protected-access
      if getattr(self._v, "constraint", None) is not None:
        with ops.control_dependencies([update_op]):
          return self._v.assign(self._v.constraint(self._v))
      return update_op
    assert isinstance(g, indexed_slices.IndexedSlices), ("Gradient ", g, " is neither a tensor "
                                                         "nor IndexedSlices.")
    if getattr(self._v, "constraint", None) is not None:
      raise RuntimeError("Cannot use a constraint function on a sparse variable.")
    return optimizer._apply_sparse_duplicate_indices(g, self._v)  # pylint: disable=protected-access


class _DenseResourceVariableProcessor(_OptimizableVariable):
  """A resource variable (VarHandleOp): updated through its handle."""

  def __init__(self, v):
    self._v = v

  def target(self):
    return self._v

  def update_op(self, optimizer, g):
    # pylint: disable=protected-access
    if isinstance(g, indexed_slices.IndexedSlices):
      if getattr(self._v, "constraint", None) is not None:
        raise RuntimeError("Cannot use a constraint function on a sparse variable.")
      return optimizer._resource_apply_sparse_duplicate_indices(g.values, self._v, g.indices)
    update_op = optimizer._resource_apply_dense(g, self._v)
    if getattr(self._v, "constraint", None) is not None:
      with ops.control_dependencies([update_op]):
        return self._v.assign(self._v.constraint(self._v))
    return update_op


class _TensorProcessor(_OptimizableVariable):
  """A plain tensor: only its gradient can be computed, there is nothing to update."""

  def __init__(self, v):
    self._v = v

  def target(self):
    return self._v

  def update_op(self, optimizer, g):
    raise NotImplementedError("Trying to update a Tensor ", self._v)


def _get_processor(v):
  if resource_variable_ops.is_resource_variable(v):
    return _DenseResourceVariableProcessor(v)
  if isinstance(v, variables.Variable):
    return _RefVariableProcessor(v)
  if isinstance(v, ops.Tensor):
    return _TensorProcessor(v)
  raise NotImplementedError("Trying to optimize unsupported type ", v)


@tf_export(v1=["train.Optimizer"])
class Optimizer(object):
  """Base class for optimizers (TF 1.15 graph mode)."""

  GATE_NONE = 0
  GATE_OP = 1
  GATE_GRAPH = 2

  def __init__(self, use_locking, name):
    if not name:
      raise ValueError("Must specify the optimizer name")
    self._use_locking = use_locking
    self._name = name
    # slot name -> {_var_key(var): slot variable}
    self._slots = {}
    # (name, graph) -> non-slot variable such as Adam's beta1_power
    self._non_slot_dict = {}

  def get_name(self):
    return self._name

  def minimize(self, loss, global_step=None, var_list=None, gate_gradients=GATE_OP,
               aggregation_method=None, colocate_gradients_with_ops=False, name=None,
               grad_loss=None):
    grads_and_vars = self.compute_gradients(
        loss, var_list=var_list, gate_gradients=gate_gradients,
        aggregation_method=aggregation_method,
        colocate_gradients_with_ops=colocate_gradients_with_ops, grad_loss=grad_loss)
    vars_with_grad = [v for g, v in grads_and_vars if g is not None]
    if not vars_with_grad:
      raise ValueError(
          "No gradients provided for any variable, check your graph for ops"
          " that do not support gradients, between variables %s and loss %s." %
          ([str(v) for _, v in grads_and_vars], loss))
    return self.apply_gradients(grads_and_vars, global_step=global_step, name=name)

  def compute_gradients(self, loss, var_list=None, gate_gradients=GATE_OP,
                        aggregation_method=None, colocate_gradients_with_ops=False,
                        grad_loss=None):
    if callable(loss):
      raise RuntimeError("`loss` passed to Optimizer.compute_gradients should be a Tensor in "
                         "graph mode, not a callable.")
    if gate_gradients not in [Optimizer.GATE_NONE, Optimizer.GATE_OP, Optimizer.GATE_GRAPH]:
      raise ValueError("gate_gradients must be one of: Optimizer.GATE_NONE, "
                       "Optimizer.GATE_OP, Optimizer.GATE_GRAPH.  Not %s" % gate_gradients)
    self._assert_valid_dtypes([loss])
    if grad_loss is not None:
      self._assert_valid_dtypes([grad_loss])
    if var_list is None:
      var_list = (variables.trainable_variables() +
                  ops.get_collection(ops.GraphKeys.TRAINABLE_RESOURCE_VARIABLES))
    else:
      var_list = nest.flatten(var_list)
    # pylint: disable=protected-access
    var_list += ops.get_collection(ops.GraphKeys._STREAMING_MODEL_PORTS)
    # pylint: enable=protected-access
    processors = [_get_processor(v) for v in var_list]
    if not var_list:
      raise ValueError("No variables to optimize.")
    var_refs = [p.target() for p in processors]
    grads = gradients.gradients(
        loss, var_refs, grad_ys=grad_loss,
        gate_gradients=(gate_gradients == Optimizer.GATE_OP),
        aggregation_method=aggregation_method,
        colocate_gradients_with_ops=colocate_gradients_with_ops)
    if gate_gradients == Optimizer.GATE_GRAPH:
      grads = control_flow_ops.tuple(grads)
    grads_and_vars = list(zip(grads, var_list))
    self._assert_valid_dtypes(
        [v for g, v in grads_and_vars if g is not None and v.dtype != dtypes.resource])
    return grads_and_vars

  def apply_gradients(self, grads_and_vars, global_step=None, name=None):
    grads_and_vars = tuple(grads_and_vars)  # Make sure repeat iteration works.
    if not grads_and_vars:
      raise ValueError("No variables provided.")
    converted_grads_and_vars = []
    for g, v in grads_and_vars:
      if g is not None:
        try:
          g = ops.convert_to_tensor_or_indexed_slices(g)
        except TypeError:
          raise TypeError(
              "Gradient must be convertible to a Tensor or IndexedSlices, or None: %s" % g)
        if not isinstance(g, (ops.Tensor, indexed_slices.IndexedSlices)):
          raise TypeError("Gradient must be a Tensor, IndexedSlices, or None: %s" % g)
      p = _get_processor(v)
      converted_grads_and_vars.append((g, v, p))

    converted_grads_and_vars = tuple(converted_grads_and_vars)
    var_list = [v for g, v, _ in converted_grads_and_vars if g is not None]
    if not var_list:
      raise ValueError("No gradients provided for any variable: %s." %
                       ([str(v) for _, v, _ in converted_grads_and_vars],))
    with ops.init_scope():
      self._create_slots(var_list)
    update_ops = []
    with ops.name_scope(name, self._name) as name:
      self._prepare()
      for grad, var, processor in converted_grads_and_vars:
        if grad is None:
          continue
        scope_name = var.op.name
        with ops.name_scope("update_" + scope_name), ops.colocate_with(var):
          update_ops.append(processor.update_op(self, grad))
      if global_step is None:
        apply_updates = self._finish(update_ops, name)
      else:
        with ops.control_dependencies([self._finish(update_ops, "update")]):
          with ops.colocate_with(global_step):
            if resource_variable_ops.is_resource_variable(global_step):
              apply_updates = gen_resource_variable_ops.assign_add_variable_op(
                  global_step.handle, ops.convert_to_tensor(1, dtype=global_step.dtype),
                  name=name)
            else:
              apply_updates = state_ops.assign_add(global_step, 1, name=name)

      if isinstance(apply_updates, ops.Tensor):
        apply_updates = apply_updates.op
      train_op = ops.get_collection_ref(ops.GraphKeys.TRAIN_OP)
      if apply_updates not in train_op:
        train_op.append(apply_updates)
      return apply_updates

  def get_slot(self, var, name):
    named_slots = self._slots.get(name, None)
    if not named_slots:
      return None
    return named_slots.get(_var_key(var), None)

  def get_slot_names(self):
    return sorted(self._slots.keys())

  def variables(self):
    """The optimizer's variables in the current graph (slots and non-slots), by name."""
    current_graph = ops.get_default_graph()
    optimizer_variables = [v for v in self._non_slot_variables()
                           if v.op.graph is current_graph]
    for _, variable_dict in self._slots.items():
      for _, slot_for_variable in variable_dict.items():
        if slot_for_variable.op.graph is current_graph:
          optimizer_variables.append(slot_for_variable)
    return sorted(optimizer_variables, key=lambda v: v.name)

  # ---- non-slot variables (one per graph, e.g. Adam's beta1_power) ------------------------------
  def _create_non_slot_variable(self, initial_value, name, colocate_with):
    graph = colocate_with.graph
    key = (name, graph)
    v = self._non_slot_dict.get(key, None)
    if v is None:
      with ops.colocate_with(colocate_with):
        if resource_variable_ops.is_resource_variable(colocate_with):
          v = resource_variable_ops.ResourceVariable(initial_value, name=name, trainable=False)
        else:
          v = variables.RefVariable(initial_value, name=name, trainable=False)
      self._non_slot_dict[key] = v
    return v

  def _get_non_slot_variable(self, name, graph=None):
    return self._non_slot_dict.get((name, graph), None)

  def _non_slot_variables(self):
    return self._non_slot_dict.values()

  def _assert_valid_dtypes(self, tensors):
    valid_dtypes = self._valid_dtypes()
    for t in tensors:
      dtype = t.dtype.base_dtype
      if dtype not in valid_dtypes:
        raise ValueError("Invalid type %r for %s, expected: %s." %
                         (dtype, t.name, [v for v in valid_dtypes]))

  # ---- hooks for subclasses -----------------------------------------------------------------
  def _valid_dtypes(self):
    return set([dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64])

  def _create_slots(self, var_list):
    pass

  def _prepare(self):
    pass

  def _apply_dense(self, grad, var):
    raise NotImplementedError()

  def _resource_apply_dense(self, grad, handle):
    raise NotImplementedError()

  def _resource_apply_sparse_duplicate_indices(self, grad, handle, indices):
    summed_grad, unique_indices = _deduplicate_indexed_slices(values=grad, indices=indices)
    return self._resource_apply_sparse(summed_grad, handle, unique_indices)

  def _resource_apply_sparse(self, grad, handle, indices):
    raise NotImplementedError()

  def _apply_sparse_duplicate_indices(self, grad, var):
    summed_values, unique_indices = _deduplicate_indexed_slices(values=grad.values,
                                                                indices=grad.indices)
    gradient_no_duplicate_indices = indexed_slices.IndexedSlices(
        indices=unique_indices, values=summed_values, dense_shape=grad.dense_shape)
    return self._apply_sparse(gradient_no_duplicate_indices, var)

  def _apply_sparse(self, grad, var):
    raise NotImplementedError()

  def _finish(self, update_ops, name_scope):
    return control_flow_ops.group(*update_ops, name=name_scope)

  # ---- slots ----------------------------------------------------------------------------------
  def _slot_dict(self, slot_name):
    named_slots = self._slots.get(slot_name, None)
    if named_slots is None:
      named_slots = {}
      self._slots[slot_name] = named_slots
    return named_slots

  def _get_or_make_slot(self, var, val, slot_name, op_name):
    named_slots = self._slot_dict(slot_name)
    if _var_key(var) not in named_slots:
      named_slots[_var_key(var)] = slot_creator.create_slot(var, val, op_name)
    return named_slots[_var_key(var)]

  def _get_or_make_slot_with_initializer(self, var, initializer, shape, dtype, slot_name,
                                         op_name):
    named_slots = self._slot_dict(slot_name)
    if _var_key(var) not in named_slots:
      named_slots[_var_key(var)] = slot_creator.create_slot_with_initializer(
          var, initializer, shape, dtype, op_name)
    return named_slots[_var_key(var)]

  def _zeros_slot(self, var, slot_name, op_name):
    named_slots = self._slot_dict(slot_name)
    if _var_key(var) not in named_slots:
      named_slots[_var_key(var)] = slot_creator.create_zeros_slot(var, op_name)
    return named_slots[_var_key(var)]

  def _call_if_callable(self, param):
    return param() if callable(param) else param
