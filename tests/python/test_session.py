"""tf.Session / tf.InteractiveSession: fetch structures, feeds, errors, defaults, callables."""

import collections
import threading

import ml_dtypes
import numpy as np
import pytest

import tensorflow as tf
from tensorflow.core.protobuf import config_pb2
from tensorflow.python.client import session as session_lib
from tensorflow.python.framework import constant_op
from tensorflow.python.framework import errors_impl
from tensorflow.python.framework import ops
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.ops import gen_control_flow_ops
from tensorflow.python.ops import gen_math_ops
from tfclassic import _native


@pytest.fixture(autouse=True)
def fresh_graph():
  ops.reset_default_graph()
  yield
  ops.reset_default_graph()


def _ph(dtype=tf.float32, shape=None, name="x"):
  return gen_array_ops.placeholder(dtype=dtype, shape=shape, name=name)


def _ident(x, name=None):
  return gen_array_ops.identity(x, name=name)


# ---- fetch structures ---------------------------------------------------------------------------
def test_single_fetch_and_scalars_are_numpy_scalars():
  c = constant_op.constant(3.0)
  v = constant_op.constant([1, 2, 3])
  s = constant_op.constant(b"hi")
  with tf.Session() as sess:
    r = sess.run(c)
    assert type(r) is np.float32 and r == 3.0
    r = sess.run(v)
    assert isinstance(r, np.ndarray) and r.dtype == np.int32
    np.testing.assert_array_equal(r, [1, 2, 3])
    assert sess.run(s) == b"hi"
    assert type(sess.run(s)) is bytes


def test_nested_fetch_structures():
  a = constant_op.constant(1.0, name="a")
  b = constant_op.constant([2.0, 3.0], name="b")
  noop = gen_control_flow_ops.no_op(name="noop")
  Pair = collections.namedtuple("Pair", ["first", "second"])
  with tf.Session() as sess:
    res = sess.run([a, (b, noop), {"k": a, "n": [b]}, Pair(a, b)])
    assert isinstance(res, list) and len(res) == 4
    assert res[0] == 1.0
    assert isinstance(res[1], tuple) and res[1][1] is None
    np.testing.assert_array_equal(res[1][0], [2.0, 3.0])
    assert set(res[2]) == {"k", "n"} and res[2]["k"] == 1.0
    np.testing.assert_array_equal(res[2]["n"][0], [2.0, 3.0])
    assert isinstance(res[3], Pair) and res[3].first == 1.0
    np.testing.assert_array_equal(res[3].second, [2.0, 3.0])
    # Operations come back as None; fetching only an op returns None.
    assert sess.run(noop) is None
    assert sess.run([noop, a]) == [None, 1.0]
    od = collections.OrderedDict([("z", a), ("y", b)])
    r = sess.run(od)
    assert isinstance(r, collections.OrderedDict) and list(r) == ["z", "y"]
    dd = collections.defaultdict(list, {"a": a})
    r = sess.run(dd)
    assert isinstance(r, collections.defaultdict) and r.default_factory is list


def test_fetch_by_name_and_duplicates():
  a = constant_op.constant([1.0, 2.0], name="a")
  with tf.Session() as sess:
    np.testing.assert_array_equal(sess.run("a:0"), [1.0, 2.0])
    assert sess.run("a") is None  # an op name runs the op
    r = sess.run([a, a, "a:0"])
    for x in r:
      np.testing.assert_array_equal(x, [1.0, 2.0])


def test_fetch_errors():
  constant_op.constant(1.0, name="a")
  with tf.Session() as sess:
    with pytest.raises(ValueError, match="cannot be interpreted as a Tensor"):
      sess.run("nope:0")
    with pytest.raises((ValueError, KeyError)):
      sess.run("a:3")
    with pytest.raises(TypeError, match="Fetch argument None has invalid type"):
      sess.run(None)
    with pytest.raises(TypeError, match="has invalid type"):
      sess.run(12)


def test_fetch_tensor_of_other_graph():
  g = tf.Graph()
  with g.as_default():
    other = constant_op.constant(1.0)
  constant_op.constant(2.0)
  with tf.Session() as sess:
    with pytest.raises(ValueError):
      sess.run(other)


# ---- feeds --------------------------------------------------------------------------------------
def test_feeds_by_tensor_and_name_with_python_values():
  x = _ph(tf.float32, [None, 2], name="x")
  y = _ident(x, name="y")
  with tf.Session() as sess:
    r = sess.run(y, feed_dict={x: [[1, 2], [3, 4]]})
    assert r.dtype == np.float32
    np.testing.assert_array_equal(r, [[1, 2], [3, 4]])
    r = sess.run(y, feed_dict={"x:0": np.ones((1, 2), np.float64)})
    assert r.dtype == np.float32
    np.testing.assert_array_equal(r, [[1, 1]])


def test_feed_scalar_python_values_convert_to_placeholder_dtype():
  x = _ph(tf.int64, [], name="i")
  f = _ph(tf.float64, None, name="f")
  b = _ph(tf.bool, [], name="b")
  with tf.Session() as sess:
    r = sess.run(_ident(x), {x: 7})
    assert type(r) is np.int64 and r == 7
    r = sess.run(_ident(f), {f: 2.5})
    assert type(r) is np.float64 and r == 2.5
    assert sess.run(_ident(b), {b: True}) == True  # noqa: E712


def test_feed_int_overflow_is_type_error():
  x = _ph(tf.int32, [], name="i")
  with tf.Session() as sess:
    with pytest.raises(TypeError, match="is not compatible with Tensor type"):
      sess.run(_ident(x), {x: 2**40})


@pytest.mark.parametrize("dtype,value", [
    (tf.float16, np.array([1.5, -2.0], np.float16)),
    (tf.bfloat16, np.array([1.5, -2.0], ml_dtypes.bfloat16)),
    (tf.float64, np.array([1e300])),
    (tf.complex64, np.array([1 + 2j], np.complex64)),
    (tf.complex128, np.array([1 - 2j])),
    (tf.bool, np.array([True, False])),
    (tf.int8, np.array([-128, 127], np.int8)),
    (tf.uint8, np.array([0, 255], np.uint8)),
    (tf.int16, np.array([-5], np.int16)),
    (tf.uint16, np.array([65535], np.uint16)),
    (tf.uint32, np.array([2**32 - 1], np.uint32)),
    (tf.uint64, np.array([2**64 - 1], np.uint64)),
    (tf.int64, np.array([-2**63], np.int64)),
])
def test_feed_fetch_round_trip_every_dtype(dtype, value):
  x = _ph(dtype, [None], name="x")
  with tf.Session() as sess:
    r = sess.run(_ident(x), {x: value})
    assert r.dtype == value.dtype
    np.testing.assert_array_equal(r, value)


def test_string_feeds_and_fetches():
  x = _ph(tf.string, [None], name="s")
  y = _ident(x)
  with tf.Session() as sess:
    for value in (np.array([b"ab", b"c"]), np.array(["ab", "c"]), [b"ab", "c"],
                  np.array([b"ab", "c"], dtype=object)):
      r = sess.run(y, {x: value})
      assert r.dtype == object
      assert list(r) == [b"ab", b"c"]
    r = sess.run(y, {x: np.array(["h\u00e9"])})
    assert r[0] == "h\u00e9".encode("utf-8")
    r = sess.run(y, {x: np.array([b"a\x00b"], dtype=object)})
    assert r[0] == b"a\x00b"


def test_fetched_arrays_are_writable_and_independent():
  c = constant_op.constant([1.0, 2.0])
  with tf.Session() as sess:
    r1 = sess.run(c)
    r1[0] = 100.0
    r2 = sess.run(c)
    assert r2[0] == 1.0


def test_fed_value_is_not_aliased():
  x = _ph(tf.float32, [2], name="x")
  y = _ident(x)
  v = np.array([1.0, 2.0], np.float32)
  with tf.Session() as sess:
    r = sess.run(y, {x: v})
    v[0] = 50.0
    assert r[0] == 1.0


def test_fetching_a_fed_tensor_returns_the_fed_value():
  x = _ph(tf.float32, [2], name="x")
  with tf.Session() as sess:
    np.testing.assert_array_equal(sess.run(x, {x: [1, 2]}), [1.0, 2.0])


def test_feed_shape_mismatch_message():
  x = _ph(tf.float32, [None, 2], name="x")
  y = _ident(x)
  with tf.Session() as sess:
    with pytest.raises(ValueError) as e:
      sess.run(y, {x: np.zeros(3)})
    assert str(e.value) == ("Cannot feed value of shape (3,) for Tensor 'x:0', "
                            "which has shape '(?, 2)'")
    # The shape check remembers only shapes that passed.
    sess.run(y, {x: np.zeros((5, 2))})
    with pytest.raises(ValueError):
      sess.run(y, {x: np.zeros((5, 3))})


def test_feed_key_and_value_errors():
  x = _ph(tf.float32, [], name="x")
  y = _ident(x)
  with tf.Session() as sess:
    with pytest.raises(TypeError, match="Cannot interpret feed_dict key as Tensor"):
      sess.run(y, {"missing:0": 1.0})
    with pytest.raises(TypeError, match="The value of a feed cannot be a tf.Tensor"):
      sess.run(y, {x: constant_op.constant(1.0)})


def test_missing_feed_is_invalid_argument_naming_placeholder():
  x = _ph(tf.float32, [None, 2], name="my_input")
  y = _ident(x)
  with tf.Session() as sess:
    with pytest.raises(errors_impl.InvalidArgumentError) as e:
      sess.run(y)
    assert "my_input" in e.value.message
    assert e.value.error_code == errors_impl.INVALID_ARGUMENT
    assert e.value.op is not None and e.value.op.name == "my_input"
    # The session still works after an error.
    np.testing.assert_array_equal(sess.run(y, {x: [[1, 2]]}), [[1, 2]])
    with pytest.raises(errors_impl.InvalidArgumentError):
      sess.run(y)


def test_math_op_through_session():
  x = _ph(tf.float32, [None], name="x")
  z = gen_math_ops.add_v2(x, constant_op.constant(1.0))
  with tf.Session() as sess:
    np.testing.assert_allclose(sess.run(z, {x: [1, 2]}), [2, 3])
    # Repeated runs use the cached plan and keep giving fresh values.
    for i in range(5):
      np.testing.assert_allclose(sess.run(z, feed_dict={x: [i]}), [i + 1])


# ---- lifecycle, defaults ------------------------------------------------------------------------
def test_closed_session_errors():
  c = constant_op.constant(1.0)
  sess = tf.Session()
  assert sess.run(c) == 1.0
  sess.close()
  sess.close()  # idempotent
  with pytest.raises(RuntimeError, match="Attempted to use a closed Session."):
    sess.run(c)


def test_context_manager_default_session_eval_and_run():
  c = constant_op.constant(5.0)
  x = _ph(tf.float32, [], name="x")
  y = _ident(x)
  noop = gen_control_flow_ops.no_op()
  assert ops.get_default_session() is None
  with tf.Session() as sess:
    assert ops.get_default_session() is sess
    assert tf.get_default_session() is sess
    assert c.eval() == 5.0
    assert y.eval(feed_dict={x: 2.0}) == 2.0
    assert noop.run() is None
  assert ops.get_default_session() is None
  with pytest.raises(RuntimeError):
    sess.run(c)
  with pytest.raises(ValueError, match="No default session"):
    c.eval()


def test_as_default_does_not_close():
  c = constant_op.constant(1.0)
  sess = tf.Session()
  with sess.as_default():
    assert c.eval() == 1.0
  assert sess.run(c) == 1.0
  sess.close()


def test_session_on_explicit_graph_and_properties():
  g = tf.Graph()
  with g.as_default():
    c = constant_op.constant(1.0, name="c")
  sess = tf.Session(graph=g)
  assert sess.graph is g
  assert sess.sess_str == ""
  assert [n.name for n in sess.graph_def.node] == ["c"]
  assert sess.run(c) == 1.0
  devices = sess.list_devices()
  assert devices[0].device_type == "CPU" and devices[0].name.endswith("CPU:0")
  sess.close()
  with pytest.raises(TypeError, match="graph must be a tf.Graph"):
    tf.Session(graph=3)
  with pytest.raises(TypeError, match="config must be a tf.ConfigProto"):
    tf.Session(config={})


def test_session_context_not_reentrant():
  sess = tf.Session()
  with sess:
    with pytest.raises(RuntimeError, match="not re-entrant"):
      sess.__enter__()


def test_interactive_session_installs_itself():
  c = constant_op.constant(4.0)
  sess = tf.InteractiveSession()
  try:
    assert ops.get_default_session() is sess
    assert c.eval() == 4.0
  finally:
    sess.close()
  assert ops.get_default_session() is None


def test_config_threads_and_options_and_metadata():
  config = config_pb2.ConfigProto(inter_op_parallelism_threads=2,
                                  intra_op_parallelism_threads=1,
                                  log_device_placement=False)
  c = constant_op.constant([1.0])
  with tf.Session(config=config) as sess:
    opts = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
    md = tf.RunMetadata()
    md.partition_graphs.add()
    assert sess.run(c, options=opts, run_metadata=md)[0] == 1.0
    assert md.ByteSize() == 0  # valid and empty: no tracing yet
    with pytest.raises(TypeError):
      sess.run(c, options=3)


def test_partial_run_not_supported():
  with tf.Session() as sess:
    with pytest.raises(NotImplementedError, match="partial_run is not supported yet"):
      sess.partial_run_setup([], [])
    with pytest.raises(NotImplementedError, match="partial_run is not supported yet"):
      sess.partial_run(None, [])


def test_distributed_target_rejected():
  with pytest.raises(NotImplementedError, match="grpc://x:1"):
    tf.Session("grpc://x:1")


# ---- make_callable ------------------------------------------------------------------------------
def test_make_callable():
  x = _ph(tf.float32, [None], name="x")
  y = gen_math_ops.add_v2(x, constant_op.constant(1.0))
  noop = gen_control_flow_ops.no_op()
  with tf.Session() as sess:
    f = sess.make_callable(y, feed_list=[x])
    np.testing.assert_allclose(f([1.0, 2.0]), [2.0, 3.0])
    g = sess.make_callable([y, noop], feed_list=["x:0"])
    r = g(np.array([0.0], np.float32))
    assert r[1] is None and r[0][0] == 1.0
    h = sess.make_callable(noop)
    assert h() is None
    with pytest.raises(TypeError):
      f()
    with pytest.raises(TypeError):
      f([1.0], options=tf.RunOptions())
    k = sess.make_callable(y, [x], accept_options=True)
    md = tf.RunMetadata()
    np.testing.assert_allclose(k([1.0], options=tf.RunOptions(), run_metadata=md), [2.0])
    with pytest.raises(TypeError, match="must be a list or tuple"):
      sess.make_callable(y, feed_list=x)
    with pytest.raises(errors_impl.InvalidArgumentError):
      sess.make_callable(y)()
  with pytest.raises(RuntimeError):
    f([1.0])


def test_concurrent_runs():
  x = _ph(tf.float32, [None], name="x")
  y = gen_math_ops.add_v2(x, constant_op.constant(1.0))
  errors = []
  with tf.Session() as sess:
    def work(i):
      try:
        for _ in range(50):
          r = sess.run(y, {x: [float(i)]})
          assert r[0] == i + 1
      except Exception as e:  # pylint: disable=broad-except
        errors.append(e)
    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
      t.start()
    for t in threads:
      t.join()
  assert not errors


# ---- the native layer directly ------------------------------------------------------------------
def test_native_status_error_and_roundtrip():
  e = _native.StatusError(3, "bad")
  assert e.code == 3 and e.message == "bad" and str(e) == "bad"
  dt, arr = _native.tensor_roundtrip(np.arange(6, dtype=np.float32).reshape(2, 3))
  assert dt == 1 and arr.shape == (2, 3)
  dt, arr = _native.tensor_roundtrip(np.arange(10)[::3])  # strided input
  np.testing.assert_array_equal(arr, [0, 3, 6, 9])
  dt, arr = _native.tensor_roundtrip(np.zeros(3, ">f4") + 2)  # big-endian input
  assert dt == 1 and arr.dtype == np.float32 and arr[0] == 2
  dt, arr = _native.tensor_roundtrip(np.zeros((0, 4), np.int32))
  assert arr.shape == (0, 4)
  with pytest.raises(_native.StatusError):
    _native.tensor_roundtrip(np.array([1, None], dtype=object))


def test_native_graph_errors_surface_as_status_error():
  g = _native.Graph()
  with pytest.raises(_native.StatusError) as e:
    g.node_def("nope")
  assert e.value.code == errors_impl.NOT_FOUND
  s = _native.Session(g)
  with pytest.raises(_native.StatusError):
    s.run([], ["nope:0"], [])
  s.close()
  with pytest.raises(_native.StatusError) as e:
    s.run([], [], [])
  assert e.value.code == errors_impl.CANCELLED


def test_signature_cache_is_bounded(monkeypatch):
  monkeypatch.setattr(session_lib, "_MAX_CACHED_SIGNATURES", 3)
  x = _ph(tf.float32, [], name="x")
  consts = [constant_op.constant(float(i)) for i in range(8)]
  with tf.Session() as sess:
    f = sess.make_callable(gen_math_ops.add_v2(x, consts[0]), [x])
    for i, c in enumerate(consts):
      assert sess.run(c) == float(i)
      assert len(sess._callables) <= 3
    assert f(1.0) == 1.0  # callables from make_callable survive evictions
    assert sess.run(consts[0]) == 0.0
