"""tf.clip_by_value (TF 1.15)."""

from tensorflow.python.framework import ops
from tensorflow.python.ops import gen_math_ops
from tensorflow.python.util.tf_export import tf_export


@tf_export("clip_by_value")
def clip_by_value(t, clip_value_min, clip_value_max, name=None):
  """min(max(t, clip_value_min), clip_value_max), broadcasting kept to t's shape."""
  with ops.name_scope(name, "clip_by_value", [t, clip_value_min, clip_value_max]) as name:
    values = ops.convert_to_tensor(t, name="t")
    t_min = gen_math_ops.minimum(values, clip_value_max)
    # The bounds may broadcast against t but must not enlarge it.
    values.shape.assert_is_compatible_with(t_min.shape)
    t_max = gen_math_ops.maximum(t_min, clip_value_min, name=name)
    values.shape.assert_is_compatible_with(t_max.shape)
  return t_max
