"""V1 checkpoints (tensor slices) written by real TensorFlow (tests/goldens/checkpoint_v1_files,
from tests/goldens/cases_checkpoint_v1.py): restored with tf.train.Saver (RestoreV2 falling back
to the V1 reader), the V1 Restore/RestoreSlice ops and NewCheckpointReader; missing and corrupt
files raise TF's errors."""
import importlib.util
import os
import shutil

import numpy as np
import pytest
import tensorflow as tf
from tensorflow.python.ops import gen_io_ops

GOLDEN_DIR = os.path.join(os.path.dirname(__file__), "..", "goldens")
FILES = os.path.join(GOLDEN_DIR, "checkpoint_v1_files")


def _load_cases():
  spec = importlib.util.spec_from_file_location(
      "cases_checkpoint_v1", os.path.join(GOLDEN_DIR, "cases_checkpoint_v1.py"))
  mod = importlib.util.module_from_spec(spec)
  spec.loader.exec_module(mod)
  return mod


CASES = _load_cases()
SAVER_DIR = os.path.join(FILES, "saver_all_dtypes")
SAVER_PREFIX = os.path.join(SAVER_DIR, "model.ckpt-7")
RAW_PREFIX = os.path.join(FILES, "raw_save", "raw")
SLICED_PREFIX = os.path.join(FILES, "save_slices", "sliced")
PART_PREFIX = os.path.join(FILES, "partitioned", "model.ckpt")
with open(os.path.join(FILES, "sharded", "save_path.txt")) as _f:
  SHARDED_PATTERN = os.path.join(FILES, "sharded", _f.read().strip())


def _tf_dtype(arr):
  return tf.string if arr.dtype == object else tf.as_dtype(arr.dtype)


def _assert_same(got, want):
  got = np.asarray(got)
  assert got.shape == want.shape
  if want.dtype == object:
    assert got.tolist() == want.tolist()
  else:
    assert got.dtype == want.dtype
    np.testing.assert_array_equal(got, want)


def _run(fn):
  g = tf.Graph()
  with g.as_default():
    fetches = fn()
    with tf.Session(graph=g) as sess:
      return sess.run(fetches)


def _zeros_like(value):
  if value.dtype == object:
    return np.full(value.shape, b"?", dtype=object)
  return np.zeros(value.shape, value.dtype)


def test_saver_restores_every_dtype():
  with tf.Graph().as_default():
    variables = {name: tf.Variable(_zeros_like(v), name=name)
                 for name, v in CASES.SAVER_VALUES.items()}
    saver = tf.train.Saver()
    with tf.Session() as sess:
      saver.restore(sess, SAVER_PREFIX)
      got = sess.run(variables)
  for name, want in CASES.SAVER_VALUES.items():
    _assert_same(got[name], want)


def test_saver_restores_a_subset_through_a_dict():
  with tf.Graph().as_default():
    v = tf.Variable(np.zeros((2, 3), np.float32), name="renamed")
    saver = tf.train.Saver({"layer/weights": v})
    with tf.Session() as sess:
      saver.restore(sess, SAVER_PREFIX)
      _assert_same(sess.run(v), CASES.SAVER_VALUES["layer/weights"])


def test_latest_checkpoint_and_exists():
  assert tf.train.latest_checkpoint(SAVER_DIR) == SAVER_PREFIX
  assert tf.train.checkpoint_exists(SAVER_PREFIX)
  assert tf.train.checkpoint_exists(SHARDED_PATTERN)
  assert not tf.train.checkpoint_exists(SAVER_PREFIX + "-nope")
  state = tf.train.get_checkpoint_state(SAVER_DIR)
  assert state.all_model_checkpoint_paths == [SAVER_PREFIX]


def test_reader_maps_and_values():
  reader = tf.train.NewCheckpointReader(SAVER_PREFIX)
  shapes = reader.get_variable_to_shape_map()
  dtypes = reader.get_variable_to_dtype_map()
  assert set(shapes) == set(CASES.SAVER_VALUES)
  for name, want in CASES.SAVER_VALUES.items():
    assert shapes[name] == list(want.shape)
    assert dtypes[name] == _tf_dtype(want)
    assert reader.has_tensor(name)
    _assert_same(reader.get_tensor(name), want)
  assert not reader.has_tensor("nope")
  # TF's DebugString lines (its order is a hash map's; ours is sorted).
  lines = reader.debug_string().decode().splitlines()
  assert "layer/weights (DT_FLOAT) [2,3]" in lines
  assert "scalar (DT_FLOAT) []" in lines
  assert "text (DT_STRING) [4]" in lines
  assert len(lines) == len(CASES.SAVER_VALUES)
  with pytest.raises(tf.errors.NotFoundError, match="nope not found in checkpoint file"):
    reader.get_tensor("nope")


def test_checkpoint_utils():
  assert tf.train.list_variables(SAVER_DIR) == sorted(
      (k, list(v.shape)) for k, v in CASES.SAVER_VALUES.items())
  _assert_same(tf.train.load_variable(SAVER_DIR, "i64"), CASES.SAVER_VALUES["i64"])
  reader = tf.train.load_checkpoint(PART_PREFIX)
  _assert_same(reader.get_tensor("part"), CASES.PARTITIONED)


def test_raw_save_dtypes_with_restore_op():
  reader = tf.train.NewCheckpointReader(RAW_PREFIX)
  for name, (value, dtype) in CASES.RAW_VALUES.items():
    _assert_same(reader.get_tensor(name), value)
    got = _run(lambda: gen_io_ops.restore(RAW_PREFIX, name, getattr(tf, dtype)))
    _assert_same(got, value)


def test_save_slices_with_restore_slice():
  full = CASES.SLICED_FULL
  got = _run(lambda: gen_io_ops.restore(SLICED_PREFIX, "cols", tf.int64))
  _assert_same(got, full)
  # A slice that spans both stored column slices.
  t = _run(lambda: gen_io_ops.restore_slice(SLICED_PREFIX, "cols", "3 4 1,2:0,3", tf.int64))
  _assert_same(t, full[1:3, 0:3])
  with tf.Graph().as_default():
    shaped = gen_io_ops.restore_slice(SLICED_PREFIX, "cols", "3 4 1,2:0,3", tf.int64)
    assert shaped.shape.as_list() == [2, 3]
    unknown = gen_io_ops.restore(SLICED_PREFIX, "cols", tf.int64)
    assert unknown.shape.ndims is None
  whole = _run(lambda: gen_io_ops.restore_slice(SLICED_PREFIX, "whole", "", tf.float64))
  _assert_same(whole, CASES.SLICED_SAVES[2][2])
  reader = tf.train.NewCheckpointReader(SLICED_PREFIX)
  assert "cols (DT_INT64) [3,4], 2 slices" in reader.debug_string().decode().splitlines()
  # RestoreV2 on the same V1 file, whole and sliced.
  a, b = _run(lambda: gen_io_ops.restore_v2(SLICED_PREFIX, ["cols", "cols"],
                                            ["", "3 4 -:2,2"], [tf.int64, tf.int64]))
  _assert_same(a, full)
  _assert_same(b, full[:, 2:4])


@pytest.mark.parametrize("partitions", [2, 3, 5])
def test_partitioned_variable_restore(partitions):
  """Stored as 2 row slices; restored into 2 (the same), 3 or 5 partitions."""
  with tf.Graph().as_default():
    part = tf.get_variable("part", shape=[5, 3], dtype=tf.float32,
                           initializer=tf.zeros_initializer(),
                           partitioner=tf.fixed_size_partitioner(partitions))
    other = tf.Variable(np.zeros(2, np.int32), name="other")
    saver = tf.train.Saver()
    with tf.Session() as sess:
      saver.restore(sess, PART_PREFIX)
      got_part, got_other = sess.run([tf.convert_to_tensor(part), other])
  _assert_same(got_part, CASES.PARTITIONED)
  _assert_same(got_other, np.array([1, 2], np.int32))


def test_sharded_checkpoint_pattern():
  assert SHARDED_PATTERN.endswith("model.ckpt-?????-of-00002")
  with tf.Graph().as_default():
    variables = {name: tf.Variable(_zeros_like(v), name=name)
                 for name, v in CASES.SHARDED_VALUES.items()}
    saver = tf.train.Saver()
    with tf.Session() as sess:
      saver.restore(sess, SHARDED_PATTERN)
      got = sess.run(variables)
  for name, want in CASES.SHARDED_VALUES.items():
    _assert_same(got[name], want)
  reader = tf.train.NewCheckpointReader(SHARDED_PATTERN)
  assert reader.get_variable_to_shape_map() == {"a": [2], "b": [3]}


def test_missing_checkpoint_errors(tmp_path):
  missing = str(tmp_path / "nothing")
  msg = "Unsuccessful TensorSliceReader constructor: Failed to find any matching files for"
  with pytest.raises(tf.errors.NotFoundError, match=msg):
    tf.train.NewCheckpointReader(missing)
  with pytest.raises(tf.errors.NotFoundError, match=msg):
    _run(lambda: gen_io_ops.restore(missing, "a", tf.float32))
  with pytest.raises(tf.errors.NotFoundError, match=msg):
    _run(lambda: gen_io_ops.restore_v2(missing, ["a"], [""], [tf.float32]))
  with pytest.raises(ValueError, match="not a valid checkpoint"):
    with tf.Graph().as_default():
      tf.Variable(1.0, name="a")
      with tf.Session() as sess:
        tf.train.Saver().restore(sess, missing)


def test_mismatches_raise_tf_errors():
  with pytest.raises(tf.errors.InvalidArgumentError,
                     match="Expected to restore a tensor of type int32, got a tensor of type "
                           "float instead: tensor_name = f32"):
    _run(lambda: gen_io_ops.restore_v2(SAVER_PREFIX, ["f32"], [""], [tf.int32]))
  with pytest.raises(tf.errors.NotFoundError,
                     match='Tensor name "nope" not found in checkpoint files'):
    _run(lambda: gen_io_ops.restore(SAVER_PREFIX, "nope", tf.float32))
  with pytest.raises(tf.errors.InvalidArgumentError,
                     match="Shape in shape_and_slice spec does not match"):
    _run(lambda: gen_io_ops.restore_slice(SAVER_PREFIX, "f32", "3 3 0,1:-", tf.float32))
  # A variable missing from the checkpoint, and one whose shape differs, through the Saver.
  with tf.Graph().as_default():
    tf.Variable(np.zeros(3, np.float32), name="absent")
    with tf.Session() as sess:
      with pytest.raises(tf.errors.NotFoundError, match="absent"):
        tf.train.Saver().restore(sess, SAVER_PREFIX)
  with tf.Graph().as_default():
    tf.Variable(np.zeros(4, np.float32), name="f32")
    with tf.Session() as sess:
      with pytest.raises(tf.errors.InvalidArgumentError):
        tf.train.Saver().restore(sess, SAVER_PREFIX)


def _corrupt_copy(tmp_path, mutate):
  path = str(tmp_path / "model.ckpt")
  shutil.copy(SAVER_PREFIX, path)
  with open(path, "rb") as f:
    data = bytearray(f.read())
  data = mutate(data)
  with open(path, "wb") as f:
    f.write(bytes(data))
  return path


def _flip(offset):
  def mutate(data):
    data[offset] ^= 0x10
    return data
  return mutate


@pytest.mark.parametrize("mutate", [_flip(40), _flip(300), _flip(-50), _flip(-3),
                                    lambda d: d[:len(d) // 2], lambda d: d[:10]],
                         ids=["meta", "data", "index", "magic", "half", "stub"])
def test_corrupt_file_raises_data_loss(tmp_path, mutate):
  path = _corrupt_copy(tmp_path, mutate)
  with pytest.raises(tf.errors.DataLossError):
    reader = tf.train.NewCheckpointReader(path)
    for name in CASES.SAVER_VALUES:
      reader.get_tensor(name)
  with pytest.raises(tf.errors.DataLossError):
    _run(lambda: gen_io_ops.restore_v2(
        path, sorted(CASES.SAVER_VALUES), [""] * len(CASES.SAVER_VALUES),
        [_tf_dtype(CASES.SAVER_VALUES[k]) for k in sorted(CASES.SAVER_VALUES)]))


def test_every_flipped_byte_is_an_error_or_the_right_value(tmp_path):
  """No byte of a V1 file crashes the reader."""
  with open(SAVER_PREFIX, "rb") as f:
    good = f.read()
  path = str(tmp_path / "m")
  errors_seen = 0
  for i in range(len(good)):
    data = bytearray(good)
    data[i] ^= 0x01
    with open(path, "wb") as f:
      f.write(bytes(data))
    try:
      reader = tf.train.NewCheckpointReader(path)
      values = {k: reader.get_tensor(k) for k in reader.get_variable_to_shape_map()}
    except (tf.errors.DataLossError, tf.errors.InternalError, tf.errors.NotFoundError,
            tf.errors.InvalidArgumentError):
      errors_seen += 1
      continue
    # Flips the table's CRCs do not cover (e.g. in the footer's padding) leave values intact.
    for name, want in CASES.SAVER_VALUES.items():
      _assert_same(values[name], want)
  assert errors_seen > len(good) * 0.9
