"""tf.reverse_sequence values and gradients, and static_bidirectional_rnn with sequence_length
(which reverses with it), against real TensorFlow (tests/python/test_reverse_sequence.py)."""
import os

import numpy as np

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")  # TF 2.x keeps TF1's RNN cells in tf-keras

_RNG = np.random.RandomState(4)
_X = _RNG.uniform(-1, 1, [3, 5, 2, 4])


def values_and_gradients(tf):
    x = tf.constant(_X)
    out = {}
    for name, kw, lens in [("seq1_batch0", dict(seq_axis=1, batch_axis=0), [5, 0, 3]),
                           ("seq0_batch2", dict(seq_axis=0, batch_axis=2), [2, 3]),
                           ("seq3_batch1", dict(seq_axis=3, batch_axis=1), [4, 1, 2, 3, 0])]:
        y = tf.reverse_sequence(x, tf.constant(lens, tf.int64), **kw)
        out[name] = y
        out[name + "_grad"] = tf.gradients(tf.reduce_sum(y * tf.sin(x)), x)[0]
    out["int32_lengths"] = tf.reverse_sequence(tf.constant(np.arange(12).reshape(3, 4)),
                                               tf.constant([1, 4, 2]), seq_axis=1)
    return out


def bidirectional_rnn_with_lengths(tf):
    inputs = [tf.constant(_RNG.uniform(-1, 1, [3, 2]).astype(np.float32)) for _ in range(4)]
    init = tf.glorot_uniform_initializer(seed=3)
    fw = tf.nn.rnn_cell.BasicRNNCell(3)
    bw = tf.nn.rnn_cell.GRUCell(2, kernel_initializer=init)
    with tf.variable_scope("birnn", initializer=init):
        outputs, fw_state, bw_state = tf.nn.static_bidirectional_rnn(
            fw, bw, inputs, dtype=tf.float32, sequence_length=tf.constant([4, 2, 1]))
    # Read the weights through their initial values, so nothing needs initialising.
    reads = {v.op.name + "/read:0": v.initial_value for v in tf.global_variables()}
    g = tf.get_default_graph()
    for name, value in reads.items():
        read = g.get_tensor_by_name(name)
        for consumer in read.consumers():
            for i, t in enumerate(consumer.inputs):
                if t is read:
                    consumer._update_input(i, value)  # pylint: disable=protected-access
    return {"out%d" % i: o for i, o in enumerate(outputs)} | {"fw_state": fw_state,
                                                              "bw_state": bw_state}


CASES = {f.__name__: f for f in (values_and_gradients, bidirectional_rnn_with_lengths)}
