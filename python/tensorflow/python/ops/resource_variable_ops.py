"""Resource variables (TF 1.x graph mode): a `VarHandleOp` handle read and written by
`ReadVariableOp` / `AssignVariableOp` / `AssignAddVariableOp` ... as TF 1.15 builds them."""

from tensorflow.core.framework import attr_value_pb2
from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import indexed_slices
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_resource_variable_ops
from tensorflow.python.ops import gen_state_ops
from tensorflow.python.ops import variables
from tensorflow.python.util import compat


def _variable_handle_from_shape_and_dtype(shape, dtype, shared_name, name, graph_mode=True,
                                          initial_value=None):
  del graph_mode, initial_value
  container = ops.get_default_graph()._container  # pylint: disable=protected-access
  if container is None:
    container = ""
  shape = tensor_shape.as_shape(shape)
  dtype = dtypes.as_dtype(dtype)
  return gen_resource_variable_ops.var_handle_op(shape=shape, dtype=dtype,
                                                 shared_name=shared_name, name=name,
                                                 container=container)


def eager_safe_variable_handle(initial_value, shape, shared_name, name, graph_mode):
  return _variable_handle_from_shape_and_dtype(shape, initial_value.dtype.base_dtype,
                                               shared_name, name, graph_mode, initial_value)


def variable_accessed(variable):
  """Gradient tapes would record the read here; graph mode has nothing to do."""
  del variable


def is_resource_variable(var):
  return isinstance(var, BaseResourceVariable) or hasattr(var, "_should_act_as_resource_variable")


def shape_safe_assign_variable_handle(handle, shape, value, name=None):
  """AssignVariableOp after checking that `value` fits the variable's static `shape`."""
  value_tensor = ops.convert_to_tensor(value)
  shape.assert_is_compatible_with(value_tensor.shape)
  return gen_resource_variable_ops.assign_variable_op(handle, value_tensor, name=name)


class BaseResourceVariable(variables.Variable):
  """What every resource variable shares: reads and writes go through its handle."""

  def _init_base(self, trainable=None, shape=None, dtype=None, handle=None, constraint=None,
                 synchronization=None, aggregation=None, name=None, unique_id=None,
                 handle_name=None, graph_element=None, initial_value=None, initializer_op=None,
                 is_initialized_op=None, cached_value=None, caching_device=None):
    synchronization, aggregation, trainable = (
        variables.validate_synchronization_aggregation_trainable(synchronization,
                                                                 aggregation, trainable,
                                                                 name))
    self._trainable = trainable
    self._synchronization = synchronization
    self._aggregation = aggregation
    self._handle = handle
    self._shape = tensor_shape.as_shape(shape)
    self._dtype = dtypes.as_dtype(dtype)
    self._constraint = constraint
    self._handle_name = (handle_name or "") + ":0"
    self._unique_id_value = unique_id
    self._graph_element = graph_element
    self._initial_value = initial_value
    self._initializer_op = initializer_op
    self._is_initialized_op = is_initialized_op
    self._cached_value = cached_value
    self._caching_device = caching_device
    self._save_slice_info = None

  def __repr__(self):
    return "<tf.Variable '%s' shape=%s dtype=%s>" % (self.name, self.get_shape(),
                                                     self.dtype.name)

  # ---- identity ----------------------------------------------------------------------------
  @property
  def _unique_id(self):
    return self._unique_id_value

  @property
  def dtype(self):
    return self._dtype

  @property
  def device(self):
    return self._handle.device

  @property
  def graph(self):
    return self._handle.graph

  @property
  def name(self):
    return self._handle_name

  @property
  def shape(self):
    return self._shape

  def set_shape(self, shape):
    self._shape = self._shape.merge_with(shape)

  @property
  def create(self):
    return self._initializer_op

  @property
  def handle(self):
    return self._handle

  @property
  def initializer(self):
    return self._initializer_op

  @property
  def initial_value(self):
    return self._initial_value

  @property
  def op(self):
    return self._handle.op

  @property
  def caching_device(self):
    return self._caching_device

  def _as_graph_element(self):
    return self._graph_element

  # ---- reading -----------------------------------------------------------------------------
  def _read_variable_op(self):
    variable_accessed(self)
    result = gen_resource_variable_ops.read_variable_op(self._handle, self._dtype)
    _maybe_set_handle_data(self._dtype, self._handle, result, self._shape)
    return result

  def value(self):
    if self._cached_value is not None:
      return self._cached_value
    with ops.colocate_with(None, ignore_existing=True):
      with ops.device(self._handle.device):
        return self._read_variable_op()

  def read_value(self):
    with ops.name_scope("Read"):
      value = self._read_variable_op()
    return array_ops.identity(value)

  def eval(self, session=None):
    return self._graph_element.eval(session=session)

  def is_initialized(self, name=None):
    return gen_resource_variable_ops.var_is_initialized_op(self.handle, name)

  def sparse_read(self, indices, name=None):
    with ops.name_scope("Gather" if name is None else name) as name:
      variable_accessed(self)
      value = gen_resource_variable_ops.resource_gather(self._handle, indices,
                                                        dtype=self._dtype, name=name)
      if self._shape.ndims is not None:
        value.set_shape(value.op.inputs[1].shape.concatenate(self._shape[1:]))
    return array_ops.identity(value)

  def gather_nd(self, indices, name=None):
    with ops.name_scope("GatherNd" if name is None else name) as name:
      variable_accessed(self)
      value = gen_resource_variable_ops.resource_gather_nd(self._handle, indices,
                                                           dtype=self._dtype, name=name)
    return array_ops.identity(value)

  def _ref(self):
    raise ValueError("Resource variables have no ref tensor; use `.handle` or `.value()`.")

  # ---- writing -----------------------------------------------------------------------------
  def _lazy_read(self, op):
    variable_accessed(self)
    return _UnreadVariable(handle=self._handle, dtype=self.dtype, shape=self._shape,
                           parent_op=op, unique_id=self._unique_id)

  def assign(self, value, use_locking=None, name=None, read_value=True):
    del use_locking
    value_tensor = ops.convert_to_tensor(value, dtype=self.dtype)
    self._shape.assert_is_compatible_with(value_tensor.shape)
    assign_op = gen_resource_variable_ops.assign_variable_op(self.handle, value_tensor,
                                                             name=name)
    if read_value:
      return self._lazy_read(assign_op)
    return assign_op

  def assign_add(self, delta, use_locking=None, name=None, read_value=True):
    del use_locking
    assign_add_op = gen_resource_variable_ops.assign_add_variable_op(
        self.handle, ops.convert_to_tensor(delta, dtype=self.dtype), name=name)
    if read_value:
      return self._lazy_read(assign_add_op)
    return assign_add_op

  def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
    del use_locking
    assign_sub_op = gen_resource_variable_ops.assign_sub_variable_op(
        self.handle, ops.convert_to_tensor(delta, dtype=self.dtype), name=name)
    if read_value:
      return self._lazy_read(assign_sub_op)
    return assign_sub_op

  def _scatter(self, fn_name, sparse_delta, name):
    if not isinstance(sparse_delta, ops.IndexedSlices):
      raise TypeError("sparse_delta is not IndexedSlices: %s" % sparse_delta)
    fn = getattr(gen_resource_variable_ops, fn_name)
    return self._lazy_read(fn(self.handle, sparse_delta.indices,
                              ops.convert_to_tensor(sparse_delta.values, self.dtype),
                              name=name))

  def scatter_sub(self, sparse_delta, use_locking=False, name=None):
    return self._scatter("resource_scatter_sub", sparse_delta, name)

  def scatter_add(self, sparse_delta, use_locking=False, name=None):
    return self._scatter("resource_scatter_add", sparse_delta, name)

  def scatter_max(self, sparse_delta, use_locking=False, name=None):
    return self._scatter("resource_scatter_max", sparse_delta, name)

  def scatter_min(self, sparse_delta, use_locking=False, name=None):
    return self._scatter("resource_scatter_min", sparse_delta, name)

  def scatter_mul(self, sparse_delta, use_locking=False, name=None):
    return self._scatter("resource_scatter_mul", sparse_delta, name)

  def scatter_div(self, sparse_delta, use_locking=False, name=None):
    return self._scatter("resource_scatter_div", sparse_delta, name)

  def scatter_update(self, sparse_delta, use_locking=False, name=None):
    return self._scatter("resource_scatter_update", sparse_delta, name)

  def scatter_nd_sub(self, indices, updates, name=None):
    return self._lazy_read(gen_state_ops.resource_scatter_nd_sub(
        self.handle, indices, ops.convert_to_tensor(updates, self.dtype), name=name))

  def scatter_nd_add(self, indices, updates, name=None):
    return self._lazy_read(gen_state_ops.resource_scatter_nd_add(
        self.handle, indices, ops.convert_to_tensor(updates, self.dtype), name=name))

  def scatter_nd_update(self, indices, updates, name=None):
    return self._lazy_read(gen_state_ops.resource_scatter_nd_update(
        self.handle, indices, ops.convert_to_tensor(updates, self.dtype), name=name))

  def count_up_to(self, limit):
    return gen_state_ops.resource_count_up_to(self.handle, limit=limit, T=self.dtype)

  def _strided_slice_assign(self, begin, end, strides, value, name, begin_mask, end_mask,
                            ellipsis_mask, new_axis_mask, shrink_axis_mask):
    from tensorflow.python.ops import gen_array_ops  # pylint: disable=g-import-not-at-top
    return self._lazy_read(gen_array_ops.resource_strided_slice_assign(
        ref=self.handle, begin=begin, end=end, strides=strides,
        value=ops.convert_to_tensor(value, dtype=self.dtype), name=name,
        begin_mask=begin_mask, end_mask=end_mask, ellipsis_mask=ellipsis_mask,
        new_axis_mask=new_axis_mask, shrink_axis_mask=shrink_axis_mask))

  # ---- conversion and serialization --------------------------------------------------------
  def _dense_var_to_tensor(self, dtype=None, name=None, as_ref=False):
    del name
    if dtype is not None and not dtype.is_compatible_with(self.dtype):
      raise ValueError("Incompatible type conversion requested to type {!r} for variable "
                       "of type {!r}".format(dtype.name, self.dtype.name))
    if as_ref:
      return self.read_value().op.inputs[0]
    return self.value()

  def to_proto(self, export_scope=None):
    if export_scope is None or self.handle.name.startswith(export_scope):
      var_def = variables._variable_pb2().VariableDef()  # pylint: disable=protected-access
      var_def.variable_name = ops.strip_name_scope(self.handle.name, export_scope)
      if self._initial_value is not None:
        var_def.initial_value_name = ops.strip_name_scope(self._initial_value.name,
                                                          export_scope)
      var_def.initializer_name = ops.strip_name_scope(self.initializer.name, export_scope)
      if self._cached_value is not None:
        var_def.snapshot_name = ops.strip_name_scope(self._cached_value.name, export_scope)
      else:
        var_def.snapshot_name = ops.strip_name_scope(self._graph_element.name, export_scope)
      var_def.is_resource = True
      var_def.trainable = self.trainable
      var_def.synchronization = self.synchronization.value
      var_def.aggregation = self.aggregation.value
      if self._save_slice_info:
        var_def.save_slice_info_def.MergeFrom(
            self._save_slice_info.to_proto(export_scope=export_scope))
      return var_def
    return None


def _dense_var_to_tensor(var, dtype=None, name=None, as_ref=False):
  return var._dense_var_to_tensor(dtype=dtype, name=name, as_ref=as_ref)  # pylint: disable=protected-access


ops.register_tensor_conversion_function(BaseResourceVariable, _dense_var_to_tensor)


class ResourceVariable(BaseResourceVariable):
  """A variable held by a resource handle: VarHandleOp, AssignVariableOp, ReadVariableOp."""

  def __init__(self, initial_value=None, trainable=None, collections=None,
               validate_shape=True, caching_device=None, name=None, dtype=None,
               variable_def=None, import_scope=None, constraint=None,
               distribute_strategy=None, synchronization=None, aggregation=None, shape=None):
    del distribute_strategy
    if variable_def:
      if initial_value is not None:
        raise ValueError("variable_def and initial_value are mutually exclusive.")
      self._init_from_proto(variable_def, import_scope=import_scope)
    else:
      self._init_from_args(initial_value=initial_value, trainable=trainable,
                           collections=collections, caching_device=caching_device,
                           name=name, dtype=dtype, constraint=constraint,
                           synchronization=synchronization, aggregation=aggregation,
                           shape=shape, validate_shape=validate_shape)

  def _init_from_args(self, initial_value=None, trainable=None, collections=None,
                      caching_device=None, name=None, dtype=None, constraint=None,
                      synchronization=None, aggregation=None, shape=None,
                      validate_shape=True):
    del validate_shape  # Ignored for resource variables, as in TF 1.15.
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
    synchronization, aggregation, trainable = (
        variables.validate_synchronization_aggregation_trainable(synchronization,
                                                                 aggregation, trainable,
                                                                 name))
    if trainable and ops.GraphKeys.TRAINABLE_VARIABLES not in collections:
      collections = list(collections) + [ops.GraphKeys.TRAINABLE_VARIABLES]
    with ops.init_scope():
      with ops.name_scope(name, "Variable", [] if init_from_fn else [initial_value]) as name:
        handle_name = ops.name_from_scope_name(name)
        shared_name = handle_name
        unique_id = shared_name
        # The handle does not exist yet, so colocation with it is by name (_class attr).
        attr = attr_value_pb2.AttrValue(list=attr_value_pb2.AttrValue.ListValue(
            s=[compat.as_bytes("loc:@%s" % handle_name)]))
        with ops.get_default_graph()._attr_scope({"_class": attr}):  # pylint: disable=protected-access
          with ops.name_scope("Initializer"), ops.device(None):
            initial_value = ops.convert_to_tensor(
                initial_value() if init_from_fn else initial_value, name="initial_value",
                dtype=dtype)
          # TF 1.15 ignores validate_shape here: only an explicit `shape` loosens the
          # variable's shape.
          if shape is not None:
            shape = tensor_shape.as_shape(shape)
            if not initial_value.shape.is_compatible_with(shape):
              raise ValueError(
                  "The initial value's shape (%s) is not compatible with the explicitly "
                  "supplied `shape` argument (%s)." % (initial_value.shape, shape))
          else:
            shape = initial_value.shape
          handle = eager_safe_variable_handle(initial_value=initial_value, shape=shape,
                                              shared_name=shared_name, name=name,
                                              graph_mode=True)
        if initial_value.op._get_control_flow_context() is not None:  # pylint: disable=protected-access
          raise ValueError(
              "Initializer for variable %s is from inside a control-flow construct, such as "
              "a loop or conditional. When creating a variable inside a loop or "
              "conditional, use a lambda as the initializer." % name)
        dtype = initial_value.dtype.base_dtype
        with ops.name_scope("IsInitialized"):
          is_initialized_op = gen_resource_variable_ops.var_is_initialized_op(handle)
        with ops.name_scope("Assign") as n, ops.colocate_with(None, ignore_existing=True), \
            ops.device(handle.device):
          initializer_op = gen_resource_variable_ops.assign_variable_op(
              handle, variables._try_guard_against_uninitialized_dependencies(  # pylint: disable=protected-access
                  name, initial_value), name=n)
        with ops.name_scope("Read"):
          with ops.device(handle.device):
            value = gen_resource_variable_ops.read_variable_op(handle, dtype)
            _maybe_set_handle_data(dtype, handle, value, shape)
          if caching_device is not None:
            with ops.colocate_with(None, ignore_existing=True):
              with ops.device(caching_device):
                cached_value = array_ops.identity(value)
          else:
            cached_value = None
        ops.add_to_collections(collections, self)
    self._init_base(trainable=trainable, shape=shape, dtype=dtype, handle=handle,
                    synchronization=synchronization, constraint=constraint,
                    aggregation=aggregation, name=name, unique_id=unique_id,
                    handle_name=handle_name, graph_element=value,
                    initial_value=initial_value, initializer_op=initializer_op,
                    is_initialized_op=is_initialized_op, cached_value=cached_value,
                    caching_device=caching_device)

  def _init_from_proto(self, variable_def, import_scope=None):
    if not variable_def.is_resource:
      raise ValueError("Trying to restore Variable as ResourceVariable.")
    g = ops.get_default_graph()
    handle = g.as_graph_element(
        ops.prepend_name_scope(variable_def.variable_name, import_scope=import_scope))
    shape = tensor_shape.TensorShape(handle.op.get_attr("shape"))
    dtype = handle.op.get_attr("dtype")
    handle_name = handle.op.name
    initializer_op = g.as_graph_element(
        ops.prepend_name_scope(variable_def.initializer_name, import_scope=import_scope))
    initial_value = None
    if variable_def.initial_value_name:
      initial_value = g.as_graph_element(
          ops.prepend_name_scope(variable_def.initial_value_name, import_scope=import_scope))
    snapshot = g.as_graph_element(
        ops.prepend_name_scope(variable_def.snapshot_name, import_scope=import_scope))
    if snapshot.op.type != "ReadVariableOp":
      cached_value = snapshot
      graph_element = snapshot
      while graph_element.op.type != "ReadVariableOp" and graph_element.op.inputs:
        graph_element = graph_element.op.inputs[0]
    else:
      cached_value = None
      graph_element = snapshot
    self._init_base(trainable=variable_def.trainable, shape=shape, dtype=dtype,
                    handle=handle, synchronization=variable_def.synchronization,
                    aggregation=variable_def.aggregation, name=handle_name,
                    unique_id=handle_name, handle_name=handle_name,
                    graph_element=graph_element, initial_value=initial_value,
                    initializer_op=initializer_op, is_initialized_op=None,
                    cached_value=cached_value)
    if variable_def.HasField("save_slice_info_def"):
      self._save_slice_info = variables.Variable.SaveSliceInfo(
          save_slice_info_def=variable_def.save_slice_info_def, import_scope=import_scope)


class _UnreadVariable(BaseResourceVariable):
  """What a resource assign returns: the variable, read after the update `parent_op`."""

  def __init__(self, handle, dtype, shape, parent_op, unique_id):
    with ops.control_dependencies([parent_op]):
      graph_element = gen_resource_variable_ops.read_variable_op(handle, dtype)
      _maybe_set_handle_data(dtype, handle, graph_element, shape)
    self._init_base(trainable=False, shape=shape, dtype=dtype, handle=handle,
                    unique_id=unique_id, handle_name=handle.op.name,
                    graph_element=graph_element)
    self._parent_op = parent_op

  @property
  def name(self):
    return self._parent_op.name

  def value(self):
    return self._read_variable_op()

  def read_value(self):
    return self._read_variable_op()

  def _read_variable_op(self):
    with ops.control_dependencies([self._parent_op]):
      result = gen_resource_variable_ops.read_variable_op(self._handle, self._dtype)
    _maybe_set_handle_data(self._dtype, self._handle, result, self._shape)
    return result

  def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
    with ops.control_dependencies([self._parent_op]):
      return super(_UnreadVariable, self).assign_sub(delta, use_locking, name, read_value)

  def assign_add(self, delta, use_locking=None, name=None, read_value=True):
    with ops.control_dependencies([self._parent_op]):
      return super(_UnreadVariable, self).assign_add(delta, use_locking, name, read_value)

  def assign(self, value, use_locking=None, name=None, read_value=True):
    with ops.control_dependencies([self._parent_op]):
      return super(_UnreadVariable, self).assign(value, use_locking, name, read_value)

  @property
  def op(self):
    return self._parent_op


def _maybe_set_handle_data(dtype, handle, tensor, shape=None):
  """TF infers a read's shape from the handle's shape data; we set the variable's shape."""
  del dtype, handle
  if shape is not None:
    tensor.set_shape(shape)


def _to_proto_fn(v, export_scope=None):
  return v.to_proto(export_scope=export_scope)


def _handle_shape(handle):
  """The variable shape TF's handle data would carry: the VarHandleOp's `shape` attr, found
  through the Identity-like ops a handle may pass through; unknown otherwise."""
  op = handle.op
  while op.type in ("Identity", "Snapshot") and op.inputs:
    op = op.inputs[0].op
  if op.type != "VarHandleOp":
    return tensor_shape.unknown_shape()
  return tensor_shape.TensorShape(op.get_attr("shape"))


def variable_shape(handle, out_type=dtypes.int32):
  """The variable's shape as a tensor: a constant when the handle's shape is fully known."""
  shape = _handle_shape(handle)
  if not shape.is_fully_defined():
    return gen_resource_variable_ops.variable_shape(handle, out_type=out_type)
  return constant_op.constant(shape.as_list(), dtype=out_type)


@ops.RegisterGradient("ReadVariableOp")
def _ReadGrad(_, grad):
  """A read passes its gradient through to the handle (the variable)."""
  return grad


@ops.RegisterGradient("ResourceGather")
def _GatherGrad(op, grad):
  """IndexedSlices over the whole variable: one row of `grad` per (flattened) index."""
  handle = op.inputs[0]
  indices = op.inputs[1]
  params_shape = variable_shape(handle)
  size = array_ops.expand_dims(array_ops.size(indices), 0)
  values_shape = array_ops.concat([size, params_shape[1:]], 0)
  values = array_ops.reshape(grad, values_shape)
  # TF's shape inference folds values_shape; ours cannot see through the concat.
  static_params = _handle_shape(handle)
  if static_params.ndims is not None:
    values.set_shape(tensor_shape.TensorShape([indices.shape.num_elements()]).concatenate(
        static_params[1:]))
  indices = array_ops.reshape(indices, size)
  return (indexed_slices.IndexedSlices(values, indices, params_shape), None)


ops.NotDifferentiable("VarIsInitializedOp")
ops.NotDifferentiable("VariableShape")
