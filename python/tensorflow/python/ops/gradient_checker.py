"""tf.test.compute_gradient / compute_gradient_error: theoretical vs. numeric Jacobians.

The theoretical Jacobian is read one column at a time by feeding a one-hot dy into the graph
of tf.gradients; the numeric one uses central differences x +- delta per element of x, both
run in the default session (TF 1.15's gradient checker numerics, complex values counted as
two reals).
"""

import numpy as np

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import indexed_slices
from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gradients_impl
from tensorflow.python.ops import math_ops
from tensorflow.python.util.tf_export import tf_export

_ALLOWED = (dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64,
            dtypes.complex64, dtypes.complex128)


def _product(t):
  if isinstance(t, int):
    return t
  y = 1
  for x in t:
    y *= x
  return y


def _feeds(extra, new):
  if not extra:
    return new
  merged = dict(extra)
  merged.update(new)
  return merged


def _theoretical_jacobian(x, x_shape, x_data, dy, dy_shape, dx, extra_feed_dict):
  if x.dtype.is_complex:
    x_shape = tuple(x_shape) + (2,)
  dy_factor = 2 if dy.dtype.is_complex else 1
  x_size = _product(x_shape)
  x_val_size = _product(x_shape[1:])
  dy_size = _product(dy_shape) * dy_factor
  jacobian = np.zeros((x_size, dy_size), dtype=x.dtype.real_dtype.as_numpy_dtype)
  dy_data = np.zeros(dy_shape, dtype=dy.dtype.as_numpy_dtype)
  dy_flat = dy_data.ravel().view(dy.dtype.real_dtype.as_numpy_dtype)
  sess = ops.get_default_session()
  if sess is None:
    raise ValueError("compute_gradient needs a default session (use `with sess.as_default():`"
                     " or a `with tf.Session():` block)")
  for col in range(dy_size):
    dy_flat[col] = 1
    feed = _feeds(extra_feed_dict, {x: x_data, dy: dy_data})
    if isinstance(dx, indexed_slices.IndexedSlices):
      idx, vals = sess.run([dx.indices, dx.values], feed_dict=feed)
      for i, v in zip(idx, vals):
        begin = i * x_val_size
        jacobian[begin:begin + x_val_size, col] += v.flat
    else:
      backprop = sess.run(dx, feed_dict=feed)
      jacobian[:, col] = backprop.ravel().view(jacobian.dtype)
    dy_flat[col] = 0
  if not dy_size:
    backprop = sess.run(dx, feed_dict=_feeds(extra_feed_dict, {x: x_data, dy: dy_data}))
    if backprop.shape != x_data.shape:
      raise ValueError("Empty gradient has wrong shape: expected %s, got %s" %
                       (x_data.shape, backprop.shape))
    if np.any(backprop):
      raise ValueError("Empty tensor with nonzero gradients")
  return jacobian


def _numeric_jacobian(x, x_shape, x_data, y, y_shape, delta, extra_feed_dict):
  if x.dtype == dtypes.bfloat16:
    x = math_ops.cast(x, dtypes.float32)
  if y.dtype == dtypes.bfloat16:
    y = math_ops.cast(y, dtypes.float32)
  if x_data.dtype == dtypes.bfloat16.as_numpy_dtype:
    x_data = x_data.astype(np.float32)
  x_size = _product(x_shape) * (2 if x.dtype.is_complex else 1)
  y_size = _product(y_shape) * (2 if y.dtype.is_complex else 1)
  x_dtype = x.dtype.real_dtype.as_numpy_dtype
  y_dtype = y.dtype.real_dtype.as_numpy_dtype
  x_data = np.asarray(x_data, dtype=x.dtype.as_numpy_dtype)
  scale = np.asarray(2 * delta, dtype=y_dtype)[()]
  jacobian = np.zeros((x_size, y_size), dtype=x_dtype)
  for row in range(x_size):
    x_pos = x_data.copy()
    x_neg = x_data.copy()
    x_pos.ravel().view(x_dtype)[row] += delta
    y_pos = y.eval(feed_dict=_feeds(extra_feed_dict, {x: x_pos}))
    x_neg.ravel().view(x_dtype)[row] -= delta
    y_neg = y.eval(feed_dict=_feeds(extra_feed_dict, {x: x_neg}))
    diff = (y_pos - y_neg) / scale
    jacobian[row, :] = np.asarray(diff).ravel().view(y_dtype)
  return jacobian


def _dx_and_dy(x, y, y_shape):
  """The gradient of y w.r.t. x for a fed dy (an Identity keeps dy distinct from dx)."""
  with x.graph.as_default():
    dy_orig = constant_op.constant(1.0, shape=y_shape, dtype=y.dtype)
    dy = array_ops.identity(dy_orig)
  grads = gradients_impl.gradients(y, x, dy)
  assert len(grads) == 1
  return grads[0], dy_orig


def _compute_gradient(x, x_shape, dx, y, y_shape, dy, x_init_value=None, delta=1e-3,
                      extra_feed_dict=None):
  t = dtypes.as_dtype(x.dtype)
  assert t.base_dtype in _ALLOWED, "Don't support type %s for x" % t.name
  t2 = dtypes.as_dtype(y.dtype)
  assert t2.base_dtype in _ALLOWED, "Don't support type %s for y" % t2.name
  if dx is None:
    raise ValueError("Cannot compute gradient: %s does not depend on %s" % (y.name, x.name))
  if x_init_value is not None:
    i_shape = list(x_init_value.shape)
    assert list(x_shape) == i_shape, "x_shape = %s, init_data shape = %s" % (x_shape, i_shape)
    x_data = x_init_value
  else:
    x_data = np.random.random_sample(x_shape).astype(t.as_numpy_dtype)
    if t.is_complex:
      x_data.imag = np.random.random_sample(x_shape)
  jacob_t = _theoretical_jacobian(x, x_shape, x_data, dy, y_shape, dx, extra_feed_dict)
  jacob_n = _numeric_jacobian(x, x_shape, x_data, y, y_shape, delta, extra_feed_dict)
  return jacob_t, jacob_n


@tf_export("test.compute_gradient")
def compute_gradient(x, x_shape, y, y_shape, x_init_value=None, delta=1e-3, init_targets=None,
                     extra_feed_dict=None):
  """(theoretical, numeric) Jacobians of y w.r.t. x, or a list of them for a list of x."""
  if extra_feed_dict is None:
    extra_feed_dict = {}
  if init_targets is not None:
    assert isinstance(init_targets, (list, tuple))
  if isinstance(x, list):
    dxs, dys = zip(*[_dx_and_dy(xi, y, y_shape) for xi in x])
    for init in init_targets or ():
      init.run()
    if x_init_value is None:
      x_init_value = [None] * len(x)
    return [_compute_gradient(xi, xs, dxi, y, y_shape, dyi, xv, delta, extra_feed_dict)
            for xi, xs, dxi, dyi, xv in zip(x, x_shape, dxs, dys, x_init_value)]
  for init in init_targets or ():
    init.run()
  dx, dy = _dx_and_dy(x, y, y_shape)
  return _compute_gradient(x, x_shape, dx, y, y_shape, dy, x_init_value, delta,
                           extra_feed_dict)


def _compute_error(grad):
  if isinstance(grad, tuple):
    grad = [grad]
  error = 0
  for j_t, j_n in grad:
    if j_t.size or j_n.size:
      error = np.maximum(error, np.fabs(j_t - j_n).max())
  return error


@tf_export("test.compute_gradient_error")
def compute_gradient_error(x, x_shape, y, y_shape, x_init_value=None, delta=1e-3,
                           init_targets=None, extra_feed_dict=None):
  """The largest absolute difference between the theoretical and numeric Jacobians."""
  grad = compute_gradient(x, x_shape, y, y_shape, x_init_value, delta, init_targets,
                          extra_feed_dict)
  return _compute_error(grad)
