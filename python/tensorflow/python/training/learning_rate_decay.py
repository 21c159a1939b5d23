"""Learning-rate schedules of TF 1.15 (tf.train.exponential_decay, ...), built as graph ops."""

import math

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import math_ops
from tensorflow.python.util import nest
from tensorflow.python.util.tf_export import tf_export


def _require_step(global_step, fn_name):
  if global_step is None:
    raise ValueError("global_step is required for %s." % fn_name)


def _exponential(learning_rate, global_step, decay_steps, decay_rate, staircase, name):
  with ops.name_scope(name, "ExponentialDecay",
                      [learning_rate, global_step, decay_steps, decay_rate]) as name:
    initial_learning_rate = ops.convert_to_tensor(learning_rate, name="learning_rate")
    dtype = initial_learning_rate.dtype
    decay_steps = math_ops.cast(decay_steps, dtype)
    decay_rate = math_ops.cast(decay_rate, dtype)
    global_step_recomp = math_ops.cast(global_step, dtype)
    p = global_step_recomp / decay_steps
    if staircase:
      p = math_ops.floor(p)
    return math_ops.multiply(initial_learning_rate, math_ops.pow(decay_rate, p), name=name)


@tf_export(v1=["train.exponential_decay"])
def exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
                      name=None):
  """learning_rate * decay_rate ^ (global_step / decay_steps)."""
  _require_step(global_step, "exponential_decay")
  return _exponential(learning_rate, global_step, decay_steps, decay_rate, staircase, name)


@tf_export(v1=["train.natural_exp_decay"])
def natural_exp_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
                      name=None):
  """learning_rate * exp(-decay_rate * global_step / decay_steps)."""
  _require_step(global_step, "natural_exp_decay")
  natural_exp_rate = math_ops.exp(math_ops.negative(decay_rate))
  return _exponential(learning_rate, global_step, decay_steps, natural_exp_rate, staircase, name)


@tf_export(v1=["train.inverse_time_decay"])
def inverse_time_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False,
                       name=None):
  """learning_rate / (1 + decay_rate * global_step / decay_steps)."""
  _require_step(global_step, "inverse_time_decay")
  with ops.name_scope(name, "InverseTimeDecay", [learning_rate, global_step, decay_rate]) as name:
    initial_learning_rate = ops.convert_to_tensor(learning_rate, name="learning_rate")
    dtype = initial_learning_rate.dtype
    decay_steps = math_ops.cast(decay_steps, dtype)
    decay_rate = math_ops.cast(decay_rate, dtype)
    global_step_recomp = math_ops.cast(global_step, dtype)
    p = global_step_recomp / decay_steps
    if staircase:
      p = math_ops.floor(p)
    const = math_ops.cast(constant_op.constant(1), dtype)
    denom = math_ops.add(const, math_ops.multiply(decay_rate, p))
    return math_ops.div(initial_learning_rate, denom, name=name)


@tf_export(v1=["train.polynomial_decay"])
def polynomial_decay(learning_rate, global_step, decay_steps, end_learning_rate=0.0001,
                     power=1.0, cycle=False, name=None):
  """(lr - end_lr) * (1 - step / decay_steps) ^ power + end_lr, optionally cycling."""
  _require_step(global_step, "polynomial_decay")
  with ops.name_scope(name, "PolynomialDecay",
                      [learning_rate, global_step, decay_steps, end_learning_rate, power]) as name:
    initial_learning_rate = ops.convert_to_tensor(learning_rate, name="learning_rate")
    dtype = initial_learning_rate.dtype
    end_learning_rate = math_ops.cast(end_learning_rate, dtype)
    power = math_ops.cast(power, dtype)
    global_step_recomp = math_ops.cast(global_step, dtype)
    decay_steps_recomp = math_ops.cast(decay_steps, dtype)
    if cycle:
      # Step 0 would give a zero multiplier.
      multiplier = math_ops.where(math_ops.equal(global_step_recomp, 0),
                                  array_ops_ones_like(global_step_recomp),
                                  math_ops.ceil(global_step_recomp / decay_steps))
      decay_steps_recomp = math_ops.multiply(decay_steps_recomp, multiplier)
    else:
      global_step_recomp = math_ops.minimum(global_step_recomp, decay_steps_recomp)
    p = math_ops.divide(global_step_recomp, decay_steps_recomp)
    return math_ops.add(
        math_ops.multiply(initial_learning_rate - end_learning_rate, math_ops.pow(1 - p, power)),
        end_learning_rate, name=name)


def array_ops_ones_like(x):
  from tensorflow.python.ops import array_ops  # pylint: disable=g-import-not-at-top
  return array_ops.ones_like(x)


@tf_export(v1=["train.piecewise_constant", "train.piecewise_constant_decay"])
def piecewise_constant(x, boundaries, values, name=None):
  """values[0] for x <= boundaries[0], values[i] for boundaries[i-1] < x <= boundaries[i], ...

  Built as a chain of selects (tfclassic has no `case` yet); the values are TF's.
  """
  if len(boundaries) != len(values) - 1:
    raise ValueError("The length of boundaries should be 1 less than the length of values")
  with ops.name_scope(name, "PiecewiseConstant", [x, boundaries, values, name]) as name:
    boundaries = [ops.convert_to_tensor(b) for b in nest.flatten(boundaries)]
    values = [ops.convert_to_tensor(v) for v in nest.flatten(values)]
    x_recomp = ops.convert_to_tensor(x)
    for i, b in enumerate(boundaries):
      if b.dtype.base_dtype != x_recomp.dtype.base_dtype:
        if (b.dtype.base_dtype == dtypes.int32 and
            x_recomp.dtype.base_dtype == dtypes.int64):
          boundaries[i] = math_ops.cast(b, x_recomp.dtype.base_dtype)
        else:
          raise ValueError("Boundaries (%s) must have the same dtype as x (%s)." %
                           (b.dtype.base_dtype, x_recomp.dtype.base_dtype))
    for v in values[1:]:
      if v.dtype.base_dtype != values[0].dtype.base_dtype:
        raise ValueError("Values must have elements all with the same dtype (%s vs %s)." %
                         (values[0].dtype.base_dtype, v.dtype.base_dtype))
    result = values[-1]
    for b, v in reversed(list(zip(boundaries, values[:-1]))):
      result = math_ops.where(x_recomp <= b, v, result)
    return result if not name else _identity(result, name)


def _identity(x, name):
  from tensorflow.python.ops import array_ops  # pylint: disable=g-import-not-at-top
  return array_ops.identity(x, name=name)


@tf_export(v1=["train.cosine_decay"])
def cosine_decay(learning_rate, global_step, decay_steps, alpha=0.0, name=None):
  """lr * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decay_steps) / decay_steps)) + alpha)."""
  _require_step(global_step, "cosine_decay")
  with ops.name_scope(name, "CosineDecay", [learning_rate, global_step]) as name:
    initial_learning_rate = ops.convert_to_tensor(learning_rate, name="initial_learning_rate")
    dtype = initial_learning_rate.dtype
    decay_steps = math_ops.cast(decay_steps, dtype)
    global_step_recomp = math_ops.cast(global_step, dtype)
    global_step_recomp = math_ops.minimum(global_step_recomp, decay_steps)
    completed_fraction = global_step_recomp / decay_steps
    cosine_decayed = 0.5 * (1.0 + math_ops.cos(
        constant_op.constant(math.pi, dtype=dtype) * completed_fraction))
    decayed = (1 - alpha) * cosine_decayed + alpha
    return math_ops.multiply(initial_learning_rate, decayed, name=name)


@tf_export(v1=["train.cosine_decay_restarts"])
def cosine_decay_restarts(learning_rate, global_step, first_decay_steps, t_mul=2.0, m_mul=1.0,
                          alpha=0.0, name=None):
  """Cosine decay with warm restarts (SGDR): periods grow by t_mul, peaks shrink by m_mul."""
  _require_step(global_step, "cosine_decay_restarts")
  with ops.name_scope(name, "SGDRDecay", [learning_rate, global_step]) as name:
    initial_learning_rate = ops.convert_to_tensor(learning_rate, name="initial_learning_rate")
    dtype = initial_learning_rate.dtype
    first_decay_steps = math_ops.cast(first_decay_steps, dtype)
    alpha_t = math_ops.cast(alpha, dtype)
    t_mul_t = math_ops.cast(t_mul, dtype)
    m_mul_t = math_ops.cast(m_mul, dtype)
    global_step_recomp = math_ops.cast(global_step, dtype)
    completed_fraction = global_step_recomp / first_decay_steps

    def compute_step(completed_fraction, geometric):
      if geometric:
        i_restart = math_ops.floor(
            math_ops.log(1.0 - completed_fraction * (1.0 - t_mul_t)) / math_ops.log(t_mul_t))
        sum_r = (1.0 - t_mul_t**i_restart) / (1.0 - t_mul_t)
        completed_fraction = (completed_fraction - sum_r) / t_mul_t**i_restart
      else:
        i_restart = math_ops.floor(completed_fraction)
        completed_fraction -= i_restart
      return i_restart, completed_fraction

    if isinstance(t_mul, (int, float)):
      i_restart, completed_fraction = compute_step(completed_fraction, t_mul != 1.0)
    else:
      # Both forms, then a select: tfclassic has no `cond` yet.
      i_lin, f_lin = compute_step(completed_fraction, False)
      i_geo, f_geo = compute_step(completed_fraction, True)
      is_linear = math_ops.equal(t_mul_t, 1.0)
      i_restart = math_ops.where(is_linear, i_lin, i_geo)
      completed_fraction = math_ops.where(is_linear, f_lin, f_geo)

    m_fac = m_mul_t**i_restart
    cosine_decayed = 0.5 * m_fac * (1.0 + math_ops.cos(
        constant_op.constant(math.pi, dtype=dtype) * completed_fraction))
    decayed = (1 - alpha_t) * cosine_decayed + alpha_t
    return math_ops.multiply(initial_learning_rate, decayed, name=name)


@tf_export(v1=["train.linear_cosine_decay"])
def linear_cosine_decay(learning_rate, global_step, decay_steps, num_periods=0.5, alpha=0.0,
                        beta=0.001, name=None):
  """lr * ((alpha + linear_decay) * cosine_decay + beta)."""
  _require_step(global_step, "linear_cosine_decay")
  with ops.name_scope(name, "LinearCosineDecay", [learning_rate, global_step]) as name:
    initial_learning_rate = ops.convert_to_tensor(learning_rate, name="initial_learning_rate")
    dtype = initial_learning_rate.dtype
    decay_steps = math_ops.cast(decay_steps, dtype)
    num_periods = math_ops.cast(num_periods, dtype)
    alpha = math_ops.cast(alpha, dtype)
    beta = math_ops.cast(beta, dtype)
    global_step_recomp = math_ops.cast(global_step, dtype)
    global_step_recomp = math_ops.minimum(global_step_recomp, decay_steps)
    linear_decayed = (decay_steps - global_step_recomp) / decay_steps
    completed_fraction = global_step_recomp / decay_steps
    fraction = 2.0 * num_periods * completed_fraction
    cosine_decayed = 0.5 * (1.0 + math_ops.cos(
        constant_op.constant(math.pi, dtype=dtype) * fraction))
    linear_cosine_decayed = (alpha + linear_decayed) * cosine_decayed + beta
    return math_ops.multiply(initial_learning_rate, linear_cosine_decayed, name=name)
