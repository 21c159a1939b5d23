"""The gradients API module (TF's tensorflow.python.ops.gradients)."""

# pylint: disable=unused-import
from tensorflow.python.ops.custom_gradient import custom_gradient
from tensorflow.python.ops.gradients_impl import AggregationMethod
from tensorflow.python.ops.gradients_impl import gradients
from tensorflow.python.ops.gradients_impl import hessians
