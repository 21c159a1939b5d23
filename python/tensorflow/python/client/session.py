"""tf.Session, tf.InteractiveSession: TF 1.15's client API over the native session.

`run()` turns a fetch structure and a feed_dict into one native call. Everything derived from
the fetch structure and the feed keys (the result builder, the feed dtypes, the native
callable) is computed once per (fetches, feed keys) and cached, so a repeated
`sess.run(t, feed_dict={x: v})` only converts the values and crosses into C++ once.
"""

import collections
import random
import re
import threading
import warnings

import numpy as np

from tensorflow.core.protobuf import config_pb2
from tensorflow.python.framework import errors_impl
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.util import compat
from tensorflow.python.util.tf_export import tf_export
from tfclassic import _native

_StatusError = _native.StatusError

# TF 1.15 exports these protos at the top level.
for _name in ("ConfigProto", "GPUOptions", "GraphOptions", "OptimizerOptions", "RunOptions",
              "RunMetadata"):
  tf_export(_name)(getattr(config_pb2, _name))
del _name

# ---- conversion registry (SparseTensor and friends register here) ---------------------------
# (type, fetch_fn, feed_fn, feed_fn_for_partial_run), matched with isinstance in order.
_REGISTERED_EXPANSIONS = []


@tf_export("register_session_run_conversion_functions")
def register_session_run_conversion_functions(tensor_type, fetch_function, feed_function=None,
                                              feed_function_for_partial_run=None):
  """Teaches Session.run to fetch and feed `tensor_type` by expanding it into Tensors.

  fetch_function(obj) -> (list of fetches, contraction_fn(list of values) -> result);
  feed_function(obj, value) -> list of (tensor, value).
  """
  for conversion in _REGISTERED_EXPANSIONS:
    if issubclass(conversion[0], tensor_type):
      raise ValueError("%s has already been registered so ignore it." % tensor_type)
  _REGISTERED_EXPANSIONS.insert(0, (tensor_type, fetch_function, feed_function,
                                    feed_function_for_partial_run))


def _is_namedtuple(x):
  return isinstance(x, tuple) and hasattr(type(x), "_fields")


# ---- fetch structures -----------------------------------------------------------------------
class _FetchMapper(object):
  """Maps a fetch structure to its unique graph elements and builds results back."""

  @staticmethod
  def for_fetch(fetch, graph):
    if fetch is None:
      raise TypeError("Fetch argument %r has invalid type %r" % (fetch, type(fetch)))
    if isinstance(fetch, (list, tuple)):
      return _ListFetchMapper(fetch, graph)
    if isinstance(fetch, collections.abc.Mapping):
      return _DictFetchMapper(fetch, graph)
    for tensor_type, fetch_fn, _, _ in _REGISTERED_EXPANSIONS:
      if isinstance(fetch, tensor_type):
        fetches, contraction_fn = fetch_fn(fetch)
        return _ElementFetchMapper(fetches, contraction_fn, graph)
    return _ElementFetchMapper([fetch], lambda values: values[0], graph)


class _ElementFetchMapper(_FetchMapper):

  def __init__(self, fetches, contraction_fn, graph):
    self._unique_fetches = []
    for fetch in fetches:
      try:
        element = graph.as_graph_element(fetch, allow_tensor=True, allow_operation=True)
      except TypeError as e:
        raise TypeError("Fetch argument %r has invalid type %r, must be a string or Tensor. "
                        "(%s)" % (fetch, type(fetch), str(e)))
      except (ValueError, KeyError) as e:
        msg = e.args[0] if e.args else str(e)
        raise ValueError("Fetch argument %r cannot be interpreted as a Tensor. (%s)" %
                         (fetch, msg))
      self._unique_fetches.append(element)
    self._contraction_fn = contraction_fn

  def unique_fetches(self):
    return self._unique_fetches

  def build_results(self, values):
    if not values:
      return None  # only when fetching an empty registered expansion
    return self._contraction_fn(values)


def _uniquify_fetches(mappers):
  """Unique fetches over sub-mappers, and for each mapper the indices of its fetches."""
  unique = []
  index_of = {}
  value_indices = []
  for m in mappers:
    indices = []
    for f in m.unique_fetches():
      i = index_of.get(f)
      if i is None:
        i = len(unique)
        index_of[f] = i
        unique.append(f)
      indices.append(i)
    value_indices.append(indices)
  return unique, value_indices


class _ListFetchMapper(_FetchMapper):

  def __init__(self, fetches, graph):
    self._fetch_type = type(fetches)
    self._mappers = [_FetchMapper.for_fetch(f, graph) for f in fetches]
    self._unique_fetches, self._value_indices = _uniquify_fetches(self._mappers)

  def unique_fetches(self):
    return self._unique_fetches

  def build_results(self, values):
    results = []
    for m, vi in zip(self._mappers, self._value_indices):
      results.append(m.build_results([values[j] for j in vi]))
    if issubclass(self._fetch_type, list):
      return results
    if self._fetch_type is tuple:
      return tuple(results)
    return self._fetch_type(*results)  # namedtuple


class _DictFetchMapper(_FetchMapper):

  def __init__(self, fetches, graph):
    self._fetch_type = type(fetches)
    if isinstance(fetches, collections.defaultdict):
      self._make = lambda: collections.defaultdict(fetches.default_factory)
    else:
      self._make = self._fetch_type
    self._keys = list(fetches.keys())
    self._mappers = [_FetchMapper.for_fetch(f, graph) for f in fetches.values()]
    self._unique_fetches, self._value_indices = _uniquify_fetches(self._mappers)

  def unique_fetches(self):
    return self._unique_fetches

  def build_results(self, values):
    results = self._make()
    for k, m, vi in zip(self._keys, self._mappers, self._value_indices):
      results[k] = m.build_results([values[j] for j in vi])
    return results


def _scalarize(value):
  # TF returns 0-d results as NumPy scalars (np.float32, bytes), as PyArray_Return does.
  if type(value) is np.ndarray and value.ndim == 0:
    return value[()]
  return value


class _RunPlan(object):
  """Everything about one (fetches, feeds) signature that does not depend on values."""

  __slots__ = ("mapper", "feed_tensors", "feed_dtypes", "feed_checks", "handle",
               "fetch_slots", "single", "callable_key")

  def __init__(self, session, fetches, feed_tensors, own_handle=False):
    graph = session._graph
    self.mapper = _FetchMapper.for_fetch(fetches, graph)
    self.feed_tensors = feed_tensors
    self.feed_dtypes = [t.dtype.as_numpy_dtype for t in feed_tensors]
    self.feed_checks = [_ShapeCheck(t) for t in feed_tensors]
    feed_pos = {t: i for i, t in enumerate(feed_tensors)}
    fetch_names, fetch_index, targets = [], {}, []
    # Each unique fetch becomes ('op',), ('feed', i) or ('out', j).
    slots = []
    for f in self.mapper.unique_fetches():
      if isinstance(f, ops.Operation):
        if not graph.is_fetchable(f):
          raise ValueError("Operation %r has been marked as not fetchable." % f.name)
        targets.append(f.name)
        slots.append(None)
      else:
        if not graph.is_fetchable(f):
          raise ValueError("Operation %r has been marked as not fetchable." % f.op.name)
        if f in feed_pos:
          slots.append(-1 - feed_pos[f])
        else:
          j = fetch_index.get(f.name)
          if j is None:
            j = len(fetch_names)
            fetch_index[f.name] = j
            fetch_names.append(f.name)
          slots.append(j)
    self.fetch_slots = slots
    self.single = (isinstance(self.mapper, _ElementFetchMapper) and len(slots) == 1)
    self.callable_key = (tuple(t.name for t in feed_tensors), tuple(fetch_names),
                         tuple(targets))
    if own_handle:  # make_callable: must outlive cache evictions
      self.handle = session._new_callable(self.callable_key)
    else:
      self.handle = session._get_callable(self.callable_key)

  def build(self, outputs, feed_values):
    slots = self.fetch_slots
    if self.single:
      s = slots[0]
      if s is None:
        return self.mapper.build_results([None])
      v = outputs[s] if s >= 0 else feed_values[-1 - s]
      return self.mapper.build_results([_scalarize(v)])
    values = []
    for s in slots:
      if s is None:
        values.append(None)
      elif s >= 0:
        values.append(_scalarize(outputs[s]))
      else:
        values.append(feed_values[-1 - s])
    return self.mapper.build_results(values)


class _ShapeCheck(object):
  """Rejects feeds whose shape contradicts the tensor's static shape, remembering the last
  shape that passed so the check is one tuple comparison per run."""

  __slots__ = ("tensor", "shape", "last_ok")

  def __init__(self, tensor):
    self.tensor = tensor
    self.shape = tensor.get_shape()
    self.last_ok = None

  def __call__(self, np_val):
    s = np_val.shape
    if s == self.last_ok:
      return
    if not self.shape.is_compatible_with(s):
      raise ValueError("Cannot feed value of shape %r for Tensor %r, which has shape %r" %
                       (s, self.tensor.name, str(self.shape)))
    self.last_ok = s


def _check_int_fits(value, np_dtype):
  if np.issubdtype(np_dtype, np.integer):
    info = np.iinfo(np_dtype)
    ok = info.min <= value <= info.max
  else:
    ok = True
  if not ok:
    raise TypeError("Type of feed value " + str(value) + " with type " + str(type(value)) +
                    " is not compatible with Tensor type " + str(np_dtype) +
                    ". Try explicitly setting the type of the feed tensor to a larger type "
                    "(e.g. int64).")


def _convert_feed(value, np_dtype, check, tensor):
  if isinstance(value, ops.Tensor):
    raise TypeError("The value of a feed cannot be a tf.Tensor object. Acceptable feed values "
                    "include Python scalars, strings, lists, numpy ndarrays, or TensorHandles. "
                    "For reference, the tensor object was " + str(value) + " which was "
                    "passed to the feed with key " + str(tensor) + ".")
  if type(value) is int:
    _check_int_fits(value, np_dtype)
  np_val = np.asarray(value, dtype=np_dtype)
  check(np_val)
  return np_val


_MAX_CACHED_SIGNATURES = 4096

_NODE_IN_MESSAGE = re.compile(r"\{\{node ([^}]+)\}\}")


class SessionInterface(object):
  """Base class for implementations of TensorFlow client sessions."""

  @property
  def graph(self):
    raise NotImplementedError("graph")

  @property
  def sess_str(self):
    raise NotImplementedError("sess_str")

  def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
    raise NotImplementedError("run")

  def partial_run_setup(self, fetches, feeds=None):
    raise NotImplementedError("partial_run_setup")

  def partial_run(self, handle, fetches, feed_dict=None):
    raise NotImplementedError("partial_run")


_DeviceAttributes = collections.namedtuple(
    "_DeviceAttributes", ["name", "device_type", "memory_limit_bytes", "incarnation"])


class BaseSession(SessionInterface):
  """A session over the native runtime; see tf.Session."""

  def __init__(self, target="", graph=None, config=None):
    if graph is None:
      self._graph = ops.get_default_graph()
    else:
      if not isinstance(graph, ops.Graph):
        raise TypeError("graph must be a tf.Graph, but got %s" % type(graph))
      self._graph = graph
    self._closed = True  # until the native session exists, so __del__ stays quiet
    self._native = None
    self._opened = False
    if config is None:
      config = config_pb2.ConfigProto()
    elif not isinstance(config, config_pb2.ConfigProto):
      raise TypeError("config must be a tf.ConfigProto, but got %s" % type(config))
    target = compat.as_str(target) if target is not None else ""
    if target not in ("", "local"):
      raise NotImplementedError(
          "tfclassic runs in-process sessions only; target %r is not supported yet" % target)
    self._target = target
    self._config = config
    self._add_shapes = config.graph_options.infer_shapes
    self._lock = threading.Lock()
    self._plans = {}
    self._callables = {}
    self._native = _native.Session(
        self._graph._c_graph,
        inter_op_threads=config.inter_op_parallelism_threads,
        intra_op_threads=config.intra_op_parallelism_threads,
        log_device_placement=config.log_device_placement,
        allow_soft_placement=config.allow_soft_placement,
        max_gpus=config.device_count["GPU"] if "GPU" in config.device_count else -1,
        gpu_memory_fraction=config.gpu_options.per_process_gpu_memory_fraction,
        allow_growth=config.gpu_options.allow_growth,
        visible_device_list=config.gpu_options.visible_device_list)
    self._closed = False
    self._opened = True

  # ---- properties ---------------------------------------------------------------------------
  @property
  def graph(self):
    return self._graph

  @property
  def graph_def(self):
    return self._graph.as_graph_def(add_shapes=self._add_shapes)

  @property
  def sess_str(self):
    return self._target

  def as_default(self):
    """A context manager that makes this session the default one (for eval() and run())."""
    return ops.default_session(self)

  def list_devices(self):
    self._check_open()
    devices = []
    for name in self._native.device_names():
      if not name.startswith("/job:"):
        name = "/job:localhost/replica:0/task:0/device:" + name.split("device:")[-1].lstrip("/")
      device_type = name.rsplit(":", 2)[-2].split("/")[-1]
      devices.append(_DeviceAttributes(name, device_type, 268435456,
                                       _incarnation(name)))
    return devices

  # ---- lifecycle ----------------------------------------------------------------------------
  def close(self):
    if self._opened and not self._closed:
      self._closed = True
      native, self._native = self._native, None
      self._plans.clear()
      self._callables.clear()
      try:
        native.close()
      except _StatusError as e:
        errors_impl.raise_from_status_error(e)

  def __del__(self):
    try:
      self.close()
    except Exception:  # pylint: disable=broad-except
      pass

  def _check_open(self):
    if self._closed:
      raise RuntimeError("Attempted to use a closed Session.")

  # ---- running ------------------------------------------------------------------------------
  def _new_callable(self, key):
    try:
      return self._native.make_callable(list(key[0]), list(key[1]), list(key[2]))
    except _StatusError as e:
      self._raise(e)

  def _get_callable(self, key):
    handle = self._callables.get(key)
    if handle is None:
      if len(self._callables) >= _MAX_CACHED_SIGNATURES:
        self._drop_caches()
      handle = self._new_callable(key)
      self._callables[key] = handle
    return handle

  def _drop_caches(self):
    # Programs that build new fetches every step would otherwise grow these without bound.
    self._plans.clear()
    callables, self._callables = self._callables, {}
    for handle in callables.values():
      try:
        self._native.release_callable(handle)
      except _StatusError:
        pass

  def _raise(self, e):
    op = None
    m = _NODE_IN_MESSAGE.search(e.args[1] if len(e.args) > 1 else "")
    if m is not None:
      try:
        op = self._graph.get_operation_by_name(m.group(1))
      except (KeyError, ValueError, TypeError):
        op = None
    errors_impl.raise_from_status_error(e, op)

  def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
    """Runs the ops and evaluates the tensors in `fetches` (TF 1.15 semantics)."""
    if self._closed:
      raise RuntimeError("Attempted to use a closed Session.")
    if options is not None and not isinstance(options, config_pb2.RunOptions):
      raise TypeError("options must be a tf.RunOptions, but got %s" % type(options))
    if run_metadata is not None:
      if not isinstance(run_metadata, config_pb2.RunMetadata):
        raise TypeError("run_metadata must be a tf.RunMetadata, but got %s" %
                        type(run_metadata))
      run_metadata.Clear()  # tfclassic does not trace steps yet: valid and empty
    fetch_key = tuple(fetches) if type(fetches) is list else fetches
    try:
      key = (type(fetches), fetch_key, tuple(feed_dict) if feed_dict else ())
      plan = self._plans.get(key)
    except TypeError:  # unhashable structure (dict values that are lists ...)
      key, plan = None, None
    if plan is None:
      plan, feed_values = self._plan_and_feed(fetches, feed_dict)
      if key is not None and plan is not None:
        self._plans[key] = plan
      if plan is None:
        return self._run_uncached(fetches, feed_values)
    else:
      feed_values = []
      if feed_dict:
        for value, dtype, check, tensor in zip(feed_dict.values(), plan.feed_dtypes,
                                               plan.feed_checks, plan.feed_tensors):
          feed_values.append(_convert_feed(value, dtype, check, tensor))
    try:
      outputs = self._native.run_callable(plan.handle, feed_values)
    except _StatusError as e:
      self._raise(e)
    return plan.build(outputs, feed_values)

  def _resolve_feeds(self, feed_dict):
    """[(tensor, value)] from a feed_dict, expanding registered types. `simple` says whether
    every key was a Tensor or a name (then the feed order matches feed_dict's)."""
    pairs = []
    simple = True
    for feed, feed_val in feed_dict.items():
      expanded = None
      if not isinstance(feed, (ops.Tensor, str, bytes)):
        for tensor_type, _, feed_fn, _ in _REGISTERED_EXPANSIONS:
          if isinstance(feed, tensor_type):
            expanded = feed_fn(feed, feed_val)
            break
      if expanded is None:
        if isinstance(feed, tuple) and isinstance(feed_val, tuple):
          expanded = list(zip(feed, feed_val))
        else:
          expanded = [(feed, feed_val)]
      else:
        expanded = list(expanded)
      if len(expanded) != 1 or expanded[0][0] is not feed:
        simple = False
      for subfeed, subval in expanded:
        try:
          t = self._graph.as_graph_element(subfeed, allow_tensor=True, allow_operation=False)
        except Exception as e:  # pylint: disable=broad-except
          raise TypeError("Cannot interpret feed_dict key as Tensor: " +
                          str(e.args[0] if e.args else e))
        if not self._graph.is_feedable(t):
          raise ValueError("Tensor %s may not be fed." % t)
        pairs.append((t, subval))
    return pairs, simple

  def _plan_and_feed(self, fetches, feed_dict):
    pairs, simple = self._resolve_feeds(feed_dict) if feed_dict else ([], True)
    seen = set()
    for t, _ in pairs:
      if t in seen:
        simple = False
      seen.add(t)
    if not simple:
      return None, pairs
    feed_tensors = [t for t, _ in pairs]
    plan = _RunPlan(self, fetches, feed_tensors)
    feed_values = [_convert_feed(v, d, c, t) for (t, v), d, c in
                   zip(pairs, plan.feed_dtypes, plan.feed_checks)]
    return plan, feed_values

  def _run_uncached(self, fetches, pairs):
    # Expanded or repeated feed keys: the last value for a tensor wins, as in a dict.
    by_tensor = collections.OrderedDict()
    for t, v in pairs:
      by_tensor[t] = v
    plan = _RunPlan(self, fetches, list(by_tensor))
    feed_values = [_convert_feed(v, d, c, t) for (t, v), d, c in
                   zip(by_tensor.items(), plan.feed_dtypes, plan.feed_checks)]
    try:
      outputs = self._native.run_callable(plan.handle, feed_values)
    except _StatusError as e:
      self._raise(e)
    return plan.build(outputs, feed_values)

  def make_callable(self, fetches, feed_list=None, accept_options=False):
    """Returns a Python function that runs `fetches` given positional feed values."""
    self._check_open()
    if feed_list is not None:
      if not isinstance(feed_list, (list, tuple)):
        raise TypeError("`feed_list` must be a list or tuple.")
      feed_tensors = [self._graph.as_graph_element(f, allow_tensor=True, allow_operation=False)
                      for f in feed_list]
    else:
      feed_tensors = []
    plan = _RunPlan(self, fetches, feed_tensors, own_handle=True)
    n = len(feed_tensors)

    def _call(*args, options=None, run_metadata=None):
      if len(args) != n:
        raise TypeError("Expected %d argument(s) for the callable, got %d" % (n, len(args)))
      if options is not None or run_metadata is not None:
        if not accept_options:
          raise TypeError("This callable was made with accept_options=False")
        if run_metadata is not None:
          run_metadata.Clear()  # no step tracing yet: valid and empty
      if self._closed:
        raise RuntimeError("Attempted to use a closed Session.")
      values = [_convert_feed(v, d, c, t) for v, d, c, t in
                zip(args, plan.feed_dtypes, plan.feed_checks, plan.feed_tensors)]
      try:
        outputs = self._native.run_callable(plan.handle, values)
      except _StatusError as e:
        self._raise(e)
      return plan.build(outputs, values)

    return _call

  def partial_run_setup(self, fetches, feeds=None):
    raise NotImplementedError("partial_run is not supported yet in tfclassic "
                              "(Session.partial_run_setup)")

  def partial_run(self, handle, fetches, feed_dict=None):
    raise NotImplementedError("partial_run is not supported yet in tfclassic "
                              "(Session.partial_run)")


def _incarnation(name):
  return random.Random(hash(name) ^ id(_incarnation)).getrandbits(63) | 1


@tf_export("Session")
class Session(BaseSession):
  """A class for running TensorFlow operations (TF 1.x)."""

  def __init__(self, target="", graph=None, config=None):
    super(Session, self).__init__(target, graph, config=config)
    self._default_graph_context_manager = None
    self._default_session_context_manager = None

  def __enter__(self):
    if self._default_graph_context_manager is None:
      self._default_graph_context_manager = self.graph.as_default()
    else:
      raise RuntimeError("Session context managers are not re-entrant. Use "
                         "`Session.as_default()` if you want to enter a session multiple "
                         "times.")
    if self._default_session_context_manager is None:
      self._default_session_context_manager = self.as_default()
    self._default_graph_context_manager.__enter__()
    return self._default_session_context_manager.__enter__()

  def __exit__(self, exec_type, exec_value, exec_tb):
    if exec_type is errors_impl.OpError:
      from tensorflow.python.platform import tf_logging  # pylint: disable=g-import-not-at-top
      tf_logging.error("Session closing due to OpError: %s", (exec_value,))
    try:
      self._default_session_context_manager.__exit__(exec_type, exec_value, exec_tb)
    except RuntimeError as error:
      if error is not exec_value:
        raise
    self._default_graph_context_manager.__exit__(exec_type, exec_value, exec_tb)
    self._default_session_context_manager = None
    self._default_graph_context_manager = None
    self.close()


@tf_export("InteractiveSession")
class InteractiveSession(BaseSession):
  """A Session that installs itself as the default session (and its graph as default)."""

  _count_lock = threading.Lock()
  _active_session_count = 0

  def __init__(self, target="", graph=None, config=None):
    super(InteractiveSession, self).__init__(target, graph, config)
    with InteractiveSession._count_lock:
      if InteractiveSession._active_session_count > 0:
        warnings.warn("An interactive session is already active. This can cause out-of-memory "
                      "errors in some cases. You must explicitly call "
                      "`InteractiveSession.close()` to release resources held by the other "
                      "session(s).")
      InteractiveSession._active_session_count += 1
    self._explicitly_closed = False
    self._default_session = self.as_default()
    self._default_session.__enter__()
    self._default_graph = self.graph.as_default()
    self._default_graph.__enter__()

  def close(self):
    super(InteractiveSession, self).close()
    if not hasattr(self, "_explicitly_closed"):
      return  # __init__ failed before registering
    with InteractiveSession._count_lock:
      if not self._explicitly_closed:
        InteractiveSession._active_session_count -= 1
        self._explicitly_closed = True
      else:
        return
    if self._default_graph is not None:
      self._default_graph.__exit__(None, None, None)
      self._default_graph = None
    if self._default_session is not None:
      self._default_session.__exit__(None, None, None)
      self._default_session = None
