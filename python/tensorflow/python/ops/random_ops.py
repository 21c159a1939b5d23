"""TF 1.15's random ops: tf.random_normal, random_uniform, truncated_normal, random_shuffle,
multinomial / random.categorical, random_gamma, random_crop.

Each builds exactly the ops TF 1.15 builds, in the same order, so graph-seeded programs get the
op seed (the graph's last op id) and hence the numbers TF gives."""

import numpy as np

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import random_seed
from tensorflow.python.framework import tensor_shape
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import gen_random_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.util.tf_export import tf_export


def _shape_tensor(shape):
  """An int32 (or int64) shape tensor named "shape"; empty lists are int32."""
  dtype = None
  if isinstance(shape, tensor_shape.TensorShape):
    shape = shape.as_list()
  if isinstance(shape, (tuple, list)):
    if not shape:
      dtype = dtypes.int32
    else:
      shape = tuple(tensor_shape.dimension_value(d) for d in shape)
  return ops.convert_to_tensor(shape, dtype=dtype, name="shape")


def _set_static_shape(tensor, shape):
  if isinstance(shape, (tuple, list, tensor_shape.TensorShape)):
    try:
      tensor.set_shape(tensor_shape.TensorShape(
          [tensor_shape.dimension_value(d) for d in shape]))
    except (TypeError, ValueError):
      pass


def _scaled(gen_fn, default_name, shape, mean, stddev, dtype, seed, name):
  with ops.name_scope(name, default_name, [shape, mean, stddev]) as name:
    shape_tensor = _shape_tensor(shape)
    mean_tensor = ops.convert_to_tensor(mean, dtype=dtype, name="mean")
    stddev_tensor = ops.convert_to_tensor(stddev, dtype=dtype, name="stddev")
    seed1, seed2 = random_seed.get_seed(seed)
    rnd = gen_fn(shape_tensor, dtype, seed=seed1, seed2=seed2)
    mul = rnd * stddev_tensor
    value = math_ops.add(mul, mean_tensor, name=name)
    return value


@tf_export("random.normal", "random_normal")
def random_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
  """Normal samples: RandomStandardNormal * stddev + mean."""
  return _scaled(gen_random_ops.random_standard_normal, "random_normal", shape, mean, stddev,
                 dtype, seed, name)


@tf_export("random.truncated_normal", "truncated_normal")
def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
  """Normal samples more than 2 stddevs from the mean dropped and redrawn."""
  return _scaled(gen_random_ops.truncated_normal, "truncated_normal", shape, mean, stddev,
                 dtype, seed, name)


@tf_export("random.uniform", "random_uniform")
def random_uniform(shape, minval=0, maxval=None, dtype=dtypes.float32, seed=None, name=None):
  """Uniform samples in [minval, maxval); integer dtypes need maxval."""
  dtype = dtypes.as_dtype(dtype)
  if dtype not in (dtypes.float16, dtypes.bfloat16, dtypes.float32, dtypes.float64,
                   dtypes.int32, dtypes.int64):
    raise ValueError("Invalid dtype %r" % dtype)
  if maxval is None:
    if dtype.is_integer:
      raise ValueError("Must specify maxval for integer dtype %r" % dtype)
    maxval = 1
  with ops.name_scope(name, "random_uniform", [shape, minval, maxval]) as name:
    shape_t = _shape_tensor(shape)
    minval = ops.convert_to_tensor(minval, dtype=dtype, name="min")
    maxval = ops.convert_to_tensor(maxval, dtype=dtype, name="max")
    seed1, seed2 = random_seed.get_seed(seed)
    if dtype.is_integer:
      return gen_random_ops.random_uniform_int(shape_t, minval, maxval, seed=seed1,
                                               seed2=seed2, name=name)
    rnd = gen_random_ops.random_uniform(shape_t, dtype, seed=seed1, seed2=seed2)
    return math_ops.add(rnd * (maxval - minval), minval, name=name)


@tf_export("random.shuffle", "random_shuffle")
def random_shuffle(value, seed=None, name=None):
  """Shuffles value along its first dimension."""
  seed1, seed2 = random_seed.get_seed(seed)
  return gen_random_ops.random_shuffle(value, seed=seed1, seed2=seed2, name=name)


def _multinomial_impl(logits, num_samples, dtype, seed):
  logits = ops.convert_to_tensor(logits, name="logits")
  seed1, seed2 = random_seed.get_seed(seed)
  return gen_random_ops.multinomial(logits, num_samples, seed=seed1, seed2=seed2,
                                    output_dtype=dtype)


@tf_export("random.multinomial", "multinomial")
def multinomial(logits, num_samples, seed=None, name=None, output_dtype=None):
  """Class indices drawn from the categorical distributions given by logits' rows."""
  with ops.name_scope(name, "multinomial", [logits]):
    return _multinomial_impl(logits, num_samples, output_dtype, seed)


@tf_export("random.categorical")
def categorical(logits, num_samples, dtype=None, seed=None, name=None):
  """Like multinomial, with `dtype` for the output index type."""
  with ops.name_scope(name, "categorical", [logits]):
    return _multinomial_impl(logits, num_samples, dtype, seed)


@tf_export("random.gamma", "random_gamma")
def random_gamma(shape, alpha, beta=None, dtype=dtypes.float32, seed=None, name=None):
  """Gamma(alpha, beta) samples of shape `shape + broadcast(alpha, beta).shape`."""
  with ops.name_scope(name, "random_gamma", [shape, alpha, beta]):
    shape = ops.convert_to_tensor(shape, name="shape", dtype=dtypes.int32)
    alpha = ops.convert_to_tensor(alpha, name="alpha", dtype=dtype)
    beta = ops.convert_to_tensor(beta if beta is not None else 1, name="beta", dtype=dtype)
    alpha_broadcast = alpha + array_ops.zeros_like(beta)
    seed1, seed2 = random_seed.get_seed(seed)
    return math_ops.maximum(
        np.finfo(alpha.dtype.as_numpy_dtype).tiny,
        gen_random_ops.random_gamma(shape, alpha_broadcast, seed=seed1, seed2=seed2) / beta)


@tf_export("image.random_crop", "random_crop")
def random_crop(value, size, seed=None, name=None):
  """A random `size` slice of value (offsets uniform over the valid positions)."""
  with ops.name_scope(name, "random_crop", [value, size]) as name:
    value = ops.convert_to_tensor(value, name="value")
    size = ops.convert_to_tensor(size, dtype=dtypes.int32, name="size")
    shape = array_ops.shape(value)
    limit = shape - size + 1
    offset = random_uniform(array_ops.shape(shape), dtype=size.dtype, maxval=size.dtype.max,
                            seed=seed) % limit
    return array_ops.slice(value, offset, size, name=name)


ops.NotDifferentiable("RandomStandardNormal")
ops.NotDifferentiable("TruncatedNormal")
ops.NotDifferentiable("RandomUniform")
ops.NotDifferentiable("RandomUniformInt")
ops.NotDifferentiable("RandomShuffle")
ops.NotDifferentiable("Multinomial")


@tf_export("random.poisson", "random_poisson")
def random_poisson(lam, shape, dtype=dtypes.float32, seed=None, name=None):
  """Samples of shape `shape + lam.shape` from Poisson(lam) (RandomPoissonV2).

  `lam` is a tensor of rates (a Python value becomes float64, the op's default rate type);
  `dtype` is the output type: half, float32, float64, int32 or int64."""
  with ops.name_scope(name, "random_poisson", [lam, shape]):
    shape = ops.convert_to_tensor(shape, name="shape", dtype=dtypes.int32)
    seed1, seed2 = random_seed.get_seed(seed)
    return gen_random_ops.random_poisson_v2(shape, lam, dtype=dtype, seed=seed1, seed2=seed2)
