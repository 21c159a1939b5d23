"""RNN cells and static RNNs (tf.nn.rnn_cell, tf.nn.static_rnn) against real TensorFlow
(tests/python/test_rnn_cells.py): variable names, shapes and creation order (from the graph
goldens), seeded initial values (bit-identical), outputs/states over a few unrolled steps and
their gradients with respect to the inputs and the weights, and GraphDefs.

Nothing initialises variables here: each case fetches the weights' initial values, and the
weights the cells compute with are fed (FEEDS, on the variables' `read` tensors).
TF 2.x keeps TF1's cells in tf_keras (TF_USE_LEGACY_KERAS=1).
"""
import os

import numpy as np

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")

_STEPS, _BATCH, _DEPTH = 3, 4, 3
_X = np.linspace(-1.0, 1.0, _STEPS * _BATCH * _DEPTH).astype(np.float32).reshape(
    _STEPS, _BATCH, _DEPTH)
_X = np.sin(_X * 3.0).astype(np.float32)


def _inputs(tf, depth=_DEPTH):
  return [tf.constant(_X[t][:, :depth], name="x%d" % t) for t in range(_STEPS)]


def _fetches(tf, xs, outs, state, flat_state=True):
  """Outputs, final state, each trainable variable's initial value and name/shape, and the
  gradients of a weighted sum of everything with respect to the inputs and the weights."""
  out = tf.stack(outs)
  flat = tf.nest.flatten(state) if flat_state else [state]
  wts = tf.constant(np.linspace(0.5, 1.5, int(np.prod(out.shape.as_list()))).astype(
      np.float32).reshape(out.shape.as_list()))
  loss = tf.reduce_sum(out * wts) + tf.add_n([tf.reduce_sum(s * s) for s in flat])
  variables = tf.trainable_variables()
  grads = tf.gradients(loss, xs + variables)
  fetches = {"out": out, "loss": loss, "grad_x": tf.stack(grads[:len(xs)])}
  for i, s in enumerate(flat):
    fetches["state_%d" % i] = s
  for i, (v, g) in enumerate(zip(variables, grads[len(xs):])):
    fetches["init_%d" % i] = v.initial_value
    fetches["grad_w%d" % i] = g
  return fetches


def _seeded(tf):
  tf.set_random_seed(1234)
  return tf.variable_scope("top", initializer=tf.glorot_uniform_initializer(seed=3))


def basic_rnn(tf):
  xs = _inputs(tf)
  with _seeded(tf):
    cell = tf.nn.rnn_cell.BasicRNNCell(5)
    outs, state = tf.nn.static_rnn(cell, xs, dtype=tf.float32)
  return _fetches(tf, xs, outs, state)


def basic_lstm(tf):
  xs = _inputs(tf)
  with _seeded(tf):
    cell = tf.nn.rnn_cell.BasicLSTMCell(4, forget_bias=0.5)
    outs, state = tf.nn.static_rnn(cell, xs, dtype=tf.float32)
  return _fetches(tf, xs, outs, state)


def basic_lstm_concat(tf):
  xs = _inputs(tf)
  with _seeded(tf):
    cell = tf.nn.rnn_cell.BasicLSTMCell(4, state_is_tuple=False, activation=tf.nn.relu)
    outs, state = tf.nn.static_rnn(cell, xs, dtype=tf.float32)
  return _fetches(tf, xs, outs, state)


def gru(tf):
  xs = _inputs(tf)
  with _seeded(tf):
    cell = tf.nn.rnn_cell.GRUCell(
        4, kernel_initializer=tf.random_normal_initializer(stddev=0.5, seed=9))
    outs, state = tf.nn.static_rnn(cell, xs, dtype=tf.float32)
  return _fetches(tf, xs, outs, state)


def lstm_full(tf):
  xs = _inputs(tf)
  with _seeded(tf):
    cell = tf.nn.rnn_cell.LSTMCell(
        5, use_peepholes=True, cell_clip=0.4, num_proj=3, proj_clip=0.25, forget_bias=0.8,
        initializer=tf.random_uniform_initializer(-0.6, 0.6, seed=11))
    outs, state = tf.nn.static_rnn(cell, xs, dtype=tf.float32)
  return _fetches(tf, xs, outs, state)


def lstm_concat(tf):
  xs = _inputs(tf)
  with _seeded(tf):
    cell = tf.nn.rnn_cell.LSTMCell(4, num_proj=2, state_is_tuple=False)
    outs, state = tf.nn.static_rnn(cell, xs, dtype=tf.float32)
  return _fetches(tf, xs, outs, state)


def multi_cell(tf):
  xs = _inputs(tf)
  with _seeded(tf):
    cell = tf.nn.rnn_cell.MultiRNNCell([
        tf.nn.rnn_cell.GRUCell(3),
        tf.nn.rnn_cell.ResidualWrapper(tf.nn.rnn_cell.BasicRNNCell(3)),
        tf.nn.rnn_cell.BasicLSTMCell(2)])
    outs, state = tf.nn.static_rnn(cell, xs, dtype=tf.float32)
  return _fetches(tf, xs, outs, state)


def multi_concat(tf):
  xs = _inputs(tf)
  with _seeded(tf):
    cell = tf.nn.rnn_cell.MultiRNNCell(
        [tf.nn.rnn_cell.BasicRNNCell(3), tf.nn.rnn_cell.GRUCell(2)], state_is_tuple=False)
    outs, state = tf.nn.static_rnn(cell, xs, dtype=tf.float32, scope="stack")
  return _fetches(tf, xs, outs, state)


def dropout(tf):
  xs = _inputs(tf)
  with _seeded(tf):
    cell = tf.nn.rnn_cell.DropoutWrapper(
        tf.nn.rnn_cell.BasicLSTMCell(4), input_keep_prob=0.7, output_keep_prob=0.8,
        state_keep_prob=0.6, seed=5)
    outs, state = tf.nn.static_rnn(cell, xs, dtype=tf.float32)
  return _fetches(tf, xs, outs, state)


def sequence_length(tf):
  xs = _inputs(tf)
  with _seeded(tf):
    cell = tf.nn.rnn_cell.BasicLSTMCell(3)
    outs, state = tf.nn.static_rnn(cell, xs, dtype=tf.float32,
                                   sequence_length=tf.constant([3, 1, 2, 0]))
  return _fetches(tf, xs, outs, state)


def sequence_length_full(tf):
  # All rows run every step: the min-length branch of each step's cond is taken.
  xs = _inputs(tf)
  with _seeded(tf):
    cell = tf.nn.rnn_cell.GRUCell(3)
    outs, state = tf.nn.static_rnn(cell, xs, dtype=tf.float32,
                                   sequence_length=tf.constant([3, 3, 3, 3], tf.int64))
  return _fetches(tf, xs, outs, state)


def bidirectional(tf):
  xs = _inputs(tf)
  with _seeded(tf):
    outs, state_fw, state_bw = tf.nn.static_bidirectional_rnn(
        tf.nn.rnn_cell.BasicLSTMCell(3), tf.nn.rnn_cell.GRUCell(2), xs, dtype=tf.float32)
  return _fetches(tf, xs, outs, (state_fw, state_bw))


def zero_state(tf):
  n = tf.placeholder(tf.int32, [], name="n")
  cells = [tf.nn.rnn_cell.BasicLSTMCell(3), tf.nn.rnn_cell.LSTMCell(4, num_proj=2),
           tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.GRUCell(2),
                                        tf.nn.rnn_cell.BasicRNNCell(5)]),
           tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.GRUCell(2),
                                        tf.nn.rnn_cell.BasicRNNCell(5)], state_is_tuple=False),
           tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.GRUCell(2))]
  out = {}
  for i, cell in enumerate(cells):
    for j, z in enumerate(tf.nest.flatten(cell.zero_state(n, tf.float32))):
      out["dyn_%d_%d" % (i, j)] = z
    for j, z in enumerate(tf.nest.flatten(cell.zero_state(2, tf.float64))):
      out["static_%d_%d" % (i, j)] = z
  return out


def cell_direct(tf):
  # Cells called directly, twice (variables shared), and under an explicit scope.
  tf.set_random_seed(7)
  x = tf.constant(_X[0])
  cell = tf.nn.rnn_cell.BasicLSTMCell(2)
  state = cell.zero_state(_BATCH, tf.float32)
  h1, state = cell(x, state)
  h2, state = cell(x, state)
  gru_cell = tf.nn.rnn_cell.GRUCell(2, name="my_gru")
  g1, _ = gru_cell(x, tf.zeros([_BATCH, 2]))
  rnn_cell = tf.nn.rnn_cell.BasicRNNCell(2)
  r1, _ = rnn_cell(x, tf.zeros([_BATCH, 2]), scope="explicit")
  return {"n_trainable": tf.constant(len(tf.trainable_variables())),
          "n_cell_weights": tf.constant([len(cell.weights), len(gru_cell.trainable_weights),
                                         len(rnn_cell.trainable_weights)]),
          "h_shape": tf.shape(h2), "g_shape": tf.shape(g1), "r_shape": tf.shape(r1)}


CASES = {f.__name__: f for f in (basic_rnn, basic_lstm, basic_lstm_concat, gru, lstm_full,
                                  lstm_concat, multi_cell, multi_concat, dropout,
                                  sequence_length, sequence_length_full, bidirectional,
                                  zero_state, cell_direct)}

# The weights each case computes with: name of the variable -> shape.
_WEIGHTS = {
    "basic_rnn": {"top/rnn/basic_rnn_cell/kernel": [8, 5], "top/rnn/basic_rnn_cell/bias": [5]},
    "basic_lstm": {"top/rnn/basic_lstm_cell/kernel": [7, 16],
                   "top/rnn/basic_lstm_cell/bias": [16]},
    "basic_lstm_concat": {"top/rnn/basic_lstm_cell/kernel": [7, 16],
                          "top/rnn/basic_lstm_cell/bias": [16]},
    "gru": {"top/rnn/gru_cell/gates/kernel": [7, 8], "top/rnn/gru_cell/gates/bias": [8],
            "top/rnn/gru_cell/candidate/kernel": [7, 4],
            "top/rnn/gru_cell/candidate/bias": [4]},
    "lstm_full": {"top/rnn/lstm_cell/kernel": [6, 20], "top/rnn/lstm_cell/bias": [20],
                  "top/rnn/lstm_cell/w_f_diag": [5], "top/rnn/lstm_cell/w_i_diag": [5],
                  "top/rnn/lstm_cell/w_o_diag": [5],
                  "top/rnn/lstm_cell/projection/kernel": [5, 3]},
    "lstm_concat": {"top/rnn/lstm_cell/kernel": [5, 16], "top/rnn/lstm_cell/bias": [16],
                    "top/rnn/lstm_cell/projection/kernel": [4, 2]},
    "multi_cell": {
        "top/rnn/multi_rnn_cell/cell_0/gru_cell/gates/kernel": [6, 6],
        "top/rnn/multi_rnn_cell/cell_0/gru_cell/gates/bias": [6],
        "top/rnn/multi_rnn_cell/cell_0/gru_cell/candidate/kernel": [6, 3],
        "top/rnn/multi_rnn_cell/cell_0/gru_cell/candidate/bias": [3],
        "top/rnn/multi_rnn_cell/cell_1/basic_rnn_cell/kernel": [6, 3],
        "top/rnn/multi_rnn_cell/cell_1/basic_rnn_cell/bias": [3],
        "top/rnn/multi_rnn_cell/cell_2/basic_lstm_cell/kernel": [5, 8],
        "top/rnn/multi_rnn_cell/cell_2/basic_lstm_cell/bias": [8]},
    "multi_concat": {
        "top/stack/multi_rnn_cell/cell_0/basic_rnn_cell/kernel": [6, 3],
        "top/stack/multi_rnn_cell/cell_0/basic_rnn_cell/bias": [3],
        "top/stack/multi_rnn_cell/cell_1/gru_cell/gates/kernel": [5, 4],
        "top/stack/multi_rnn_cell/cell_1/gru_cell/gates/bias": [4],
        "top/stack/multi_rnn_cell/cell_1/gru_cell/candidate/kernel": [5, 2],
        "top/stack/multi_rnn_cell/cell_1/gru_cell/candidate/bias": [2]},
    "dropout": {"top/rnn/basic_lstm_cell/kernel": [7, 16],
                "top/rnn/basic_lstm_cell/bias": [16]},
    "sequence_length": {"top/rnn/basic_lstm_cell/kernel": [6, 12],
                        "top/rnn/basic_lstm_cell/bias": [12]},
    "sequence_length_full": {"top/rnn/gru_cell/gates/kernel": [6, 6],
                             "top/rnn/gru_cell/gates/bias": [6],
                             "top/rnn/gru_cell/candidate/kernel": [6, 3],
                             "top/rnn/gru_cell/candidate/bias": [3]},
    "bidirectional": {
        "top/bidirectional_rnn/fw/basic_lstm_cell/kernel": [6, 12],
        "top/bidirectional_rnn/fw/basic_lstm_cell/bias": [12],
        "top/bidirectional_rnn/bw/gru_cell/gates/kernel": [5, 4],
        "top/bidirectional_rnn/bw/gru_cell/gates/bias": [4],
        "top/bidirectional_rnn/bw/gru_cell/candidate/kernel": [5, 2],
        "top/bidirectional_rnn/bw/gru_cell/candidate/bias": [2]},
}


def _weight_feeds():
  feeds = {}
  for k, (case, weights) in enumerate(sorted(_WEIGHTS.items())):
    rng = np.random.RandomState(100 + k)
    feeds[case] = {name + "/read:0": rng.uniform(-0.7, 0.7, shape).astype(np.float32)
                   for name, shape in sorted(weights.items())}
  return feeds


FEEDS = _weight_feeds()
FEEDS["zero_state"] = {"n:0": np.array(3, np.int32)}
