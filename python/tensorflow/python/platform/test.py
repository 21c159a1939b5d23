"""tf.test: TestCase and the build/device queries, answered as TF 1.15 does on a CPU-only build.

TF keeps TestCase in framework/test_util.py; tfclassic defines it here (tf.test.TestCase) so
that `import tensorflow` stays independent of test-only modules.
"""

import contextlib
import math
import os
import random
import re
import sys
import tempfile
import unittest

import numpy as np

from tensorflow.python.framework import errors_impl
from tensorflow.python.framework import ops
from tensorflow.python.util import compat
from tensorflow.python.util.tf_export import tf_export

try:
  from tfclassic import _build_info  # pylint: disable=g-import-not-at-top
except ImportError:  # pragma: no cover - a tree without a build
  _build_info = None

_TEMP_DIR = None


@tf_export("test.main")
def main(argv=None):
  """Runs the tests of __main__ (unittest), after parsing tf.flags."""
  from tensorflow.python.platform import flags  # pylint: disable=g-import-not-at-top
  args = flags.FLAGS(sys.argv if argv is None else argv, known_only=True)
  return unittest.main(argv=args)


@tf_export("test.get_temp_dir")
def get_temp_dir():
  """A temporary directory for this test process (created once)."""
  global _TEMP_DIR
  if _TEMP_DIR is None:
    base = os.environ.get("TEST_TMPDIR") or tempfile.gettempdir()
    _TEMP_DIR = tempfile.mkdtemp(prefix="tfclassic_test_", dir=base)
  return _TEMP_DIR


@tf_export("test.test_src_dir_path")
def test_src_dir_path(relative_path):
  """Path of `relative_path` under the tensorflow package."""
  import tensorflow  # pylint: disable=g-import-not-at-top
  return os.path.join(os.path.dirname(tensorflow.__file__), relative_path)


@tf_export("test.is_built_with_cuda")
def is_built_with_cuda():
  return bool(getattr(_build_info, "is_cuda_build", False))


@tf_export("test.is_built_with_rocm")
def is_built_with_rocm():
  return False


@tf_export("test.is_built_with_gpu_support")
def is_built_with_gpu_support():
  return is_built_with_cuda() or is_built_with_rocm()


def _gpu_devices():
  from tensorflow.python.client import device_lib  # pylint: disable=g-import-not-at-top
  return [d for d in device_lib.list_local_devices() if d.device_type == "GPU"]


@tf_export("test.is_gpu_available")
def is_gpu_available(cuda_only=False, min_cuda_compute_capability=None):
  """True when a GPU device exists (and, if asked, meets the compute capability)."""
  del cuda_only
  for d in _gpu_devices():
    if min_cuda_compute_capability is None:
      return True
    m = re.search(r"compute capability: (\d+)\.(\d+)", d.physical_device_desc)
    if m and (int(m.group(1)), int(m.group(2))) >= tuple(min_cuda_compute_capability):
      return True
  return False


@tf_export("test.gpu_device_name")
def gpu_device_name():
  """The name of the first GPU device ('/device:GPU:0'), or '' when there is none."""
  for d in _gpu_devices():
    return compat.as_str(d.name)
  return ""


@tf_export("test.assert_equal_graph_def", v1=["test.assert_equal_graph_def"])
def assert_equal_graph_def(actual, expected, checkpoint_v2=False, hash_table_shared_name=False):
  """Raises AssertionError unless the GraphDefs hold the same nodes (in any order)."""
  del checkpoint_v2, hash_table_shared_name
  a = {n.name: n for n in actual.node}
  e = {n.name: n for n in expected.node}
  if set(a) != set(e):
    raise AssertionError("Graphs differ: nodes only in actual: %s; only in expected: %s" %
                         (sorted(set(a) - set(e)), sorted(set(e) - set(a))))
  for name in sorted(a):
    if a[name] != e[name]:
      raise AssertionError("Node %r differs:\n%s\nvs\n%s" % (name, a[name], e[name]))


class _NotATest(object):
  """A method that test loaders do not see: not callable on the class itself."""

  def __init__(self, fn):
    self._fn = fn

  def __get__(self, obj, cls=None):
    if obj is None:
      return self
    return self._fn.__get__(obj, cls)


def _as_ndarray(x):
  if isinstance(x, ops.Tensor):
    raise TypeError("Evaluate tensors (self.evaluate) before comparing them: %s" % x)
  return np.asarray(x)


@tf_export("test.TestCase")
class TestCase(unittest.TestCase):
  """unittest.TestCase with TF 1.x helpers: sessions over a fresh default graph, and
  NumPy-aware assertions."""

  def __init__(self, methodName="runTest"):  # pylint: disable=invalid-name
    super(TestCase, self).__init__(methodName)
    self._cached_session = None
    self._tempdir = None

  def setUp(self):
    super(TestCase, self).setUp()
    ops.reset_default_graph()
    random.seed(87654321)
    np.random.seed(87654321)

  def tearDown(self):
    if self._cached_session is not None:
      self._cached_session.close()
      self._cached_session = None
    super(TestCase, self).tearDown()

  def get_temp_dir(self):
    if self._tempdir is None:
      self._tempdir = tempfile.mkdtemp(dir=get_temp_dir())
    return self._tempdir

  # ---- sessions -------------------------------------------------------------------------------
  @contextlib.contextmanager
  def session(self, graph=None, config=None, use_gpu=False, force_gpu=False):
    """A new Session over `graph` (the default graph), installed as default."""
    del use_gpu
    if force_gpu and not is_gpu_available():
      self.skipTest("No GPU available")
    from tensorflow.python.client import session as session_lib  # pylint: disable=g-import-not-at-top
    graph = graph if graph is not None else ops.get_default_graph()
    sess = session_lib.Session(graph=graph, config=config)
    try:
      with graph.as_default(), sess.as_default():
        yield sess
    finally:
      sess.close()

  @contextlib.contextmanager
  def cached_session(self, graph=None, config=None, use_gpu=False, force_gpu=False):
    """One Session per test, reused across calls with the same graph."""
    del use_gpu
    if force_gpu and not is_gpu_available():
      self.skipTest("No GPU available")
    from tensorflow.python.client import session as session_lib  # pylint: disable=g-import-not-at-top
    graph = graph if graph is not None else ops.get_default_graph()
    if self._cached_session is None or self._cached_session.graph is not graph:
      if self._cached_session is not None:
        self._cached_session.close()
      self._cached_session = session_lib.Session(graph=graph, config=config)
    sess = self._cached_session
    with graph.as_default(), sess.as_default():
      yield sess

  def _test_session(self, graph=None, config=None, use_gpu=False, force_gpu=False):
    return self.cached_session(graph, config, use_gpu, force_gpu)

  # Deprecated TF name; kept out of test discovery (it starts with "test").
  test_session = _NotATest(_test_session)

  def evaluate(self, tensors):
    sess = ops.get_default_session()
    if sess is None:
      with self.cached_session() as sess:
        return sess.run(tensors)
    return sess.run(tensors)

  # ---- assertions -----------------------------------------------------------------------------
  def _assert_structure(self, a, b, fn, path):
    if isinstance(a, dict) or isinstance(b, dict):
      self.assertIsInstance(a, dict, "%s: %r is not a dict" % (path, a))
      self.assertIsInstance(b, dict, "%s: %r is not a dict" % (path, b))
      self.assertEqual(set(a), set(b), "%s: keys differ" % path)
      for k in a:
        self._assert_structure(a[k], b[k], fn, "%s[%r]" % (path, k))
      return
    if (isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)) and
        (any(isinstance(x, (list, tuple, dict)) and not _is_numeric_nest(x) for x in a) or
         any(isinstance(x, dict) for x in a))):
      self.assertEqual(len(a), len(b), "%s: lengths differ" % path)
      for i, (x, y) in enumerate(zip(a, b)):
        self._assert_structure(x, y, fn, "%s[%d]" % (path, i))
      return
    fn(a, b, path)

  def assertAllClose(self, a, b, rtol=1e-6, atol=1e-6, msg=None):  # pylint: disable=invalid-name
    def check(x, y, path):
      x, y = _as_ndarray(x), _as_ndarray(y)
      self.assertEqual(x.shape, y.shape, "%s: shape mismatch %s vs %s. %s" %
                       (path, x.shape, y.shape, msg or ""))
      if x.dtype.kind in "OSU" or y.dtype.kind in "OSU":
        np.testing.assert_array_equal(x, y, err_msg="%s %s" % (path, msg or ""))
        return
      np.testing.assert_allclose(x, y, rtol=rtol, atol=atol, equal_nan=True,
                                 err_msg="%s %s" % (path, msg or ""))
    self._assert_structure(a, b, check, "")

  def assertAllCloseAccordingToType(self, a, b, rtol=1e-6, atol=1e-6, float_rtol=1e-6,  # pylint: disable=invalid-name
                                    float_atol=1e-6, half_rtol=1e-3, half_atol=1e-3,
                                    bfloat16_rtol=1e-2, bfloat16_atol=1e-2, msg=None):
    a_np, b_np = _as_ndarray(a), _as_ndarray(b)
    dts = {a_np.dtype.name, b_np.dtype.name}
    if dts & {"float32", "complex64"}:
      rtol, atol = max(rtol, float_rtol), max(atol, float_atol)
    if "float16" in dts:
      rtol, atol = max(rtol, half_rtol), max(atol, half_atol)
    if "bfloat16" in dts:
      rtol, atol = max(rtol, bfloat16_rtol), max(atol, bfloat16_atol)
      a_np, b_np = a_np.astype(np.float32), b_np.astype(np.float32)
    self.assertAllClose(a_np, b_np, rtol=rtol, atol=atol, msg=msg)

  def assertNotAllClose(self, a, b, **kwargs):  # pylint: disable=invalid-name
    try:
      self.assertAllClose(a, b, **kwargs)
    except AssertionError:
      return
    raise AssertionError("The two values are close at all elements")

  def assertAllEqual(self, a, b, msg=None):  # pylint: disable=invalid-name
    a, b = _as_ndarray(a), _as_ndarray(b)
    self.assertEqual(a.shape, b.shape, "Shape mismatch: expected %s, got %s. %s" %
                     (a.shape, b.shape, msg or ""))
    np.testing.assert_array_equal(a, b, err_msg=msg or "")

  def assertAllGreater(self, a, comparison_target):  # pylint: disable=invalid-name
    self.assertGreater(np.min(_as_ndarray(a)), comparison_target)

  def assertAllLess(self, a, comparison_target):  # pylint: disable=invalid-name
    self.assertLess(np.max(_as_ndarray(a)), comparison_target)

  def assertAllGreaterEqual(self, a, comparison_target):  # pylint: disable=invalid-name
    self.assertGreaterEqual(np.min(_as_ndarray(a)), comparison_target)

  def assertAllLessEqual(self, a, comparison_target):  # pylint: disable=invalid-name
    self.assertLessEqual(np.max(_as_ndarray(a)), comparison_target)

  def assertAllInRange(self, target, lower_bound, upper_bound, open_lower_bound=False,  # pylint: disable=invalid-name
                       open_upper_bound=False):
    t = _as_ndarray(target)
    lo = t > lower_bound if open_lower_bound else t >= lower_bound
    hi = t < upper_bound if open_upper_bound else t <= upper_bound
    if not np.all(lo & hi):
      raise AssertionError("%d of the %d element(s) are outside the range %s%s, %s%s" %
                           (np.sum(~(lo & hi)), t.size, "(" if open_lower_bound else "[",
                            lower_bound, upper_bound, ")" if open_upper_bound else "]"))

  def assertAllInSet(self, target, expected_set):  # pylint: disable=invalid-name
    diff = set(_as_ndarray(target).flatten().tolist()) - set(expected_set)
    if diff:
      raise AssertionError("%d unique element(s) are not in the set %s: %s" %
                           (len(diff), expected_set, diff))

  def assertArrayNear(self, farray1, farray2, err, msg=None):  # pylint: disable=invalid-name
    self.assertEqual(len(farray1), len(farray2), msg=msg)
    for f1, f2 in zip(farray1, farray2):
      self.assertNear(float(f1), float(f2), err, msg=msg)

  def assertNear(self, f1, f2, err, msg=None):  # pylint: disable=invalid-name
    self.assertTrue(f1 == f2 or math.fabs(f1 - f2) <= err,
                    "%f != %f +/- %f%s" % (f1, f2, err, " (%s)" % msg if msg else ""))

  def assertNDArrayNear(self, ndarray1, ndarray2, err, msg=None):  # pylint: disable=invalid-name
    self.assertTrue(np.linalg.norm(np.asarray(ndarray1) - np.asarray(ndarray2)) <= err,
                    msg=msg)

  def assertShapeEqual(self, np_array, tf_tensor, msg=None):  # pylint: disable=invalid-name
    self.assertIsInstance(tf_tensor, ops.Tensor)
    self.assertAllEqual(np.asarray(np_array).shape, tf_tensor.get_shape().as_list(), msg=msg)

  def assertDeviceEqual(self, device1, device2, msg=None):  # pylint: disable=invalid-name
    from tensorflow.python.framework import device as pydev  # pylint: disable=g-import-not-at-top
    d1 = pydev.canonical_name(device1) if hasattr(pydev, "canonical_name") else device1
    d2 = pydev.canonical_name(device2) if hasattr(pydev, "canonical_name") else device2
    self.assertEqual(d1, d2, "Devices %s and %s are not equal. %s" % (d1, d2, msg or ""))

  def assertDTypeEqual(self, target, expected_dtype):  # pylint: disable=invalid-name
    self.assertEqual(_as_ndarray(target).dtype, np.dtype(expected_dtype))

  def assertStartsWith(self, actual, expected_start, msg=None):  # pylint: disable=invalid-name
    if not actual.startswith(expected_start):
      self.fail("%r does not start with %r%s" % (actual, expected_start,
                                                 " : %r" % msg if msg else ""))

  def assertItemsEqual(self, expected_seq, actual_seq, msg=None):  # pylint: disable=invalid-name
    self.assertCountEqual(expected_seq, actual_seq, msg)

  def assertProtoEquals(self, expected_message_maybe_ascii, message, msg=None):  # pylint: disable=invalid-name
    from google.protobuf import text_format  # pylint: disable=g-import-not-at-top
    if isinstance(expected_message_maybe_ascii, (str, bytes)):
      expected = type(message)()
      text_format.Merge(compat.as_str(expected_message_maybe_ascii), expected)
    else:
      expected = expected_message_maybe_ascii
    self.assertEqual(text_format.MessageToString(expected),
                     text_format.MessageToString(message), msg)

  @contextlib.contextmanager
  def assertRaisesWithPredicateMatch(self, exception_type, expected_err_re_or_predicate):  # pylint: disable=invalid-name
    if callable(expected_err_re_or_predicate):
      predicate = expected_err_re_or_predicate
    else:
      def predicate(e):
        err_str = e.message if isinstance(e, errors_impl.OpError) else str(e)
        return re.search(expected_err_re_or_predicate, err_str) is not None
    try:
      yield
      self.fail(exception_type.__name__ + " not raised")
    except Exception as e:  # pylint: disable=broad-except
      if not isinstance(e, exception_type) or not predicate(e):
        raise AssertionError("Exception of type %s: %s" % (str(type(e)), str(e))) from e

  def assertRaisesOpError(self, expected_err_re_or_predicate):  # pylint: disable=invalid-name
    return self.assertRaisesWithPredicateMatch(errors_impl.OpError,
                                               expected_err_re_or_predicate)


def _is_numeric_nest(x):
  try:
    arr = np.asarray(x)
  except (ValueError, TypeError):
    return False
  return arr.dtype != object
