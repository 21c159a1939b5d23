"""tf.losses (TF 1.15)."""
