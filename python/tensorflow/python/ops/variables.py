"""tf.Variable (TF 1.x): the Variable base class, RefVariable, collections and initializers.

`tf.Variable(...)` goes through the variable-creator stack to `default_variable_creator`
(variable_scope.py), which builds a RefVariable (`VariableV2` + `Assign` + `read`) or, when
resource variables are asked for, a ResourceVariable (resource_variable_ops.py).
"""

import enum
import functools
import itertools
import os

from tensorflow.core.framework import attr_value_pb2
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.ops import math_ops  # pylint: disable=unused-import  (Tensor operators)
from tensorflow.python.ops import state_ops
from tensorflow.python.util import compat
from tensorflow.python.util.tf_export import fallback_export
from tensorflow.python.util.tf_export import tf_export


@tf_export("VariableSynchronization")
class VariableSynchronization(enum.Enum):
  AUTO = 0
  NONE = 1
  ON_WRITE = 2
  ON_READ = 3


@tf_export("VariableAggregation")
class VariableAggregation(enum.Enum):
  NONE = 0
  SUM = 1
  MEAN = 2
  ONLY_FIRST_REPLICA = 3
  ONLY_FIRST_TOWER = 3  # The 1.x alias of ONLY_FIRST_REPLICA.

  def __hash__(self):
    return hash(self.value)


def validate_synchronization_aggregation_trainable(synchronization, aggregation, trainable,
                                                   name):
  """Defaults and checks the distribution arguments; `trainable` defaults by sync mode."""
  if aggregation is None:
    aggregation = VariableAggregation.NONE
  elif not isinstance(aggregation, VariableAggregation):
    try:
      aggregation = VariableAggregation(aggregation)
    except ValueError:
      raise ValueError("Invalid variable aggregation mode: {} for variable: {}".format(
          aggregation, name))
  if synchronization is None:
    synchronization = VariableSynchronization.AUTO
  else:
    try:
      synchronization = VariableSynchronization(synchronization)
    except ValueError:
      raise ValueError("Invalid variable synchronization mode: {} for variable: {}".format(
          synchronization, name))
  if trainable is None:
    trainable = synchronization != VariableSynchronization.ON_READ
  elif trainable and synchronization == VariableSynchronization.ON_READ:
    raise ValueError("Synchronization value can be set to VariableSynchronization.ON_READ "
                     "only for non-trainable variables. You have specified trainable=True "
                     "and synchronization=VariableSynchronization.ON_READ.")
  return synchronization, aggregation, trainable


def _make_getter(captured_getter, captured_previous):
  return lambda **kwargs: captured_getter(captured_previous, **kwargs)


def _default_creator(next_creator=None, **kwargs):
  from tensorflow.python.ops import variable_scope  # pylint: disable=g-import-not-at-top
  return variable_scope.default_variable_creator(next_creator, **kwargs)


class VariableMetaclass(type):
  """`tf.Variable(...)` runs the creator stack; subclasses construct directly."""

  def _variable_v1_call(cls, initial_value=None, trainable=None, collections=None,
                        validate_shape=True, caching_device=None, name=None,
                        variable_def=None, dtype=None, expected_shape=None, import_scope=None,
                        constraint=None, use_resource=None,
                        synchronization=VariableSynchronization.AUTO,
                        aggregation=VariableAggregation.NONE, shape=None):
    previous_getter = lambda **kwargs: _default_creator(None, **kwargs)
    for getter in ops.get_default_graph()._variable_creator_stack:  # pylint: disable=protected-access
      previous_getter = _make_getter(getter, previous_getter)
    if aggregation is None:
      aggregation = VariableAggregation.NONE
    return previous_getter(
        initial_value=initial_value, trainable=trainable, collections=collections,
        validate_shape=validate_shape, caching_device=caching_device, name=name,
        variable_def=variable_def, dtype=dtype, expected_shape=expected_shape,
        import_scope=import_scope, constraint=constraint, use_resource=use_resource,
        synchronization=synchronization, aggregation=aggregation, shape=shape)

  def __call__(cls, *args, **kwargs):
    if cls is Variable:
      return cls._variable_v1_call(*args, **kwargs)
    return super(VariableMetaclass, cls).__call__(*args, **kwargs)


@tf_export("Variable")
class Variable(object, metaclass=VariableMetaclass):
  """A TF 1.x variable. Concrete kinds: RefVariable and ResourceVariable."""

  # NumPy defers binary operators to us, as it does for Tensor.
  __array_priority__ = 100

  # ---- what every kind provides ------------------------------------------------------------
  @property
  def _shared_name(self):
    return self.name[:self.name.index(":")]

  @property
  def _unique_id(self):
    return self._shared_name

  @property
  def _in_graph_mode(self):
    return True

  @property
  def trainable(self):
    return self._trainable

  @property
  def synchronization(self):
    return self._synchronization

  @property
  def aggregation(self):
    return self._aggregation

  @property
  def constraint(self):
    return self._constraint

  def get_shape(self):
    return self.shape

  def set_shape(self, shape):
    self._ref().set_shape(shape)
    self.value().set_shape(shape)

  def initialized_value(self):
    """The value once initialized: the variable's value, else its initial value."""
    with ops.init_scope():
      from tensorflow.python.ops import cond_v1  # pylint: disable=g-import-not-at-top
      result = cond_v1.cond(is_variable_initialized(self), self.read_value,
                            lambda: _guarded_initial_value(self))
      result.set_shape(self.initial_value.shape)
      return result

  def load(self, value, session=None):
    """Writes `value` into the variable by running its initializer with that feed."""
    session = session or ops.get_default_session()
    if session is None:
      raise ValueError("Either session argument should be provided or default session "
                       "should be established")
    session.run(self.initializer, {self.initializer.inputs[1]: value})

  def _get_save_slice_info(self):
    return self._save_slice_info

  def _set_save_slice_info(self, save_slice_info):
    self._save_slice_info = save_slice_info

  def __iter__(self):
    raise TypeError("'Variable' object is not iterable.")

  def __iadd__(self, other):
    return self + other

  def __isub__(self, other):
    return self - other

  def __imul__(self, other):
    return self * other

  def __idiv__(self, other):
    return self / other

  def __itruediv__(self, other):
    return self / other

  def __ipow__(self, other):
    return self ** other

  def _gather_saveables_for_checkpoint(self):
    return {"VARIABLE_VALUE": self}

  @staticmethod
  def from_proto(variable_def, import_scope=None):
    return RefVariable(variable_def=variable_def, import_scope=import_scope)

  @classmethod
  def _OverloadAllOperators(cls):  # pylint: disable=invalid-name
    for operator in ops.Tensor.OVERLOADABLE_OPERATORS:
      cls._OverloadOperator(operator)
    setattr(cls, "__getitem__", array_ops._SliceHelperVar)  # pylint: disable=protected-access

  @classmethod
  def _OverloadOperator(cls, operator):  # pylint: disable=invalid-name
    # Equality stays identity so variables can live in sets and dicts.
    if operator in ("__eq__", "__ne__"):
      return
    tensor_oper = getattr(ops.Tensor, operator)

    def _run_op(a, *args, **kwargs):
      return tensor_oper(a.value(), *args, **kwargs)

    functools.update_wrapper(_run_op, tensor_oper)
    setattr(cls, operator, _run_op)

  class SaveSliceInfo(object):
    """Where a variable partition sits inside its full variable (for savers)."""

    def __init__(self, full_name=None, full_shape=None, var_offset=None, var_shape=None,
                 save_slice_info_def=None, import_scope=None):
      if save_slice_info_def:
        self.full_name = ops.prepend_name_scope(save_slice_info_def.full_name, import_scope)
        self.full_shape = list(save_slice_info_def.full_shape)
        self.var_offset = list(save_slice_info_def.var_offset)
        self.var_shape = list(save_slice_info_def.var_shape)
      else:
        self.full_name = full_name
        self.full_shape = full_shape
        self.var_offset = var_offset
        self.var_shape = var_shape

    @property
    def spec(self):
      full_shape_str = " ".join("%d" % d for d in self.full_shape) + " "
      sl_spec = ":".join("%d,%d" % (o, s) for o, s in zip(self.var_offset, self.var_shape))
      return full_shape_str + sl_spec

    def to_proto(self, export_scope=None):
      if export_scope is None or self.full_name.startswith(export_scope):
        variable_pb2 = _variable_pb2()
        save_slice_info_def = variable_pb2.SaveSliceInfoDef()
        save_slice_info_def.full_name = ops.strip_name_scope(self.full_name, export_scope)
        save_slice_info_def.full_shape.extend(self.full_shape)
        save_slice_info_def.var_offset.extend(self.var_offset)
        save_slice_info_def.var_shape.extend(self.var_shape)
        return save_slice_info_def
      return None


VariableV1 = Variable


def _variable_pb2():
  from tensorflow.core.framework import variable_pb2  # pylint: disable=g-import-not-at-top
  return variable_pb2


class RefVariable(Variable):
  """A TF 1.x ref variable: `VariableV2` storage, `Assign` initializer, `read` snapshot."""

  def __init__(self, initial_value=None, trainable=None, collections=None, validate_shape=True,
               caching_device=None, name=None, variable_def=None, dtype=None,
               expected_shape=None, import_scope=None, constraint=None,
               synchronization=None, aggregation=None, shape=None):
    del expected_shape  # Deprecated and ignored, as in TF 1.15.
    if variable_def:
      if initial_value:
        raise ValueError("variable_def and initial_value are mutually exclusive.")
      self._init_from_proto(variable_def, import_scope=import_scope)
    else:
      self._init_from_args(initial_value=initial_value, trainable=trainable,
                           collections=collections, validate_shape=validate_shape,
                           caching_device=caching_device, name=name, dtype=dtype,
                           constraint=constraint, synchronization=synchronization,
                           aggregation=aggregation, shape=shape)

  def __repr__(self):
    return "<tf.Variable '%s' shape=%s dtype=%s>" % (self.name, self.get_shape(),
                                                     self.dtype.name)

  def _init_from_args(self, initial_value=None, trainable=None, collections=None,
                      validate_shape=True, caching_device=None, name=None, dtype=None,
                      constraint=None, synchronization=None, aggregation=None, shape=None):
    if initial_value is None:
      raise ValueError("initial_value must be specified.")
    init_from_fn = callable(initial_value)
    if collections is None:
      collections = [ops.GraphKeys.GLOBAL_VARIABLES]
    if not isinstance(collections, (list, tuple, set)):
      raise ValueError("collections argument to Variable constructor must be a list, tuple, "
                       "or set. Got %s of type %s" % (collections, type(collections)))
    if constraint is not None and not callable(constraint):
      raise ValueError("The `constraint` argument must be a callable.")
    synchronization, aggregation, trainable = validate_synchronization_aggregation_trainable(
        synchronization, aggregation, trainable, name)
    self._synchronization = synchronization
    self._aggregation = aggregation
    self._trainable = trainable
    if trainable and ops.GraphKeys.TRAINABLE_VARIABLES not in collections:
      collections = list(collections) + [ops.GraphKeys.TRAINABLE_VARIABLES]
    with ops.init_scope():
      with ops.name_scope(name, "Variable", [] if init_from_fn else [initial_value]) as name:
        if init_from_fn:
          # The initializer ops are colocated with the variable they feed (by name: the
          # variable does not exist yet).
          true_name = ops.name_from_scope_name(name)
          attr = attr_value_pb2.AttrValue(list=attr_value_pb2.AttrValue.ListValue(
              s=[compat.as_bytes("loc:@%s" % true_name)]))
          with ops.get_default_graph()._attr_scope({"_class": attr}):  # pylint: disable=protected-access
            with ops.name_scope("Initializer"), ops.device(None):
              self._initial_value = ops.convert_to_tensor(initial_value(),
                                                          name="initial_value", dtype=dtype)
              if shape is None:
                shape = (self._initial_value.get_shape() if validate_shape else
                         tensor_shape.unknown_shape())
            self._variable = state_ops.variable_op_v2(
                shape, self._initial_value.dtype.base_dtype, name=name)
        else:
          self._initial_value = ops.convert_to_tensor(initial_value, name="initial_value",
                                                      dtype=dtype)
          if self._initial_value.op._get_control_flow_context() is not None:  # pylint: disable=protected-access
            raise ValueError(
                "Initializer for variable %s is from inside a control-flow construct, such "
                "as a loop or conditional. When creating a variable inside a loop or "
                "conditional, use a lambda as the initializer." % name)
          if shape is None:
            shape = (self._initial_value.get_shape() if validate_shape else
                     tensor_shape.unknown_shape())
          self._variable = state_ops.variable_op_v2(
              shape, self._initial_value.dtype.base_dtype, name=name)
        if validate_shape:
          initial_value_shape = self._initial_value.get_shape()
          if not initial_value_shape.is_fully_defined():
            raise ValueError("initial_value must have a shape specified: %s" %
                             self._initial_value)
        self._initializer_op = state_ops.assign(
            self._variable, _try_guard_against_uninitialized_dependencies(
                name, self._initial_value),
            validate_shape=validate_shape).op
        if caching_device is not None:
          with ops.device(caching_device):
            self._snapshot = array_ops.identity(self._variable, name="read")
        else:
          with ops.colocate_with(self._variable.op):
            self._snapshot = array_ops.identity(self._variable, name="read")
      ops.add_to_collections(collections, self)
    self._caching_device = caching_device
    self._save_slice_info = None
    self._constraint = constraint

  def _init_from_proto(self, variable_def, import_scope=None):
    g = ops.get_default_graph()
    self._variable = g.as_graph_element(
        ops.prepend_name_scope(variable_def.variable_name, import_scope=import_scope))
    self._initializer_op = g.as_graph_element(
        ops.prepend_name_scope(variable_def.initializer_name, import_scope=import_scope))
    if (hasattr(variable_def, "initial_value_name") and variable_def.initial_value_name):
      self._initial_value = g.as_graph_element(
          ops.prepend_name_scope(variable_def.initial_value_name, import_scope=import_scope))
    else:
      self._initial_value = None
    synchronization, aggregation, trainable = validate_synchronization_aggregation_trainable(
        variable_def.synchronization, variable_def.aggregation, variable_def.trainable,
        variable_def.variable_name)
    self._synchronization = synchronization
    self._aggregation = aggregation
    self._trainable = trainable
    self._snapshot = g.as_graph_element(
        ops.prepend_name_scope(variable_def.snapshot_name, import_scope=import_scope))
    if variable_def.HasField("save_slice_info_def"):
      self._save_slice_info = Variable.SaveSliceInfo(
          save_slice_info_def=variable_def.save_slice_info_def, import_scope=import_scope)
    else:
      self._save_slice_info = None
    self._caching_device = None
    self._constraint = None

  # ---- reading -----------------------------------------------------------------------------
  def value(self):
    return self._snapshot

  def read_value(self):
    return array_ops.identity(self._variable, name="read")

  def _ref(self):
    return self._variable

  def _as_graph_element(self):
    return self._variable

  def eval(self, session=None):
    return self._variable.eval(session=session)

  def is_initialized(self, name=None):
    return state_ops.is_variable_initialized(self._variable, name=name)

  @property
  def initial_value(self):
    return self._initial_value

  @property
  def initializer(self):
    return self._initializer_op

  @property
  def device(self):
    return self._variable.device

  @property
  def dtype(self):
    return self._variable.dtype

  @property
  def op(self):
    return self._variable.op

  @property
  def graph(self):
    return self._variable.graph

  @property
  def name(self):
    return self._variable.name

  @property
  def shape(self):
    return self._variable.get_shape()

  @property
  def _snapshot_tensor(self):
    return self._snapshot

  # ---- writing -----------------------------------------------------------------------------
  def assign(self, value, use_locking=False, name=None, read_value=True):
    assign = state_ops.assign(self._variable, value, use_locking=use_locking, name=name)
    return assign if read_value else assign.op

  def assign_add(self, delta, use_locking=False, name=None, read_value=True):
    assign = state_ops.assign_add(self._variable, delta, use_locking=use_locking, name=name)
    return assign if read_value else assign.op

  def assign_sub(self, delta, use_locking=False, name=None, read_value=True):
    assign = state_ops.assign_sub(self._variable, delta, use_locking=use_locking, name=name)
    return assign if read_value else assign.op

  def _scatter(self, fn, sparse_delta, use_locking, name):
    if not isinstance(sparse_delta, ops.IndexedSlices):
      raise TypeError("sparse_delta is not IndexedSlices: %s" % sparse_delta)
    return fn(self._variable, sparse_delta.indices, sparse_delta.values,
              use_locking=use_locking, name=name)

  def scatter_sub(self, sparse_delta, use_locking=False, name=None):
    return self._scatter(state_ops.scatter_sub, sparse_delta, use_locking, name)

  def scatter_add(self, sparse_delta, use_locking=False, name=None):
    return self._scatter(state_ops.scatter_add, sparse_delta, use_locking, name)

  def scatter_max(self, sparse_delta, use_locking=False, name=None):
    return self._scatter(state_ops.scatter_max, sparse_delta, use_locking, name)

  def scatter_min(self, sparse_delta, use_locking=False, name=None):
    return self._scatter(state_ops.scatter_min, sparse_delta, use_locking, name)

  def scatter_mul(self, sparse_delta, use_locking=False, name=None):
    return self._scatter(state_ops.scatter_mul, sparse_delta, use_locking, name)

  def scatter_div(self, sparse_delta, use_locking=False, name=None):
    return self._scatter(state_ops.scatter_div, sparse_delta, use_locking, name)

  def scatter_update(self, sparse_delta, use_locking=False, name=None):
    return self._scatter(state_ops.scatter_update, sparse_delta, use_locking, name)

  def scatter_nd_sub(self, indices, updates, name=None):
    return state_ops.scatter_nd_sub(self._variable, indices, updates, use_locking=True,
                                    name=name)

  def scatter_nd_add(self, indices, updates, name=None):
    return state_ops.scatter_nd_add(self._variable, indices, updates, use_locking=True,
                                    name=name)

  def scatter_nd_update(self, indices, updates, name=None):
    return state_ops.scatter_nd_update(self._variable, indices, updates, use_locking=True,
                                       name=name)

  def count_up_to(self, limit):
    return state_ops.count_up_to(self._variable, limit=limit)

  def _strided_slice_assign(self, begin, end, strides, value, name, begin_mask, end_mask,
                            ellipsis_mask, new_axis_mask, shrink_axis_mask):
    return gen_array_ops.strided_slice_assign(
        ref=self._ref(), begin=begin, end=end, strides=strides, value=value, name=name,
        begin_mask=begin_mask, end_mask=end_mask, ellipsis_mask=ellipsis_mask,
        new_axis_mask=new_axis_mask, shrink_axis_mask=shrink_axis_mask)

  # ---- conversion and serialization --------------------------------------------------------
  @staticmethod
  def _TensorConversionFunction(v, dtype=None, name=None, as_ref=False):  # pylint: disable=invalid-name
    del name
    if dtype and not dtype.is_compatible_with(v.dtype):
      raise ValueError("Incompatible type conversion requested to type '%s' for variable of "
                       "type '%s'" % (dtype.name, v.dtype.name))
    if as_ref:
      return v._ref()  # pylint: disable=protected-access
    return v.value()

  def to_proto(self, export_scope=None):
    if export_scope is None or self._variable.name.startswith(export_scope):
      var_def = _variable_pb2().VariableDef()
      var_def.variable_name = ops.strip_name_scope(self._variable.name, export_scope)
      if self._initial_value is not None:
        var_def.initial_value_name = ops.strip_name_scope(self._initial_value.name,
                                                          export_scope)
      var_def.trainable = self.trainable
      var_def.synchronization = self.synchronization.value
      var_def.aggregation = self.aggregation.value
      var_def.initializer_name = ops.strip_name_scope(self.initializer.name, export_scope)
      var_def.snapshot_name = ops.strip_name_scope(self._snapshot.name, export_scope)
      if self._save_slice_info:
        var_def.save_slice_info_def.MergeFrom(
            self._save_slice_info.to_proto(export_scope=export_scope))
      return var_def
    return None


ops.register_tensor_conversion_function(RefVariable, RefVariable._TensorConversionFunction)  # pylint: disable=protected-access
Variable._OverloadAllOperators()  # pylint: disable=protected-access


# ---- guarding initial values that read other variables --------------------------------------
def _try_guard_against_uninitialized_dependencies(name, initial_value):
  """Rewrites reads of other variables in `initial_value` to their initialized_value()."""
  if not isinstance(initial_value, ops.Tensor):
    raise TypeError("initial_value needs to be a Tensor: %s" % initial_value)
  if _has_cycle(initial_value.op, state={}):
    return initial_value
  if not _depends_on_variable(initial_value.op, {}):
    return initial_value
  return _safe_initial_value_from_tensor(name, initial_value, op_cache={})


def _guarded_initial_value(var):
  """The value `var`'s initializer assigns. Where its initial value reads other variables, that
  is the guarded version (TF 1.15 uses the raw initial value here, so a chain of such variables
  fails when the executor happens to initialize them out of order; the guarded one works in
  any order)."""
  initializer = var.initializer
  if isinstance(initializer, ops.Operation) and len(initializer.inputs) == 2:
    return initializer.inputs[1]
  return var.initial_value


_UNKNOWN, _STARTED, _FINISHED = range(3)
_VARIABLE_OP_TYPES = ("Variable", "VariableV2", "VarHandleOp")


def _has_cycle(op, state):
  op_state = state.get(op.name, _UNKNOWN)
  if op_state == _STARTED:
    return True
  if op_state == _FINISHED:
    return False
  state[op.name] = _STARTED
  for i in itertools.chain((i.op for i in op.inputs), op.control_inputs):
    if _has_cycle(i, state):
      return True
  state[op.name] = _FINISHED
  return False


def _read_of_known_variable(op):
  """The variable a ReadVariableOp reads, when it reads a known variable's handle directly."""
  if op.type != "ReadVariableOp" or op.inputs[0].op.type != "VarHandleOp":
    return None
  return _find_initialized_variable(op.inputs[0].op)


def _depends_on_variable(op, seen):
  if op.name in seen:
    return seen[op.name]
  if op.type == "ReadVariableOp":
    seen[op.name] = _read_of_known_variable(op) is not None
    return seen[op.name]
  if op.type in ("IsVariableInitialized", "VarIsInitializedOp", "If", "Merge"):
    seen[op.name] = False
    return False
  if op.type in _VARIABLE_OP_TYPES:
    seen[op.name] = _find_initialized_variable(op) is not None
    return seen[op.name]
  seen[op.name] = False
  result = any(_depends_on_variable(i.op, seen) for i in op.inputs)
  seen[op.name] = result
  return result


def _safe_initial_value_from_tensor(name, tensor, op_cache):
  op = tensor.op
  new_op = op_cache.get(op.name)
  if new_op is None:
    new_op = _safe_initial_value_from_op(name, op, op_cache)
    op_cache[op.name] = new_op
  return new_op.outputs[tensor.value_index]


def _safe_initial_value_from_op(name, op, op_cache):
  op_type = op.type
  if op_type == "ReadVariableOp":
    # Unlike TF 1.15 (which leaves resource reads unguarded, so the initializer fails or
    # races), a read of another variable is guarded like a ref variable's.
    var = _read_of_known_variable(op)
    return op if var is None else var.initialized_value().op
  if op_type in ("IsVariableInitialized", "VarIsInitializedOp", "If", "Merge"):
    return op
  if op_type in _VARIABLE_OP_TYPES:
    var = _find_initialized_variable(op)
    return op if var is None else var.initialized_value().op
  modified = False
  new_op_inputs = []
  for op_input in op.inputs:
    new_op_input = _safe_initial_value_from_tensor(name, op_input, op_cache)
    new_op_inputs.append(new_op_input)
    modified = modified or (new_op_input is not op_input)
  if modified:
    new_op_type = "Switch" if op_type == "RefSwitch" else op_type
    new_op_name = (op.node_def.name + "_" + name).replace(":", "_")
    return op.graph.create_op(new_op_type, new_op_inputs, name=new_op_name,
                              attrs=dict(op.node_def.attr))
  return op


def _find_initialized_variable(variable_op):
  for collection_name in (ops.GraphKeys.GLOBAL_VARIABLES, ops.GraphKeys.LOCAL_VARIABLES):
    for var in variable_op.graph.get_collection(collection_name):
      if var.name == variable_op.name or var.name == variable_op.name + ":0":
        return var
  return None


# ---- collections ------------------------------------------------------------------------------
@tf_export("global_variables")
def global_variables(scope=None):
  return ops.get_collection(ops.GraphKeys.GLOBAL_VARIABLES, scope)


@tf_export("all_variables")
def all_variables():
  return global_variables()


@tf_export("local_variables")
def local_variables(scope=None):
  return ops.get_collection(ops.GraphKeys.LOCAL_VARIABLES, scope)


@tf_export("model_variables")
def model_variables(scope=None):
  return ops.get_collection(ops.GraphKeys.MODEL_VARIABLES, scope)


@tf_export("trainable_variables")
def trainable_variables(scope=None):
  return ops.get_collection(ops.GraphKeys.TRAINABLE_VARIABLES, scope)


@tf_export("moving_average_variables")
def moving_average_variables(scope=None):
  return ops.get_collection(ops.GraphKeys.MOVING_AVERAGE_VARIABLES, scope)


# ---- initializers -----------------------------------------------------------------------------
@tf_export("initializers.variables", "variables_initializer")
def variables_initializer(var_list, name="init"):
  if var_list:
    return control_flow_ops.group(*[v.initializer for v in var_list], name=name)
  return control_flow_ops.no_op(name=name)


@tf_export("initialize_variables")
def initialize_variables(var_list, name="init"):
  return variables_initializer(var_list, name=name)


@tf_export("initializers.global_variables", "global_variables_initializer")
def global_variables_initializer():
  return variables_initializer(global_variables())


@tf_export("initialize_all_variables")
def initialize_all_variables():
  return global_variables_initializer()


@tf_export("initializers.local_variables", "local_variables_initializer")
def local_variables_initializer():
  return variables_initializer(local_variables())


@tf_export("initialize_local_variables")
def initialize_local_variables():
  return local_variables_initializer()


@fallback_export("initializers.tables_initializer", "tables_initializer")
def tables_initializer(name="init_all_tables"):
  initializers = ops.get_collection(ops.GraphKeys.TABLE_INITIALIZERS)
  if initializers:
    return control_flow_ops.group(*initializers, name=name)
  return control_flow_ops.no_op(name=name)


@tf_export("is_variable_initialized")
def is_variable_initialized(variable):
  return state_ops.is_variable_initialized(variable)


@tf_export("assert_variables_initialized")
def assert_variables_initialized(var_list=None):
  """An op that fails (FailedPrecondition) unless every variable is initialized."""
  if var_list is None:
    var_list = global_variables() + local_variables()
  if not var_list:
    var_list = [op.outputs[0] for op in ops.get_default_graph().get_operations()
                if op.type in ("Variable", "VariableV2", "AutoReloadVariable")]
  if not var_list:
    return None
  ranks = []
  for var in var_list:
    with ops.colocate_with(var.op):
      ranks.append(array_ops.rank_internal(var, optimize=False))
  if len(ranks) == 1:
    return ranks[0]
  return array_ops.stack(ranks)


@tf_export("report_uninitialized_variables")
def report_uninitialized_variables(var_list=None, name="report_uninitialized_variables"):
  """A 1-D string tensor naming the variables of `var_list` not yet initialized."""
  if var_list is None:
    var_list = global_variables() + local_variables()
    if not var_list:
      var_list = [op.outputs[0] for op in ops.get_default_graph().get_operations()
                  if op.type in ("Variable", "VariableV2", "AutoReloadVariable")]
  with ops.name_scope(name):
    if var_list:
      init_vars = [state_ops.is_variable_initialized(v) for v in var_list]
    local_device = os.environ.get("TF_DEVICE_FOR_UNINITIALIZED_VARIABLE_REPORTING", "/cpu:0")
    with ops.device(local_device):
      if not var_list:
        return array_ops.constant([], dtype=dtypes.string)
      variables_mask = math_ops.logical_not(array_ops.stack(init_vars))
      variable_names_tensor = array_ops.constant([s.op.name for s in var_list])
      return array_ops.boolean_mask(variable_names_tensor, variables_mask)


def _all_saveable_objects(scope=None):
  """What a Saver saves by default: the global variables and the saveable objects."""
  return (ops.get_collection(ops.GraphKeys.GLOBAL_VARIABLES, scope)
          + ops.get_collection(ops.GraphKeys.SAVEABLE_OBJECTS, scope))
