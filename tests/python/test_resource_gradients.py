"""Resource variables in training: the ReadVariableOp / ResourceGather gradients, static shapes
of reads, every optimizer's minimize() on use_resource=True variables against real TF's
trajectories, and initial values that read other variables."""
import functools
import types

import numpy as np
import pytest
import tensorflow as tf
from tensorflow.python.framework import ops
from tensorflow.python.ops import gen_resource_variable_ops

from op_test_util import fresh_graph  # noqa: F401  (autouse: a new default graph per test)
import test_optimizers as opt_tests


def _run(fetches, init=True):
  with tf.Session() as sess:
    if init:
      sess.run(tf.global_variables_initializer())
    return sess.run(fetches)


# ---- gradient registrations -------------------------------------------------------------------
def test_read_variable_gradient_passes_through():
  v = tf.Variable(np.array([1.0, -2.0, 3.0], np.float32), use_resource=True)
  read = v.value()
  loss = tf.reduce_sum(read * read)
  (g,) = tf.gradients(loss, v)
  assert isinstance(g, tf.Tensor) and g.shape.as_list() == [3]
  (g_read,) = tf.gradients(loss, read)  # w.r.t. the read itself as well
  np.testing.assert_allclose(_run(g), [2.0, -4.0, 6.0])
  np.testing.assert_allclose(_run(g_read), [2.0, -4.0, 6.0])


def test_resource_gather_gradient_is_indexed_slices():
  v = tf.Variable(np.arange(15, dtype=np.float32).reshape(5, 3), use_resource=True)
  rows = tf.gather(v, [[1, 1], [3, 0]])
  assert rows.op.inputs[0].op.type == "ResourceGather"
  loss = tf.reduce_sum(rows * tf.constant([1.0, 2.0, 3.0]))
  (g,) = tf.gradients(loss, v)
  assert isinstance(g, tf.IndexedSlices)
  assert g.values.shape.as_list() == [4, 3]  # indices flattened, rows kept (TF's reshaping)
  assert g.indices.shape.as_list() == [4]
  assert g.dense_shape.op.type == "Const"  # the variable's shape, fully known here
  values, indices, dense_shape = _run([g.values, g.indices, g.dense_shape])
  np.testing.assert_array_equal(indices, [1, 1, 3, 0])
  np.testing.assert_array_equal(dense_shape, [5, 3])
  np.testing.assert_allclose(values, np.tile([1.0, 2.0, 3.0], (4, 1)))
  dense = _run(tf.convert_to_tensor(g))
  want = np.zeros((5, 3), np.float32)
  for i in [1, 1, 3, 0]:
    want[i] += [1.0, 2.0, 3.0]
  np.testing.assert_allclose(dense, want)


def test_resource_gather_gradient_with_unknown_variable_shape_uses_variable_shape():
  init = tf.placeholder_with_default(np.ones((4, 2), np.float32), [None, 2])
  v = tf.Variable(init, use_resource=True, shape=tf.TensorShape(None))
  loss = tf.reduce_sum(v.sparse_read([2, 0]))
  (g,) = tf.gradients(loss, v)
  assert g.dense_shape.op.type == "VariableShape"
  np.testing.assert_array_equal(_run(g.dense_shape), [4, 2])


def test_not_differentiable_resource_ops():
  v = tf.Variable(1.0, use_resource=True)
  for op in (v.is_initialized().op, gen_resource_variable_ops.variable_shape(v.handle).op):
    assert ops.get_gradient_function(op) is None
  # nothing flows back through them
  assert tf.gradients(tf.cast(v.is_initialized(), tf.float32), v) == [None]


# ---- tf.gradients w.r.t. resource variables against finite differences -------------------------
def _numeric_grad(loss, var, value, eps=1e-6):
  grad = np.zeros_like(value)
  with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for idx in np.ndindex(*value.shape):
      plus, minus = value.copy(), value.copy()
      plus[idx] += eps
      minus[idx] -= eps
      var.load(plus, sess)
      f_plus = sess.run(loss)
      var.load(minus, sess)
      f_minus = sess.run(loss)
      grad[idx] = (f_plus - f_minus) / (2 * eps)
  return grad


@pytest.mark.parametrize("kind", ["dense", "gather", "mixed"])
def test_gradients_match_finite_differences(kind):
  rng = np.random.RandomState(7)
  w0 = rng.uniform(-1, 1, (4, 3))
  x = tf.constant(rng.uniform(-1, 1, (2, 4)))
  w = tf.Variable(w0, use_resource=True)
  if kind == "dense":
    loss = tf.reduce_sum(tf.tanh(tf.matmul(x, w)) ** 2)
  elif kind == "gather":
    loss = tf.reduce_sum(tf.sin(tf.gather(w, [3, 1, 3])) * tf.constant([1.0, 2.0, -1.0],
                                                                      tf.float64))
  else:
    loss = (tf.reduce_sum(tf.exp(tf.gather(w, [0, 2]))) +
            tf.reduce_sum(tf.matmul(x, w) ** 2) + tf.reduce_sum(w.read_value() ** 3))
  (g,) = tf.gradients(loss, w)
  analytic = _run(tf.convert_to_tensor(g))
  numeric = _numeric_grad(loss, w, w0)
  np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-7)


# ---- optimizers on resource variables ---------------------------------------------------------
class _ResourceTF(types.ModuleType):
  """`tf` whose tf.Variable makes resource variables; everything else is tf's."""

  def __getattr__(self, name):
    return getattr(tf, name)


_RTF = _ResourceTF("tf_resource")
_RTF.Variable = functools.partial(tf.Variable, use_resource=True)


@pytest.mark.parametrize("case", opt_tests.TRAJECTORY_CASES)
def test_minimize_resource_trajectory_matches_tensorflow(case):
  """The golden cases (real TF, ref variables) rerun with use_resource=True: TF's Resource*
  kernels give the same numbers, so the goldens apply unchanged."""
  g = tf.Graph()
  with g.as_default():
    fetches = opt_tests.MOD.CASES[case](_RTF)
    with tf.Session(graph=g) as sess:
      values = sess.run(fetches)
  for key in fetches:
    want = opt_tests.ARRAYS[case + "/" + key]
    np.testing.assert_allclose(np.asarray(values[key]), want, rtol=1e-6, atol=1e-7,
                               err_msg=key)


@pytest.mark.parametrize("name", sorted(opt_tests.MOD.OPTIMIZERS))
def test_minimize_resource_equals_ref_and_uses_resource_kernels(name):
  def run(use_resource):
    with tf.Graph().as_default() as g:
      w = tf.Variable(np.array([[0.5, -1.0], [2.0, 0.25]], np.float32), name="w",
                      use_resource=use_resource)
      emb = tf.Variable(np.linspace(-1, 1, 8).reshape(4, 2).astype(np.float32), name="emb",
                        use_resource=use_resource)
      rows = tf.gather(emb, [3, 0, 3])
      loss = tf.reduce_sum(tf.square(tf.matmul(rows, w) - 1.0))
      train = opt_tests.MOD.OPTIMIZERS[name](tf).minimize(loss)
      types_ = {op.type for op in g.get_operations()}
      with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(5):
          sess.run(train)
        return types_, sess.run([w, emb])
  ref_types, ref = run(False)
  res_types, res = run(True)
  assert any(t.startswith("ResourceApply") for t in res_types), res_types
  assert any(t.startswith("ResourceSparseApply") or t == "ResourceScatterAdd"
             for t in res_types), res_types
  assert not any(t.startswith(("Apply", "SparseApply")) for t in res_types)
  assert any(t.startswith("SparseApply") or t in ("ScatterSub", "ScatterAdd") for t in ref_types)
  for a, b in zip(ref, res):
    np.testing.assert_allclose(b, a, rtol=1e-6, atol=1e-7)


def test_minimize_resource_get_variable_with_global_step():
  with tf.variable_scope("model", use_resource=True):
    w = tf.get_variable("w", initializer=np.array([1.0, 2.0], np.float32))
  gs = tf.train.get_or_create_global_step()
  loss = tf.reduce_sum(w * w)
  train = tf.train.AdamOptimizer(0.1).minimize(loss, global_step=gs)
  with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
      sess.run(train)
    assert sess.run(gs) == 3
    assert np.all(np.abs(sess.run(w)) < [1.0, 2.0])


# ---- static shapes of reads -------------------------------------------------------------------
def test_read_shapes_match_tensorflow():
  v = tf.Variable(np.ones((5, 3), np.float32), use_resource=True)
  assert v.read_value().shape.as_list() == [5, 3]
  assert v.value().shape.as_list() == [5, 3]
  assert tf.convert_to_tensor(v).shape.as_list() == [5, 3]
  assert tf.gather(v, [1, 2]).shape.as_list() == [2, 3]
  assert tf.gather(v, tf.placeholder(tf.int32, [None, 2])).shape.as_list() == [None, 2, 3]
  assert v.sparse_read([[1]]).shape.as_list() == [1, 1, 3]
  assert tf.gather(v, [0, 1], axis=1).shape.as_list() == [5, 2]
  assert v.assign(np.zeros((5, 3), np.float32)).value().shape.as_list() == [5, 3]


@pytest.mark.parametrize("validate_shape", [True, False])
def test_read_shapes_of_partially_known_variable(validate_shape):
  # TF 1.15 ignores validate_shape for resource variables: the shape is the initial value's.
  init = tf.placeholder_with_default(np.ones((2, 3), np.float32), [None, 3])
  u = tf.Variable(init, use_resource=True, validate_shape=validate_shape)
  assert u.shape.as_list() == [None, 3]
  assert u.read_value().shape.as_list() == [None, 3]
  assert u.value().shape.as_list() == [None, 3]
  assert tf.gather(u, [1]).shape.as_list() == [1, 3]


def test_explicit_shape_must_be_compatible():
  with pytest.raises(ValueError, match="not compatible"):
    tf.Variable(np.ones((2, 3), np.float32), use_resource=True, shape=[3, 2])
  v = tf.Variable(np.ones((2, 3), np.float32), use_resource=True, shape=tf.TensorShape(None))
  assert v.shape.ndims is None and v.value().shape.ndims is None


# ---- initial values that read other variables -------------------------------------------------
@pytest.mark.parametrize("a_resource", [False, True])
@pytest.mark.parametrize("b_resource", [False, True])
def test_initial_value_from_another_variable(a_resource, b_resource):
  for _ in range(10):  # the executor's order varies run to run: every order must work
    with tf.Graph().as_default():
      a = tf.Variable(1.0, use_resource=a_resource)
      b = tf.Variable(a * 2.0, use_resource=b_resource)
      c = tf.Variable(tf.random_normal([3], seed=1), use_resource=a_resource)
      d = tf.Variable(c + b, use_resource=b_resource)  # a chain: d <- b <- a
      av, bv, cv, dv = _run([a, b, c, d])
      assert av == 1.0 and bv == 2.0
      np.testing.assert_allclose(dv, cv + 2.0, rtol=1e-6)


def test_initialized_value_and_reinitializing_reads_current_value():
  a = tf.Variable(1.0)
  b = tf.Variable(a * 2.0)
  iv = a.initialized_value()
  with tf.Session() as sess:
    assert sess.run(iv) == 1.0  # not yet initialized: the initial value
    sess.run(a.initializer)
    sess.run(a.assign(4.0))
    assert sess.run(iv) == 4.0  # initialized: the current value
    sess.run(b.initializer)  # as with TF's cond guard, a is read, not re-initialized
    assert sess.run([a, b]) == [4.0, 8.0]


def test_guarded_initial_value_graph_is_tfs():
  g = tf.get_default_graph()
  a = tf.Variable(1.0)
  tf.Variable(a * 2.0)
  names = {op.name: op.type for op in g.get_operations()}
  for name, op_type in [("Variable_1/IsVariableInitialized", "IsVariableInitialized"),
                        ("Variable_1/cond/Switch", "Switch"),
                        ("Variable_1/cond/pred_id", "Identity"),
                        ("Variable_1/cond/read/Switch", "RefSwitch"),
                        ("Variable_1/cond/read", "Identity"),
                        ("Variable_1/cond/Switch_1", "Switch"),
                        ("Variable_1/cond/Merge", "Merge"),
                        ("Variable/read_Variable_1", "Identity"),
                        ("mul_Variable_1", "Mul")]:
    assert names.get(name) == op_type, name
  assign = g.get_operation_by_name("Variable_1/Assign")
  assert assign.inputs[1].op.name == "mul_Variable_1"


@pytest.mark.parametrize("use_resource", [False, True])
def test_initial_value_from_initialized_value(use_resource):
  for _ in range(5):
    with tf.Graph().as_default():
      a = tf.Variable(3.0, use_resource=use_resource)
      b = tf.Variable(a.initialized_value() * 2.0, use_resource=use_resource)
      assert _run([a, b]) == [3.0, 6.0]
