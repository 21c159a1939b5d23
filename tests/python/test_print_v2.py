"""tf.strings.format and tf.print (StringFormat + PrintV2): the formatted texts against goldens
from real TensorFlow, the text tf.print writes (in a child process) to stderr, stdout, the log
and files, the ops it builds, and TF's errors for bad input."""
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import tensorflow as tf

import golden_util
from tensorflow.python.ops import gen_logging_ops
from tensorflow.python.ops import gen_string_ops

from op_test_util import fresh_graph, run, subprocess_env  # pylint: disable=unused-import

GOLDEN_DIR = golden_util.GOLDEN_DIR
CASES_PATH = os.path.join(GOLDEN_DIR, "cases_strings_format.py")



MOD, META, GRAPHS, ARRAYS = golden_util.load("strings_format")


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_formatted_text_matches_tensorflow(case):
  g = tf.Graph()
  with g.as_default():
    fetches = MOD.CASES[case](tf)
    with tf.Session(graph=g) as sess:
      values = sess.run(fetches)
  assert sorted(fetches) == sorted(META["cases"][case])
  for key in sorted(fetches):
    assert fetches[key].shape.as_list() == META["cases"][case][key]["shape"] == [], key
    assert fetches[key].dtype == tf.string
    want = ARRAYS[case + "/" + key].item()
    assert values[key] == want, "%s/%s:\n%r\n!=\n%r" % (case, key, values[key], want)


def test_ops_and_attrs_match_tensorflow():
  g = tf.Graph()
  with g.as_default():
    MOD.CASES["graph_structure"](tf)
  theirs = GRAPHS["cases"]["graph_structure"]
  ours = [(op.name, op.type, [t.name.replace(":0", "") for t in op.inputs])
          for op in g.get_operations()]
  assert ours == [(n["name"], n["op"], n["inputs"]) for n in theirs]
  for n in theirs:
    if n["op"] not in ("StringFormat", "PrintV2"):
      continue
    op = g.get_operation_by_name(n["name"])
    assert sorted(op.node_def.attr) == n["attrs"], n["name"]
    for attr, value in n["values"].items():
      if "s" in value:
        assert op.get_attr(attr) == value["s"].encode("latin-1"), (n["name"], attr)
      elif "i" in value:
        assert op.get_attr(attr) == value["i"], (n["name"], attr)
      else:
        assert [t.as_datatype_enum for t in op.get_attr(attr)] == value["list"].get("type", [])


def _run_child(body, env_extra=None):
  """Runs `body` (after `import tensorflow as tf`, `import sys`) in a child Python process."""
  script = "import sys\nimport tensorflow as tf\n" + textwrap.dedent(body)
  env = subprocess_env()
  env.update(env_extra or {})
  return subprocess.run([sys.executable, "-c", script], capture_output=True, env=env,
                        timeout=120, check=True)


def test_print_writes_golden_texts_to_stderr():
  body = """
  import importlib.util
  spec = importlib.util.spec_from_file_location("c", %r)
  mod = importlib.util.module_from_spec(spec)
  spec.loader.exec_module(mod)
  g = tf.Graph()
  with g.as_default():
    keys = sorted(mod.prints(tf))
    with tf.Session() as sess:
      for k in keys:
        sys.stderr.flush()
        sess.run(g.get_operation_by_name("print_" + k))
  """ % CASES_PATH
  got = _run_child(body).stderr.decode("latin-1")
  want = "".join(ARRAYS["prints/" + k].item().decode("latin-1") + "\n"
                 for k in sorted(META["cases"]["prints"]))
  assert want in got, got


def test_print_to_stdout_with_sep_and_end():
  body = """
  x = tf.reshape(tf.range(12), [3, 4])
  p1 = tf.print("x:", x, output_stream=sys.stdout, summarize=1)
  p2 = tf.print("a", tf.constant(1.5), "b", output_stream=sys.stdout, sep="|", end="<END>")
  p3 = tf.print(tf.constant("lone"), output_stream=sys.stdout, end="")
  with tf.Session() as sess:
    sess.run(p1)
    sess.run(p2)
    sess.run(p3)
  """
  out = _run_child(body)
  assert out.stdout.decode() == "x: [[0 ... 3]\n ...\n [8 ... 11]]\na|1.5|b<END>lone"
  assert b"x:" not in out.stderr


def test_print_default_stream_is_stderr_and_runs_as_control_dependency():
  body = """
  t = tf.range(10)
  with tf.control_dependencies([tf.print("tensors:", t, {2: t * 2})]):
    out = t * 3
  with tf.Session() as sess:
    print(sess.run(out).tolist())
  """
  out = _run_child(body)
  assert "tensors: [0 1 2 ... 7 8 9] {2: [0 2 4 ... 14 16 18]}\n" in out.stderr.decode()
  assert out.stdout.decode() == "[0, 3, 6, 9, 12, 15, 18, 21, 24, 27]\n"


def test_print_to_log_levels():
  body = """
  with tf.Session() as sess:
    sess.run(tf.print("info msg", output_stream=tf.logging.info))
    sess.run(tf.print("warn msg", output_stream=tf.logging.WARN))
    sess.run(tf.print("error msg", output_stream=tf.compat.v1.logging.error))
  """
  err = _run_child(body).stderr.decode()
  lines = [l for l in err.splitlines() if " msg" in l]
  assert len(lines) == 3, err
  for line, (sev, text) in zip(lines, [("I", "info"), ("W", "warn"), ("E", "error")]):
    assert line.endswith("] %s msg" % text), line
    assert (": %s " % sev) in line, line
  quiet = _run_child(body, {"TF_CPP_MIN_LOG_LEVEL": "2"}).stderr.decode()
  assert "info msg" not in quiet and "warn msg" not in quiet and "error msg" in quiet


def test_print_to_file_appends(tmp_path):
  path = str(tmp_path / "out.txt")
  p1 = tf.print("first", tf.constant([1, 2]), output_stream="file://" + path)
  p2 = tf.print("second", output_stream="file://" + path, end="!")
  run(p1)
  run(p2)
  run(p1)
  with open(path) as f:
    assert f.read() == "first [1 2]\nsecond!first [1 2]\n"


def test_print_builds_tf115_ops():
  x = tf.constant([1, 2])
  p = tf.print("v", x, name="named")
  assert p.type == "PrintV2" and p.name == "named"
  assert p.get_attr("output_stream") == b"stderr" and p.get_attr("end") == b"\n"
  fmt = p.inputs[0].op
  assert fmt.type == "StringFormat" and fmt.name == "named_format"
  assert fmt.get_attr("template") == b"v {}" and fmt.get_attr("placeholder") == b"{}"
  assert fmt.get_attr("summarize") == 3
  # A lone string scalar goes straight to PrintV2.
  q = tf.print(tf.constant("s"))
  assert q.inputs[0].op.type == "Const"
  # "{}" in the text: the placeholder grows digits (drawn as TF draws them).
  r = tf.print("{}", x)
  assert r.inputs[0].op.get_attr("placeholder") == b"{}9"


def test_strings_format_python_values_and_defaults():
  out = tf.strings.format("{} and {}", [tf.constant([1.5, 2.0]), tf.constant("s")])
  assert out.op.get_attr("summarize") == 3
  assert run(out) == b'[1.5 2] and "s"'
  assert run(tf.strings.format("[{}]", tf.constant(3))) == b"[3]"


def test_variables_print_their_values():
  v = tf.Variable([1.0, 2.5])
  r = tf.get_variable("r", initializer=[3, 4], use_resource=True)
  p = tf.print("v", v, {"r": r}, output_stream="file://" + os.devnull)
  assert p.inputs[0].op.get_attr("template") == b"v {} {'r': {}}"
  fmt = tf.strings.format("{}", v)
  with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    assert sess.run(p.inputs[0]) == b"v [1 2.5] {'r': [3 4]}"
    assert sess.run(fmt) == b"[1 2.5]"


def test_bad_input_raises_tf_errors():
  x = tf.constant([1, 2])
  with pytest.raises(ValueError, match=r"^2 placeholder\(s\) in template does not match 1 "
                     r"tensor\(s\) provided as input$"):
    tf.strings.format("{} {}", [x])
  with pytest.raises(ValueError, match="num placeholders in template and num inputs must "
                     "match: 2 vs. 1"):
    gen_string_ops.string_format([x], template="{} {}", placeholder="{}")
  with pytest.raises(ValueError, match=r"Unsupported output stream, logging level, or file\."
                     r"nope\. Supported streams are sys\.stdout"):
    tf.print("a", output_stream="nope")
  with pytest.raises(ValueError, match="Unrecognized keyword arguments for tf.print"):
    tf.print("a", flush=True)
  with pytest.raises(ValueError, match="input must be a scalar, but has rank: 1"):
    gen_logging_ops.print_v2(tf.constant(["a", "b"]))
  with pytest.raises(TypeError):
    gen_logging_ops.print_v2(tf.constant(1.0))
  bad_stream = gen_logging_ops.print_v2(tf.constant("x"), output_stream="bogus")
  with pytest.raises(tf.errors.InvalidArgumentError,
                     match=r"Unknown output stream: bogus, Valid streams are: stdout stderr "
                     r"log\(info\) log\(warning\) log\(error\)"):
    run(bad_stream)
  ph = tf.placeholder(tf.string)
  with pytest.raises(tf.errors.InvalidArgumentError,
                     match=r"Input is expected to be scalar, but got \[2\]"):
    run(gen_logging_ops.print_v2(ph), feed_dict={ph: np.array([b"a", b"b"], dtype=object)})
  with pytest.raises(tf.errors.NotFoundError, match="No such file or directory"):
    run(tf.print("x", output_stream="file:///nonexistent_tfc_dir/out.txt"))
