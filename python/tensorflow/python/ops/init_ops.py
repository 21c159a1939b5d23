"""TF 1.15's variable initializers (tf.*_initializer, tf.initializers.*).

An initializer is called as `init(shape, dtype=None, partition_info=None)` and builds the same
ops TF 1.15 builds, so seeded initial values match TF bit for bit."""

import math

import numpy as np

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import tensor_shape
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import random_ops
from tensorflow.python.util.tf_export import tf_export


def _assert_float_dtype(dtype):
  if not dtype.is_floating:
    raise ValueError("Expected floating point type, got %s." % dtype)
  return dtype


def _as_list(shape):
  if isinstance(shape, tensor_shape.TensorShape):
    return shape.as_list()
  return list(shape)


def _compute_fans(shape):
  """(fan_in, fan_out) of a weight shape: matrices use their dims, convolution kernels
  multiply in the receptive field."""
  shape = _as_list(shape)
  if len(shape) < 1:
    fan_in = fan_out = 1
  elif len(shape) == 1:
    fan_in = fan_out = shape[0]
  elif len(shape) == 2:
    fan_in, fan_out = shape[0], shape[1]
  else:
    receptive_field_size = 1
    for dim in shape[:-2]:
      receptive_field_size *= dim
    fan_in = shape[-2] * receptive_field_size
    fan_out = shape[-1] * receptive_field_size
  return int(fan_in), int(fan_out)


class Initializer(object):
  """Base class of initializers."""

  def __call__(self, shape, dtype=None, partition_info=None):
    raise NotImplementedError

  def get_config(self):
    return {}

  @classmethod
  def from_config(cls, config):
    return cls(**config)


@tf_export("initializers.zeros", "zeros_initializer")
class Zeros(Initializer):
  """Initializes to 0."""

  def __init__(self, dtype=dtypes.float32):
    self.dtype = dtypes.as_dtype(dtype)

  def __call__(self, shape, dtype=None, partition_info=None):
    if dtype is None:
      dtype = self.dtype
    return array_ops.zeros(shape, dtype)

  def get_config(self):
    return {"dtype": self.dtype.name}


@tf_export("initializers.ones", "ones_initializer")
class Ones(Initializer):
  """Initializes to 1."""

  def __init__(self, dtype=dtypes.float32):
    self.dtype = dtypes.as_dtype(dtype)

  def __call__(self, shape, dtype=None, partition_info=None):
    if dtype is None:
      dtype = self.dtype
    return array_ops.ones(shape, dtype)

  def get_config(self):
    return {"dtype": self.dtype.name}


@tf_export("initializers.constant", "constant_initializer")
class Constant(Initializer):
  """Initializes to a constant value (a scalar, or values reshaped to the shape)."""

  def __init__(self, value=0, dtype=dtypes.float32, verify_shape=False):
    if not (np.isscalar(value) or isinstance(value, (list, tuple, np.ndarray))):
      raise TypeError(
          "Invalid type for initial value: %s (expected Python scalar, list or tuple of values, "
          "or numpy.ndarray)." % type(value))
    self.value = value
    self.dtype = dtypes.as_dtype(dtype)
    self._verify_shape = verify_shape

  def __call__(self, shape, dtype=None, partition_info=None, verify_shape=None):
    if dtype is None:
      dtype = self.dtype
    if verify_shape is None:
      verify_shape = self._verify_shape
    return constant_op.constant(self.value, dtype=dtype, shape=shape, verify_shape=verify_shape)

  def get_config(self):
    return {"value": self.value, "dtype": self.dtype.name}


@tf_export("initializers.random_uniform", "random_uniform_initializer")
class RandomUniform(Initializer):
  """Uniform in [minval, maxval)."""

  def __init__(self, minval=0, maxval=None, seed=None, dtype=dtypes.float32):
    self.minval = minval
    self.maxval = maxval
    self.seed = seed
    self.dtype = dtypes.as_dtype(dtype)

  def __call__(self, shape, dtype=None, partition_info=None):
    if dtype is None:
      dtype = self.dtype
    return random_ops.random_uniform(shape, self.minval, self.maxval, dtype, seed=self.seed)

  def get_config(self):
    return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed,
            "dtype": self.dtype.name}


@tf_export("initializers.random_normal", "random_normal_initializer")
class RandomNormal(Initializer):
  """Normal(mean, stddev)."""

  def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=dtypes.float32):
    self.mean = mean
    self.stddev = stddev
    self.seed = seed
    self.dtype = _assert_float_dtype(dtypes.as_dtype(dtype))

  def __call__(self, shape, dtype=None, partition_info=None):
    if dtype is None:
      dtype = self.dtype
    return random_ops.random_normal(shape, self.mean, self.stddev, dtype, seed=self.seed)

  def get_config(self):
    return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed,
            "dtype": self.dtype.name}


@tf_export("initializers.truncated_normal", "truncated_normal_initializer")
class TruncatedNormal(Initializer):
  """Normal(mean, stddev) with values beyond 2 stddevs redrawn."""

  def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=dtypes.float32):
    self.mean = mean
    self.stddev = stddev
    self.seed = seed
    self.dtype = _assert_float_dtype(dtypes.as_dtype(dtype))

  def __call__(self, shape, dtype=None, partition_info=None):
    if dtype is None:
      dtype = self.dtype
    return random_ops.truncated_normal(shape, self.mean, self.stddev, dtype, seed=self.seed)

  def get_config(self):
    return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed,
            "dtype": self.dtype.name}


@tf_export("initializers.uniform_unit_scaling", "uniform_unit_scaling_initializer")
class UniformUnitScaling(Initializer):
  """Uniform in +-sqrt(3 / input_size) * factor, input_size = product of all but the last dim."""

  def __init__(self, factor=1.0, seed=None, dtype=dtypes.float32):
    self.factor = factor
    self.seed = seed
    self.dtype = _assert_float_dtype(dtypes.as_dtype(dtype))

  def __call__(self, shape, dtype=None, partition_info=None):
    if dtype is None:
      dtype = self.dtype
    scale_shape = _as_list(shape)
    if partition_info is not None:
      scale_shape = _as_list(partition_info.full_shape)
    input_size = 1.0
    for dim in scale_shape[:-1]:
      input_size *= float(dim)
    input_size = max(input_size, 1.0)
    max_val = math.sqrt(3 / input_size) * self.factor
    return random_ops.random_uniform(shape, -max_val, max_val, dtype, seed=self.seed)

  def get_config(self):
    return {"factor": self.factor, "seed": self.seed, "dtype": self.dtype.name}


@tf_export("initializers.variance_scaling", "variance_scaling_initializer")
class VarianceScaling(Initializer):
  """Scale / fan (fan_in, fan_out or their mean) as the variance of a truncated normal
  ("normal"/"truncated_normal"), a normal ("untruncated_normal") or a uniform."""

  def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None,
               dtype=dtypes.float32):
    if scale <= 0.:
      raise ValueError("`scale` must be positive float.")
    if mode not in {"fan_in", "fan_out", "fan_avg"}:
      raise ValueError("Invalid `mode` argument:", mode)
    distribution = distribution.lower()
    if distribution not in {"normal", "uniform", "truncated_normal", "untruncated_normal"}:
      raise ValueError("Invalid `distribution` argument:", distribution)
    self.scale = scale
    self.mode = mode
    self.distribution = distribution
    self.seed = seed
    self.dtype = _assert_float_dtype(dtypes.as_dtype(dtype))

  def __call__(self, shape, dtype=None, partition_info=None):
    if dtype is None:
      dtype = self.dtype
    scale = self.scale
    scale_shape = shape
    if partition_info is not None:
      scale_shape = partition_info.full_shape
    fan_in, fan_out = _compute_fans(scale_shape)
    if self.mode == "fan_in":
      scale /= max(1., fan_in)
    elif self.mode == "fan_out":
      scale /= max(1., fan_out)
    else:
      scale /= max(1., (fan_in + fan_out) / 2.)
    if self.distribution in ("normal", "truncated_normal"):
      # The stddev of a unit normal truncated to [-2, 2].
      stddev = math.sqrt(scale) / .87962566103423978
      return random_ops.truncated_normal(shape, 0.0, stddev, dtype, seed=self.seed)
    if self.distribution == "untruncated_normal":
      stddev = math.sqrt(scale)
      return random_ops.random_normal(shape, 0.0, stddev, dtype, seed=self.seed)
    limit = math.sqrt(3.0 * scale)
    return random_ops.random_uniform(shape, -limit, limit, dtype, seed=self.seed)

  def get_config(self):
    return {"scale": self.scale, "mode": self.mode, "distribution": self.distribution,
            "seed": self.seed, "dtype": self.dtype.name}


@tf_export("initializers.orthogonal", "orthogonal_initializer")
class Orthogonal(Initializer):
  """An orthogonal matrix (from the QR decomposition of a normal one), times gain."""

  def __init__(self, gain=1.0, seed=None, dtype=dtypes.float32):
    self.gain = gain
    self.seed = seed
    self.dtype = _assert_float_dtype(dtypes.as_dtype(dtype))

  def __call__(self, shape, dtype=None, partition_info=None):
    if dtype is None:
      dtype = self.dtype
    if len(_as_list(shape)) < 2:
      raise ValueError("The tensor to initialize must be at least two-dimensional")
    from tensorflow.python.ops import gen_linalg_ops  # pylint: disable=g-import-not-at-top
    from tensorflow.python.ops import math_ops  # pylint: disable=g-import-not-at-top
    shape = _as_list(shape)
    num_rows = 1
    for dim in shape[:-1]:
      num_rows *= dim
    num_rows = int(num_rows)
    num_cols = int(shape[-1])
    flat_shape = (num_cols, num_rows) if num_rows < num_cols else (num_rows, num_cols)
    a = random_ops.random_normal(flat_shape, dtype=dtype, seed=self.seed)
    q, r = gen_linalg_ops.qr(a, full_matrices=False)
    d = array_ops.diag_part(r)
    q *= math_ops.sign(d)
    if num_rows < num_cols:
      q = array_ops.matrix_transpose(q)
    return self.gain * array_ops.reshape(q, shape)

  def get_config(self):
    return {"gain": self.gain, "seed": self.seed, "dtype": self.dtype.name}


@tf_export("initializers.identity")
class Identity(Initializer):
  """gain * the identity matrix (2-D shapes only)."""

  def __init__(self, gain=1.0, dtype=dtypes.float32):
    self.gain = gain
    self.dtype = _assert_float_dtype(dtypes.as_dtype(dtype))

  def __call__(self, shape, dtype=None, partition_info=None):
    full_shape = shape if partition_info is None else partition_info.full_shape
    full_shape = _as_list(full_shape)
    if len(full_shape) != 2:
      raise ValueError("Identity matrix initializer can only be used for 2D matrices.")
    if dtype is None:
      dtype = self.dtype
    initializer = array_ops.eye(*full_shape, dtype=dtype)
    if partition_info is not None:
      initializer = array_ops.slice(initializer, partition_info.var_offset, shape)
    return self.gain * initializer

  def get_config(self):
    return {"gain": self.gain, "dtype": self.dtype.name}


@tf_export("initializers.glorot_uniform", "glorot_uniform_initializer")
class GlorotUniform(VarianceScaling):
  """Uniform in +-sqrt(6 / (fan_in + fan_out))."""

  def __init__(self, seed=None, dtype=dtypes.float32):
    super(GlorotUniform, self).__init__(scale=1.0, mode="fan_avg", distribution="uniform",
                                        seed=seed, dtype=dtype)

  def get_config(self):
    return {"seed": self.seed, "dtype": self.dtype.name}


@tf_export("initializers.glorot_normal", "glorot_normal_initializer")
class GlorotNormal(VarianceScaling):
  """Truncated normal with stddev sqrt(2 / (fan_in + fan_out)) (before truncation)."""

  def __init__(self, seed=None, dtype=dtypes.float32):
    super(GlorotNormal, self).__init__(scale=1.0, mode="fan_avg",
                                       distribution="truncated_normal", seed=seed, dtype=dtype)

  def get_config(self):
    return {"seed": self.seed, "dtype": self.dtype.name}


@tf_export("initializers.lecun_normal")
def lecun_normal(seed=None):
  return VarianceScaling(scale=1., mode="fan_in", distribution="truncated_normal", seed=seed)


@tf_export("initializers.lecun_uniform")
def lecun_uniform(seed=None):
  return VarianceScaling(scale=1., mode="fan_in", distribution="uniform", seed=seed)


@tf_export("initializers.he_normal")
def he_normal(seed=None):
  return VarianceScaling(scale=2., mode="fan_in", distribution="truncated_normal", seed=seed)


@tf_export("initializers.he_uniform")
def he_uniform(seed=None):
  return VarianceScaling(scale=2., mode="fan_in", distribution="uniform", seed=seed)


zeros_initializer = Zeros
ones_initializer = Ones
constant_initializer = Constant
random_uniform_initializer = RandomUniform
random_normal_initializer = RandomNormal
truncated_normal_initializer = TruncatedNormal
uniform_unit_scaling_initializer = UniformUnitScaling
variance_scaling_initializer = VarianceScaling
glorot_uniform_initializer = GlorotUniform
glorot_normal_initializer = GlorotNormal
orthogonal_initializer = Orthogonal
identity_initializer = Identity
