"""RNN cells (tf.nn.rnn_cell, tf.contrib.rnn) and the static RNNs against real TensorFlow
goldens (tests/goldens/cases_rnn.py) and NumPy."""
import re

import numpy as np
import pytest

import tensorflow as tf
from layers_golden_util import Goldens

_G = Goldens("rnn")


@pytest.mark.parametrize("case", sorted(_G.mod.CASES))
def test_rnn_golden_values(case):
  _G.check_values(case, rtol=1e-5, atol=1e-6)


def test_seeded_initial_values_bit_identical():
  for case in ("basic_rnn", "basic_lstm", "gru", "lstm_full", "multi_cell", "bidirectional"):
    g, fetches = _G.build(case)
    keys = sorted(k for k in fetches if k.startswith("init_"))
    assert keys
    with tf.Session(graph=g) as sess:
      values = sess.run({k: fetches[k] for k in keys})
    for k in keys:
      np.testing.assert_array_equal(values[k], _G.arrays[case + "/" + k], err_msg=case + k)


def _graph_ignored(name):
  # Gradient graphs differ between TF 2.x and 1.15 (ShapeN in concat's gradient, grad_ys).
  # TF 1.15's split converts num_or_size_splits to a Const even for an int (TF 2.x does
  # not): the cells' unnamed Consts are numbered differently, so they are left out by name
  # (their values are covered by the value goldens).
  return name.startswith("gradients") or re.search(r"_cell/Const(_\d+)?$", name)


@pytest.mark.parametrize("case", ["basic_lstm", "basic_lstm_concat", "basic_rnn", "gru",
                                  "lstm_full", "lstm_concat", "multi_cell", "multi_concat",
                                  "bidirectional", "zero_state", "sequence_length",
                                  "sequence_length_full"])
def test_rnn_graph_structure(case):
  _G.check_graph(case, ignore=_graph_ignored)


def _np_sigmoid(x):
  return 1. / (1. + np.exp(-x))


def test_basic_lstm_matches_numpy():
  rng = np.random.RandomState(0)
  x = rng.randn(3, 2, 4).astype(np.float32)
  kernel = rng.randn(7, 12).astype(np.float32) * 0.3
  bias = rng.randn(12).astype(np.float32) * 0.1
  with tf.Graph().as_default():
    cell = tf.nn.rnn_cell.BasicLSTMCell(3, forget_bias=0.7)
    outs, state = tf.nn.static_rnn(cell, tf.unstack(tf.constant(x)), dtype=tf.float32)
    assign = [tf.assign(cell.weights[0], kernel), tf.assign(cell.weights[1], bias)]
    with tf.Session() as sess:
      sess.run(assign)
      got_outs, got_state = sess.run([outs, state])
  c = np.zeros([2, 3], np.float32)
  h = np.zeros([2, 3], np.float32)
  for t in range(3):
    z = np.concatenate([x[t], h], 1) @ kernel + bias
    i, j, f, o = np.split(z, 4, axis=1)
    c = c * _np_sigmoid(f + 0.7) + _np_sigmoid(i) * np.tanh(j)
    h = np.tanh(c) * _np_sigmoid(o)
    np.testing.assert_allclose(got_outs[t], h, rtol=1e-5, atol=1e-6)
  np.testing.assert_allclose(got_state.c, c, rtol=1e-5, atol=1e-6)
  np.testing.assert_allclose(got_state.h, h, rtol=1e-5, atol=1e-6)


def test_sequence_length_zeroes_outputs_and_keeps_state():
  vals = _run_case("sequence_length")
  out = vals["out"]
  lengths = [3, 1, 2, 0]
  for b, n in enumerate(lengths):
    assert np.all(out[n:, b] == 0.0)
    if n:
      assert np.all(out[n - 1, b] != 0.0)
      np.testing.assert_array_equal(vals["state_1"][b], out[n - 1, b])
  np.testing.assert_array_equal(vals["state_0"][3], np.zeros(3, np.float32))


def _run_case(case):
  g, fetches = _G.build(case)
  feeds = {g.get_tensor_by_name(k): v for k, v in _G.mod.FEEDS.get(case, {}).items()}
  with tf.Session(graph=g) as sess:
    return sess.run(fetches, feed_dict=feeds)


def test_zero_state_names_and_shapes():
  with tf.Graph().as_default():
    n = tf.placeholder(tf.int32, [])
    lstm = tf.nn.rnn_cell.BasicLSTMCell(3)
    z = lstm.zero_state(n, tf.float32)
    assert isinstance(z, tf.nn.rnn_cell.LSTMStateTuple)
    assert z.c.op.name == "BasicLSTMCellZeroState/zeros"
    assert z.h.op.name == "BasicLSTMCellZeroState/zeros_1"
    assert z.c.shape.as_list() == [None, 3]
    multi = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.GRUCell(2), lstm])
    zm = multi.zero_state(4, tf.float64)
    assert zm[0].op.name == "MultiRNNCellZeroState/GRUCellZeroState/zeros"
    assert zm[1].c.shape.as_list() == [4, 3] and zm[1].c.dtype == tf.float64
    assert multi.state_size == (2, tf.nn.rnn_cell.LSTMStateTuple(3, 3))
    assert multi.output_size == 3
    d = tf.nn.rnn_cell.DropoutWrapper(lstm, output_keep_prob=0.5)
    assert d.zero_state(2, tf.float32).c.op.name == (
        "DropoutWrapperZeroState/BasicLSTMCellZeroState/zeros")
    dev = tf.nn.rnn_cell.DeviceWrapper(tf.nn.rnn_cell.GRUCell(2), "/cpu:0")
    zd = dev.zero_state(2, tf.float32)
    assert zd.op.name == "DeviceWrapperZeroState/GRUCellZeroState/zeros"
    assert zd.device.lower().endswith("cpu:0")


def test_state_and_output_sizes():
  assert tf.nn.rnn_cell.BasicRNNCell(4).state_size == 4
  assert tf.nn.rnn_cell.BasicLSTMCell(4, state_is_tuple=False).state_size == 8
  assert tf.nn.rnn_cell.LSTMCell(4, num_proj=2).state_size == (4, 2)
  assert tf.nn.rnn_cell.LSTMCell(4, num_proj=2).output_size == 2
  assert tf.nn.rnn_cell.LSTMCell(4, num_proj=2, state_is_tuple=False).state_size == 6
  multi = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.GRUCell(2), tf.nn.rnn_cell.GRUCell(5)],
                                      state_is_tuple=False)
  assert multi.state_size == 7 and multi.output_size == 5


def test_contrib_rnn_exports_same_classes():
  assert tf.contrib.rnn.BasicLSTMCell is tf.nn.rnn_cell.BasicLSTMCell
  assert tf.contrib.rnn.LSTMStateTuple is tf.nn.rnn_cell.LSTMStateTuple
  assert tf.contrib.rnn.static_rnn is tf.nn.static_rnn
  assert tf.contrib.rnn.static_bidirectional_rnn is tf.nn.static_bidirectional_rnn
  assert tf.compat.v1.nn.rnn_cell.MultiRNNCell is tf.nn.rnn_cell.MultiRNNCell


def test_dropout_wrapper_keep_prob_one_is_identity_and_seeded_masks_repeat():
  x = np.ones([4, 3], np.float32)
  with tf.Graph().as_default():
    cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicRNNCell(
        3, activation=lambda v: v), input_keep_prob=0.5, seed=3)
    out, _ = cell(tf.constant(x), tf.zeros([4, 3]))
    masks = [op for op in tf.get_default_graph().get_operations()
             if op.type == "RandomUniform" and "dropout" in op.name]
    assert len(masks) == 1 and masks[0].get_attr("seed") == 87654321
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      a, b = sess.run(out), sess.run(out)
    assert not np.array_equal(a, b)  # a fresh mask every run
  with tf.Graph().as_default():
    cell = tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicRNNCell(3))
    cell(tf.constant(x), tf.zeros([4, 3]))
    assert not [op for op in tf.get_default_graph().get_operations() if "dropout" in op.name]


def test_residual_wrapper_adds_inputs():
  x = np.arange(6, dtype=np.float32).reshape(2, 3)
  with tf.Graph().as_default():
    cell = tf.nn.rnn_cell.ResidualWrapper(tf.nn.rnn_cell.BasicRNNCell(3))
    out, state = cell(tf.constant(x), tf.zeros([2, 3]))
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      o, s = sess.run([out, state])
    np.testing.assert_allclose(o, x + s, rtol=1e-6)
    with pytest.raises(ValueError):
      tf.nn.rnn_cell.ResidualWrapper(tf.nn.rnn_cell.BasicRNNCell(4))(
          tf.constant(x), tf.zeros([2, 4]))


def test_variables_are_reused_across_steps_and_calls():
  with tf.Graph().as_default():
    cell = tf.nn.rnn_cell.GRUCell(2)
    xs = [tf.zeros([1, 3]) for _ in range(4)]
    tf.nn.static_rnn(cell, xs, dtype=tf.float32)
    assert len(tf.global_variables()) == 4
    assert [v.op.name for v in cell.trainable_weights] == [
        "rnn/gru_cell/gates/kernel", "rnn/gru_cell/gates/bias",
        "rnn/gru_cell/candidate/kernel", "rnn/gru_cell/candidate/bias"]
    multi = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(2) for _ in range(2)])
    tf.nn.static_rnn(multi, xs, dtype=tf.float32, scope="deep")
    assert [v.op.name for v in multi.trainable_variables] == [
        "deep/multi_rnn_cell/cell_0/basic_lstm_cell/kernel",
        "deep/multi_rnn_cell/cell_0/basic_lstm_cell/bias",
        "deep/multi_rnn_cell/cell_1/basic_lstm_cell/kernel",
        "deep/multi_rnn_cell/cell_1/basic_lstm_cell/bias"]


def test_bad_arguments_raise_tf_errors():
  with tf.Graph().as_default():
    x = tf.zeros([2, 3])
    with pytest.raises(TypeError, match="is not an RNNCell"):
      tf.nn.static_rnn(object(), [x], dtype=tf.float32)
    with pytest.raises(TypeError):
      tf.nn.static_rnn(tf.nn.rnn_cell.GRUCell(2), x, dtype=tf.float32)
    with pytest.raises(ValueError):
      tf.nn.static_rnn(tf.nn.rnn_cell.GRUCell(2), [], dtype=tf.float32)
    with pytest.raises(ValueError, match="dtype must be specified"):
      tf.nn.static_rnn(tf.nn.rnn_cell.GRUCell(2), [x])
    with pytest.raises(ValueError, match="must be accessible via shape inference"):
      tf.nn.static_rnn(tf.nn.rnn_cell.GRUCell(2), [tf.placeholder(tf.float32, [2, None])],
                       dtype=tf.float32)
    with pytest.raises(ValueError, match="Must specify at least one cell"):
      tf.nn.rnn_cell.MultiRNNCell([])
    with pytest.raises(ValueError, match="Some cells return tuples of states"):
      tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(2)], state_is_tuple=False)
    with pytest.raises(ValueError, match="must be between 0 and 1"):
      tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.GRUCell(2), input_keep_prob=1.5)
    with pytest.raises(ValueError, match="only supports floating point"):
      tf.nn.rnn_cell.GRUCell(2)(tf.zeros([2, 3], tf.int32), tf.zeros([2, 2], tf.int32))
    with pytest.raises(ValueError, match="expected ndim=2"):
      tf.nn.rnn_cell.BasicRNNCell(2)(tf.zeros([2, 3, 1]), tf.zeros([2, 2]))
    with pytest.raises(NotImplementedError):
      tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.GRUCell(2), variational_recurrent=True,
                                    dtype=tf.float32)


def test_static_state_saving_rnn():
  class Saver(object):
    def __init__(self):
      self.saved = {}

    def state(self, name):
      return tf.constant(np.full([2, 3], 0.5, np.float32), name=name)

    def save_state(self, name, value):
      self.saved[name] = value
      return tf.no_op(name="save_" + name)

  with tf.Graph().as_default():
    saver = Saver()
    cell = tf.nn.rnn_cell.BasicLSTMCell(3)
    xs = [tf.ones([2, 4]) for _ in range(2)]
    outs, state = tf.nn.static_state_saving_rnn(cell, xs, saver, ("c_state", "h_state"))
    assert sorted(saver.saved) == ["c_state", "h_state"]
    assert outs[-1].op.type == "Identity"
    assert sorted(op.name for op in outs[-1].op.control_inputs) == ["save_c_state",
                                                                   "save_h_state"]
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      o, s = sess.run([outs[-1], state])
    np.testing.assert_array_equal(o, s.h)
    with pytest.raises(ValueError, match="same type as cell.state_size"):
      tf.nn.static_state_saving_rnn(cell, xs, saver, "single")


def _variables_in(nodes):
  return [(n["name"], n["values"]["shape"]) for n in nodes if n["op"] == "VariableV2"]


@pytest.mark.parametrize("case", sorted(set(_G.mod.CASES) - {"zero_state"}))
def test_variable_names_shapes_and_order(case):
  import make_goldens  # pylint: disable=g-import-not-at-top
  g, _ = _G.build(case)
  ours = _variables_in(make_goldens.graph_structure(g.as_graph_def()))
  want = _variables_in(_G.graphs[case])
  assert ours and ours == want


def test_rnn_cell_subclass_tracks_get_variable_weights():
  class MyCell(tf.nn.rnn_cell.RNNCell):

    @property
    def state_size(self):
      return 2

    @property
    def output_size(self):
      return 2

    def call(self, inputs, state):
      w = tf.get_variable("w", [3, 2], initializer=tf.constant_initializer(0.5))
      s = tf.get_variable("s", [2], trainable=False, initializer=tf.ones_initializer())
      out = tf.matmul(inputs, w) + s + state
      return out, out

  with tf.Graph().as_default():
    cell = MyCell()
    outs, state = tf.nn.static_rnn(cell, [tf.ones([1, 3])] * 2, dtype=tf.float32)
    assert [v.op.name for v in cell.trainable_weights] == ["rnn/my_cell/w"]
    assert [v.op.name for v in cell.non_trainable_weights] == ["rnn/my_cell/s"]
    assert len(tf.global_variables()) == 2
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      np.testing.assert_allclose(sess.run(state), [[5.0, 5.0]])
