"""Imports TF 1.x's API from whichever package is installed: tfclassic's `tensorflow`, or real
TensorFlow 2.x through tf.compat.v1 (the reference we compare against)."""
import tensorflow as _tf

if _tf.__version__.startswith("2."):
    tf = _tf.compat.v1
    tf.disable_v2_behavior()
else:
    tf = _tf
