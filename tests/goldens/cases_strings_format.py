"""tf.strings.format (StringFormat) texts: the golden values are the formatted strings, over
dtypes, shapes (scalars, empty, 1-D to 4-D, long dimensions), summarize values (-1, 0, 1, 2,
3, 5), templates and placeholders; and the StringFormat tensors tf.print builds (fetched by
name "<print name>_format:0"), i.e. exactly the text tf.print writes before `end`.

Left out where TF 1.15 (our spec) and the TF 2.x that writes the goldens differ (tests/cpp covers
the 1.15 forms): non-ASCII strings (1.15 escapes their bytes in octal, TF >= 2.4 keeps UTF-8) and
scalars of dtypes without a text form such as complex (1.15 prints "[?]", later TF "?")."""
import numpy as np

_SHAPES = [[], [0], [1], [5], [6], [7], [10], [2, 0], [0, 3], [3, 1], [1, 7], [3, 4], [7, 7],
           [10, 10], [2, 3, 4], [4, 5, 6], [2, 2, 2, 2], [3, 1, 2, 5]]
_SUMMARIZE = [-1, 0, 1, 2, 3, 5]


def _key(shape):
  return "x".join(str(d) for d in shape) if shape else "scalar"


def int_shapes(tf):
  out = {}
  for shape in _SHAPES:
    n = int(np.prod(shape)) if shape else 1
    x = tf.constant(np.arange(n, dtype=np.int32).reshape(shape))
    for s in _SUMMARIZE:
      out[("%s_s%d" % (_key(shape), s)).replace("-", "m")] = tf.strings.format(
          "{}", x, summarize=s)
  return out


_FLOATS = [0.0, -0.0, 0.1, -2.5, 1.0 / 3, 100.0, 123456789.0, 1e10, 1e-7, 3.4e38, 1e-45,
           65504.0, float("inf"), float("-inf"), float("nan"), 7.0, 0.5, 2.0 ** 24 + 1]


def floats(tf):
  out = {}
  for name, dt in [("f32", np.float32), ("f64", np.float64), ("f16", np.float16)]:
    with np.errstate(over="ignore"):  # 3.4e38 is inf in float16, as intended
      x = tf.constant(np.array(_FLOATS, dtype=dt))
    out[name] = tf.strings.format("{}", x, summarize=-1)
    out[name + "_mat"] = tf.strings.format("{}", tf.reshape(x, [3, 6]), summarize=2)
    out[name + "_scalar"] = tf.strings.format("v={}", tf.constant(dt(2.0) / 3))
  out["f64_exact"] = tf.strings.format(
      "{}", tf.constant(np.array([0.1, 1.0 / 3, 2.0 ** 60, 1e22, 1e-300, 5e-324], np.float64)),
      summarize=-1)
  out["bf16"] = tf.strings.format(
      "{}", tf.cast(tf.constant([0.1, 1.5, -3.0, 1e20, 300.0], tf.float32), tf.bfloat16))
  return out


def integer_dtypes(tf):
  out = {}
  for name, dt in [("i8", np.int8), ("u8", np.uint8), ("i16", np.int16), ("u16", np.uint16),
                   ("i32", np.int32), ("i64", np.int64), ("u32", np.uint32),
                   ("u64", np.uint64)]:
    info = np.iinfo(dt)
    vals = np.array([info.min, 0, 1, info.max], dtype=dt)
    out[name] = tf.strings.format("{}", tf.constant(vals))
    out[name + "_2d"] = tf.strings.format("{}", tf.constant(np.resize(vals, [2, 5])),
                                          summarize=1)
  return out


def bools_strings_complex(tf):
  return {
      "bool": tf.strings.format("{}", tf.constant([True, False, True, True, False, True, False,
                                                   True])),
      "bool_scalar": tf.strings.format("{}", tf.constant(False)),
      "str": tf.strings.format("{}", tf.constant([b"a", b"quote\"d", b"back\\slash", b"it's",
                                                  b"new\nline", b"tab\t", b"\x01\x1f\x7f",
                                                  b"cr\r", b""]), summarize=-1),
      "str_scalar": tf.strings.format("[{}]", tf.constant(b"hello world")),
      "str_2d": tf.strings.format("{}", tf.constant([[b"a", b"b", b"c", b"d"],
                                                     [b"e", b"f", b"g", b"h"]]), summarize=1),
      "c64": tf.strings.format("{}", tf.constant(np.array([1 + 2j, 3 - 4j], np.complex64))),
      "c64_long": tf.strings.format("{}", tf.constant(np.ones([7], np.complex64))),
      "c64_2d_all": tf.strings.format("{}", tf.constant(np.ones([2, 3], np.complex64)),
                                      summarize=-1),
  }


def templates(tf):
  a = tf.constant([1, 2, 3])
  b = tf.constant(2.5)
  return {
      "no_inputs": tf.strings.format("just text", []),
      "empty": tf.strings.format("", []),
      "only": tf.strings.format("{}", [a]),
      "edges": tf.strings.format("{}-middle-{}", [a, b]),
      "adjacent": tf.strings.format("{}{}{}", [a, b, a]),
      "custom": tf.strings.format("a=%s b=%s!", [a, b], placeholder="%s"),
      "long_ph": tf.strings.format("<<X>> and <<X>>", [b, a], placeholder="<<X>>"),
      "braces_left": tf.strings.format("{{}} {}", [a], placeholder="{{}}"),
      "doc_example": tf.strings.format(
          "first: {}, second: {}, suffix",
          (tf.reshape(tf.range(100), [10, 10]), tf.range(10))),
      "single_tensor": tf.strings.format("tensor: {}, suffix", tf.range(10)),
      "summarize_many": tf.strings.format("{} {}", [tf.range(30), tf.ones([4, 40])],
                                          summarize=12),
  }


def prints(tf):
  """The string tf.print formats (its StringFormat output) for nested Python structures."""
  import collections
  g = tf.get_default_graph()
  x = tf.constant([1, 2, 3, 4, 5, 6, 7])
  m = tf.reshape(tf.range(12, dtype=tf.float32) / 4, [3, 4])
  s = tf.constant("str")
  specs = {
      "plain": (("hello", x),),
      "dict": (("tensors:", x, {2: x * 2}),),
      "nested": (({"b": 1, "a": m, "c": [x, "s", (3, x)]}, "tail"),),
      "ordered": ((collections.OrderedDict([("z", x), ("a", 1.5)]),),),
      "python_only": ((1, 2.5, "three", [4, None], {"k": True}),),
      "braces": (("{} literal", x, "{}1"),),
      "sep": (("a", x, m), {"sep": ", "}),
      "summarize": ((m, x), {"summarize": 1}),
      "summarize_all": ((x,), {"summarize": -1}),
      "string_tensor_with_others": ((s, x),),
      "tuple": (((x, "t"),),),
  }
  out = {}
  for key, spec in sorted(specs.items()):
    args = spec[0]
    kwargs = spec[1] if len(spec) > 1 else {}
    tf.print(*args, name="print_" + key, **kwargs)
    out[key] = g.get_tensor_by_name("print_%s_format:0" % key)
  return out


def graph_structure(tf):
  """The ops tf.print and tf.strings.format create, with their attrs."""
  x = tf.constant([1, 2])
  tf.print("v:", x, {"k": x}, name="p")
  tf.print(tf.constant("lone string"))
  tf.print(x, output_stream="file:///tmp/unused", end="|")
  return {"fmt": tf.strings.format("x={}", [x], summarize=5, name="fmt")}


CASES = {"int_shapes": int_shapes, "floats": floats, "integer_dtypes": integer_dtypes,
         "bools_strings_complex": bools_strings_complex, "templates": templates,
         "prints": prints, "graph_structure": graph_structure}
FEEDS = {}
