"""tf.Print, tf.Assert (tf.print needs PrintV2/StringFormat, which tfclassic lacks yet)."""

from tensorflow.python.framework import ops
from tensorflow.python.ops import gen_logging_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export(v1=["Print"])
def Print(input_, data, message=None, first_n=None, summarize=None, name=None):  # pylint: disable=invalid-name
  """Returns `input_`; running it writes `message` and `data` to stderr."""
  return getattr(gen_logging_ops, "print")(input_, data, message=message, first_n=first_n,
                                            summarize=summarize, name=name)


@tf_export("debugging.Assert", "Assert")
def Assert(condition, data, summarize=None, name=None):  # pylint: disable=invalid-name
  """An op that fails with InvalidArgument("assertion failed: [data]...") when false."""
  with ops.name_scope(name, "Assert", [condition, data]) as name:
    xs = ops.convert_n_to_tensor(data)
    return getattr(gen_logging_ops, "assert")(condition, xs, summarize=summarize, name=name)
