"""tf.variable_scope and tf.get_variable (TF 1.x): scoped, shareable variables.

Variable names follow the variable scope only; op names follow the name scope that
`variable_scope` opens beside it, so re-entering a scope puts its ops in `scope_1/` while its
variables stay `scope/...`, exactly as TF 1.15 does.
"""

import collections as collections_lib
import copy
import enum
import functools
import inspect
import sys
import threading
import traceback

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.ops import partitioned_variables
from tensorflow.python.ops import resource_variable_ops
from tensorflow.python.ops import variables
from tensorflow.python.ops.partitioned_variables import _PartitionInfo  # pylint: disable=unused-import
from tensorflow.python.ops.variables import VariableAggregation
from tensorflow.python.ops.variables import VariableSynchronization
from tensorflow.python.util.tf_export import tf_export

__all__ = [
    "AUTO_REUSE", "VariableScope", "get_variable_scope", "get_variable", "get_local_variable",
    "variable_scope", "variable_op_scope", "no_regularizer", "VariableSynchronization",
    "VariableAggregation",
]

_DEFAULT_USE_RESOURCE = False


@tf_export("enable_resource_variables")
def enable_resource_variables():
  global _DEFAULT_USE_RESOURCE
  _DEFAULT_USE_RESOURCE = True


@tf_export("resource_variables_enabled")
def resource_variables_enabled():
  return _DEFAULT_USE_RESOURCE


@tf_export("disable_resource_variables")
def disable_resource_variables():
  global _DEFAULT_USE_RESOURCE
  _DEFAULT_USE_RESOURCE = False


class _ReuseMode(enum.Enum):
  """The reuse modes beyond True/False/None: only AUTO_REUSE."""
  AUTO_REUSE = 1


AUTO_REUSE = _ReuseMode.AUTO_REUSE
tf_export("AUTO_REUSE").export_constant(__name__, "AUTO_REUSE")


@tf_export("no_regularizer")
def no_regularizer(_):
  """Use this regularizer to turn off the scope's default regularizer for one variable."""
  return None


def _fn_args(fn):
  if isinstance(fn, functools.partial):
    args = _fn_args(fn.func)
    return tuple(a for a in args[len(fn.args):] if a not in (fn.keywords or {}))
  try:
    return tuple(inspect.getfullargspec(fn).args)
  except TypeError:
    return ()


def _has_kwargs(fn):
  if isinstance(fn, functools.partial):
    fn = fn.func
  try:
    return inspect.getfullargspec(fn).varkw is not None
  except TypeError:
    return False


class _VariableStore(object):
  """All variables made by get_variable in one graph, by full name."""

  def __init__(self):
    self._vars = {}
    self._partitioned_vars = {}
    self._store_eager_variables = False

  def get_variable(self, name, shape=None, dtype=dtypes.float32, initializer=None,
                   regularizer=None, reuse=None, trainable=None, collections=None,
                   caching_device=None, partitioner=None, validate_shape=True,
                   use_resource=None, custom_getter=None, constraint=None,
                   synchronization=VariableSynchronization.AUTO,
                   aggregation=VariableAggregation.NONE):
    if custom_getter is not None and not callable(custom_getter):
      raise ValueError("Passed a custom_getter which is not callable: %s" % custom_getter)
    try:
      dtype = dtype.base_dtype
    except AttributeError:
      pass  # A NumPy dtype or a name: as_dtype handles it below.

    def _true_getter(name, shape=None, dtype=dtypes.float32, initializer=None,
                     regularizer=None, reuse=None, trainable=None, collections=None,
                     caching_device=None, partitioner=None, validate_shape=True,
                     use_resource=None, constraint=None,
                     synchronization=VariableSynchronization.AUTO,
                     aggregation=VariableAggregation.NONE):
      is_scalar = (shape is not None and isinstance(shape, collections_lib.abc.Sequence) and
                   not shape)
      if partitioner is not None and not is_scalar:
        if not callable(partitioner):
          raise ValueError("Partitioner must be callable, but received: %s" % partitioner)
        with ops.name_scope(None):
          return self._get_partitioned_variable(
              name=name, shape=shape, dtype=dtype, initializer=initializer,
              regularizer=regularizer, reuse=reuse, trainable=trainable,
              collections=collections, caching_device=caching_device,
              partitioner=partitioner, validate_shape=validate_shape,
              use_resource=use_resource, constraint=constraint,
              synchronization=synchronization, aggregation=aggregation)
      # A partitioned variable may be reused without naming its partitioner again.
      if reuse is True and partitioner is None and name in self._partitioned_vars:
        return self._get_partitioned_variable(
            name=name, shape=shape, dtype=dtype, initializer=initializer,
            regularizer=regularizer, reuse=reuse, trainable=trainable,
            collections=collections, caching_device=caching_device, partitioner=None,
            validate_shape=validate_shape, use_resource=use_resource, constraint=constraint,
            synchronization=synchronization, aggregation=aggregation)
      if "%s/part_0" % name in self._vars:
        raise ValueError("No partitioner was provided, but a partitioned version of the "
                         "variable was found: %s/part_0. Perhaps a variable of the same name "
                         "was already created with partitioning?" % name)
      return self._get_single_variable(
          name=name, shape=shape, dtype=dtype, initializer=initializer,
          regularizer=regularizer, reuse=reuse, trainable=trainable, collections=collections,
          caching_device=caching_device, validate_shape=validate_shape,
          use_resource=use_resource, constraint=constraint, synchronization=synchronization,
          aggregation=aggregation)

    synchronization, aggregation, trainable = (
        variables.validate_synchronization_aggregation_trainable(synchronization,
                                                                 aggregation, trainable,
                                                                 name))
    if custom_getter is not None:
      custom_getter_kwargs = {
          "getter": _true_getter, "name": name, "shape": shape, "dtype": dtype,
          "initializer": initializer, "regularizer": regularizer, "reuse": reuse,
          "trainable": trainable, "collections": collections,
          "caching_device": caching_device, "partitioner": partitioner,
          "validate_shape": validate_shape, "use_resource": use_resource,
          "synchronization": synchronization, "aggregation": aggregation,
      }
      if "constraint" in _fn_args(custom_getter) or _has_kwargs(custom_getter):
        custom_getter_kwargs["constraint"] = constraint
      return custom_getter(**custom_getter_kwargs)
    return _true_getter(name, shape=shape, dtype=dtype, initializer=initializer,
                        regularizer=regularizer, reuse=reuse, trainable=trainable,
                        collections=collections, caching_device=caching_device,
                        partitioner=partitioner, validate_shape=validate_shape,
                        use_resource=use_resource, constraint=constraint,
                        synchronization=synchronization, aggregation=aggregation)

  def _get_partitioned_variable(self, name, partitioner, **kwargs):
    return partitioned_variables.get_partitioned_variable(self, name, partitioner, **kwargs)

  def _get_single_variable(self, name, shape=None, dtype=dtypes.float32, initializer=None,
                           regularizer=None, partition_info=None, reuse=None, trainable=None,
                           collections=None, caching_device=None, validate_shape=True,
                           use_resource=None, constraint=None,
                           synchronization=VariableSynchronization.AUTO,
                           aggregation=VariableAggregation.NONE):
    initializing_from_value = initializer is not None and not callable(initializer)
    if shape is not None and initializing_from_value:
      raise ValueError("If initializer is a constant, do not specify shape.")
    dtype = dtypes.as_dtype(dtype)
    shape = tensor_shape.as_shape(shape)

    if name in self._vars:
      if reuse is False:
        var = self._vars[name]
        err_msg = ("Variable %s already exists, disallowed. Did you mean to set reuse=True "
                   "or reuse=tf.AUTO_REUSE in VarScope?" % name)
        if isinstance(var, resource_variable_ops.ResourceVariable):
          raise ValueError(err_msg)
        tb = [x for x in reversed(getattr(var, "_tfc_traceback", []))
              if "tensorflow/python" not in x[0]][:5]
        raise ValueError("%s Originally defined at:\n\n%s" %
                         (err_msg, "".join(traceback.format_list(tb))))
      found_var = self._vars[name]
      if not shape.is_compatible_with(found_var.get_shape()):
        raise ValueError("Trying to share variable %s, but specified shape %s and found "
                         "shape %s." % (name, shape, found_var.get_shape()))
      if not dtype.is_compatible_with(found_var.dtype):
        raise ValueError("Trying to share variable %s, but specified dtype %s and found "
                         "dtype %s." % (name, dtype.name, found_var.dtype.name))
      return found_var

    if reuse is True:
      raise ValueError("Variable %s does not exist, or was not created with "
                       "tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in "
                       "VarScope?" % name)

    if initializer is None:
      initializer, initializing_from_value = self._get_default_initializer(
          name=name, shape=shape, dtype=dtype)
    with ops.init_scope():
      if initializing_from_value:
        init_val = initializer
        variable_dtype = None
      else:
        if inspect.isclass(initializer):
          initializer = initializer()
        if shape is not None and shape.is_fully_defined():
          init_val = functools.partial(_call_initializer, initializer, shape.as_list(), dtype,
                                       partition_info)
          variable_dtype = dtype.base_dtype
        elif _takes_no_required_args(initializer):
          init_val = initializer
          variable_dtype = None
        else:
          raise ValueError("The initializer passed is not valid. It should be a callable "
                           "with no arguments and the shape should not be provided or an "
                           "instance of `tf.keras.initializers.*' and `shape` should be "
                           "fully defined.")
    if use_resource is None:
      use_resource = _DEFAULT_USE_RESOURCE
    v = variables.VariableV1(
        initial_value=init_val, name=name, trainable=trainable, collections=collections,
        caching_device=caching_device, dtype=variable_dtype, validate_shape=validate_shape,
        constraint=constraint, use_resource=use_resource, synchronization=synchronization,
        aggregation=aggregation)
    try:
      v._tfc_traceback = traceback.extract_stack()[:-2]  # pylint: disable=protected-access
    except AttributeError:
      pass  # A custom creator returned an object without a settable attribute.
    self._vars[name] = v

    if regularizer:
      with ops.colocate_with(v):
        with ops.name_scope(name + "/Regularizer/"):
          with ops.init_scope():
            loss = regularizer(v)
        if loss is not None:
          ops.add_to_collection(ops.GraphKeys.REGULARIZATION_LOSSES, loss)
    return v

  def _get_default_initializer(self, name, shape=None, dtype=dtypes.float32):
    del shape
    from tensorflow.python.ops import init_ops  # pylint: disable=g-import-not-at-top
    if dtype.is_floating:
      return init_ops.glorot_uniform_initializer(), False
    if dtype.is_integer or dtype.is_unsigned or dtype.is_bool or dtype == dtypes.string:
      return init_ops.zeros_initializer(), False
    raise ValueError("An initializer for variable %s of %s is required" %
                     (name, dtype.base_dtype))


def _call_initializer(initializer, shape, dtype, partition_info):
  return initializer(shape, dtype=dtype, partition_info=partition_info)


def _takes_no_required_args(fn):
  try:
    spec = inspect.getfullargspec(fn)
  except TypeError:
    return False
  args = list(spec.args)
  if inspect.ismethod(fn) or (not inspect.isfunction(fn) and hasattr(fn, "__call__") and
                              not inspect.isbuiltin(fn) and args and args[0] == "self"):
    args = args[1:]
  return len(args) == len(spec.defaults or [])


@tf_export("VariableScope")
class VariableScope(object):
  """A variable scope: the name prefix and defaults (reuse, initializer ...) of get_variable."""

  def __init__(self, reuse, name="", initializer=None, regularizer=None, caching_device=None,
               partitioner=None, custom_getter=None, name_scope="", dtype=dtypes.float32,
               use_resource=None, constraint=None):
    self._name = name
    self._initializer = initializer
    self._regularizer = regularizer
    self._reuse = reuse
    self._caching_device = caching_device
    self._partitioner = partitioner
    self._custom_getter = custom_getter
    self._name_scope = name_scope
    self._dtype = dtype
    self._use_resource = use_resource
    self._constraint = constraint

  @property
  def name(self):
    return self._name

  @property
  def original_name_scope(self):
    return self._name_scope

  @property
  def reuse(self):
    return self._reuse

  @property
  def initializer(self):
    return self._initializer

  @property
  def dtype(self):
    return self._dtype

  @property
  def use_resource(self):
    return self._use_resource

  @property
  def regularizer(self):
    return self._regularizer

  @property
  def caching_device(self):
    return self._caching_device

  @property
  def partitioner(self):
    return self._partitioner

  @property
  def custom_getter(self):
    return self._custom_getter

  @property
  def constraint(self):
    return self._constraint

  def reuse_variables(self):
    self._reuse = True

  def set_initializer(self, initializer):
    self._initializer = initializer

  def set_dtype(self, dtype):
    self._dtype = dtype

  def set_use_resource(self, use_resource):
    self._use_resource = use_resource

  def set_regularizer(self, regularizer):
    self._regularizer = regularizer

  def set_caching_device(self, caching_device):
    self._caching_device = caching_device

  def set_partitioner(self, partitioner):
    self._partitioner = partitioner

  def set_custom_getter(self, custom_getter):
    self._custom_getter = custom_getter

  def get_collection(self, name):
    scope = self._name + "/" if self._name else ""
    return ops.get_collection(name, scope)

  def trainable_variables(self):
    return self.get_collection(ops.GraphKeys.TRAINABLE_VARIABLES)

  def global_variables(self):
    return self.get_collection(ops.GraphKeys.GLOBAL_VARIABLES)

  def local_variables(self):
    return self.get_collection(ops.GraphKeys.LOCAL_VARIABLES)

  def get_variable(self, var_store, name, shape=None, dtype=None, initializer=None,
                   regularizer=None, reuse=None, trainable=None, collections=None,
                   caching_device=None, partitioner=None, validate_shape=True,
                   use_resource=None, custom_getter=None, constraint=None,
                   synchronization=VariableSynchronization.AUTO,
                   aggregation=VariableAggregation.NONE):
    if regularizer is None:
      regularizer = self._regularizer
    if caching_device is None:
      caching_device = self._caching_device
    if partitioner is None:
      partitioner = self._partitioner
    if custom_getter is None:
      custom_getter = self._custom_getter
    if reuse is None:
      reuse = self._reuse
    if use_resource is None:
      use_resource = self._use_resource
    full_name = self.name + "/" + name if self.name else name
    # Variable names depend on the variable scope only, never on the name scope.
    with ops.name_scope(None):
      if dtype is not None and initializer is not None and not callable(initializer):
        init_dtype = ops.convert_to_tensor(initializer).dtype.base_dtype
        if init_dtype != dtype:
          raise ValueError("Initializer type '%s' and explicit dtype '%s' don't match." %
                           (init_dtype, dtype))
      if initializer is None:
        initializer = self._initializer
      if constraint is None:
        constraint = self._constraint
      if dtype is None:
        dtype = self._dtype
      return var_store.get_variable(
          full_name, shape=shape, dtype=dtype, initializer=initializer,
          regularizer=regularizer, reuse=reuse, trainable=trainable, collections=collections,
          caching_device=caching_device, partitioner=partitioner,
          validate_shape=validate_shape, use_resource=use_resource,
          custom_getter=custom_getter, constraint=constraint, synchronization=synchronization,
          aggregation=aggregation)

  def _get_partitioned_variable(self, var_store, name, **kwargs):
    return partitioned_variables.scope_get_partitioned_variable(self, var_store, name,
                                                                **kwargs)


_VARSTORE_KEY = ("__variable_store",)
_VARSCOPESTORE_KEY = ("__varscope",)


class _VariableScopeStore(threading.local):
  """The current variable scope and how often each scope name was opened (per thread)."""

  def __init__(self):
    super(_VariableScopeStore, self).__init__()
    self.current_scope = VariableScope(False)
    self.variable_scopes_count = {}

  def open_variable_scope(self, scope_name):
    self.variable_scopes_count[scope_name] = self.variable_scopes_count.get(scope_name, 0) + 1

  def close_variable_subscopes(self, scope_name):
    for k in list(self.variable_scopes_count):
      if scope_name is None or k.startswith(scope_name + "/"):
        self.variable_scopes_count[k] = 0

  def variable_scope_count(self, scope_name):
    return self.variable_scopes_count.get(scope_name, 0)


def get_variable_scope_store():
  scope_store = ops.get_collection(_VARSCOPESTORE_KEY)
  if not scope_store:
    scope_store = _VariableScopeStore()
    ops.add_to_collection(_VARSCOPESTORE_KEY, scope_store)
  else:
    scope_store = scope_store[0]
  return scope_store


@tf_export("get_variable_scope")
def get_variable_scope():
  return get_variable_scope_store().current_scope


def _get_default_variable_store():
  store = ops.get_collection(_VARSTORE_KEY)
  if store:
    return store[0]
  store = _VariableStore()
  ops.add_to_collection(_VARSTORE_KEY, store)
  return store


@tf_export("get_variable")
def get_variable(name, shape=None, dtype=None, initializer=None, regularizer=None,
                 trainable=None, collections=None, caching_device=None, partitioner=None,
                 validate_shape=True, use_resource=None, custom_getter=None, constraint=None,
                 synchronization=VariableSynchronization.AUTO,
                 aggregation=VariableAggregation.NONE):
  return get_variable_scope().get_variable(
      _get_default_variable_store(), name, shape=shape, dtype=dtype, initializer=initializer,
      regularizer=regularizer, trainable=trainable, collections=collections,
      caching_device=caching_device, partitioner=partitioner, validate_shape=validate_shape,
      use_resource=use_resource, custom_getter=custom_getter, constraint=constraint,
      synchronization=synchronization, aggregation=aggregation)


@tf_export("get_local_variable")
def get_local_variable(name, shape=None, dtype=None, initializer=None, regularizer=None,
                       trainable=False, collections=None, caching_device=None,
                       partitioner=None, validate_shape=True, use_resource=None,
                       custom_getter=None, constraint=None,
                       synchronization=VariableSynchronization.AUTO,
                       aggregation=VariableAggregation.NONE):
  del trainable  # Local variables are never trainable.
  if collections:
    collections = list(collections) + [ops.GraphKeys.LOCAL_VARIABLES]
  else:
    collections = [ops.GraphKeys.LOCAL_VARIABLES]
  return get_variable(name, shape=shape, dtype=dtype, initializer=initializer,
                      regularizer=regularizer, trainable=False, collections=collections,
                      caching_device=caching_device, partitioner=partitioner,
                      validate_shape=validate_shape, use_resource=use_resource,
                      custom_getter=custom_getter, constraint=constraint,
                      synchronization=synchronization, aggregation=aggregation)


def _get_partitioned_variable(name, **kwargs):
  """The PartitionedVariable `name` in the current scope (create_partitioned_variables)."""
  return get_variable_scope()._get_partitioned_variable(  # pylint: disable=protected-access
      _get_default_variable_store(), name, **kwargs)


def _maybe_wrap_custom_getter(custom_getter, old_getter):
  """Chains getters: the new one receives the old one (bound to the real getter)."""
  if old_getter is None:
    return custom_getter

  def wrapped_custom_getter(getter, *args, **kwargs):
    return custom_getter(functools.partial(old_getter, getter), *args, **kwargs)

  return wrapped_custom_getter


class _pure_variable_scope(object):  # pylint: disable=invalid-name
  """Switches the current VariableScope without touching the name scope."""

  def __init__(self, name_or_scope, reuse=None, initializer=None, regularizer=None,
               caching_device=None, partitioner=None, custom_getter=None,
               old_name_scope=None, dtype=dtypes.float32, use_resource=None,
               constraint=None):
    self._name_or_scope = name_or_scope
    self._reuse = reuse
    self._initializer = initializer
    self._regularizer = regularizer
    self._caching_device = caching_device
    self._partitioner = partitioner
    self._custom_getter = custom_getter
    self._old_name_scope = old_name_scope
    self._dtype = dtype
    self._use_resource = use_resource
    self._constraint = constraint
    self._var_store = _get_default_variable_store()
    self._var_scope_store = get_variable_scope_store()
    self._last_variable_scope_object = None
    if isinstance(self._name_or_scope, VariableScope):
      self._new_name = self._name_or_scope.name
      name_scope = self._name_or_scope._name_scope  # pylint: disable=protected-access
      scope_object = VariableScope(
          self._name_or_scope.reuse if not self._reuse else self._reuse,
          name=self._new_name, initializer=self._name_or_scope.initializer,
          regularizer=self._name_or_scope.regularizer,
          caching_device=self._name_or_scope.caching_device,
          partitioner=self._name_or_scope.partitioner, dtype=self._name_or_scope.dtype,
          custom_getter=self._name_or_scope.custom_getter, name_scope=name_scope,
          use_resource=self._name_or_scope.use_resource, constraint=self._constraint)
      self._apply_overrides(scope_object, self._name_or_scope.custom_getter)
      self._cached_variable_scope_object = scope_object

  def _apply_overrides(self, scope_object, old_custom_getter):
    if self._initializer is not None:
      scope_object.set_initializer(self._initializer)
    if self._regularizer is not None:
      scope_object.set_regularizer(self._regularizer)
    if self._caching_device is not None:
      scope_object.set_caching_device(self._caching_device)
    if self._partitioner is not None:
      scope_object.set_partitioner(self._partitioner)
    if self._custom_getter is not None:
      scope_object.set_custom_getter(
          _maybe_wrap_custom_getter(self._custom_getter, old_custom_getter))
    if self._dtype is not None:
      scope_object.set_dtype(self._dtype)
    if self._use_resource is not None:
      scope_object.set_use_resource(self._use_resource)

  def __enter__(self):
    self._old = self._var_scope_store.current_scope
    if isinstance(self._name_or_scope, VariableScope):
      self._var_scope_store.open_variable_scope(self._new_name)
      self._old_subscopes = copy.copy(self._var_scope_store.variable_scopes_count)
      scope_object = self._cached_variable_scope_object
    else:
      # A sub-scope of the current one: its name extends the current name and it inherits
      # reuse and the defaults unless overridden here.
      self._new_name = (self._old.name + "/" + self._name_or_scope if self._old.name
                        else self._name_or_scope)
      self._reuse = self._reuse or self._old.reuse
      name_scope = (self._name_or_scope if self._old_name_scope is None
                    else self._old_name_scope)
      scope_object = VariableScope(
          self._reuse, name=self._new_name, initializer=self._old.initializer,
          regularizer=self._old.regularizer, caching_device=self._old.caching_device,
          partitioner=self._old.partitioner, dtype=self._old.dtype,
          use_resource=self._old.use_resource, custom_getter=self._old.custom_getter,
          name_scope=name_scope, constraint=self._constraint)
      self._apply_overrides(scope_object, self._old.custom_getter)
      self._var_scope_store.open_variable_scope(self._new_name)
    self._var_scope_store.current_scope = scope_object
    self._last_variable_scope_object = scope_object
    return scope_object

  def __exit__(self, type_arg, value_arg, traceback_arg):
    if self._var_scope_store.current_scope is not self._last_variable_scope_object:
      raise RuntimeError("Improper nesting of variable_scope.")
    if isinstance(self._name_or_scope, VariableScope):
      self._var_scope_store.variable_scopes_count = self._old_subscopes
    else:
      self._var_scope_store.close_variable_subscopes(self._new_name)
    self._var_scope_store.current_scope = self._old


def _get_unique_variable_scope(prefix):
  var_scope_store = get_variable_scope_store()
  current_scope = get_variable_scope()
  name = current_scope.name + "/" + prefix if current_scope.name else prefix
  if var_scope_store.variable_scope_count(name) == 0:
    return prefix
  idx = 1
  while var_scope_store.variable_scope_count(name + ("_%d" % idx)) > 0:
    idx += 1
  return prefix + ("_%d" % idx)


@tf_export("variable_scope")
class variable_scope(object):  # pylint: disable=invalid-name
  """Opens a variable scope and, beside it, a name scope (TF 1.x semantics)."""

  def __init__(self, name_or_scope, default_name=None, values=None, initializer=None,
               regularizer=None, caching_device=None, partitioner=None, custom_getter=None,
               reuse=None, dtype=None, use_resource=None, constraint=None,
               auxiliary_name_scope=True):
    self._name_or_scope = name_or_scope
    self._default_name = default_name
    self._values = values
    self._initializer = initializer
    self._regularizer = regularizer
    self._caching_device = caching_device
    self._partitioner = partitioner
    self._custom_getter = custom_getter
    self._reuse = reuse
    self._dtype = dtype
    self._use_resource = use_resource
    self._constraint = constraint
    if self._default_name is None and self._name_or_scope is None:
      raise TypeError("If default_name is None then name_or_scope is required")
    if self._reuse is False:
      # Scopes always inherit reuse; False means the same as None here.
      self._reuse = None
    if not (self._reuse is True or self._reuse is None or self._reuse is AUTO_REUSE):
      raise ValueError("The reuse parameter must be True or False or None.")
    if self._values is None:
      self._values = []
    self._graph = ops._get_graph_from_inputs(self._values)  # pylint: disable=protected-access
    self._cached_pure_variable_scope = None
    self._current_name_scope = None
    if not isinstance(auxiliary_name_scope, bool):
      raise TypeError("The auxiliary_name_scope must be `True` or `False`, while get "
                      "{}".format(auxiliary_name_scope))
    self._auxiliary_name_scope = auxiliary_name_scope
    self._graph_context_manager = None

  def __enter__(self):
    self._graph_context_manager = self._graph.as_default()
    self._graph_context_manager.__enter__()
    if self._cached_pure_variable_scope is not None:
      # Re-entering the same variable_scope object reuses its scopes as they were.
      if self._current_name_scope is not None:
        self._current_name_scope.__enter__()
      return self._cached_pure_variable_scope.__enter__()
    try:
      return self._enter_scope_uncached()
    except:
      self._graph_context_manager.__exit__(*sys.exc_info())
      raise

  def _pure_scope(self, name_or_scope, old_name_scope):
    return _pure_variable_scope(
        name_or_scope, reuse=self._reuse, caching_device=self._caching_device,
        partitioner=self._partitioner, custom_getter=self._custom_getter,
        old_name_scope=old_name_scope, initializer=self._initializer,
        regularizer=self._regularizer, dtype=self._dtype, use_resource=self._use_resource,
        constraint=self._constraint)

  def _enter_pure(self, pure_variable_scope):
    try:
      entered = pure_variable_scope.__enter__()
    except:
      pure_variable_scope.__exit__(*sys.exc_info())
      raise
    self._cached_pure_variable_scope = pure_variable_scope
    return entered

  def _enter_name_scope(self, current_name_scope):
    try:
      name = current_name_scope.__enter__()
    except:
      current_name_scope.__exit__(*sys.exc_info())
      raise
    self._current_name_scope = current_name_scope
    return name

  def _enter_scope_uncached(self):
    if self._auxiliary_name_scope:
      current_name_scope = None
    else:
      # Stay in the current name scope (a trailing "/" re-enters it as is).
      name_scope = ops.get_name_scope()
      current_name_scope = ops.name_scope(name_scope + "/" if name_scope else name_scope)

    if self._name_or_scope is not None:
      if not isinstance(self._name_or_scope, (VariableScope, str)):
        raise TypeError("VariableScope: name_or_scope must be a string or VariableScope.")
      if isinstance(self._name_or_scope, str):
        name_scope = self._name_or_scope
      else:
        name_scope = self._name_or_scope.name.split("/")[-1]
      if name_scope or current_name_scope:
        current_name_scope = current_name_scope or ops.name_scope(name_scope)
        current_name_scope_name = self._enter_name_scope(current_name_scope)
        if isinstance(self._name_or_scope, str):
          old_name_scope = current_name_scope_name
        else:
          old_name_scope = self._name_or_scope.original_name_scope
        return self._enter_pure(self._pure_scope(self._name_or_scope, old_name_scope))
      self._current_name_scope = None
      # Only entering the root variable scope gets here.
      return self._enter_pure(self._pure_scope(self._name_or_scope, None))

    if self._reuse:
      raise ValueError("reuse=True cannot be used without a name_or_scope")
    current_name_scope = current_name_scope or ops.name_scope(self._default_name)
    current_name_scope_name = self._enter_name_scope(current_name_scope)
    unique_default_name = _get_unique_variable_scope(self._default_name)
    return self._enter_pure(_pure_variable_scope(
        unique_default_name, initializer=self._initializer, regularizer=self._regularizer,
        caching_device=self._caching_device, partitioner=self._partitioner,
        custom_getter=self._custom_getter, old_name_scope=current_name_scope_name,
        dtype=self._dtype, use_resource=self._use_resource, constraint=self._constraint))

  def __exit__(self, type_arg, value_arg, traceback_arg):
    try:
      self._cached_pure_variable_scope.__exit__(type_arg, value_arg, traceback_arg)
    finally:
      try:
        if self._current_name_scope:
          self._current_name_scope.__exit__(type_arg, value_arg, traceback_arg)
      finally:
        self._graph_context_manager.__exit__(type_arg, value_arg, traceback_arg)


@tf_export("variable_op_scope")
def variable_op_scope(values, name_or_scope, default_name=None, initializer=None,
                      regularizer=None, caching_device=None, partitioner=None,
                      custom_getter=None, reuse=None, dtype=None, use_resource=None,
                      constraint=None):
  return variable_scope(name_or_scope, default_name=default_name, values=values,
                        initializer=initializer, regularizer=regularizer,
                        caching_device=caching_device, partitioner=partitioner,
                        custom_getter=custom_getter, reuse=reuse, dtype=dtype,
                        use_resource=use_resource, constraint=constraint)


# ---- variable creation ------------------------------------------------------------------------
def default_variable_creator(next_creator=None, **kwargs):
  """The end of the creator chain: a RefVariable, or a ResourceVariable when asked for."""
  del next_creator
  initial_value = kwargs.get("initial_value", None)
  trainable = kwargs.get("trainable", None)
  collections = kwargs.get("collections", None)
  validate_shape = kwargs.get("validate_shape", True)
  caching_device = kwargs.get("caching_device", None)
  name = kwargs.get("name", None)
  variable_def = kwargs.get("variable_def", None)
  dtype = kwargs.get("dtype", None)
  expected_shape = kwargs.get("expected_shape", None)
  import_scope = kwargs.get("import_scope", None)
  constraint = kwargs.get("constraint", None)
  use_resource = kwargs.get("use_resource", None)
  synchronization = kwargs.get("synchronization", None)
  aggregation = kwargs.get("aggregation", None)
  shape = kwargs.get("shape", None)
  if use_resource is None:
    use_resource = get_variable_scope().use_resource
  if use_resource is None:
    use_resource = _DEFAULT_USE_RESOURCE
  if use_resource:
    return resource_variable_ops.ResourceVariable(
        initial_value=initial_value, trainable=trainable, collections=collections,
        validate_shape=validate_shape, caching_device=caching_device, name=name,
        dtype=dtype, constraint=constraint, variable_def=variable_def,
        import_scope=import_scope, synchronization=synchronization,
        aggregation=aggregation, shape=shape)
  return variables.RefVariable(
      initial_value=initial_value, trainable=trainable, collections=collections,
      validate_shape=validate_shape, caching_device=caching_device, name=name, dtype=dtype,
      constraint=constraint, variable_def=variable_def, expected_shape=expected_shape,
      import_scope=import_scope, synchronization=synchronization, aggregation=aggregation,
      shape=shape)


@tf_export("variable_creator_scope")
def variable_creator_scope(variable_creator):
  """Pushes `variable_creator(next_creator, **kwargs)` onto the graph's creator stack."""
  return ops.get_default_graph()._variable_creator_scope(variable_creator)  # pylint: disable=protected-access
