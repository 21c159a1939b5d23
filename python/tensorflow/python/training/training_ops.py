"""Python wrappers for the fused optimizer update ops (ApplyAdam, SparseApplyMomentum, ...)."""

from tensorflow.python.ops.gen_training_ops import *  # pylint: disable=wildcard-import,unused-wildcard-import
