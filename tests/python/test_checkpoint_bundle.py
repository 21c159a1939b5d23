"""Checkpoint V2 files against real TensorFlow's: TF-written checkpoints (tests/goldens/
checkpoint_files, from tests/goldens/cases_checkpoint.py) read here with RestoreV2 and
NewCheckpointReader; the same tensors saved here with SaveV2 are byte-identical to TF's files;
and real TF (when /work/tfref is present) reads what we write."""
import importlib.util
import json
import os
import shutil
import subprocess

import ml_dtypes
import numpy as np
import pytest
import tensorflow as tf
from tensorflow.python.ops import gen_io_ops

GOLDEN_DIR = os.path.join(os.path.dirname(__file__), "..", "goldens")
FILES = os.path.join(GOLDEN_DIR, "checkpoint_files")
TF_REF_PYTHON = "/work/tfref/bin/python"


def _load_cases():
  spec = importlib.util.spec_from_file_location(
      "cases_checkpoint", os.path.join(GOLDEN_DIR, "cases_checkpoint.py"))
  mod = importlib.util.module_from_spec(spec)
  spec.loader.exec_module(mod)
  return mod


CASES = _load_cases()
SAVER_PREFIX = os.path.join(FILES, "saver_all_dtypes", "model.ckpt")
RAW_PREFIX = os.path.join(FILES, "raw_save_v2", "raw")
SLICED_PREFIX = os.path.join(FILES, "sliced", "sliced")
SHARDED_PREFIX = os.path.join(FILES, "sharded_saver", "model.ckpt")


def _raw_array(name):
  value, dtype = CASES.RAW_VALUES[name]
  if dtype == "bfloat16":
    return value.astype(ml_dtypes.bfloat16)
  return value


def _tf_dtype(arr):
  if arr.dtype == object:
    return tf.string
  return tf.as_dtype(arr.dtype)


def _run(fetches, fn=None):
  g = tf.Graph()
  with g.as_default():
    ops = fn()
    with tf.Session(graph=g) as sess:
      return sess.run(ops if fetches is None else fetches(ops))


def _restore(prefix, names, dtypes, slices=None):
  return _run(None, lambda: gen_io_ops.restore_v2(
      prefix, names, slices or [""] * len(names), dtypes))


def _save(prefix, names, arrays, slices=None):
  def build():
    tensors = [tf.constant(a, dtype=_tf_dtype(a)) for a in arrays]
    return gen_io_ops.save_v2(prefix, names, slices or [""] * len(names), tensors)
  _run(None, build)


def _assert_same(got, want):
  got, want = np.asarray(got), np.asarray(want)
  assert got.shape == want.shape
  if want.dtype == object:
    # A scalar string fetch is `bytes` (TF 1.x), so compare as objects.
    assert list(got.astype(object).ravel()) == list(want.ravel())
    assert all(isinstance(x, bytes) for x in got.astype(object).ravel())
  else:
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert got.tobytes() == want.tobytes()


def _files(prefix):
  return [prefix + ".index", prefix + ".data-00000-of-00001"]


def _read(path):
  with open(path, "rb") as f:
    return f.read()


# ---- reading TF's files ------------------------------------------------------------------------
def test_restore_v2_reads_tf_saver_checkpoint():
  names = sorted(CASES.SAVER_VALUES)
  values = _restore(SAVER_PREFIX, names, [_tf_dtype(CASES.SAVER_VALUES[n]) for n in names])
  for name, got in zip(names, values):
    _assert_same(got, CASES.SAVER_VALUES[name])


def test_restore_v2_reads_tf_raw_dtypes():
  names = sorted(CASES.RAW_VALUES)
  values = _restore(RAW_PREFIX, names, [_tf_dtype(_raw_array(n)) for n in names])
  for name, got in zip(names, values):
    _assert_same(got, _raw_array(name))


def test_restore_v2_reads_tf_slices():
  whole, part, top, bottom = _restore(
      SLICED_PREFIX, ["whole", "part", "part", "part"], [tf.int64, tf.float32, tf.float32, tf.float32],
      slices=["", "", "4 3 0,1:-", "4 3 1,3:1,2"])
  _assert_same(whole, np.array([7, 8], np.int64))
  _assert_same(part, CASES.SLICED_FULL)
  _assert_same(top, CASES.SLICED_FULL[:1])
  _assert_same(bottom, CASES.SLICED_FULL[1:, 1:])


def test_checkpoint_reader_on_tf_checkpoint():
  reader = tf.train.NewCheckpointReader(SAVER_PREFIX)
  shapes = reader.get_variable_to_shape_map()
  assert shapes == {k: list(v.shape) for k, v in CASES.SAVER_VALUES.items()}
  dtypes = reader.get_variable_to_dtype_map()
  assert dtypes["text"] == tf.string and dtypes["h16"] == tf.float16 and dtypes["flag"] == tf.bool
  for name, want in CASES.SAVER_VALUES.items():
    assert reader.has_tensor(name)
    _assert_same(reader.get_tensor(name), want)
  assert not reader.has_tensor("nope")
  with pytest.raises(tf.errors.NotFoundError, match="Key nope not found in checkpoint"):
    reader.get_tensor("nope")
  lines = reader.debug_string().decode().splitlines()
  assert "f32 (DT_FLOAT) [2,3]" in lines and "scalar (DT_FLOAT) []" in lines
  assert len(lines) == len(CASES.SAVER_VALUES)
  sliced = tf.train.NewCheckpointReader(SLICED_PREFIX)
  assert sliced.get_variable_to_shape_map() == {"part": [4, 3], "whole": [2]}
  _assert_same(sliced.get_tensor("part"), CASES.SLICED_FULL)


def test_checkpoint_utils():
  assert tf.train.list_variables(RAW_PREFIX) == [
      (n, list(_raw_array(n).shape)) for n in sorted(CASES.RAW_VALUES)]
  _assert_same(tf.train.load_variable(SAVER_PREFIX, "layer/weights:0"),
               CASES.SAVER_VALUES["layer/weights"])
  _assert_same(tf.train.load_checkpoint(SHARDED_PREFIX).get_tensor("b"), np.array([3], np.int32))
  assert tf.train.checkpoint_exists(SAVER_PREFIX)
  assert not tf.train.checkpoint_exists(SAVER_PREFIX + "-missing")


def test_load_checkpoint_from_directory(tmp_path):
  d = str(tmp_path)
  _save(os.path.join(d, "model-7"), ["v"], [np.array([1.0, 2.0], np.float32)])
  with pytest.raises(ValueError, match="Couldn't find 'checkpoint' file"):
    tf.train.load_checkpoint(d)
  tf.train.update_checkpoint_state(d, os.path.join(d, "model-7"))
  _assert_same(tf.train.load_variable(d, "v"), np.array([1.0, 2.0], np.float32))
  assert tf.train.list_variables(d) == [("v", [2])]


# ---- our files equal TF's byte for byte --------------------------------------------------------
def _assert_files_equal(ours, theirs):
  for a, b in zip(_files(ours), _files(theirs)):
    assert _read(a) == _read(b), "%s differs from TF's %s" % (a, b)


def test_save_v2_bytes_equal_tf_saver(tmp_path):
  names = sorted(CASES.SAVER_VALUES)
  prefix = str(tmp_path / "model.ckpt")
  _save(prefix, names, [CASES.SAVER_VALUES[n] for n in names])
  _assert_files_equal(prefix, SAVER_PREFIX)
  assert sorted(os.listdir(str(tmp_path))) == sorted(os.path.basename(f) for f in _files(prefix))


def test_save_v2_bytes_equal_tf_raw_and_sliced(tmp_path):
  names = sorted(CASES.RAW_VALUES)
  prefix = str(tmp_path / "raw")
  _save(prefix, names, [_raw_array(n) for n in names])
  _assert_files_equal(prefix, RAW_PREFIX)
  prefix = str(tmp_path / "sliced")
  _save(prefix, [s[0] for s in CASES.SLICED_SAVES], [s[2] for s in CASES.SLICED_SAVES],
        slices=[s[1] for s in CASES.SLICED_SAVES])
  _assert_files_equal(prefix, SLICED_PREFIX)


def test_sharded_save_and_merge_bytes_equal_tf(tmp_path):
  tmp_dir = tmp_path / "model.ckpt_temp_0123"
  part = str(tmp_dir / "part-00000-of-00001")
  _save(part, ["a", "b"], [np.array([1.0, 2.0], np.float32), np.array([3], np.int32)])
  prefix = str(tmp_path / "model.ckpt")
  _run(None, lambda: gen_io_ops.merge_v2_checkpoints([part], prefix))
  _assert_files_equal(prefix, SHARDED_PREFIX)
  assert not tmp_dir.exists()  # delete_old_dirs=True by default


# ---- real TF reads our files -------------------------------------------------------------------
_TF_READER = r"""
import json, sys
import numpy as np
import tensorflow as tf
out = {}
for prefix in sys.argv[1:]:
  reader = tf.train.load_checkpoint(prefix)
  for name, shape in reader.get_variable_to_shape_map().items():
    v = reader.get_tensor(name)
    if isinstance(v, bytes) or np.asarray(v).dtype.kind in "OS":
      vals = [x.decode("latin-1") for x in np.asarray(v, dtype=object).ravel()]
    elif np.iscomplexobj(v):
      vals = [[float(x.real), float(x.imag)] for x in np.asarray(v).ravel()]
    elif str(np.asarray(v).dtype) == "bfloat16":
      vals = np.asarray(v).astype(np.float64).ravel().tolist()
    else:
      vals = np.asarray(v).ravel().tolist()
    out[name] = {"dtype": reader.get_variable_to_dtype_map()[name].name, "shape": shape,
                 "values": vals}
print("JSON" + json.dumps(out))
"""


def _as_json_values(arr):
  arr = np.asarray(arr)
  if arr.dtype == object:
    return [x.decode("latin-1") for x in arr.ravel()]
  if np.iscomplexobj(arr):
    return [[float(x.real), float(x.imag)] for x in arr.ravel()]
  if arr.dtype == ml_dtypes.bfloat16:
    return arr.astype(np.float64).ravel().tolist()
  return arr.ravel().tolist()


def test_real_tensorflow_reads_our_checkpoint(tmp_path):
  saver_names = sorted(CASES.SAVER_VALUES)
  raw_names = sorted(CASES.RAW_VALUES)
  ours_saver, ours_raw = str(tmp_path / "ours_saver"), str(tmp_path / "ours_raw")
  _save(ours_saver, saver_names, [CASES.SAVER_VALUES[n] for n in saver_names])
  _save(ours_raw, raw_names, [_raw_array(n) for n in raw_names])
  if not os.path.exists(TF_REF_PYTHON):
    # No reference TensorFlow here: TF reads these files iff they equal TF's own, byte for byte.
    _assert_files_equal(ours_saver, SAVER_PREFIX)
    _assert_files_equal(ours_raw, RAW_PREFIX)
    return
  env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
  env["TF_CPP_MIN_LOG_LEVEL"] = "3"
  proc = subprocess.run([TF_REF_PYTHON, "-c", _TF_READER, ours_saver, ours_raw], env=env,
                        capture_output=True, text=True, timeout=300, cwd=str(tmp_path))
  assert proc.returncode == 0, proc.stderr[-3000:]
  got = json.loads(proc.stdout[proc.stdout.rindex("JSON") + 4:])
  want = dict({n: CASES.SAVER_VALUES[n] for n in saver_names},
              **{n: _raw_array(n) for n in raw_names})
  assert sorted(got) == sorted(want)
  for name, arr in want.items():
    assert got[name]["shape"] == list(np.shape(arr)), name
    assert got[name]["dtype"] == _tf_dtype(np.asarray(arr)).name, name
    assert got[name]["values"] == _as_json_values(arr), name


# ---- errors ------------------------------------------------------------------------------------
def test_restore_errors(tmp_path):
  prefix = str(tmp_path / "m")
  _save(prefix, ["w", "s"], [np.arange(64, dtype=np.float32), np.array([b"ab", b"c"], object)])
  with pytest.raises(tf.errors.NotFoundError, match="Key missing not found in checkpoint"):
    _restore(prefix, ["missing"], [tf.float32])
  with pytest.raises(tf.errors.InvalidArgumentError,
                     match="expected dtype int32 does not equal original dtype float"):
    _restore(prefix, ["w"], [tf.int32])
  with pytest.raises(tf.errors.NotFoundError, match="Failed to find any matching files"):
    _restore(str(tmp_path / "nothing"), ["w"], [tf.float32])
  with pytest.raises(tf.errors.NotFoundError):
    tf.train.NewCheckpointReader(str(tmp_path / "nothing"))
  # A flipped byte in the data file: DataLoss on restore, whichever tensor it hits.
  data = prefix + ".data-00000-of-00001"
  good = _read(data)
  for pos in (3, len(good) - 2):
    bad = bytearray(good)
    bad[pos] ^= 0x10
    with open(data, "wb") as f:
      f.write(bytes(bad))
    with pytest.raises(tf.errors.DataLossError):
      _restore(prefix, ["w", "s"], [tf.float32, tf.string])
  with open(data, "wb") as f:
    f.write(good)
  # Truncated and garbage index files.
  index = prefix + ".index"
  good_index = _read(index)
  for contents in (good_index[:len(good_index) // 2], b"\x00" * 100, b""):
    with open(index, "wb") as f:
      f.write(contents)
    with pytest.raises(tf.errors.DataLossError):
      tf.train.NewCheckpointReader(prefix)
    with pytest.raises(tf.errors.DataLossError):
      _restore(prefix, ["w"], [tf.float32])


def test_save_errors_keep_previous_checkpoint(tmp_path):
  prefix = str(tmp_path / "m")
  _save(prefix, ["w"], [np.array([1.0], np.float32)])
  before = [_read(f) for f in _files(prefix)]
  with pytest.raises(tf.errors.InvalidArgumentError, match="duplicate key"):
    _save(prefix, ["w", "w"], [np.array([2.0], np.float32), np.array([3.0], np.float32)])
  assert [_read(f) for f in _files(prefix)] == before
  assert sorted(os.listdir(str(tmp_path))) == sorted(os.path.basename(f) for f in _files(prefix))
  with pytest.raises(tf.errors.InvalidArgumentError):
    _save(prefix, ["w"], [np.zeros(3, np.float32)], slices=["4 0,2"])


def test_wrappers_and_shapes():
  g = tf.Graph()
  with g.as_default():
    r = gen_io_ops.restore_v2("p", ["a", "b"], ["", "10 4 0,5:-"], [tf.float32, tf.int32])
    assert [t.dtype for t in r] == [tf.float32, tf.int32]
    assert r[0].shape.ndims is None and r[1].shape.as_list() == [5, 4]
    s = gen_io_ops.save_v2("p", ["a"], [""], [tf.constant(1.0)])
    assert s.type == "SaveV2" and s.get_attr("dtypes") == [tf.float32]
    m = gen_io_ops.merge_v2_checkpoints(["a", "b"], "c")
    assert m.get_attr("delete_old_dirs") is True
    with pytest.raises(ValueError):
      gen_io_ops.save_v2("p", ["a", "b"], ["", ""], [tf.constant(1.0)])
    with pytest.raises(ValueError):
      gen_io_ops.merge_v2_checkpoints("a", "c")
