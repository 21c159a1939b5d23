"""String ops of TF 1.15's tensorflow/python/ops/string_ops.py: tf.strings.format."""

from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import gen_string_ops
from tensorflow.python.ops import variables
from tensorflow.python.util.tf_export import tf_export


@tf_export("strings.format")
def string_format(template, inputs, placeholder="{}", summarize=3, name=None):
  """A scalar string: `template` with each `placeholder` replaced by the next tensor of `inputs`
  (a list, or one tensor), each summarized NumPy-style to its first and last `summarize` entries
  per dimension (-1: all of them).

  Raises:
    ValueError: if the number of placeholders does not match the number of inputs.
  """
  # TF 1.15's is_tensor counts Variables as tensors.
  if tensor_util.is_tensor(inputs) or isinstance(inputs, variables.Variable):
    inputs = [inputs]
  if template.count(placeholder) != len(inputs):
    raise ValueError("%s placeholder(s) in template does not match %s tensor(s)"
                     " provided as input" % (template.count(placeholder), len(inputs)))
  return gen_string_ops.string_format(inputs, template=template, placeholder=placeholder,
                                      summarize=summarize, name=name)
