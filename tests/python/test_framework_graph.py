import numpy as np
import pytest

import tensorflow as tf
from tensorflow.python.framework import ops
from tensorflow.python.ops import gen_array_ops
from tensorflow.python.ops import control_flow_ops


def _const(v=1.0, name="Const"):
  return tf.constant(v, name=name)


def test_default_graph_stack():
  g1 = tf.Graph()
  with g1.as_default():
    assert tf.get_default_graph() is g1
    g2 = tf.Graph()
    with g2.as_default():
      assert tf.get_default_graph() is g2
      with pytest.raises(AssertionError, match="nested graphs"):
        tf.reset_default_graph()
    assert tf.get_default_graph() is g1
  old = tf.get_default_graph()
  tf.reset_default_graph()
  assert tf.get_default_graph() is not old


def test_unique_names_and_scopes():
  g = tf.Graph()
  with g.as_default():
    assert _const().op.name == "Const"
    assert _const().op.name == "Const_1"
    assert _const(name="const").op.name == "const_2"  # case-insensitive counting
    with tf.name_scope("s") as scope:
      assert scope == "s/"
      assert _const(name="c").name == "s/c:0"
      with tf.name_scope("inner"):
        assert tf.get_default_graph().get_name_scope() == "s/inner"
      with tf.name_scope(None):
        assert _const(name="top").op.name == "top"
    with tf.name_scope("s") as scope2:
      assert scope2 == "s_1/"
    with tf.name_scope(scope) as reused:
      assert reused == "s/"
      assert _const(name="c").op.name == "s/c_1"
    with tf.name_scope(None, "default") as d:
      assert d == "default/"
    with pytest.raises(ValueError, match="'foo!' is not a valid scope name"):
      with tf.name_scope("foo!"):
        pass
    with pytest.raises(ValueError, match="At least one of name"):
      with tf.name_scope(None, values=[]):
        pass
    assert g.unique_name("x", mark_as_used=False) == "x"
    assert g.unique_name("x") == "x"
    assert g.unique_name("x") == "x_1"
    # A name ending in "/" names the op exactly.
    assert _const(name="exact/").op.name == "exact"


def test_op_and_tensor_basics():
  g = tf.Graph()
  with g.as_default():
    c = tf.constant([[1, 2], [3, 4]], name="c")
    i = gen_array_ops.identity(c, name="i")
    assert i.op.type == "Identity" and i.op.inputs[0] is c
    assert c.consumers() == [i.op]
    assert i.dtype == tf.int32 and i.shape.as_list() == [2, 2]
    assert i.get_shape().as_list() == [2, 2]
    assert i.value_index == 0 and i.graph is g
    assert i.op.get_attr("T") == tf.int32
    with pytest.raises(ValueError, match="has no attr named"):
      i.op.get_attr("nope")
    assert repr(i) == "<tf.Tensor 'i:0' shape=(2, 2) dtype=int32>"
    assert str(i) == 'Tensor("i:0", shape=(2, 2), dtype=int32)'
    assert repr(i.op) == "<tf.Operation 'i' type=Identity>"
    assert hash(i) == id(i) and i == i and i != c
    assert tf.Tensor.__array_priority__ == 100
    with pytest.raises(TypeError, match="as a Python `bool` is not allowed"):
      bool(i)
    with pytest.raises(TypeError, match="only iterable when eager execution is enabled"):
      iter(c)
    assert not hasattr(tf.Tensor, "__len__")
    assert [op.name for op in g.get_operations()] == ["c", "i"]
    assert g._last_id == 2 and g.version == 2
    gd = g.as_graph_def()
    assert [n.name for n in gd.node] == ["c", "i"]
    assert list(gd.node[1].input) == ["c"]


def test_placeholder_set_shape():
  g = tf.Graph()
  with g.as_default():
    p = gen_array_ops.placeholder(tf.float32, shape=[None, 3], name="p")
    assert p.shape.as_list() == [None, 3]
    p.set_shape([5, None])
    assert p.shape.as_list() == [5, 3]
    with pytest.raises(ValueError):
      p.set_shape([4, 3])
    u = gen_array_ops.placeholder(tf.float32, name="u")
    assert u.shape.ndims is None
    with pytest.raises(TypeError, match="only iterable"):
      iter(u)


def test_get_by_name_errors():
  g = tf.Graph()
  with g.as_default():
    c = _const(name="c")
  assert g.get_tensor_by_name("c:0") is c
  assert g.get_operation_by_name("c") is c.op
  assert g.as_graph_element("c") is c.op and g.as_graph_element(c) is c
  with pytest.raises(KeyError, match="The operation, 'd', does not exist in the graph"):
    g.get_tensor_by_name("d:0")
  with pytest.raises(KeyError, match="exists but only has 1 outputs"):
    g.get_tensor_by_name("c:1")
  with pytest.raises(ValueError, match="looks a like a Tensor name, but is not a valid one"):
    g.get_tensor_by_name("c:x")
  with pytest.raises(ValueError, match="refers to an Operation, not a Tensor"):
    g.get_tensor_by_name("c")
  with pytest.raises(ValueError, match="appears to refer to a Tensor, not a Operation"):
    g.get_operation_by_name("c:0")
  with pytest.raises(KeyError, match="refers to an Operation not in the graph"):
    g.get_operation_by_name("zz")
  with pytest.raises(TypeError, match="Tensor names are strings"):
    g.get_tensor_by_name(3)
  with pytest.raises(TypeError, match="Can not convert a int into a Tensor or Operation"):
    g.as_graph_element(3)
  other = tf.Graph()
  with pytest.raises(ValueError, match="is not an element of this graph"):
    other.as_graph_element(c)


def test_finalize():
  g = tf.Graph()
  with g.as_default():
    _const()
  g.finalize()
  assert g.finalized
  with g.as_default():
    with pytest.raises(RuntimeError, match="Graph is finalized and cannot be modified."):
      _const()
  with pytest.raises(RuntimeError, match="Graph is finalized"):
    g.add_to_collection("k", 1)


def test_collections():
  g = tf.Graph()
  with g.as_default():
    a = _const(name="scope1/a")
    b = _const(name="scope2/b")
    tf.add_to_collection("k", a)
    tf.add_to_collection("k", b)
    tf.add_to_collection("k", 3)
    tf.add_to_collections(["k2", "k3"], a)
    assert tf.get_collection("k") == [a, b, 3]
    assert tf.get_collection("k", scope="scope2") == [b]
    assert tf.get_collection("k", scope="cope") == []
    assert tf.get_collection("missing") == []
    ref = tf.get_collection_ref("k")
    ref.append(4)
    assert tf.get_collection("k")[-1] == 4
    copy = tf.get_collection("k")
    copy.append(5)
    assert len(tf.get_collection("k")) == 4
    assert set(g.get_all_collection_keys()) == {"k", "k2", "k3"}
    g.clear_collection("k2")
    assert g.get_collection("k2") == []
  assert tf.GraphKeys.GLOBAL_VARIABLES == "variables"
  assert tf.GraphKeys.TRAINABLE_VARIABLES == "trainable_variables"
  assert tf.GraphKeys.UPDATE_OPS == "update_ops"


def test_control_dependencies():
  g = tf.Graph()
  with g.as_default():
    a = _const(name="a")
    b = _const(name="b")
    with tf.control_dependencies([a]):
      c = _const(name="c")
      d = gen_array_ops.identity(c, name="d")  # c already depends on a
      e = gen_array_ops.identity(b, name="e")
      with tf.control_dependencies([b.op]):
        f = _const(name="f")
      with tf.control_dependencies(None):
        h = _const(name="h")
    assert c.op.control_inputs == [a.op]
    assert d.op.control_inputs == []
    assert e.op.control_inputs == [a.op]
    assert f.op.control_inputs == [a.op, b.op]
    assert h.op.control_inputs == []
    gd = g.as_graph_def()
    node = [n for n in gd.node if n.name == "f"][0]
    assert list(node.input) == ["^a", "^b"]
    with pytest.raises(TypeError, match="Can not convert a int"):
      tf.control_dependencies([3])
    x = _const(name="x")
    x.op._add_control_input(a.op)
    assert x.op.control_inputs == [a.op]
    assert "^a" in list(x.op.node_def.input)


def test_devices():
  g = tf.Graph()
  with g.as_default():
    with tf.device("/cpu:0"):
      a = _const(name="a")
      with tf.device("/job:worker/task:1"):
        b = _const(name="b")
      with tf.device(None):
        c = _const(name="c")
      with tf.device(""):
        d = _const(name="d")
    with tf.device("/job:ps"):
      with tf.device(lambda op: "/device:GPU:1" if op.type == "Const" else ""):
        e = _const(name="e")
    assert a.device == "/device:CPU:0"
    assert b.device == "/job:worker/task:1/device:CPU:0"
    assert c.device == ""
    assert d.device == "/device:CPU:0"
    assert e.device == "/job:ps/device:GPU:1"
    assert [n.device for n in g.as_graph_def().node][:2] == ["/device:CPU:0",
                                                            "/job:worker/task:1/device:CPU:0"]
  spec = tf.DeviceSpec.from_string("/job:a/replica:1/task:2/device:GPU:3")
  assert (spec.job, spec.replica, spec.task, spec.device_type, spec.device_index) == \
      ("a", 1, 2, "GPU", 3)
  assert spec.to_string() == "/job:a/replica:1/task:2/device:GPU:3"
  with pytest.raises(ValueError, match="Unknown attribute"):
    tf.DeviceSpec.from_string("/foo:bar")


def test_colocate_with():
  g = tf.Graph()
  with g.as_default():
    with tf.device("/cpu:0"):
      a = _const(name="a")
    with tf.device("/job:x"):
      with tf.colocate_with(a.op):
        b = _const(name="b")
    assert b.op.colocation_groups() == [b"loc:@a"]
    assert b.op.get_attr("_class") == [b"loc:@a"]
    assert b.device == "/device:CPU:0"
    assert a.op.colocation_groups() == [b"loc:@a"]
    with tf.colocate_with(b):
      c = _const(name="c")
    assert c.op.get_attr("_class") == [b"loc:@a"]
    with pytest.raises(ValueError, match="ignore_existing is not True"):
      with tf.colocate_with(None):
        pass


def test_group_tuple_with_dependencies():
  g = tf.Graph()
  with g.as_default():
    a = _const(name="a")
    b = _const(name="b")
    grp = tf.group(a, b)
    assert grp.type == "NoOp" and grp.name == "group_deps"
    assert set(op.name for op in grp.control_inputs) == {"a", "b"}
    empty = tf.group(name="nothing")
    assert empty.type == "NoOp" and empty.control_inputs == []
    ta, tb = tf.tuple([a, b])
    assert ta.op.type == "Identity" and ta.op.inputs[0] is a
    assert ta.op.control_inputs[0].type == "NoOp"
    w = control_flow_ops.with_dependencies([b], a)
    assert w.op.name == "control_dependency" and w.op.control_inputs == [b.op]
    assert w.op.get_attr("_class") == [b"loc:@a"]
    assert tf.no_op(name="n").type == "NoOp"
    # tf.while_loop exists now (tests/python/test_while_loop.py): a float predicate is refused.
    with pytest.raises(TypeError, match="LoopCond"):
      tf.while_loop(lambda i: i, lambda i: i, [a])


def test_multiple_graphs_rejected():
  g1, g2 = tf.Graph(), tf.Graph()
  with g1.as_default():
    a = _const()
  with g2.as_default():
    with pytest.raises(ValueError):
      g2.create_op("Identity", [a], attrs={})


def test_gradient_registry_and_override():
  @tf.RegisterGradient("TfcTestOpGrad")
  def _grad(op, grad):
    return grad
  with pytest.raises(KeyError, match="Registering two gradient"):
    tf.RegisterGradient("TfcTestOpGrad")(_grad)
  tf.NotDifferentiable("TfcTestNoGrad")
  g = tf.Graph()
  with g.as_default():
    a = _const()
    with g.gradient_override_map({"Identity": "TfcTestOpGrad"}):
      i = gen_array_ops.identity(a)
    assert i.op.get_attr("_gradient_op_type") == b"TfcTestOpGrad"
    assert ops.get_gradient_function(i.op) is _grad


def test_eval_needs_session():
  g = tf.Graph()
  with g.as_default():
    a = _const()
    with pytest.raises(ValueError, match="No default session is registered"):
      a.eval()
    with pytest.raises(ValueError, match="No default session is registered"):
      a.op.run()


def test_graph_seed_and_thread_local_default():
  import threading
  g = tf.Graph()
  assert g.seed is None
  g.seed = 7
  assert g.seed == 7
  seen = []
  with g.as_default():
    t = threading.Thread(target=lambda: seen.append(tf.get_default_graph() is g))
    t.start()
    t.join()
  assert seen == [False]
