"""tf.train.Saver: its graph against real TensorFlow's (tests/goldens/cases_saver.py), and
saving, restoring and the checkpoint bookkeeping."""
import os

import numpy as np
import pytest
import tensorflow as tf

import golden_util
from test_variables_goldens import _strip  # pylint: disable=g-import-not-at-top

GOLDEN_DIR = golden_util.GOLDEN_DIR
MOD = golden_util.load_cases("saver")
GRAPHS = golden_util.load("saver")[2]["cases"]


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_saver_graph_matches_tensorflow(case):
  g = tf.Graph()
  with g.as_default():
    MOD.CASES[case](tf)
  ours = [_strip(n) for n in golden_util.graph_structure(g.as_graph_def())]
  want = [_strip(n) for n in GRAPHS[case]]
  assert [n["name"] for n in ours] == [n["name"] for n in want]
  diffs = [(got, exp) for got, exp in zip(ours, want) if got != exp]
  assert not diffs, diffs[:3]


def _model():
  w = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="w")
  b = tf.Variable(3, name="b")
  r = tf.get_variable("r", [3], use_resource=True, initializer=tf.ones_initializer())
  s = tf.Variable(b"text", name="s")
  return w, b, r, s


def test_save_restore_round_trip_ref_resource_and_string(tmp_path):
  with tf.Graph().as_default():
    w, b, r, s = _model()
    saver = tf.train.Saver()
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      path = saver.save(sess, str(tmp_path / "model"), global_step=7, write_meta_graph=False)
      assert path == str(tmp_path / "model-7")
      assert sorted(os.listdir(tmp_path)) == ["checkpoint", "model-7.data-00000-of-00001",
                                              "model-7.index"]
      sess.run([w.assign(w * 0), b.assign(0), r.assign([5.0, 5.0, 5.0]), s.assign(b"")])
      saver.restore(sess, path)
      got = sess.run([w, b, r, s])
  np.testing.assert_array_equal(got[0], [[1.0, 2.0], [3.0, 4.0]])
  assert got[1] == 3 and got[3] == b"text"
  np.testing.assert_array_equal(got[2], [1.0, 1.0, 1.0])
  reader = tf.train.NewCheckpointReader(path)
  assert reader.get_variable_to_shape_map() == {"w": [2, 2], "b": [], "r": [3], "s": []}


def test_restore_into_a_new_graph_and_session(tmp_path):
  with tf.Graph().as_default():
    tf.Variable(np.arange(6, dtype=np.float64).reshape(2, 3), name="a")
    saver = tf.train.Saver()
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      path = saver.save(sess, str(tmp_path / "m"), write_meta_graph=False)
  with tf.Graph().as_default():
    a = tf.Variable(tf.zeros([2, 3], tf.float64), name="a")
    saver = tf.train.Saver()
    with tf.Session() as sess:
      saver.restore(sess, path)  # no initializer run: restore initializes
      np.testing.assert_array_equal(sess.run(a), np.arange(6).reshape(2, 3))


def test_global_step_tensor_pad_step_number_and_state_file(tmp_path):
  with tf.Graph().as_default():
    tf.Variable(1.0, name="v")
    step = tf.train.get_or_create_global_step()
    saver = tf.train.Saver(pad_step_number=True)
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      sess.run(step.assign(42))
      path = saver.save(sess, str(tmp_path / "model.ckpt"), global_step=step,
                        write_meta_graph=False)
  assert path == str(tmp_path / "model.ckpt-00000042")
  state = tf.train.get_checkpoint_state(str(tmp_path))
  assert state.model_checkpoint_path == path
  assert list(state.all_model_checkpoint_paths) == [path]
  assert tf.train.latest_checkpoint(str(tmp_path)) == path
  assert tf.train.checkpoint_exists(path)
  assert not tf.train.checkpoint_exists(str(tmp_path / "nothing"))


def test_max_to_keep_deletes_old_files_and_last_checkpoints(tmp_path):
  with tf.Graph().as_default():
    v = tf.Variable(0, name="v")
    saver = tf.train.Saver(max_to_keep=2)
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      paths = []
      for step in range(4):
        sess.run(v.assign(step))
        paths.append(saver.save(sess, str(tmp_path / "m"), global_step=step))
      assert saver.last_checkpoints == paths[2:]
      names = sorted(os.listdir(tmp_path))
  assert names == ["checkpoint", "m-2.data-00000-of-00001", "m-2.index", "m-2.meta",
                   "m-3.data-00000-of-00001", "m-3.index", "m-3.meta"]
  state = tf.train.get_checkpoint_state(str(tmp_path))
  assert list(state.all_model_checkpoint_paths) == paths[2:]
  assert tf.train.load_variable(paths[2], "v") == 2


def test_max_to_keep_zero_or_none_keeps_everything(tmp_path):
  with tf.Graph().as_default():
    tf.Variable(0, name="v")
    saver = tf.train.Saver(max_to_keep=None)
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      for step in range(3):
        saver.save(sess, str(tmp_path / "m"), global_step=step, write_meta_graph=False)
  assert sum(n.endswith(".index") for n in os.listdir(tmp_path)) == 3


def test_relative_paths_in_the_state_file(tmp_path, monkeypatch):
  monkeypatch.chdir(tmp_path)
  os.mkdir("train")
  with tf.Graph().as_default():
    tf.Variable(0, name="v")
    saver = tf.train.Saver(save_relative_paths=True)
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      saver.save(sess, os.path.join(str(tmp_path), "train", "model"), write_meta_graph=False)
      saver.save(sess, "train/model2", write_meta_graph=False)
  with open("train/checkpoint") as f:
    text = f.read()
  # As in TF 1.15: the first path, already relative to the directory, is rewritten again
  # relative to "train" when the second save gives the directory relatively.
  assert text == ('model_checkpoint_path: "model2"\n'
                  'all_model_checkpoint_paths: "../model"\n'
                  'all_model_checkpoint_paths: "model2"\n')
  assert tf.train.latest_checkpoint("train") == os.path.join("train", "model2")


def test_saver_var_list_dict_keys_are_checkpoint_names(tmp_path):
  with tf.Graph().as_default():
    w = tf.Variable([1.0, 2.0], name="w")
    saver = tf.train.Saver({"model/weights": w})
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      path = saver.save(sess, str(tmp_path / "m"), write_meta_graph=False)
  assert [n for n, _ in tf.train.list_variables(path)] == ["model/weights"]
  np.testing.assert_array_equal(tf.train.load_variable(path, "model/weights"), [1.0, 2.0])


def test_restore_errors_name_the_problem(tmp_path):
  with tf.Graph().as_default():
    tf.Variable([1.0, 2.0], name="w")
    saver = tf.train.Saver()
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      path = saver.save(sess, str(tmp_path / "m"), write_meta_graph=False)
  with tf.Graph().as_default():
    tf.Variable([1.0, 2.0], name="other")
    with tf.Session() as sess:
      with pytest.raises(tf.errors.NotFoundError, match="Key other not found in checkpoint"):
        tf.train.Saver().restore(sess, path)
  with tf.Graph().as_default():
    tf.Variable([1.0, 2.0, 3.0], name="w")
    with tf.Session() as sess:
      with pytest.raises(tf.errors.InvalidArgumentError, match="a mismatch between the current"):
        tf.train.Saver().restore(sess, path)
  with tf.Graph().as_default():
    tf.Variable([1, 2], name="w")
    with tf.Session() as sess:
      with pytest.raises(tf.errors.InvalidArgumentError):
        tf.train.Saver().restore(sess, path)
    saver = tf.train.Saver()
    with tf.Session() as sess:
      with pytest.raises(ValueError, match="not a valid checkpoint"):
        saver.restore(sess, str(tmp_path / "missing"))
      with pytest.raises(ValueError, match="Can't load save_path when it is None"):
        saver.restore(sess, None)


def test_construction_errors():
  with tf.Graph().as_default():
    with pytest.raises(ValueError, match="No variables to save"):
      tf.train.Saver()
    with tf.Session() as sess:
      assert tf.train.Saver(allow_empty=True).save(sess, "/nonexistent/x",
                                                   write_meta_graph=False) is None
    v = tf.Variable(1.0, name="v")
    with pytest.raises(ValueError, match="same saveable will be restored with two names"):
      tf.train.Saver({"a": v, "b": v})
    with pytest.raises(ValueError, match="build cannot be deferred"):
      tf.train.Saver([v], defer_build=True)
    with pytest.raises(TypeError, match="Variable to save is not a Variable"):
      tf.train.Saver([tf.constant(1.0)])
    with pytest.raises(TypeError, match="'sess' must be a Session"):
      tf.train.Saver().save("not a session", "/tmp/x", write_meta_graph=False)


def test_saver_def_and_from_proto(tmp_path):
  with tf.Graph().as_default():
    v = tf.Variable(5.0, name="v")
    saver = tf.train.Saver(max_to_keep=3, keep_checkpoint_every_n_hours=2.0)
    d = saver.as_saver_def()
    assert (d.filename_tensor_name, d.save_tensor_name, d.restore_op_name) == (
        "save/Const:0", "save/control_dependency:0", "save/restore_all")
    assert (d.max_to_keep, d.keep_checkpoint_every_n_hours, d.sharded) == (3, 2.0, False)
    assert d.version == tf.train.SaverDef.V2
    again = tf.train.Saver(saver_def=d)
    with tf.Session() as sess:
      sess.run(v.initializer)
      path = again.save(sess, str(tmp_path / "m"), write_meta_graph=False)
      sess.run(v.assign(0.0))
      again.restore(sess, path)
      assert sess.run(v) == 5.0


def test_parent_directory_is_created_one_level_only(tmp_path):
  with tf.Graph().as_default():
    tf.Variable(1.0, name="v")
    saver = tf.train.Saver()
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      assert saver.save(sess, str(tmp_path / "new" / "m"), write_meta_graph=False)
      with pytest.raises(ValueError, match="Parent directory of .* doesn't exist, can't save."):
        saver.save(sess, str(tmp_path / "a" / "b" / "m"), write_meta_graph=False)


def test_checkpoint_written_by_tensorflow_restores_here():
  """A checkpoint real TensorFlow's Saver wrote (tests/goldens/checkpoint_files)."""
  files = os.path.join(GOLDEN_DIR, "checkpoint_files")
  prefixes = sorted(os.path.join(root, n[:-len(".index")])
                    for root, _, names in os.walk(files) for n in names if n.endswith(".index"))
  assert prefixes, "no TensorFlow-written checkpoints under " + files
  reader = tf.train.NewCheckpointReader(prefixes[0])
  shapes = reader.get_variable_to_shape_map()
  dtypes = reader.get_variable_to_dtype_map()
  with tf.Graph().as_default():
    variables = {name: tf.Variable(tf.zeros(shape, dtypes[name]), name=name)
                 for name, shape in shapes.items()
                 if dtypes[name] not in (tf.string,)}
    saver = tf.train.Saver(variables)
    with tf.Session() as sess:
      saver.restore(sess, prefixes[0])
      for name, var in variables.items():
        np.testing.assert_array_equal(sess.run(var), reader.get_tensor(name))


def test_sharded_save_merges_into_one_checkpoint(tmp_path):
  with tf.Graph().as_default():
    w = tf.Variable([1.0, 2.0], name="w")
    tf.Variable(3, name="b")
    saver = tf.train.Saver(sharded=True)
    names = [op.name for op in tf.get_default_graph().get_operations()
             if op.name.startswith("save/")]
    # TF 1.15's sharded graph: a temporary "<prefix>_temp_<uuid>/part" prefix per device,
    # merged back by MergeV2Checkpoints.
    assert names[3:8] == ["save/StringJoin/inputs_1", "save/StringJoin", "save/num_shards",
                          "save/ShardedFilename/shard", "save/ShardedFilename"]
    assert names[-2:] == ["save/restore_shard", "save/restore_all"]
    assert saver.as_saver_def().save_tensor_name == "save/Identity:0"
    assert saver.as_saver_def().sharded
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      path = saver.save(sess, str(tmp_path / "model"), global_step=3, write_meta_graph=False)
      assert sorted(os.listdir(tmp_path)) == ["checkpoint", "model-3.data-00000-of-00001",
                                              "model-3.index"]
      sess.run(w.assign([0.0, 0.0]))
      saver.restore(sess, path)
      np.testing.assert_array_equal(sess.run(w), [1.0, 2.0])


def test_string_join_and_sharded_filename_ops():
  with tf.Graph().as_default():
    joined = tf.string_join([["a", "b"], "-x"], separator="+")
    from tensorflow.python.ops import gen_io_ops  # pylint: disable=g-import-not-at-top
    name = gen_io_ops.sharded_filename("ck", 1, 12)
    spec = gen_io_ops.sharded_filespec("ck", 12)
    bad = tf.string_join([tf.placeholder(tf.string, [None]), ["a", "b"]])
    with tf.Session() as sess:
      assert list(sess.run(joined)) == [b"a+-x", b"b+-x"]
      assert sess.run(name) == b"ck-00001-of-00012"
      assert sess.run(spec) == b"ck-?????-of-00012"
      with pytest.raises(tf.errors.InvalidArgumentError, match="Inconsistent shapes"):
        sess.run(bad, {bad.op.inputs[0]: ["a", "b", "c"]})


def test_regex_full_match_ops():
  with tf.Graph().as_default():
    s = tf.constant(["s3://bucket/x", "/tmp/x", ""])
    static = tf.strings.regex_full_match(s, "^s3://.*")
    dynamic = tf.strings.regex_full_match(s, tf.constant("/tmp/[a-z]"))
    assert static.op.type == "StaticRegexFullMatch" and dynamic.op.type == "RegexFullMatch"
    bad = tf.strings.regex_full_match(s, tf.placeholder(tf.string, []))
    with tf.Session() as sess:
      assert list(sess.run(static)) == [True, False, False]
      assert list(sess.run(dynamic)) == [False, True, False]
      with pytest.raises(tf.errors.InvalidArgumentError, match="Invalid pattern"):
        sess.run(bad, {bad.op.inputs[1]: "a(b"})


def test_init_from_checkpoint_variables_names_scopes_and_partitions(tmp_path):
  with tf.Graph().as_default():
    with tf.variable_scope("old"):
      tf.get_variable("w", initializer=[[1.0, 2.0], [3.0, 4.0]])
      tf.get_variable("b", initializer=[5.0, 6.0])
    with tf.variable_scope("emb", partitioner=tf.fixed_size_partitioner(2)):
      saved = tf.get_variable("table", [6, 2],
                              initializer=tf.random_uniform_initializer(seed=1))
    saver = tf.train.Saver()
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      want_table = sess.run(tf.convert_to_tensor(saved))
      saver.save(sess, str(tmp_path / "m"), write_meta_graph=False)
  with tf.Graph().as_default():
    with tf.variable_scope("new"):
      w = tf.get_variable("w", [2, 2])
      b = tf.get_variable("b", [2], use_resource=True)
    other = tf.get_variable("other", [2])
    with tf.variable_scope("emb", partitioner=tf.fixed_size_partitioner(3)):
      table = tf.get_variable("table", [6, 2])
    tf.train.init_from_checkpoint(str(tmp_path), {"old/": "new/", "old/b": other,
                                                  "emb/table": "emb/table"})
    # As in TF, the initializer becomes the Assign that the restore feeds (a Tensor).
    assert w.initializer.op.inputs[1].op.type == "RestoreV2"
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      np.testing.assert_array_equal(sess.run(w), [[1.0, 2.0], [3.0, 4.0]])
      np.testing.assert_array_equal(sess.run(b), [5.0, 6.0])
      np.testing.assert_array_equal(sess.run(other), [5.0, 6.0])
      np.testing.assert_array_equal(sess.run(tf.convert_to_tensor(table)), want_table)
    with pytest.raises(ValueError, match="Tensor old/missing is not found in"):
      tf.train.init_from_checkpoint(str(tmp_path), {"old/missing": w})
    with pytest.raises(ValueError, match="doesn't match with shape of tensor old/b"):
      tf.train.init_from_checkpoint(str(tmp_path), {"old/b": w})
    with pytest.raises(ValueError, match="should map to scope only"):
      tf.train.init_from_checkpoint(str(tmp_path), {"old": "new/"})


def test_contrib_assign_from_checkpoint_and_fn(tmp_path):
  with tf.Graph().as_default():
    tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="w")
    tf.Variable([7, 8], name="n")
    saver = tf.train.Saver(write_version=tf.train.SaverDef.V1)  # written as V2, with a warning
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      path = saver.save(sess, str(tmp_path / "m"), write_meta_graph=False)
  assert os.path.exists(path + ".index")
  with tf.Graph().as_default():
    w = tf.Variable(tf.zeros([2, 2]), name="w")
    n = tf.Variable([0, 0], name="n")
    extra = tf.Variable(0.0, name="extra")
    op, feed = tf.contrib.framework.assign_from_checkpoint(path, [w, n])
    fn = tf.contrib.framework.assign_from_checkpoint_fn(path, [w, n, extra],
                                                        ignore_missing_vars=True)
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      sess.run(op, feed)
      np.testing.assert_array_equal(sess.run(w), [[1.0, 2.0], [3.0, 4.0]])
      sess.run([w.initializer, n.initializer])
      fn(sess)
      np.testing.assert_array_equal(sess.run(n), [7, 8])
      assert sess.run(extra) == 0.0
    with pytest.raises(ValueError, match=r"Checkpoint is missing variable \[extra\]"):
      tf.contrib.framework.assign_from_checkpoint(path, [extra])
    with pytest.raises(ValueError, match="var_list cannot be empty"):
      tf.contrib.framework.assign_from_checkpoint_fn(path, [])


def test_keep_checkpoint_every_n_hours_and_recover_last_checkpoints(tmp_path, monkeypatch):
  from tensorflow.python.training import saver as saver_module
  clock = [1000.0]
  monkeypatch.setattr(saver_module.time, "time", lambda: clock[0])
  with tf.Graph().as_default():
    tf.Variable(0, name="v")
    saver = tf.train.Saver(max_to_keep=1, keep_checkpoint_every_n_hours=1.0)
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      paths = []
      for step, at in enumerate([1000.0, 2000.0, 5000.0, 5100.0]):
        clock[0] = at
        paths.append(saver.save(sess, str(tmp_path / "m"), global_step=step,
                                write_meta_graph=False))
  kept = sorted(n[:-len(".index")] for n in os.listdir(tmp_path) if n.endswith(".index"))
  # The first checkpoint to keep for good is one saved after 1000 s + 1 hour = 4600 s: m-0 and
  # m-1 are deleted when pushed out of max_to_keep, m-2 (5000 s) stays although m-3 pushed it
  # out, m-3 is the newest.
  assert kept == ["m-2", "m-3"]
  with tf.Graph().as_default():
    tf.Variable(0, name="v")
    again = tf.train.Saver()
    again.recover_last_checkpoints(paths)
    assert again.last_checkpoints == [paths[2], paths[3]]
