"""TFRecord files (plain, ZLIB, GZIP) and an event file written by real TensorFlow, read and
byte-compared by tests/python/test_event_files.py. The payloads come from record_payloads(),
which the test imports too."""
import os


def record_payloads():
    """Records of many sizes, including empty and ones longer than zlib's buffers."""
    out = [b"", b"a", b"hello tfrecord", bytes(range(256)) * 3]
    out.append(b"".join(b"%08d" % i for i in range(20000)))  # 160 KB
    out.append(b"\x00" * 1000)
    return out


def tfrecords(tf, outdir):
    for name, kind in [("plain", ""), ("zlib", "ZLIB"), ("gzip", "GZIP")]:
        path = os.path.join(outdir, name + ".tfrecord")
        with tf.io.TFRecordWriter(path, options=tf.io.TFRecordOptions(kind)) as w:
            for p in record_payloads():
                w.write(p)


def event_file(tf, outdir):
    """Graph, scalars, a histogram and an image at steps 0..2, in tf_written.tfevents."""
    logdir = os.path.join(outdir, "logdir")
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [], name="x")
        s1 = tf.summary.scalar("loss", x)
        s2 = tf.summary.histogram("h", tf.stack([x, 2 * x, -x]))
        s3 = tf.summary.image("im", tf.reshape(tf.cast(tf.range(12), tf.uint8) * 20,
                                               [1, 2, 2, 3]))
        merged = tf.summary.merge([s1, s2, s3])
        writer = tf.summary.FileWriter(logdir, graph=g)
        with tf.Session() as sess:
            for step in range(3):
                writer.add_summary(sess.run(merged, {x: 0.5 * step + 1.0}), global_step=step)
        writer.close()
    (name,) = os.listdir(logdir)
    os.rename(os.path.join(logdir, name), os.path.join(outdir, "tf_written.tfevents"))
    os.rmdir(logdir)


FILE_CASES = {"tfrecords": tfrecords, "event_file": event_file}
