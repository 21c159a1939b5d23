"""tf.strings.join (StringJoin) and tf.strings.regex_full_match."""
from tensorflow.python.ops import gen_string_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export("strings.join", v1=["strings.join", "string_join"])
def string_join(inputs, separator="", name=None):
  return gen_string_ops.string_join(inputs, separator=separator, name=name)


@tf_export("strings.regex_full_match")
def regex_full_match(input, pattern, name=None):  # pylint: disable=redefined-builtin
  """Whether each string matches `pattern` entirely (StaticRegexFullMatch for a Python
  pattern, as TF does)."""
  if isinstance(pattern, (str, bytes)):
    return gen_string_ops.static_regex_full_match(input=input, pattern=pattern, name=name)
  return gen_string_ops.regex_full_match(input=input, pattern=pattern, name=name)
