"""V1 checkpoints (one SSTable of SavedTensorSlices per shard) written by real TensorFlow with
tf.train.Saver(write_version=V1) and the V1 Save/SaveSlices ops; read by
tests/python/test_checkpoint_v1.py. Keep them tiny.

FILE_CASES: fn(tf, outdir) writes into tests/goldens/checkpoint_v1_files/<case>/.
"""
import os

import numpy as np

# Saved through tf.train.Saver as variables (keys = variable names).
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

# Saved with a bare Save op (dtypes a Variable makes awkward).
RAW_VALUES = {
    "u8": (np.array([0, 255, 7], np.uint8), "uint8"),
    "i8": (np.array([-128, 127], np.int8), "int8"),
    "i16": (np.array([-32768, 1], np.int16), "int16"),
    "c64": (np.array([1 + 2j, -3.5j], np.complex64), "complex64"),
    "c128": (np.array([0.5 - 1j], np.complex128), "complex128"),
    "str_scalar": (np.array(b"just one", dtype=object), "string"),
}

# A partitioned variable (two slices along axis 0) saved by the Saver.
PARTITIONED = np.arange(15, dtype=np.float32).reshape(5, 3)

# SaveSlices: one tensor stored as two column slices plus a whole one.
SLICED_FULL = np.arange(12, dtype=np.int64).reshape(3, 4)
SLICED_SAVES = [("cols", "3 4 -:0,1", SLICED_FULL[:, :1]), ("cols", "3 4 -:1,3", SLICED_FULL[:, 1:]),
                ("whole", "", np.array([7.5, 8.5], np.float64))]

SHARDED_VALUES = {"a": np.array([1.0, 2.0], np.float32), "b": np.array([3, 4, 5], np.int32)}


def _v1_saver(tf, **kw):
    return tf.train.Saver(write_version=tf.train.SaverDef.V1, **kw)


def saver_all_dtypes(tf, outdir):
    for name, value in sorted(SAVER_VALUES.items()):
        tf.Variable(value, name=name)
    saver = _v1_saver(tf)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saver.save(sess, os.path.join(outdir, "model.ckpt"), global_step=7,
                   write_meta_graph=False)
    # `checkpoint` state files hold absolute paths: keep only the relative name.
    with open(os.path.join(outdir, "checkpoint"), "w") as f:
        f.write('model_checkpoint_path: "model.ckpt-7"\n'
                'all_model_checkpoint_paths: "model.ckpt-7"\n')


def raw_save(tf, outdir):
    names = sorted(RAW_VALUES)
    tensors = [tf.constant(RAW_VALUES[n][0], dtype=getattr(tf, RAW_VALUES[n][1])) for n in names]
    op = tf.raw_ops.Save(filename=os.path.join(outdir, "raw"), tensor_names=names, data=tensors)
    with tf.Session() as sess:
        sess.run(op)


def save_slices(tf, outdir):
    op = tf.raw_ops.SaveSlices(filename=os.path.join(outdir, "sliced"),
                               tensor_names=[s[0] for s in SLICED_SAVES],
                               shapes_and_slices=[s[1] for s in SLICED_SAVES],
                               data=[tf.constant(s[2]) for s in SLICED_SAVES])
    with tf.Session() as sess:
        sess.run(op)


def partitioned(tf, outdir):
    tf.get_variable("part", initializer=tf.constant(PARTITIONED),
                    partitioner=tf.fixed_size_partitioner(2))
    tf.Variable(np.array([1, 2], np.int32), name="other")
    saver = _v1_saver(tf)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saver.save(sess, os.path.join(outdir, "model.ckpt"), write_meta_graph=False,
                   write_state=False)


def sharded(tf, outdir):
    for i, (name, value) in enumerate(sorted(SHARDED_VALUES.items())):
        with tf.device("/cpu:%d" % i):
            tf.Variable(value, name=name)
    saver = _v1_saver(tf, sharded=True)
    config = tf.ConfigProto(device_count={"CPU": 2})
    with tf.Session(config=config) as sess:
        sess.run(tf.global_variables_initializer())
        path = saver.save(sess, os.path.join(outdir, "model.ckpt"), write_meta_graph=False,
                          write_state=False)
    with open(os.path.join(outdir, "save_path.txt"), "w") as f:
        f.write(os.path.basename(path))


FILE_CASES = {
    "saver_all_dtypes": saver_all_dtypes,
    "raw_save": raw_save,
    "save_slices": save_slices,
    "partitioned": partitioned,
    "sharded": sharded,
}
