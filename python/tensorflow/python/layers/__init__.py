"""tf.layers (TF 1.15): layer classes and functions over tf.get_variable."""
