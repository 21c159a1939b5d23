"""tf.compat: populated by tensorflow/__init__.py (as_bytes, as_text, ... and v1 = tf)."""
