"""SavedModels (TF1 form): TF-written ones load here and give TF's outputs; ours round-trip and
load in real TensorFlow."""
import os
import shutil
import subprocess

import numpy as np
import pytest
import tensorflow as tf


FILES = os.path.join(os.path.dirname(__file__), "..", "goldens", "saved_model_files")
REF_PYTHON = os.environ.get("TFC_REFERENCE_PYTHON", "/work/tfref/bin/python")


def _copy(case, tmp_path):
  dst = tmp_path / case
  shutil.copytree(os.path.join(FILES, case), dst)
  return dst


def test_tensorflow_simple_save_loads_and_predicts(tmp_path):
  case = _copy("simple_save_mlp", tmp_path)
  expected = np.load(case / "expected.npz")
  with tf.Graph().as_default():
    with tf.Session() as sess:
      mg = tf.saved_model.loader.load(sess, [tf.saved_model.tag_constants.SERVING],
                                      str(case / "model"))
      sig = mg.signature_def[tf.saved_model.signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY]
      assert sig.method_name == "tensorflow/serving/predict"
      x = tf.saved_model.utils.get_tensor_from_tensor_info(sig.inputs["x"])
      y = tf.saved_model.utils.get_tensor_from_tensor_info(sig.outputs["y"])
      np.testing.assert_allclose(sess.run(y, {x: expected["x"]}), expected["y"], rtol=1e-6)


def test_tensorflow_builder_tags_assets_and_main_op(tmp_path):
  case = _copy("builder_two_tags_with_asset", tmp_path)
  expected = np.load(case / "expected.npz")
  with tf.Graph().as_default():
    with tf.Session() as sess:
      mg = tf.saved_model.load(sess, ["train"], str(case / "model"))
      assert list(mg.meta_info_def.tags) == ["train"]
      assets = tf.get_collection(tf.saved_model.ASSETS_KEY)
      assert [a.TypeName() for a in assets] == ["tensorflow.AssetFileDef"]
      # The main op initialized the local variable; the variables came from the checkpoint.
      assert sess.run("counter:0") == 0
      np.testing.assert_allclose(sess.run("y:0", {"x:0": expected["x"]}), expected["y"],
                                 rtol=1e-6)
  with tf.Graph().as_default():
    with tf.Session() as sess:
      mg = tf.saved_model.load(sess, ["serve"], str(case / "model"))
      assert list(mg.signature_def) == ["predict"]
    with tf.Session() as sess:
      with pytest.raises(RuntimeError, match="could not be found in SavedModel"):
        tf.saved_model.load(sess, ["gpu"], str(case / "model"))


def _build_and_save(export_dir):
  x = tf.placeholder(tf.float32, [None, 2], name="x")
  w = tf.Variable([[1.0, -1.0], [2.0, 0.5]], name="w")
  r = tf.Variable([0.25, 0.75], name="r", use_resource=True)
  y = tf.identity(tf.matmul(x, w) + r, name="y")
  with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    tf.saved_model.simple_save(sess, export_dir, {"x": x}, {"y": y})
    return sess.run(y, {x: [[1.0, 2.0]]})


def test_our_saved_model_round_trips(tmp_path):
  export_dir = str(tmp_path / "m")
  with tf.Graph().as_default():
    want = _build_and_save(export_dir)
  assert sorted(os.listdir(export_dir)) == ["saved_model.pb", "variables"]
  assert sorted(os.listdir(os.path.join(export_dir, "variables"))) == [
      "variables.data-00000-of-00001", "variables.index"]
  assert tf.saved_model.contains_saved_model(export_dir)
  with tf.Graph().as_default():
    with tf.Session() as sess:
      tf.saved_model.loader.load(sess, ["serve"], export_dir)
      np.testing.assert_allclose(sess.run("y:0", {"x:0": [[1.0, 2.0]]}), want)
  np.testing.assert_allclose(want, [[5.25, 0.75]])


def test_our_saved_model_loads_in_tensorflow(tmp_path):
  export_dir = str(tmp_path / "m")
  with tf.Graph().as_default():
    want = _build_and_save(export_dir)
  if not os.path.exists(REF_PYTHON):
    # Without the reference venv, check the structure real TF needs instead.
    from tensorflow.core.protobuf import saved_model_pb2
    sm = saved_model_pb2.SavedModel()
    with open(os.path.join(export_dir, "saved_model.pb"), "rb") as f:
      sm.ParseFromString(f.read())
    assert sm.saved_model_schema_version == 1
    assert list(sm.meta_graphs[0].meta_info_def.tags) == ["serve"]
    assert sm.meta_graphs[0].saver_def.restore_op_name == "save/restore_all"
    return
  script = (
      "import sys, numpy as np\n"
      "import tensorflow.compat.v1 as tf\n"
      "tf.disable_v2_behavior()\n"
      "with tf.Session(graph=tf.Graph()) as s:\n"
      "  tf.saved_model.loader.load(s, ['serve'], sys.argv[1])\n"
      "  print(repr(s.run('y:0', {'x:0': [[1.0, 2.0]]}).tolist()))\n")
  out = subprocess.run([REF_PYTHON, "-c", script, export_dir], capture_output=True, text=True,
                       timeout=300, check=True, env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"))
  np.testing.assert_allclose(eval(out.stdout.strip().splitlines()[-1]), want)  # pylint: disable=eval-used


def test_builder_errors(tmp_path):
  (tmp_path / "full").mkdir()
  (tmp_path / "full" / "f").write_text("x")
  with pytest.raises(AssertionError, match="Export directory already exists, and isn't empty"):
    tf.saved_model.builder.SavedModelBuilder(str(tmp_path / "full"))
  with tf.Graph().as_default():
    b = tf.saved_model.builder.SavedModelBuilder(str(tmp_path / "new"))
    with pytest.raises(AssertionError, match="has not been saved yet"):
      b.add_meta_graph(["serve"])
    with pytest.raises(ValueError, match="Prediction inputs cannot be None or empty"):
      tf.saved_model.predict_signature_def({}, {"y": tf.constant(1.0)})
    with pytest.raises(ValueError, match="Classification examples must be a string Tensor"):
      tf.saved_model.classification_signature_def(tf.constant(1.0), None, tf.constant(1.0))
  with pytest.raises(IOError, match="SavedModel file does not exist"):
    with tf.Graph().as_default(), tf.Session() as sess:
      tf.saved_model.loader.load(sess, ["serve"], str(tmp_path / "nothing"))


def test_signature_helpers():
  with tf.Graph().as_default():
    ex = tf.placeholder(tf.string, [None], name="ex")
    scores = tf.placeholder(tf.float32, [None, 3], name="scores")
    sig = tf.saved_model.classification_signature_def(ex, None, scores)
    assert sig.method_name == "tensorflow/serving/classify"
    assert sig.inputs["inputs"].name == "ex:0" and sig.outputs["scores"].name == "scores:0"
    assert tf.saved_model.is_valid_signature(sig)
    reg = tf.saved_model.regression_signature_def(ex, tf.placeholder(tf.float32, [None, 1]))
    assert tf.saved_model.is_valid_signature(reg)
    info = tf.saved_model.build_tensor_info(scores)
    assert info.dtype == tf.float32.as_datatype_enum
    assert [d.size for d in info.tensor_shape.dim] == [-1, 3]
    bad = tf.saved_model.build_signature_def({"x": info}, {}, "tensorflow/serving/predict")
    assert not tf.saved_model.is_valid_signature(bad)


def test_our_assets_are_copied_and_fed_to_the_main_op(tmp_path):
  vocab = tmp_path / "vocab.txt"
  vocab.write_text("a\nb\n")
  export_dir = str(tmp_path / "m")
  with tf.Graph().as_default():
    asset = tf.constant(str(vocab), name="asset_path")
    tf.add_to_collection(tf.GraphKeys.ASSET_FILEPATHS, asset)
    tf.Variable(asset, name="seen", collections=[tf.GraphKeys.LOCAL_VARIABLES])
    tf.Variable(1.0, name="v")
    main_op = tf.saved_model.main_op.main_op()
    with tf.Session() as sess:
      sess.run(tf.global_variables_initializer())
      b = tf.saved_model.builder.SavedModelBuilder(export_dir)
      b.add_meta_graph_and_variables(
          sess, ["serve"], assets_collection=tf.get_collection(tf.GraphKeys.ASSET_FILEPATHS),
          main_op=main_op)
      assert b.save(as_text=True).endswith(b"saved_model.pbtxt")
  assert (tmp_path / "m" / "assets" / "vocab.txt").read_text() == "a\nb\n"
  with tf.Graph().as_default():
    with tf.Session() as sess:
      tf.saved_model.loader.load(sess, ["serve"], export_dir)
      assert sess.run("seen:0") == os.path.join(export_dir, "assets", "vocab.txt").encode()
      assert sess.run("v:0") == 1.0

