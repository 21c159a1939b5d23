"""Bad input never crashes: an adversarial sweep over every registered op, plus regressions.

The sweep (robustness_sweep.py) runs in child processes so that a segfault, abort or hang in one
op fails the test with the op's name instead of killing pytest. Each case must end in a valid
result or tf.errors.OpError / ValueError / TypeError.
"""

import os
import signal
import subprocess
import sys

import numpy as np
import pytest

import tensorflow as tf
from tensorflow.core.framework import attr_value_pb2
from tensorflow.core.framework import tensor_shape_pb2

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, _HERE)
import robustness_sweep  # pylint: disable=g-import-not-at-top,wrong-import-position

NUM_CHUNKS = 8
CHUNK_TIMEOUT_S = 240


def _chunks():
  names = robustness_sweep.sweep_op_names()
  return [names[i::NUM_CHUNKS] for i in range(NUM_CHUNKS)]


def _last_case(stdout):
  last = None
  for line in stdout.splitlines():
    if line.startswith("CASE\t"):
      last = line
  return last


@pytest.mark.parametrize("chunk", range(NUM_CHUNKS))
def test_sweep_every_op(chunk, tmp_path):
  ops = _chunks()[chunk]
  env = dict(os.environ)
  env["PYTHONPATH"] = os.pathsep.join([_HERE] + [p for p in sys.path if p])
  cmd = [sys.executable, os.path.join(_HERE, "robustness_sweep.py")] + ops
  try:
    # Ops that write files (SaveV2, PrintV2 to file://...) write relative to the child's
    # working directory: keep that a scratch directory.
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tmp_path,
                          errors="replace", timeout=CHUNK_TIMEOUT_S)
  except subprocess.TimeoutExpired as e:
    out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
    pytest.fail("sweep hung (> %ds); last case: %s" % (CHUNK_TIMEOUT_S, _last_case(out)))
  if proc.returncode < 0:
    pytest.fail("sweep child died with %s; last case: %s\n%s" % (
        signal.Signals(-proc.returncode).name, _last_case(proc.stdout), proc.stderr[-2000:]))
  bad = [l for l in proc.stdout.splitlines() if l.startswith("BAD\t")]
  assert not bad, "cases ending in a non-TF exception:\n" + "\n".join(bad[:40])
  assert proc.returncode == 0, proc.stderr[-3000:]
  assert proc.stdout.rstrip().endswith("DONE"), proc.stdout[-2000:]
  # Every op of the chunk was swept.
  swept = [l.split("\t")[1] for l in proc.stdout.splitlines() if l.startswith("OP\t")]
  assert swept == ops


def test_sweep_covers_all_but_control_flow():
  all_ops = set(robustness_sweep.load_op_defs())
  swept = set(robustness_sweep.sweep_op_names())
  assert all_ops - swept == all_ops & robustness_sweep.SKIPPED_OPS
  assert {"Fill", "Reshape", "Einsum", "StridedSlice", "ScatterNd"} <= swept


def test_curated_cases_name_registered_ops():
  ops = robustness_sweep.load_op_defs()
  for op, case in robustness_sweep.curated_cases():
    assert op in ops, op
    assert len(case.inputs) == len(ops[op].input_arg), (op, case.desc)


# ---- focused regressions (the crashes the sweep found) -----------------------------------------
def _run_in_child(code):
  """Runs `code` in a fresh interpreter; a crash shows up as a negative return code."""
  env = dict(os.environ)
  env["PYTHONPATH"] = os.pathsep.join([_HERE] + [p for p in sys.path if p])
  prologue = ("import robustness_sweep as rs; rs.limit_memory(1 << 30)\n"
              "import numpy as np, tensorflow as tf\n")
  proc = subprocess.run([sys.executable, "-c", prologue + code], env=env, capture_output=True,
                        errors="replace", text=True, timeout=120)
  assert proc.returncode == 0, (proc.returncode, proc.stdout[-2000:], proc.stderr[-3000:])
  return proc.stdout


def test_fill_with_overflowing_byte_count_is_resource_exhausted():
  out = _run_in_child("""
g = tf.Graph()
with g.as_default():
  dims = tf.placeholder(tf.int64)
  f = tf.fill(dims, 1.0)
  with tf.Session() as s:
    try:
      s.run(f, {dims: np.array([2**31, 2**31], np.int64)})
    except tf.errors.ResourceExhaustedError as e:
      print("RE", "OOM when allocating tensor with shape[2147483648,2147483648]" in e.message)
    try:
      s.run(f, {dims: np.array([2**40, 2**40], np.int64)})
    except tf.errors.InvalidArgumentError as e:
      print("IA")
    print(s.run(f, {dims: np.array([2], np.int64)}).tolist())
""")
  assert out.split("\n")[:3] == ["RE True", "IA", "[1.0, 1.0]"]


def test_huge_allocations_fail_cleanly():
  out = _run_in_child("""
g = tf.Graph()
with g.as_default():
  x = tf.placeholder(tf.float32)
  m = tf.placeholder(tf.int64)
  t = tf.tile(x, m)
  n = tf.placeholder(tf.int64)
  l = tf.lin_space(0.0, 1.0, n)
  with tf.Session() as s:
    for fetch, feed in [(t, {x: np.ones([2, 3], np.float32), m: np.array([2**31, 2**31])}),
                        (t, {x: np.ones([2, 3], np.float32), m: np.array([2**20, 2**20])}),
                        (l, {n: np.array(2**62)})]:
      try:
        s.run(fetch, feed)
        print("ran")
      except (tf.errors.ResourceExhaustedError, tf.errors.InvalidArgumentError) as e:
        print(type(e).__name__)
    r = s.run(t, {x: np.zeros([0, 3], np.float32), m: np.array([2, 2**31 - 1])})
    print(r.shape)
""")
  lines = out.split("\n")
  assert lines[0] == "InvalidArgumentError"
  assert lines[1] == "ResourceExhaustedError"
  assert lines[2] == "ResourceExhaustedError"
  assert lines[3] == "(0, %d)" % (3 * (2**31 - 1))


def test_range_with_overflowing_span():
  with tf.Graph().as_default():
    s = tf.placeholder(tf.int64)
    l = tf.placeholder(tf.int64)
    d = tf.placeholder(tf.int64)
    r = tf.range(s, l, d)
    with tf.Session() as sess:
      with pytest.raises(tf.errors.InvalidArgumentError):
        sess.run(r, {s: np.int64(-2**63), l: np.int64(2**63 - 1), d: np.int64(1)})
      got = sess.run(r, {s: np.int64(-2**63), l: np.int64(2**63 - 1), d: np.int64(2**63 - 1)})
      np.testing.assert_array_equal(got, [-2**63, -1, 2**63 - 2])


def test_nodedef_attr_of_wrong_type_raises_and_graph_keeps_working():
  g = tf.Graph()
  with g.as_default():
    x = tf.placeholder(tf.float32)
    y = tf.placeholder(tf.float32)
    bad = {"T": attr_value_pb2.AttrValue(i=1)}
    with pytest.raises((ValueError, TypeError, tf.errors.OpError)):
      g.create_op("AddV2", [x, y], attrs=bad)
    with pytest.raises((ValueError, TypeError, tf.errors.OpError)):
      g.create_op("AddV2", [x, y], attrs={})  # missing T
    with pytest.raises((ValueError, TypeError, tf.errors.OpError)):
      g.create_op("AddV2", [x, y], attrs={"T": attr_value_pb2.AttrValue(type=1),
                                          "bogus": attr_value_pb2.AttrValue(i=1)})
    with pytest.raises((ValueError, TypeError, tf.errors.OpError)):
      g.create_op("AddV2", [x], attrs={"T": attr_value_pb2.AttrValue(type=1)})
    with pytest.raises((ValueError, TypeError, tf.errors.OpError)):
      g.create_op("Placeholder", [], attrs={
          "dtype": attr_value_pb2.AttrValue(type=1),
          "shape": attr_value_pb2.AttrValue(shape=tensor_shape_pb2.TensorShapeProto(
              dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=-7)]))})
    z = g.create_op("AddV2", [x, y], attrs={"T": attr_value_pb2.AttrValue(type=1)})
    with tf.Session() as sess:
      with pytest.raises(tf.errors.InvalidArgumentError, match="must feed a value"):
        sess.run(z.outputs[0], {x: 1.0})
      with pytest.raises((ValueError, TypeError, tf.errors.OpError)):
        sess.run(z.outputs[0], {x: np.ones([2], np.float32), y: np.ones([3], np.float32)})
      assert sess.run(z.outputs[0], {x: 1.0, y: 2.0}) == 3.0
