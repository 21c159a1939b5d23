"""Adversarial sweep over every registered op (driven by test_robustness.py in a child process).

For each op the sweep builds nodes at the NodeDef level (Graph.create_op with explicit attrs) over
Placeholders of unknown shape and over Consts, then feeds adversarial values: mismatched shapes,
empty tensors, scalars for vectors, negative/huge sizes, out-of-range indices, NaN/inf, and
attrs of the wrong type or out of range. Every case must end in a valid result or a Python
exception of type tf.errors.OpError, ValueError or TypeError. Anything else is reported on stdout
as "BAD\t<op>\t<case>\t<exception>"; a crash or hang is caught by the parent from the last
"CASE" line printed before it.
"""

import random
import time
import sys

import numpy as np

import tensorflow as tf
from tensorflow.core.framework import attr_value_pb2
from tensorflow.core.framework import op_def_pb2
from tensorflow.core.framework import tensor_pb2
from tensorflow.core.framework import tensor_shape_pb2
from tfclassic import _native

# Control-flow ops need frames and dead tensors, which this sweep does not build.
SKIPPED_OPS = frozenset([
    "Switch", "Merge", "Enter", "Exit", "NextIteration", "LoopCond", "ControlTrigger",
    "RefSwitch", "RefMerge", "RefEnter", "RefExit", "RefNextIteration",
])

ALLOWED_EXCEPTIONS = (tf.errors.OpError, ValueError, TypeError)

RANDOM_CASES_PER_OP = 40

I32_MAX = 2**31 - 1
I32_MIN = -2**31


def load_op_defs():
  ol = op_def_pb2.OpList()
  ol.ParseFromString(_native.op_list())
  return {o.name: o for o in ol.op}


def sweep_op_names():
  return sorted(n for n in load_op_defs() if n not in SKIPPED_OPS)


# ---- adversarial value pools ---------------------------------------------------------------
def _np_dtype(dt):
  return tf.as_dtype(dt).as_numpy_dtype


def value_pool(dt):
  """Adversarial arrays of DataType enum `dt`."""
  with np.errstate(all="ignore"):
    return _value_pool(dt)


def _value_pool(dt):
  if dt not in FEEDABLE:
    return [Unfeedable(dt)]
  d = tf.as_dtype(dt)
  npd = d.as_numpy_dtype
  if d == tf.string:
    return [np.array(b"x", dtype=object), np.array([], dtype=object),
            np.array([b"a", b"", b"a"], dtype=object),
            np.array([[b"p", b"q"], [b"q", b"p"]], dtype=object)]
  if d == tf.bool:
    return [np.array(True), np.zeros([0], bool), np.array([True, False]),
            np.array([[True, False, True], [False, False, True]]), np.zeros([2, 0], bool)]
  shapes_common = [np.zeros([0], npd), np.zeros([2, 0], npd), np.zeros([0, 3], npd)]
  if d.is_floating or d.is_complex:
    vals = [np.array(0.5), np.array([1.0, -2.0, 3.0]),
            np.array([[np.nan, np.inf], [-np.inf, 1.0]]),
            np.arange(6.0).reshape([2, 3]) - 2.0, np.arange(6.0).reshape([1, 2, 1, 3]),
            np.array([1e30, -1e30, 0.0]), np.arange(24.0).reshape([2, 3, 4])]
    return [v.astype(npd) for v in vals] + shapes_common
  if d.is_integer:
    lo, hi = d.min, d.max
    vals = [0, -1, 1, 2, 3, [-1], [0, 0], [3, -2], [1, 2, 3], [[0, 1], [1, 0]],
            [[1, 2, 3], [4, 5, 6]], [hi], [lo], [hi, hi], [2, hi], [lo, -1], [1, 0, 2],
            [[0, 0], [0, 0]], [[-1, 2], [1, -5]], [[hi, 0], [0, hi]], [[1, 2], [-3, 4], [5, 6]]]
    out = [np.array(v).astype(npd) if np.min(v) >= lo else np.array(lo, npd) for v in vals]
    return out + shapes_common
  return [np.array(0).astype(npd), np.zeros([0], npd), np.arange(6).astype(npd).reshape([2, 3])]


# ---- case construction -----------------------------------------------------------------------
PREFERRED_TYPES = [tf.float32, tf.int32, tf.int64, tf.float64, tf.bool, tf.complex64,
                   tf.string, tf.uint8, tf.int8, tf.int16, tf.float16, tf.bfloat16,
                   tf.complex128, tf.uint16, tf.uint32, tf.uint64]
FEEDABLE = set(t.as_datatype_enum for t in PREFERRED_TYPES)


def allowed_types(attr):
  if attr.HasField("allowed_values") and attr.allowed_values.list.type:
    return [t for t in attr.allowed_values.list.type if t in FEEDABLE]
  return [t.as_datatype_enum for t in PREFERRED_TYPES]


def default_type(attr):
  allowed = allowed_types(attr)
  if attr.HasField("default_value") and attr.default_value.type in allowed:
    return attr.default_value.type
  for t in PREFERRED_TYPES:
    if t.as_datatype_enum in allowed:
      return t.as_datatype_enum
  return allowed[0] if allowed else None


def _input_type_attrs(op_def):
  names = set()
  for arg in op_def.input_arg:
    if arg.type_attr:
      names.add(arg.type_attr)
  return names


def required_attr_value(op_def, attr):
  """A plausible value for attrs without defaults that inputs don't determine."""
  if attr.type == "type":
    return attr_value_pb2.AttrValue(type=default_type(attr))
  if attr.type == "tensor":
    return attr_value_pb2.AttrValue(tensor=tf.make_tensor_proto(np.array([1.0, 2.0], np.float32)))
  if attr.type == "int":
    return attr_value_pb2.AttrValue(i=max(2, attr.minimum if attr.has_minimum else 2))
  if attr.type == "string":
    if attr.name == "equation":
      return attr_value_pb2.AttrValue(s=b"ij,jk->ik")
    return attr_value_pb2.AttrValue(s=b"frame")
  if attr.type == "shape":
    return attr_value_pb2.AttrValue(shape=tensor_shape_pb2.TensorShapeProto(unknown_rank=True))
  if attr.type == "list(int)":
    return attr_value_pb2.AttrValue(list=attr_value_pb2.AttrValue.ListValue())
  if attr.type == "float":
    return attr_value_pb2.AttrValue(f=0.2)
  if attr.type == "bool":
    return attr_value_pb2.AttrValue(b=False)
  if attr.type == "list(type)":
    return attr_value_pb2.AttrValue(list=attr_value_pb2.AttrValue.ListValue(type=[1, 3]))
  raise AssertionError("unhandled attr type %s" % attr.type)


class Case(object):
  """inputs: one entry per input arg (an ndarray, or a list of them for list args)."""

  def __init__(self, desc, inputs, attrs=None):
    self.desc = desc
    self.inputs = inputs
    self.attrs = attrs or {}


def infer_attrs(op_def, case):
  """NodeDef attrs: explicit overrides, then types/counts from the inputs, then required ones."""
  attrs = {}
  for arg, val in zip(op_def.input_arg, case.inputs):
    if arg.number_attr:
      attrs.setdefault(arg.number_attr, attr_value_pb2.AttrValue(i=len(val)))
      if arg.type_attr and val:
        attrs.setdefault(arg.type_attr,
                         attr_value_pb2.AttrValue(type=tf.as_dtype(val[0].dtype).as_datatype_enum))
    elif arg.type_list_attr:
      attrs.setdefault(arg.type_list_attr, attr_value_pb2.AttrValue(
          list=attr_value_pb2.AttrValue.ListValue(
              type=[_dtype_enum(v) for v in val])))
    elif arg.type_attr:
      attrs.setdefault(arg.type_attr, attr_value_pb2.AttrValue(type=_dtype_enum(val)))
  for attr in op_def.attr:
    if attr.name in attrs or attr.HasField("default_value"):
      continue
    attrs[attr.name] = required_attr_value(op_def, attr)
  for k, v in case.attrs.items():
    if v is None:
      attrs.pop(k, None)
    else:
      attrs[k] = v
  return attrs


def _dtype_enum(arr):
  if isinstance(arr, Unfeedable):
    return arr.dtype
  if arr.dtype == object:
    return tf.string.as_datatype_enum
  return tf.as_dtype(arr.dtype).as_datatype_enum


def arg_dtype(op_def, arg, type_choice):
  if arg.type_attr:
    return type_choice[arg.type_attr]
  if arg.type == tf.resource.as_datatype_enum:
    # A resource input is a variable holding a value of the op's dtype (see _make_variable).
    for name in ("dtype", "T"):
      if name in type_choice:
        return type_choice[name]
    return tf.float32.as_datatype_enum
  return arg.type


def random_cases(op_def, rng, n):
  type_attrs = {a.name: a for a in op_def.attr if a.type == "type"}
  cases = []
  for k in range(n):
    choice = {}
    for name, attr in type_attrs.items():
      allowed = allowed_types(attr)
      if not allowed:
        return cases
      choice[name] = allowed[0] if k % 3 == 0 else rng.choice(allowed)
    inputs = []
    for arg in op_def.input_arg:
      if arg.type_list_attr:
        inputs.append([rng.choice(value_pool(tf.float32)), rng.choice(value_pool(tf.int32))])
        continue
      dt = arg_dtype(op_def, arg, choice)
      pool = value_pool(dt)
      if arg.number_attr:
        cnt = rng.choice([1, 2, 3])
        inputs.append([rng.choice(pool) for _ in range(cnt)])
      else:
        inputs.append(rng.choice(pool))
    attrs = {}
    for name, attr in type_attrs.items():
      if name not in _input_type_attrs(op_def):
        attrs[name] = attr_value_pb2.AttrValue(type=choice[name])
    cases.append(Case("random%d" % k, inputs, attrs))
  return cases


def _bad_attr_values(attr):
  """AttrValues of the wrong kind (and a few out-of-range ones of the right kind)."""
  av = attr_value_pb2.AttrValue
  wrong = {
      "type": [av(i=3), av(s=b"float"), av(type=999), av(type=tf.resource.as_datatype_enum),
               av(type=tf.variant.as_datatype_enum)],
      "int": [av(s=b"x"), av(f=1.5), av(i=-1), av(i=-2**63), av(i=0)],
      "bool": [av(f=1.0), av(i=1), av(s=b"true")],
      "float": [av(s=b"x"), av(b=True), av(f=float("nan")), av(f=float("inf"))],
      "string": [av(i=1), av(s=b""), av(s=b"BOGUS\x00\xff")],
      "shape": [av(i=2), av(shape=tensor_shape_pb2.TensorShapeProto(
          dim=[tensor_shape_pb2.TensorShapeProto.Dim(size=-5)]))],
      "list(int)": [av(i=1), av(list=av.ListValue(i=[-100, 100])), av(s=b"x")],
      "list(type)": [av(type=1), av(list=av.ListValue(type=[999]))],
      "tensor": [av(type=1), av(tensor=tensor_pb2.TensorProto(dtype=1))],
  }
  return wrong.get(attr.type, [av(i=1)])


def attr_cases(op_def, base):
  cases = []
  for attr in op_def.attr:
    for j, bad in enumerate(_bad_attr_values(attr)):
      cases.append(Case("attr %s bad%d" % (attr.name, j), base.inputs, {attr.name: bad}))
    cases.append(Case("attr %s missing" % attr.name, base.inputs, {attr.name: None}))
  cases.append(Case("attr unknown", base.inputs,
                    {"bogus_attr_xyz": attr_value_pb2.AttrValue(i=1)}))
  for arg, val in zip(op_def.input_arg, base.inputs):
    if arg.number_attr:
      cases.append(Case("N mismatch", base.inputs,
                        {arg.number_attr: attr_value_pb2.AttrValue(i=len(val) + 1)}))
  return cases


def base_case(op_def):
  """Ordinary values: float32/int32 where allowed, shapes (2,3)."""
  type_attrs = {a.name: a for a in op_def.attr if a.type == "type"}
  choice = {n: default_type(a) for n, a in type_attrs.items()}
  inputs = []
  for arg in op_def.input_arg:
    if arg.type_list_attr:
      inputs.append([np.ones([2], np.float32), np.ones([3], np.int32)])
      continue
    dt = arg_dtype(op_def, arg, choice)
    if dt is None:
      return None
    d = tf.as_dtype(dt)
    if dt not in FEEDABLE:
      v = Unfeedable(dt)
    elif d == tf.string:
      v = np.array([b"a", b"b"], dtype=object)
    elif d.is_integer:
      v = np.array(1, d.as_numpy_dtype)
    else:
      v = np.ones([2, 3], d.as_numpy_dtype)
    inputs.append([v, v] if arg.number_attr else v)
  return Case("base", inputs)


# ---- curated cases ---------------------------------------------------------------------------
def _i(v, dt=np.int32):
  return np.array(v, dt)


def _f(v):
  return np.array(v, np.float32)


F23 = np.arange(6, dtype=np.float32).reshape([2, 3])
BIG = 2**31
HUGE64 = 2**62


def _av(**kw):
  return attr_value_pb2.AttrValue(**kw)


def curated_cases():
  """(op, Case) pairs targeting size-like inputs and index validation."""
  c = []

  def add(op, desc, inputs, attrs=None):
    c.append((op, Case(desc, inputs, attrs)))

  add("Reshape", "neg shape", [F23, _i([-1, -1])])
  add("Reshape", "neg -2", [F23, _i([-2, 3])])
  add("Reshape", "huge", [F23, _i([HUGE64, HUGE64], np.int64)])
  add("Reshape", "zero with -1", [np.zeros([0, 3], np.float32), _i([0, -1])])
  add("Reshape", "mismatch", [F23, _i([4, 2])])
  add("Reshape", "matrix shape", [F23, _i([[2, 3]])])
  add("Fill", "neg", [_i([-1, 2]), _f(1.0)])
  add("Fill", "huge overflow", [_i([BIG, BIG], np.int64), _f(1.0)])
  add("Fill", "huge overflow 4", [_i([BIG, BIG, BIG, BIG], np.int64), _f(1.0)])
  add("Fill", "huge no overflow", [_i([2**20, 2**20], np.int64), _f(1.0)])
  add("Fill", "int64 max", [_i([2**63 - 1], np.int64), _f(1.0)])
  add("Fill", "string huge", [_i([BIG, BIG], np.int64), np.array(b"s", dtype=object)])
  add("Fill", "scalar dims", [_i(3), _f(1.0)])
  add("Fill", "vector value", [_i([2]), _f([1.0, 2.0])])
  add("Range", "delta 0", [_i(0), _i(5), _i(0)])
  add("Range", "wrong dir", [_i(5), _i(0), _i(1)])
  add("Range", "float delta 0", [_f(0), _f(5), _f(0)])
  add("Range", "nan", [_f(0), _f(np.nan), _f(1)])
  add("Range", "inf", [_f(0), _f(np.inf), _f(1)])
  add("Range", "huge count", [_i(-2**63, np.int64), _i(2**63 - 1, np.int64), _i(1, np.int64)])
  add("Range", "tiny delta", [np.array(0, np.float64), np.array(1e30, np.float64),
                              np.array(1e-30, np.float64)])
  add("Range", "vector", [_i([1, 2]), _i(5), _i(1)])
  add("Range", "int overflow", [_i(I32_MIN), _i(I32_MAX), _i(I32_MAX)])
  add("Tile", "neg", [F23, _i([-1, 2])])
  add("Tile", "huge", [F23, _i([BIG, BIG], np.int64)])
  add("Tile", "huge2", [F23, _i([2**40, 2**40], np.int64)])
  add("Tile", "wrong len", [F23, _i([2])])
  add("Tile", "empty mult", [F23, _i([0, 5])])
  add("Tile", "scalar in", [_f(1.0), _i([])])
  for op in ("Pad", "MirrorPad"):
    extra = {"mode": _av(s=b"REFLECT")} if op == "MirrorPad" else None
    add(op, "neg", [F23, _i([[-5, 0], [0, 0]])], extra)
    add(op, "huge", [F23, _i([[HUGE64, HUGE64], [0, 0]], np.int64)], extra)
    add(op, "wrong shape", [F23, _i([[1, 1]])], extra)
    add(op, "rank3 paddings", [F23, _i([[[1]]])], extra)
    add(op, "too big reflect", [F23, _i([[2, 2], [3, 3]])], extra)
    add(op, "symmetric", [F23, _i([[3, 3], [4, 4]])],
        {"mode": _av(s=b"SYMMETRIC")} if op == "MirrorPad" else None)
  add("PadV2", "neg", [F23, _i([[-1, -1], [0, 0]]), _f(0)])
  add("PadV2", "vector const", [F23, _i([[1, 1], [0, 0]]), _f([0, 1])])
  add("OneHot", "depth neg", [_i([0, 1]), _i(-1), _f(1), _f(0)])
  add("OneHot", "depth huge", [np.zeros([4096], np.int32), _i(I32_MAX), _f(1), _f(0)])
  add("OneHot", "axis bad", [_i([0, 1]), _i(3), _f(1), _f(0)], {"axis": _av(i=5)})
  add("OneHot", "axis -2", [_i([0, 1]), _i(3), _f(1), _f(0)], {"axis": _av(i=-2)})
  add("OneHot", "idx out", [_i([-5, 100]), _i(3), _f(1), _f(0)])
  add("OneHot", "vector on", [_i([0, 1]), _i(3), _f([1, 2]), _f(0)])
  add("Split", "num 0", [_i(0), F23], {"num_split": _av(i=0)})
  add("Split", "num neg", [_i(0), F23], {"num_split": _av(i=-3)})
  add("Split", "not divisible", [_i(1), F23], {"num_split": _av(i=2)})
  add("Split", "axis out", [_i(7), F23], {"num_split": _av(i=2)})
  add("Split", "axis vector", [_i([0]), F23], {"num_split": _av(i=2)})
  add("Split", "num large", [_i(0), F23], {"num_split": _av(i=1000)})
  add("SplitV", "neg sizes", [F23, _i([-1, -1]), _i(1)], {"num_split": _av(i=2)})
  add("SplitV", "bad sum", [F23, _i([1, 5]), _i(1)], {"num_split": _av(i=2)})
  add("SplitV", "count mismatch", [F23, _i([1, 1, 1]), _i(1)], {"num_split": _av(i=2)})
  add("SplitV", "axis out", [F23, _i([1, 2]), _i(-9)], {"num_split": _av(i=2)})
  add("SplitV", "huge size", [F23, _i([HUGE64, -1], np.int64), _i(1)], {"num_split": _av(i=2)})
  add("SplitV", "two -1", [F23, _i([-1, -1, 1]), _i(1)], {"num_split": _av(i=3)})
  for strides in ([0, 1], [1, 0], [-1, 1], [I32_MIN, 1]):
    add("StridedSlice", "strides %s" % strides, [F23, _i([0, 0]), _i([2, 3]), _i(strides)])
  add("StridedSlice", "len mismatch", [F23, _i([0]), _i([2, 3]), _i([1, 1])])
  add("StridedSlice", "huge", [F23, _i([I32_MIN, I32_MIN]), _i([I32_MAX, I32_MAX]), _i([1, 1])])
  add("StridedSlice", "shrink out", [F23, _i([5, 0]), _i([6, 3]), _i([1, 1])],
      {"shrink_axis_mask": _av(i=1)})
  add("StridedSlice", "masks all", [F23, _i([0, 0]), _i([1, 1]), _i([1, 1])],
      {"ellipsis_mask": _av(i=3), "new_axis_mask": _av(i=-1), "shrink_axis_mask": _av(i=-1)})
  add("StridedSlice", "two ellipsis", [F23, _i([0, 0]), _i([1, 1]), _i([1, 1])],
      {"ellipsis_mask": _av(i=3)})
  add("StridedSlice", "many dims", [F23, _i([0] * 40), _i([1] * 40), _i([1] * 40)],
      {"new_axis_mask": _av(i=-1)})
  add("Slice", "neg size", [F23, _i([0, 0]), _i([-2, -2])])
  add("Slice", "out", [F23, _i([1, 1]), _i([5, 5])])
  add("Slice", "neg begin", [F23, _i([-1, 0]), _i([1, 1])])
  add("Slice", "overflow", [F23, _i([HUGE64, 0], np.int64), _i([HUGE64, 1], np.int64)])
  add("Slice", "rank mismatch", [F23, _i([0]), _i([1, 1])])
  for op in ("Gather", "GatherV2"):
    extra = [_i(0)] if op == "GatherV2" else []
    add(op, "idx out", [F23, _i([5])] + extra)
    add(op, "idx neg", [F23, _i([-1])] + extra)
    add(op, "idx huge", [F23, _i([HUGE64], np.int64)] + extra)
    add(op, "empty params", [np.zeros([0, 3], np.float32), _i([0])] + extra)
    add(op, "scalar params", [_f(1.0), _i([0])] + extra)
  add("GatherV2", "axis out", [F23, _i([0]), _i(5)])
  add("GatherV2", "axis neg out", [F23, _i([0]), _i(-5)])
  add("GatherV2", "batch_dims", [F23, _i([[0]]), _i(1)], {"batch_dims": _av(i=5)})
  add("GatherV2", "batch_dims neg", [F23, _i([[0]]), _i(1)], {"batch_dims": _av(i=-5)})
  add("GatherV2", "batch_dims > axis", [F23, _i([[0], [1]]), _i(0)], {"batch_dims": _av(i=1)})
  add("GatherNd", "idx out", [F23, _i([[5, 5]])])
  add("GatherNd", "idx neg", [F23, _i([[-1, 0]])])
  add("GatherNd", "idx too deep", [F23, _i([[0, 0, 0]])])
  add("GatherNd", "scalar idx", [F23, _i(0)])
  add("GatherNd", "empty params", [np.zeros([0], np.float32), _i([[0]])])
  add("GatherNd", "empty idx last", [F23, np.zeros([2, 0], np.int32)])
  add("ScatterNd", "idx out", [_i([[5]]), _f([1.0]), _i([3])])
  add("ScatterNd", "idx neg", [_i([[-1]]), _f([1.0]), _i([3])])
  add("ScatterNd", "neg shape", [_i([[0]]), _f([1.0]), _i([-3])])
  add("ScatterNd", "huge shape", [_i([[0]], np.int64), _f([1.0]),
                                   _i([HUGE64, HUGE64], np.int64)])
  add("ScatterNd", "bad updates", [_i([[0]]), _f([1.0, 2.0, 3.0]), _i([3])])
  add("ScatterNd", "empty shape", [_i([[0]]), _f([1.0]), np.zeros([0], np.int32)])
  add("ScatterNd", "idx too deep", [_i([[0, 0]]), _f([1.0]), _i([3])])
  add("InvertPermutation", "dup", [_i([0, 0, 1])])
  add("InvertPermutation", "out", [_i([0, 5])])
  add("InvertPermutation", "neg", [_i([-1, 0])])
  add("InvertPermutation", "scalar", [_i(0)])
  add("InvertPermutation", "int64 huge", [_i([HUGE64], np.int64)])
  add("MatrixBandPart", "lower big", [F23, _i(100), _i(-1)])
  add("MatrixBandPart", "neg", [F23, _i(-5), _i(-5)])
  add("MatrixBandPart", "vector", [_f([1, 2]), _i(0), _i(0)])
  add("MatrixBandPart", "vec bands", [F23, _i([0, 1]), _i(0)])
  add("LinSpace", "num 0", [_f(0), _f(1), _i(0)])
  add("LinSpace", "num neg", [_f(0), _f(1), _i(-3)])
  add("LinSpace", "num huge", [_f(0), _f(1), _i(HUGE64, np.int64)])
  add("LinSpace", "num 1", [_f(0), _f(1), _i(1)])
  add("LinSpace", "nan", [_f(np.nan), _f(np.inf), _i(3)])
  add("BroadcastTo", "incompat", [F23, _i([4, 4])])
  add("BroadcastTo", "neg", [F23, _i([-1, 3])])
  add("BroadcastTo", "huge", [F23, _i([HUGE64, 2, 3], np.int64)])
  add("BroadcastTo", "huge2", [_f(1), _i([2**40, 2**40], np.int64)])
  add("BroadcastTo", "lower rank", [F23, _i([3])])
  add("BroadcastArgs", "incompat", [_i([2, 3]), _i([4])])
  add("BroadcastArgs", "neg", [_i([-2, 3]), _i([-2, 3])])
  add("BroadcastArgs", "matrix", [_i([[2, 3]]), _i([3])])
  add("Unique", "empty", [np.zeros([0], np.float32)])
  add("Unique", "matrix", [F23])
  add("Unique", "scalar", [_f(1)])
  add("Unique", "nan", [_f([np.nan, np.nan, 1])])
  for eq in ("", "->", "ij", "ij,jk", "ij,jk->", "ij->ji->", "i,j,k->ijk", "...ij,jk->...ik",
             "ii->i", "ij->k", "IJ,JK->IK", "i.j->i", "ij,jk->ikk", "ab,cd,ef->", "a...b...->",
             "ij,jk->ik,", "\xff", "i" * 60 + "->", "ijklmnopqrstuvwxyzabcdefgh->"):
    add("Einsum", "eq %r" % eq, [[F23, F23.T.copy()]], {"equation": _av(s=eq.encode("utf-8"))})
  add("Einsum", "dim mismatch", [[F23, F23]], {"equation": _av(s=b"ij,jk->ik")})
  add("Einsum", "broadcast mismatch", [[np.ones([2, 2, 3], np.float32),
                                        np.ones([3, 3, 4], np.float32)]],
      {"equation": _av(s=b"...ij,...jk->...ik")})
  add("Einsum", "three", [[F23, F23.T.copy(), F23]], {"equation": _av(s=b"ij,jk,kl->il")})
  add("Einsum", "one", [[F23]], {"equation": _av(s=b"ij->")})
  for op in ("Transpose", "ConjugateTranspose"):
    add(op, "dup perm", [F23, _i([0, 0])])
    add(op, "out perm", [F23, _i([0, 5])])
    add(op, "neg perm", [F23, _i([-1, 0])])
    add(op, "short perm", [F23, _i([0])])
    add(op, "matrix perm", [F23, _i([[0, 1]])])
    add(op, "huge perm", [F23, _i([HUGE64, 0], np.int64)])
  for op in ("Cumsum", "Cumprod"):
    add(op, "axis out", [F23, _i(5)])
    add(op, "axis neg out", [F23, _i(-3)])
    add(op, "axis vector", [F23, _i([0])])
    add(op, "scalar x", [_f(1), _i(0)])
    add(op, "empty", [np.zeros([0, 3], np.float32), _i(0)], {"exclusive": _av(b=True),
                                                              "reverse": _av(b=True)})
  for op in ("ArgMax", "ArgMin"):
    add(op, "empty axis", [np.zeros([0, 3], np.float32), _i(0)])
    add(op, "axis out", [F23, _i(2)])
    add(op, "axis neg out", [F23, _i(-3)])
    add(op, "scalar", [_f(1), _i(0)])
    add(op, "vector axis", [F23, _i([0, 1])])
    add(op, "nan", [_f([np.nan, 1, np.nan]), _i(0)])
    add(op, "int32 out overflow", [F23, _i(1)], {"output_type": _av(type=3)})
  for op in ("Sum", "Prod", "Max", "Min", "Mean", "All", "Any"):
    x = np.ones([2, 3], bool) if op in ("All", "Any") else F23
    e = np.zeros([0, 3], bool) if op in ("All", "Any") else np.zeros([0, 3], np.float32)
    add(op, "dup axes", [x, _i([0, 0])])
    add(op, "dup neg axes", [x, _i([1, -1])])
    add(op, "axis out", [x, _i([2])])
    add(op, "axis neg out", [x, _i([-3])])
    add(op, "huge axis", [x, _i([HUGE64], np.int64)])
    add(op, "matrix axes", [x, _i([[0, 1]])])
    add(op, "empty", [e, _i([0])])
    add(op, "empty keep", [e, _i([1])], {"keep_dims": _av(b=True)})
    add(op, "scalar", [x[0, 0], _i([0])])
    add(op, "scalar empty axes", [x[0, 0], np.zeros([0], np.int32)])
  add("ExpandDims", "dim out", [F23, _i(5)])
  add("ExpandDims", "dim neg out", [F23, _i(-5)])
  add("ExpandDims", "dim vector", [F23, _i([0, 1])])
  add("ExpandDims", "dim empty", [F23, np.zeros([0], np.int32)])
  add("Squeeze", "not 1", [F23], {"squeeze_dims": _av(list=attr_value_pb2.AttrValue.ListValue(i=[0]))})
  add("Squeeze", "out", [F23], {"squeeze_dims": _av(list=attr_value_pb2.AttrValue.ListValue(i=[7]))})
  add("Squeeze", "neg out", [F23], {"squeeze_dims": _av(list=attr_value_pb2.AttrValue.ListValue(i=[-7]))})
  add("Pack", "mismatch", [[F23, _f([1.0])]])
  add("Pack", "axis out", [[F23, F23]], {"axis": _av(i=5)})
  add("Pack", "axis neg out", [[F23, F23]], {"axis": _av(i=-5)})
  add("Unpack", "num wrong", [F23], {"num": _av(i=3)})
  add("Unpack", "num neg", [F23], {"num": _av(i=-1)})
  add("Unpack", "axis out", [F23], {"num": _av(i=2), "axis": _av(i=4)})
  add("Unpack", "scalar", [_f(1.0)], {"num": _av(i=1)})
  add("Unpack", "num large", [F23], {"num": _av(i=100000)})
  add("ConcatV2", "axis out", [[F23, F23], _i(5)])
  add("ConcatV2", "mismatch", [[F23, _f([1, 2])], _i(0)])
  add("ConcatV2", "scalars", [[_f(1), _f(2)], _i(0)])
  add("ConcatV2", "axis vector", [[F23, F23], _i([0])])
  add("ConcatV2", "dim mismatch", [[F23, np.ones([2, 4], np.float32)], _i(0)])
  add("MatMul", "mismatch", [F23, F23])
  add("MatMul", "vector", [_f([1, 2]), _f([1, 2])])
  add("MatMul", "empty", [np.zeros([0, 3], np.float32), np.zeros([3, 0], np.float32)])
  add("MatMul", "empty inner", [np.zeros([2, 0], np.float32), np.zeros([0, 3], np.float32)])
  for op in ("BatchMatMul", "BatchMatMulV2"):
    add(op, "batch mismatch", [np.ones([2, 2, 3], np.float32), np.ones([3, 3, 2], np.float32)])
    add(op, "rank1", [_f([1, 2]), _f([1, 2])])
    add(op, "inner mismatch", [np.ones([2, 2, 3], np.float32), np.ones([2, 2, 3], np.float32)])
  add("BiasAdd", "bad bias", [F23, _f([1, 2])])
  add("BiasAdd", "vector value", [_f([1, 2]), _f([1, 2])])
  add("BiasAdd", "NCHW", [np.ones([1, 2, 3, 4], np.float32), _f([1, 2, 3])],
      {"data_format": _av(s=b"NCHW")})
  add("BiasAdd", "bad format", [F23, _f([1, 2, 3])], {"data_format": _av(s=b"XYZ")})
  add("BiasAddV1", "bad bias", [F23, _f([1, 2])])
  add("Diag", "empty", [np.zeros([0], np.float32)])
  add("Diag", "scalar", [_f(1)])
  add("DiagPart", "odd rank", [np.ones([2, 3, 2], np.float32)])
  add("DiagPart", "mismatch", [F23])
  add("MatrixDiagPart", "vector", [_f([1, 2])])
  add("MatrixDiag", "scalar", [_f(1)])
  add("MatrixSetDiag", "bad diag", [F23, _f([1, 2, 3])])
  add("MatrixSetDiag", "scalar diag", [F23, _f(1)])
  add("ReverseV2", "axis out", [F23, _i([5])])
  add("ReverseV2", "dup axis", [F23, _i([0, 0])])
  add("ReverseV2", "dup neg", [F23, _i([1, -1])])
  add("ReverseV2", "scalar axis", [F23, _i(0)])
  add("Select", "mismatch", [np.array([True, False]), F23, F23])
  add("Select", "bad shape", [np.array([True]), F23, np.ones([3, 2], np.float32)])
  add("SelectV2", "mismatch", [np.array([True, False, True, True]), F23, F23])
  add("Where", "scalar", [np.array(True)])
  add("Where", "empty", [np.zeros([0, 3], bool)])
  for op in ("AddN",):
    add(op, "mismatch", [[F23, _f([1.0])]])
  add("Softmax", "scalar", [_f(1)])
  add("Softmax", "empty", [np.zeros([2, 0], np.float32)])
  add("LogSoftmax", "scalar", [_f(1)])
  add("LogSoftmax", "empty", [np.zeros([0, 0], np.float32)])
  for op in ("FloorDiv", "FloorMod", "TruncateDiv", "TruncateMod", "Div", "Mod"):
    add(op, "int div by zero", [_i([1, 2]), _i([0, 0])])
    add(op, "int min / -1", [_i([I32_MIN]), _i([-1])])
    add(op, "int64 min / -1", [_i([-2**63], np.int64), _i([-1], np.int64)])
  add("Pow", "int neg exponent", [_i([2, 2]), _i([-1, -2])])
  add("Pow", "int overflow", [_i([I32_MAX]), _i([5])])
  add("Cast", "nan to int", [_f([np.nan, np.inf, -np.inf, 1e30])], {"DstT": _av(type=3)})
  add("Cast", "to string", [_f([1])], {"DstT": _av(type=7)})
  add("Cast", "string to float", [np.array([b"1"], dtype=object)], {"DstT": _av(type=1)})
  add("Cast", "to bool", [_f([np.nan])], {"DstT": _av(type=10)})
  add("Abs", "int min", [_i([I32_MIN])])
  add("Neg", "int min", [_i([I32_MIN])])
  add("Sign", "nan", [_f([np.nan])])
  add("Equal", "incompatible no error", [F23, _f([1, 2])],
      {"incompatible_shape_error": _av(b=False)})
  add("NotEqual", "incompatible no error", [F23, _f([1, 2])],
      {"incompatible_shape_error": _av(b=False)})
  add("ShapeN", "string in", [[np.array([b"a"], dtype=object)]])
  add("Shape", "int32 overflow", [np.zeros([0, 3], np.float32)], {"out_type": _av(type=3)})
  add("IdentityN", "empty list", [[]], {"T": _av(list=attr_value_pb2.AttrValue.ListValue(type=[]))})
  add("Const", "huge shape", [], {"dtype": _av(type=1), "value": _av(tensor=tensor_pb2.TensorProto(
      dtype=1, tensor_shape=tensor_shape_pb2.TensorShapeProto(dim=[
          tensor_shape_pb2.TensorShapeProto.Dim(size=BIG),
          tensor_shape_pb2.TensorShapeProto.Dim(size=BIG)])))})
  add("Const", "overflow shape", [], {"dtype": _av(type=1), "value": _av(
      tensor=tensor_pb2.TensorProto(dtype=1, tensor_shape=tensor_shape_pb2.TensorShapeProto(dim=[
          tensor_shape_pb2.TensorShapeProto.Dim(size=2**40),
          tensor_shape_pb2.TensorShapeProto.Dim(size=2**40)])))})
  add("Const", "neg shape", [], {"dtype": _av(type=1), "value": _av(tensor=tensor_pb2.TensorProto(
      dtype=1, tensor_shape=tensor_shape_pb2.TensorShapeProto(dim=[
          tensor_shape_pb2.TensorShapeProto.Dim(size=-3)])))})
  add("Const", "short content", [], {"dtype": _av(type=1), "value": _av(
      tensor=tensor_pb2.TensorProto(dtype=1, tensor_content=b"\x00\x00\x80", tensor_shape=
                                    tensor_shape_pb2.TensorShapeProto(dim=[
                                        tensor_shape_pb2.TensorShapeProto.Dim(size=4)])))})
  add("Const", "dtype mismatch", [], {"dtype": _av(type=3), "value": _av(
      tensor=tf.make_tensor_proto(np.array([1.0], np.float32)))})
  add("Const", "string content", [], {"dtype": _av(type=7), "value": _av(
      tensor=tensor_pb2.TensorProto(dtype=7, tensor_content=b"abc", tensor_shape=
                                    tensor_shape_pb2.TensorShapeProto(dim=[
                                        tensor_shape_pb2.TensorShapeProto.Dim(size=3)])))})
  add("Const", "resource", [], {"dtype": _av(type=20), "value": _av(
      tensor=tensor_pb2.TensorProto(dtype=20))})
  add("Placeholder", "shape huge", [], {"dtype": _av(type=1), "shape": _av(
      shape=tensor_shape_pb2.TensorShapeProto(dim=[tensor_shape_pb2.TensorShapeProto.Dim(
          size=2**62)] * 3))})
  add("LeakyRelu", "nan alpha", [F23], {"alpha": _av(f=float("nan"))})
  return c


# ---- execution ---------------------------------------------------------------------------------
def _feedable(arr):
  return isinstance(arr, np.ndarray)


class Unfeedable(object):
  """An input of a dtype NumPy can't carry (resource, variant): an unfed Placeholder."""

  def __init__(self, dtype):
    self.dtype = dtype


def _make_input(graph, arr, const_mode):
  if isinstance(arr, Unfeedable):
    return tf.placeholder(tf.as_dtype(arr.dtype)), None
  if arr.dtype == object:
    dt = tf.string
  else:
    dt = tf.as_dtype(arr.dtype)
  if const_mode:
    t = tf.constant(arr, dtype=dt)
    return t, None
  p = tf.placeholder(dt)
  return p, (p, arr)


def _make_variable(graph, arr, is_ref, const_mode, feeds):
  """A VariableV2 (for Ref inputs) or VarHandleOp (for resource inputs) assigned `arr`."""
  value, fd = _make_input(graph, arr, const_mode)
  if fd is not None:
    feeds[fd[0]] = fd[1]
  dt = _av(type=value.dtype.as_datatype_enum)
  unknown = _av(shape=tensor_shape_pb2.TensorShapeProto(unknown_rank=True))
  if is_ref:
    var = graph.create_op("VariableV2", [], attrs={"dtype": dt, "shape": unknown}, name="var")
    init = graph.create_op("Assign", [var.outputs[0], value], attrs={
        "T": dt, "validate_shape": _av(b=False)}, name="init")
  else:
    var = graph.create_op("VarHandleOp", [], attrs={"dtype": dt, "shape": unknown}, name="var")
    init = graph.create_op("AssignVariableOp", [var.outputs[0], value], attrs={"dtype": dt},
                           name="init")
  return var.outputs[0], init


def run_case(sess, graph, op_def, case, const_mode):
  """Returns None if the case ended acceptably, else a description of the failure."""
  try:
    with graph.as_default():
      flat, feeds = [], {}
      inits = []
      for arg, val in zip(op_def.input_arg, case.inputs):
        vals = val if (arg.number_attr or arg.type_list_attr) else [val]
        for v in vals:
          if (arg.is_ref or arg.type == tf.resource.as_datatype_enum) and _feedable(v):
            t, init = _make_variable(graph, v, arg.is_ref, const_mode, feeds)
            inits.append(init)
          else:
            t, fd = _make_input(graph, v, const_mode)
            if fd is not None:
              feeds[fd[0]] = fd[1]
          flat.append(t)
      attrs = infer_attrs(op_def, case)
      op = graph.create_op(op_def.name, flat, attrs=attrs, name="sweep")
    if inits:
      try:
        sess.run(inits, feed_dict=feeds)
      except ALLOWED_EXCEPTIONS:
        pass  # the op then sees an uninitialized variable: FailedPrecondition
    fetches = list(op.outputs) if op.outputs else [op]
    # Unique/GatherV2/... may produce many outputs (e.g. Split num_split=1000): fetch a few.
    sess.run(fetches[:4], feed_dict=feeds)
  except ALLOWED_EXCEPTIONS:
    return None
  except Exception as e:  # pylint: disable=broad-except
    return "%s: %s" % (type(e).__name__, str(e)[:300])
  return None


def _sanity(sess, graph):
  with graph.as_default():
    a = tf.constant([1.0, 2.0])
    b = tf.placeholder(tf.float32)
    out = graph.create_op("AddV2", [a, b], attrs={"T": _av(type=1)})
  r = sess.run(out.outputs[0], {b: np.array([3.0, 4.0], np.float32)})
  if not np.array_equal(r, [4.0, 6.0]):
    return "session broken after errors: %r" % (r,)
  return None


def cases_for(op_def, curated, rng):
  cases = []
  base = base_case(op_def)
  if base is not None:
    cases.append(base)
    cases.extend(attr_cases(op_def, base))
  cases.extend(curated.get(op_def.name, []))
  if op_def.input_arg:
    cases.extend(random_cases(op_def, rng, RANDOM_CASES_PER_OP))
  return cases


def run_ops(op_names, out=sys.stdout):
  """Runs the sweep over `op_names`; returns the list of BAD lines."""
  op_defs = load_op_defs()
  curated = {}
  for op, case in curated_cases():
    curated.setdefault(op, []).append(case)
  bad = []
  for name in op_names:
    rng = random.Random(hash_name(name))
    op_def = op_defs[name]
    cases = cases_for(op_def, curated, rng)
    out.write("OP\t%s\t%d\t%.2f\n" % (name, len(cases), time.time()))
    graph = tf.Graph()
    with graph.as_default():
      sess = tf.Session(graph=graph)
    for idx, case in enumerate(cases):
      for const_mode in (False, True):
        out.write("CASE\t%s\t%d\t%s\t%s\n" % (name, idx, case.desc,
                                             "const" if const_mode else "feed"))
        out.flush()
        err = run_case(sess, graph, op_def, case, const_mode)
        if err:
          line = "BAD\t%s\t%s/%s\t%s" % (name, case.desc, "const" if const_mode else "feed", err)
          bad.append(line)
          out.write(line.replace("\n", " ") + "\n")
      if idx % 25 == 24:  # keep each graph small so executor builds stay cheap
        sess.close()
        graph = tf.Graph()
        with graph.as_default():
          sess = tf.Session(graph=graph)
    err = _sanity(sess, graph)
    if err:
      line = "BAD\t%s\tsanity\t%s" % (name, err)
      bad.append(line)
      out.write(line + "\n")
    sess.close()
  out.write("DONE\n")
  out.flush()
  return bad


def hash_name(name):
  h = 0
  for ch in name:
    h = (h * 131 + ord(ch)) % (2**31)
  return h


def limit_memory(max_bytes):
  """Caps the address space so huge-but-possible allocations fail fast (ResourceExhausted)
  instead of swapping the machine; the sweep stays deterministic whatever RAM it runs on."""
  import resource  # pylint: disable=g-import-not-at-top
  resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))


def child_main(argv):
  limit_memory(1 << 30)
  import warnings  # pylint: disable=g-import-not-at-top
  warnings.simplefilter("ignore")
  bad = run_ops(argv or sweep_op_names())
  return 1 if bad else 0


if __name__ == "__main__":
  sys.exit(child_main(sys.argv[1:]))
