"""tf.flags / tf.app / tf.logging / tf.gfile."""

import logging
import os
import subprocess
import sys
import textwrap

import pytest

import tensorflow as tf
from tensorflow.python.framework import errors_impl
from tensorflow.python.platform import flags as flags_lib
from op_test_util import subprocess_env

_ENV = subprocess_env()


# ---- flags --------------------------------------------------------------------------------------
def _fresh():
  return flags_lib.FlagValues()


def test_flag_types_and_parsing():
  fv = _fresh()
  tf.flags.DEFINE_string("name", "dflt", "a string", flag_values=fv)
  tf.flags.DEFINE_integer("steps", 10, "an int", lower_bound=0, flag_values=fv)
  tf.flags.DEFINE_float("lr", 0.1, "a float", flag_values=fv)
  tf.flags.DEFINE_boolean("fast", False, "a bool", flag_values=fv)
  tf.flags.DEFINE_bool("verbose", True, "a bool", flag_values=fv)
  tf.flags.DEFINE_list("layers", "1,2", "a list", flag_values=fv)
  tf.flags.DEFINE_enum("mode", "train", ["train", "eval"], "an enum", flag_values=fv)
  rest = fv(["prog", "--name=x", "--steps", "5", "--lr=0.5", "--fast", "--noverbose",
             "--layers=a,b,c", "--mode=eval", "positional"])
  assert rest == ["prog", "positional"]
  assert fv.name == "x" and fv.steps == 5 and fv.lr == 0.5
  assert fv.fast is True and fv.verbose is False
  assert fv.layers == ["a", "b", "c"] and fv.mode == "eval"
  assert fv.flag_values_dict()["steps"] == 5
  assert "name" in fv and fv["name"].default == "dflt"


def test_flag_bool_explicit_values_and_defaults():
  fv = _fresh()
  tf.flags.DEFINE_boolean("fast", True, "a bool", flag_values=fv)
  tf.flags.DEFINE_list("xs", [], "a list", flag_values=fv)
  fv(["prog", "--fast=false"])
  assert fv.fast is False and fv.xs == []


def test_flag_errors():
  fv = _fresh()
  tf.flags.DEFINE_integer("steps", 10, "an int", lower_bound=0, flag_values=fv)
  tf.flags.DEFINE_enum("mode", "train", ["train", "eval"], "an enum", flag_values=fv)
  with pytest.raises(flags_lib.IllegalFlagValueError):
    fv(["prog", "--steps=-1"])
  with pytest.raises(flags_lib.IllegalFlagValueError):
    fv(["prog", "--steps=abc"])
  with pytest.raises(flags_lib.IllegalFlagValueError):
    fv(["prog", "--mode=other"])
  with pytest.raises(flags_lib.UnrecognizedFlagError):
    fv(["prog", "--unknown=1"])
  assert fv(["prog", "--unknown=1"], known_only=True) == ["prog", "--unknown=1"]
  with pytest.raises(flags_lib.DuplicateFlagError):
    tf.flags.DEFINE_integer("steps", 1, "again", flag_values=fv)
  with pytest.raises(AttributeError):
    fv.not_defined  # pylint: disable=pointless-statement


def test_flag_set_and_required():
  fv = _fresh()
  tf.flags.DEFINE_string("path", None, "required", flag_values=fv)
  tf.flags.mark_flag_as_required("path", flag_values=fv)
  with pytest.raises(flags_lib.IllegalFlagValueError):
    fv(["prog"])
  fv(["prog", "--path=/tmp"])
  assert fv.path == "/tmp"
  fv.path = "/other"
  assert fv.path == "/other"


def test_app_run_lazy_flags_in_subprocess(tmp_path):
  script = tmp_path / "prog.py"
  script.write_text(textwrap.dedent("""
      import tensorflow as tf
      tf.app.flags.DEFINE_integer("n", 1, "count")
      tf.flags.DEFINE_string("who", "world", "name")
      FLAGS = tf.app.flags.FLAGS

      def main(argv):
        print("hello %s %d %s" % (FLAGS.who, FLAGS.n, argv[1:]))
        return 3

      if __name__ == "__main__":
        tf.app.run()
  """))
  out = subprocess.run([sys.executable, str(script), "--n=4", "--who", "tf", "extra"],
                       capture_output=True, text=True, env=_ENV, timeout=120)
  assert out.returncode == 3, out.stderr
  assert "hello tf 4 ['extra']" in out.stdout
  lazy = tmp_path / "lazy.py"
  lazy.write_text(textwrap.dedent("""
      import tensorflow as tf
      tf.flags.DEFINE_integer("n", 1, "count")
      print("n=%d" % tf.flags.FLAGS.n)
  """))
  out = subprocess.run([sys.executable, str(lazy), "--n=7", "--other=1"],
                       capture_output=True, text=True, env=_ENV, timeout=120)
  assert out.returncode == 0, out.stderr
  assert "n=7" in out.stdout


# ---- logging ------------------------------------------------------------------------------------
def test_logging_levels_and_functions(caplog):
  assert (tf.logging.DEBUG, tf.logging.INFO, tf.logging.WARN, tf.logging.ERROR,
          tf.logging.FATAL) == (10, 20, 30, 40, 50)
  old = tf.logging.get_verbosity()
  try:
    tf.logging.set_verbosity(tf.logging.INFO)
    assert tf.logging.get_verbosity() == tf.logging.INFO
    with caplog.at_level(logging.INFO, logger="tensorflow"):
      tf.logging.info("info %d", 1)
      tf.logging.warn("warn %s", "x")
      tf.logging.warning("warning")
      tf.logging.error("error")
      tf.logging.debug("hidden")
      tf.logging.log(tf.logging.INFO, "via log")
      for i in range(5):
        tf.logging.log_first_n(tf.logging.INFO, "first %d", 2, i)
      for i in range(5):
        tf.logging.log_every_n(tf.logging.INFO, "every %d", 2, i)
      tf.logging.log_if(tf.logging.INFO, "cond yes", True)
      tf.logging.log_if(tf.logging.INFO, "cond no", False)
    msgs = [r.getMessage() for r in caplog.records if r.name == "tensorflow"]
    assert msgs[:5] == ["info 1", "warn x", "warning", "error", "via log"]
    assert [m for m in msgs if m.startswith("first")] == ["first 0", "first 1"]
    assert [m for m in msgs if m.startswith("every")] == ["every 0", "every 2", "every 4"]
    assert "cond yes" in msgs and "cond no" not in msgs and "hidden" not in msgs
    assert all(r.filename == "test_platform.py" for r in caplog.records
               if r.name == "tensorflow")
  finally:
    tf.logging.set_verbosity(old)
  assert tf.get_logger().name == "tensorflow"


# ---- gfile --------------------------------------------------------------------------------------
def test_gfile_read_write(tmp_path):
  p = str(tmp_path / "a.txt")
  with tf.gfile.GFile(p, "w") as f:
    f.write("line1\nline2\n")
  assert tf.gfile.Exists(p)
  with tf.gfile.GFile(p) as f:
    assert f.read() == "line1\nline2\n"
  with tf.gfile.Open(p, "r") as f:
    assert list(f) == ["line1\n", "line2\n"]
  with tf.gfile.GFile(p, "rb") as f:
    assert f.read(5) == b"line1"
    f.seek(6)
    assert f.readline() == b"line2\n"
    assert f.tell() == 12
  with tf.gfile.FastGFile(p, "a") as f:
    f.write(b"line3")
  assert tf.gfile.GFile(p).size() == 17
  assert tf.gfile.Stat(p).length == 17 and not tf.gfile.Stat(p).is_directory
  with pytest.raises(errors_impl.NotFoundError):
    tf.gfile.GFile(str(tmp_path / "missing")).read()
  with pytest.raises(errors_impl.PermissionDeniedError):
    tf.gfile.GFile(p, "r").write("x")


def test_gfile_directories(tmp_path):
  root = str(tmp_path / "r")
  tf.gfile.MakeDirs(os.path.join(root, "a", "b"))
  tf.gfile.MakeDirs(os.path.join(root, "a", "b"))  # existing is fine
  tf.gfile.MkDir(os.path.join(root, "c"))
  with pytest.raises(errors_impl.AlreadyExistsError):
    tf.gfile.MkDir(os.path.join(root, "c"))
  with tf.gfile.GFile(os.path.join(root, "a", "f1.txt"), "w") as f:
    f.write("1")
  with tf.gfile.GFile(os.path.join(root, "f2.txt"), "w") as f:
    f.write("2")
  assert tf.gfile.IsDirectory(root) and not tf.gfile.IsDirectory(os.path.join(root, "f2.txt"))
  assert tf.gfile.ListDirectory(root) == ["a", "c", "f2.txt"]
  assert tf.gfile.Glob(os.path.join(root, "*.txt")) == [os.path.join(root, "f2.txt")]
  walked = list(tf.gfile.Walk(root))
  assert walked[0] == (root, ["a", "c"], ["f2.txt"])
  assert (os.path.join(root, "a"), ["b"], ["f1.txt"]) in walked
  bottom_up = list(tf.gfile.Walk(root, in_order=False))
  assert bottom_up[-1][0] == root
  assert list(tf.gfile.Walk(os.path.join(root, "missing"))) == []

  src, dst = os.path.join(root, "f2.txt"), os.path.join(root, "f3.txt")
  tf.gfile.Copy(src, dst)
  with pytest.raises(errors_impl.AlreadyExistsError):
    tf.gfile.Copy(src, dst)
  tf.gfile.Copy(src, dst, overwrite=True)
  tf.gfile.Rename(dst, os.path.join(root, "f4.txt"))
  assert not tf.gfile.Exists(dst) and tf.gfile.Exists(os.path.join(root, "f4.txt"))
  with pytest.raises(errors_impl.AlreadyExistsError):
    tf.gfile.Rename(src, os.path.join(root, "f4.txt"))
  tf.gfile.Remove(os.path.join(root, "f4.txt"))
  with pytest.raises(errors_impl.NotFoundError):
    tf.gfile.Remove(os.path.join(root, "f4.txt"))
  with pytest.raises(errors_impl.NotFoundError):
    tf.gfile.ListDirectory(os.path.join(root, "missing"))
  tf.gfile.DeleteRecursively(root)
  assert not tf.gfile.Exists(root)
  with pytest.raises(errors_impl.NotFoundError):
    tf.gfile.DeleteRecursively(root)
  assert tf.io.gfile.exists is tf.gfile.Exists
