"""The graph construction of tf.gradients (TF 1.15's reverse-mode algorithm, graph mode only).

Ops between xs and ys are visited in reverse topological order driven by pending counts; the
gradients arriving at each output are aggregated (AddN, or a pairwise tree), then the op's
registered gradient function is called inside the `<op>_grad` name scope.
"""

import collections
import contextlib

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import indexed_slices
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import control_flow_ops
from tensorflow.python.ops import gen_math_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.util.tf_export import tf_export

IndexedSlices = indexed_slices.IndexedSlices

_TRAINABLE_DTYPES = frozenset([dtypes.float16, dtypes.float32, dtypes.float64,
                               dtypes.complex64, dtypes.complex128, dtypes.resource,
                               dtypes.variant])


def IsTrainable(tensor_or_dtype):  # pylint: disable=invalid-name
  dtype = tensor_or_dtype.dtype if isinstance(tensor_or_dtype, ops.Tensor) else tensor_or_dtype
  return dtypes.as_dtype(dtype).base_dtype in _TRAINABLE_DTYPES


def _IsBackpropagatable(tensor):  # pylint: disable=invalid-name
  return IsTrainable(tensor) or tensor.dtype.base_dtype == dtypes.bfloat16


def _is_resource_variable(x):
  try:
    from tensorflow.python.ops import resource_variable_ops  # pylint: disable=g-import-not-at-top
  except ImportError:
    return False
  return resource_variable_ops.is_resource_variable(x)


def _AsList(x):  # pylint: disable=invalid-name
  return x if isinstance(x, (list, tuple)) else [x]


@tf_export("AggregationMethod")
class AggregationMethod(object):
  """How several gradient terms for one tensor are combined."""
  ADD_N = 0
  DEFAULT = ADD_N
  EXPERIMENTAL_TREE = 1
  EXPERIMENTAL_ACCUMULATE_N = 2


@contextlib.contextmanager
def _maybe_colocate_with(op, colocate):
  if colocate:
    with ops.get_default_graph()._colocate_with_for_gradient(op, None):  # pylint: disable=protected-access
      yield
  else:
    yield


def _pending_count(to_ops, from_ops):
  """Ops on a backprop path from from_ops to to_ops, and how many of their consumers are."""
  reached = set()
  queue = collections.deque(from_ops)
  while queue:
    op = queue.popleft()
    if op in reached:
      continue
    reached.add(op)
    for out in op.outputs:
      if _IsBackpropagatable(out):
        queue.extend(out.consumers())
  reachable_to_ops = set(op for op in to_ops if op in reached)

  between = set()
  between_list = []
  queue = collections.deque(to_ops)
  while queue:
    op = queue.popleft()
    if op in reached:
      between.add(op)
      between_list.append(op)
      reached.remove(op)
      queue.extend(t.op for t in op.inputs)

  pending = collections.defaultdict(int)
  for op in between_list:
    for t in op.inputs:
      if t.op in between:
        pending[t.op] += 1
  return reachable_to_ops, pending


def _default_grad_ys(grad_ys, ys, colocate):
  """The initial gradients: ones for each y (`grad_ys_<i>` + Fill), else Identity of grad_y."""
  if len(grad_ys) != len(ys):
    raise ValueError("Passed %d grad_ys for %d ys" % (len(grad_ys), len(ys)))
  grad_ys = [g if g is None else ops.convert_to_tensor_or_indexed_slices(g, name="grad_y")
             for g in grad_ys]
  result = []
  for i, (y, grad_y) in enumerate(zip(ys, grad_ys)):
    with _maybe_colocate_with(y.op, colocate):
      if grad_y is None:
        if y.dtype.is_complex:
          raise TypeError("Gradients of complex tensors must set grad_ys (y.dtype = %r)" %
                          y.dtype)
        result.append(array_ops.fill(
            array_ops.shape(y), constant_op.constant(1, dtype=y.dtype, name="grad_ys_%d" % i)))
        continue
      if y.dtype.is_floating or y.dtype.is_integer:
        if not grad_y.dtype.is_floating and not grad_y.dtype.is_integer:
          raise TypeError("Gradient type %s generated for real or integer-valued tensor %s "
                          "with type %s must be real or integer" %
                          (grad_y.dtype.name, y, y.dtype.name))
      elif y.dtype.is_complex:
        if not grad_y.dtype.is_complex:
          raise TypeError("Gradient type %s generated for complex-valued tensor %s with "
                          "type %s must be real" % (grad_y.dtype.name, y, y.dtype.name))
      elif y.dtype == dtypes.resource:
        if grad_y.dtype == dtypes.resource:
          raise TypeError("Input gradient %s for resource tensor %s should not be a "
                          "resource" % (grad_y, y))
      elif y.dtype != dtypes.variant:
        raise TypeError("Tensor %s with type %s must be numeric to obtain a default "
                        "gradient" % (y, y.dtype.name))
      if isinstance(grad_y, IndexedSlices):
        def _ident(t, suffix):
          return (array_ops.identity(t, name="grad_ys_%d_%s" % (i, suffix))
                  if isinstance(t, ops.Tensor) else t)
        result.append(IndexedSlices(_ident(grad_y.values, "values"),
                                    _ident(grad_y.indices, "indices"),
                                    _ident(grad_y.dense_shape, "shape")))
      else:
        if grad_y.shape.is_fully_defined() and y.shape.is_fully_defined() and \
            not grad_y.shape.is_compatible_with(y.shape):
          raise ValueError("Shapes %s and %s are incompatible (grad_ys[%d] for %s)" %
                           (grad_y.shape, y.shape, i, y.name))
        result.append(array_ops.identity(grad_y, name="grad_ys_%d" % i))
  return result


def _stop_ops(from_ops, stop_gradient_ops, pending):
  """from_ops with no predecessor in from_ops, plus the explicit stop_gradients ops."""
  stop = set()
  for op in from_ops:
    if all(pending[t.op] <= 0 for t in op.inputs):
      stop.add(op)
  stop.update(stop_gradient_ops)
  return stop


def _set_grad(grads, t, grad):
  op_grads = grads.get(t.op)
  if not op_grads:
    op_grads = [[] for _ in t.op.outputs]
    grads[t.op] = op_grads
  op_grads[t.value_index].append(grad)


def _get_grads(grads, op):
  if op in grads:
    return grads[op]
  return [[] for _ in op.outputs]


def _accumulator_shape(inputs):
  shape = tensor_shape.unknown_shape()
  for i in inputs:
    if isinstance(i, ops.Tensor):
      shape = shape.merge_with(i.get_shape())
  return shape


def _multi_device_add_n(tensor_list):
  """AddN per device, then AddN of the partial sums (a single AddN on one device)."""
  by_device = collections.defaultdict(list)
  for t in tensor_list:
    by_device[t.device].append(t)
  summands = []
  for dev in sorted(by_device, key=lambda d: "" if d is None else d):
    tensors = by_device[dev]
    with ops.get_default_graph()._colocate_with_for_gradient(  # pylint: disable=protected-access
        tensors[0].op, None, ignore_existing=True):
      summands.append(math_ops.add_n(tensors))
  return math_ops.add_n(summands)


def _as_indexed_slices(value):
  if isinstance(value, IndexedSlices):
    return value
  shape = array_ops.shape_internal(value, optimize=False)
  return IndexedSlices(value, array_ops.range(0, shape[0]), shape)


def _aggregate_indexed_slices(grads):
  """Concatenates the values and indices of several IndexedSlices (densifying none)."""
  grads = [g for g in grads if g is not None]
  if len(grads) == 1:
    return grads[0]
  slices = [_as_indexed_slices(g) for g in grads]
  values = array_ops.concat([s.values for s in slices], 0)
  indices = array_ops.concat([s.indices for s in slices], 0)
  return IndexedSlices(values, indices, slices[0].dense_shape)


def _aggregated_grads(grads, op, aggregation_method):
  if aggregation_method is None:
    aggregation_method = AggregationMethod.DEFAULT
  if aggregation_method not in (AggregationMethod.ADD_N, AggregationMethod.EXPERIMENTAL_TREE,
                                AggregationMethod.EXPERIMENTAL_ACCUMULATE_N):
    raise ValueError("Invalid aggregation_method specified %s." % aggregation_method)
  out_grads = _get_grads(grads, op)
  for i, out_grad in enumerate(out_grads):
    if not all(isinstance(g, (ops.Tensor, IndexedSlices)) for g in out_grad if g is not None):
      raise TypeError("gradients have to be either all Tensors or all IndexedSlices")
    if not out_grad:
      out_grads[i] = None
    elif len(out_grad) < 2:
      out_grads[i] = out_grad[0]
    elif all(isinstance(g, ops.Tensor) for g in out_grad if g is not None):
      if aggregation_method in (AggregationMethod.EXPERIMENTAL_TREE,
                                AggregationMethod.EXPERIMENTAL_ACCUMULATE_N):
        # Pairwise sums free each term earlier; AccumulateN is not available, so it uses this.
        with ops.name_scope(op.name + "_gradient_sum"):
          running = out_grad[0]
          for g in out_grad[1:]:
            running = math_ops.add_n([running, g])
          out_grads[i] = running
      else:
        out_grads[i] = _multi_device_add_n(out_grad)
    else:
      out_grads[i] = _aggregate_indexed_slices(out_grad)
  return out_grads


def _zeros_like_outside_loop(op, index):
  """Zeros for an output that got no gradient; for a Switch of a cond, made on the branch not
  taken (a Switch of the input, an Identity pivot) so they exist only when needed."""
  val = op.outputs[index]
  if op.type not in ("Switch", "RefSwitch"):
    return array_ops.zeros_like(val, optimize=False)
  op_ctxt = op._get_control_flow_context()  # pylint: disable=protected-access
  if op_ctxt is None:
    return array_ops.zeros_like(val, optimize=False)
  from tensorflow.python.ops import cond_v1  # pylint: disable=g-import-not-at-top
  switch_val = cond_v1.switch(op.inputs[0], op_ctxt.pred)[1 - op_ctxt.branch]
  pivot = array_ops.identity(switch_val)
  zeros_shape = array_ops.shape_internal(switch_val, optimize=False)
  with ops.control_dependencies([pivot]):
    return array_ops.zeros(zeros_shape, dtype=val.dtype)


def _verify_generated_gradients(grads, op):
  if len(grads) != len(op.inputs):
    raise ValueError("Num gradients %d generated for op %s do not match num inputs %d" %
                     (len(grads), op.node_def, len(op.inputs)))


def _get_grad(grads, t, unconnected_gradients):
  op_grads = grads.get(t.op)
  if not op_grads:
    if unconnected_gradients == "zero":
      return array_ops.zeros_like(t)
    return None
  return op_grads[t.value_index]


class _WhileLoopGradientError(LookupError, NotImplementedError):
  """Raised for gradients through a TF1 while loop (caught as either base class)."""


_LOOP_OP_TYPES = frozenset(["Enter", "RefEnter", "Exit", "RefExit", "NextIteration",
                            "RefNextIteration", "LoopCond"])


def _check_not_in_while_loop(op):
  """Backprop through a loop needs stack accumulators we lack: refuse instead of a wrong
  result."""
  ctxt = op._get_control_flow_context()  # pylint: disable=protected-access
  if op.type in _LOOP_OP_TYPES or (ctxt is not None and ctxt.GetWhileContext() is not None):
    raise _WhileLoopGradientError(
        "Gradients through tf.while_loop are not implemented in tfclassic yet (op '%s', "
        "type %s, is on the path from xs to ys)" % (op.name, op.type))


def _GradientsHelper(ys, xs, grad_ys=None, name="gradients",  # pylint: disable=invalid-name
                     colocate_gradients_with_ops=False, gate_gradients=False,
                     aggregation_method=None, stop_gradients=None,
                     unconnected_gradients="none", src_graph=None):
  """Implementation of tf.gradients."""
  if ops.executing_eagerly():
    raise RuntimeError("tf.gradients is not supported when eager execution is enabled. "
                       "Use tf.GradientTape instead.")
  unconnected_gradients = getattr(unconnected_gradients, "value", unconnected_gradients)
  if unconnected_gradients not in ("none", "zero"):
    raise ValueError("Unknown value for unconnected_gradients: %r" % unconnected_gradients)
  if src_graph is None:
    src_graph = ops.get_default_graph()
  ys = _AsList(ys)
  xs = _AsList(xs)
  stop_gradients = [] if stop_gradients is None else _AsList(stop_gradients)
  grad_ys = [None] * len(ys) if grad_ys is None else _AsList(grad_ys)

  with ops.name_scope(name, "gradients",
                      list(ys) + list(xs) + list(stop_gradients) + list(grad_ys)):
    ys = [ops.convert_to_tensor_or_indexed_slices(y, name="y") for y in ys]
    xs = [x.handle if _is_resource_variable(x) else x for x in xs]
    xs = [ops.internal_convert_to_tensor_or_indexed_slices(x, name="x_%d" % i, as_ref=True)
          for i, x in enumerate(xs)]
    stop_gradients = [ops.convert_to_tensor_or_indexed_slices(s) for s in stop_gradients]
    grad_ys = _default_grad_ys(grad_ys, ys, colocate_gradients_with_ops)

    to_ops = [t.op for t in ys]
    from_ops = [t.op for t in xs]
    stop_gradient_ops = [t.op for t in stop_gradients]
    reachable_to_ops, pending = _pending_count(to_ops, from_ops)

    grads = {}
    for y, grad_y in zip(ys, grad_ys):
      _set_grad(grads, y, grad_y)

    queue = collections.deque()
    queued = set()
    for op in to_ops:
      if pending[op] == 0 and op not in queued and op in reachable_to_ops:
        queued.add(op)
        queue.append(op)

    stop_ops = _stop_ops(from_ops, stop_gradient_ops, pending)
    while queue:
      op = queue.popleft()
      with _maybe_colocate_with(op, colocate_gradients_with_ops):
        out_grads = _aggregated_grads(grads, op, aggregation_method)
        grad_fn = None
        has_out_grads = any(isinstance(g, (ops.Tensor, IndexedSlices)) or g
                            for g in out_grads)
        if has_out_grads and op not in stop_ops:
          _check_not_in_while_loop(op)
          try:
            grad_fn = ops.get_gradient_function(op)
          except LookupError:
            raise LookupError("No gradient defined for operation '%s' (op type: %s)" %
                              (op.name, op.type)) from None
        if grad_fn and has_out_grads:
          for i, out_grad in enumerate(out_grads):
            if (not isinstance(out_grad, (ops.Tensor, IndexedSlices)) and not out_grad and
                IsTrainable(op.outputs[i])):
              out_grads[i] = _zeros_like_outside_loop(op, i)
          with ops.name_scope(op.name + "_grad"):
            with src_graph._original_op(op):  # pylint: disable=protected-access
              in_grads = _AsList(grad_fn(op, *out_grads))
              _verify_generated_gradients(in_grads, op)
              if gate_gradients and len([g for g in in_grads if g is not None]) > 1:
                with ops.device(None):
                  with src_graph._colocate_with_for_gradient(  # pylint: disable=protected-access
                      None, None, ignore_existing=True):
                    in_grads = control_flow_ops.tuple(in_grads)
        else:
          in_grads = [None] * len(op.inputs)
        for i, (t_in, in_grad) in enumerate(zip(op.inputs, in_grads)):
          if in_grad is None:
            continue
          if isinstance(in_grad, ops.Tensor) and t_in.dtype != dtypes.resource:
            try:
              in_grad.set_shape(t_in.get_shape())
            except ValueError:
              raise ValueError(
                  "Incompatible shapes between op input and calculated input gradient.  "
                  "Forward operation: %s.  Input index: %d. Original input shape: %s.  "
                  "Calculated input gradient shape: %s" %
                  (op.name, i, t_in.shape, in_grad.shape)) from None
          _set_grad(grads, t_in, in_grad)

      for x in op.inputs:
        pending[x.op] -= 1
        if pending[x.op] == 0:
          queue.append(x.op)

    for x in xs:
      # An x that a while loop also reads is never dequeued (the loop's back edge keeps a
      # consumer pending); its gradient terms from outside the loop are summed here.
      op_grads = grads.get(x.op)
      if op_grads and any(isinstance(g, list) for g in op_grads):
        _aggregated_grads(grads, x.op, aggregation_method)

  return [_get_grad(grads, x, unconnected_gradients) for x in xs]
