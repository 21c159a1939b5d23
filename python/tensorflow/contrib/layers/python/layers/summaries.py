"""contrib.layers summary helpers (TF 1.15): summarize_activation(s), summarize_tensor(s),
summarize_collection, summarize_variables/weights/biases."""

import functools
import re

import numpy as np

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import math_ops
from tensorflow.python.summary import summary

__all__ = ["assert_summary_tag_unique", "is_summary_tag_unique", "summarize_tensor",
           "summarize_activation", "summarize_tensors", "summarize_collection",
           "summarize_variables", "summarize_weights", "summarize_biases",
           "summarize_activations"]


def is_summary_tag_unique(tag):
  existing = [tensor_util.constant_value(s.op.inputs[0])
              for s in ops.get_collection(ops.GraphKeys.SUMMARIES)]
  existing = [t.tolist() if isinstance(t, np.ndarray) else t for t in existing]
  return tag.encode() not in existing


def assert_summary_tag_unique(tag):
  if not is_summary_tag_unique(tag):
    raise ValueError("Conflict with summary tag: %s already exists" % tag)


def _add_scalar_summary(tensor, tag=None):
  tensor.get_shape().assert_has_rank(0)
  tag = tag or "%s_summary" % tensor.op.name
  return summary.scalar(tag, tensor)


def _add_histogram_summary(tensor, tag=None):
  tag = tag or "%s_summary" % tensor.op.name
  return summary.histogram(tag, tensor)


def summarize_activation(op):
  """A histogram `<op>/activation`, plus the fraction below 0 (`<op>/zeros`) for
  Relu/Softplus/Relu6 and above 6 (`<op>/sixes`) for Relu6, measured on the op's input."""
  if op.op.type in ("Relu", "Softplus", "Relu6"):
    pre = op.op.inputs[0]
    _add_scalar_summary(
        math_ops.reduce_mean(math_ops.cast(math_ops.less(pre, math_ops.cast(0.0, pre.dtype)),
                                           dtypes.float32)),
        "%s/zeros" % op.op.name)
  if op.op.type == "Relu6":
    pre = op.op.inputs[0]
    _add_scalar_summary(
        math_ops.reduce_mean(math_ops.cast(
            math_ops.greater(pre, math_ops.cast(6.0, pre.dtype)), dtypes.float32)),
        "%s/sixes" % op.op.name)
  return _add_histogram_summary(op, "%s/activation" % op.op.name)


def summarize_tensor(tensor, tag=None):
  """A scalar summary for a scalar, a histogram otherwise; None for string/bool tensors."""
  if tensor.dtype.is_compatible_with(dtypes.string) or tensor.dtype.base_dtype == dtypes.bool:
    return None
  if tensor.get_shape().ndims == 0:
    return _add_scalar_summary(tensor, tag)
  return _add_histogram_summary(tensor, tag)


def summarize_tensors(tensors, summarizer=summarize_tensor):
  return [summarizer(tensor) for tensor in tensors]


def summarize_collection(collection, name_filter=None, summarizer=summarize_tensor):
  tensors = [t for t in ops.get_collection(collection)
             if name_filter is None or re.match(name_filter, t.op.name)]
  return summarize_tensors(tensors, summarizer)


summarize_variables = functools.partial(summarize_collection, ops.GraphKeys.GLOBAL_VARIABLES)
summarize_weights = functools.partial(summarize_collection, ops.GraphKeys.WEIGHTS)
summarize_biases = functools.partial(summarize_collection, ops.GraphKeys.BIASES)


def summarize_activations(name_filter=None, summarizer=summarize_activation):
  return summarize_collection(ops.GraphKeys.ACTIVATIONS, name_filter, summarizer)
