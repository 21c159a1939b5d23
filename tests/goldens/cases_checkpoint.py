"""Checkpoints (V2 tensor bundles) written by real TensorFlow, read and re-written byte for byte
by tests/python/test_checkpoint_bundle.py. Keep them tiny.

FILE_CASES: fn(tf, outdir) writes into tests/goldens/checkpoint_files/<case>/.
The values live here (NumPy only) so the test can save the very same tensors with our ops.
"""
import os

import numpy as np

# Saved through tf.train.Saver as variables (keys = variable names, sorted by the Saver).
SAVER_VALUES = {
    "f32": np.array([[1.5, -2.0, 3.25], [0.0, 1e-3, -7.0]], np.float32),
    "f64": np.array([np.pi, -1e300, 0.0], np.float64),
    "i32": np.array([-1, 0, 2147483647], np.int32),
    "i64": np.array([-(2 ** 62), 5], np.int64),
    "flag": np.array([True, False, True]),
    "text": np.array([b"hello", b"", b"\x00\xffbin", b"x" * 200], dtype=object),
    "h16": np.array([0.5, -65504.0, 1.0], np.float16),
    "scalar": np.array(3.5, np.float32),
    "empty": np.zeros((0, 3), np.float32),
    "layer/weights": np.arange(6, dtype=np.float32).reshape(2, 3),
}

# Saved with a bare SaveV2 op (dtypes a Variable makes awkward). bfloat16 values are exact.
RAW_VALUES = {
    "bf16": (np.array([1.5, -2.0, 0.25], np.float32), "bfloat16"),
    "c64": (np.array([1 + 2j, -3.5j], np.complex64), "complex64"),
    "c128": (np.array([0.5 - 1j], np.complex128), "complex128"),
    "u8": (np.array([0, 255, 7], np.uint8), "uint8"),
    "i8": (np.array([-128, 127], np.int8), "int8"),
    "i16": (np.array([-32768, 1], np.int16), "int16"),
    "u16": (np.array([65535], np.uint16), "uint16"),
    "str_scalar": (np.array(b"just one", dtype=object), "string"),
    "str_empty": (np.zeros((0,), dtype=object), "string"),
}

# A partitioned tensor saved as two slices, plus a whole one, in this order.
SLICED_FULL = np.arange(12, dtype=np.float32).reshape(4, 3)
SLICED_SAVES = [("part", "4 3 0,2:-", SLICED_FULL[:2]), ("part", "4 3 2,2:-", SLICED_FULL[2:]),
                ("whole", "", np.array([7, 8], np.int64))]


def saver_all_dtypes(tf, outdir):
    for name, value in sorted(SAVER_VALUES.items()):
        tf.Variable(value, name=name)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saver.save(sess, os.path.join(outdir, "model.ckpt"), write_meta_graph=False,
                   write_state=False)


def raw_save_v2(tf, outdir):
    names = sorted(RAW_VALUES)
    tensors = [tf.constant(RAW_VALUES[n][0], dtype=getattr(tf, RAW_VALUES[n][1])) for n in names]
    op = tf.raw_ops.SaveV2(prefix=os.path.join(outdir, "raw"), tensor_names=names,
                           shape_and_slices=[""] * len(names), tensors=tensors)
    with tf.Session() as sess:
        sess.run(op)


def sliced(tf, outdir):
    op = tf.raw_ops.SaveV2(prefix=os.path.join(outdir, "sliced"),
                           tensor_names=[s[0] for s in SLICED_SAVES],
                           shape_and_slices=[s[1] for s in SLICED_SAVES],
                           tensors=[tf.constant(s[2]) for s in SLICED_SAVES])
    with tf.Session() as sess:
        sess.run(op)


def sharded_saver(tf, outdir):
    tf.Variable(np.array([1.0, 2.0], np.float32), name="a")
    tf.Variable(np.array([3], np.int32), name="b")
    saver = tf.train.Saver(sharded=True)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saver.save(sess, os.path.join(outdir, "model.ckpt"), write_meta_graph=False,
                   write_state=False)


FILE_CASES = {f.__name__: f for f in (saver_all_dtypes, raw_save_v2, sliced, sharded_saver)}
