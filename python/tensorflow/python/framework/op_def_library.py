"""Python wrappers for every registered op, built from the native OpList at import.

`apply_op(op_type, name=None, **keywords)` follows TF's _apply_op_helper: type attrs are
inferred from the inputs, literals are converted to the dtype already inferred for their
attr, list lengths set `N`, defaults fill the remaining attrs.
"""

import collections
import inspect
import keyword

from tensorflow.core.framework import attr_value_pb2
from tensorflow.core.framework import op_def_pb2
from tensorflow.core.framework import tensor_pb2
from tensorflow.core.framework import tensor_shape_pb2
from tensorflow.core.framework import types_pb2
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_shape
from tensorflow.python.util import compat
from tfclassic import _native


def _attr_def(op_def, name):
  for attr in op_def.attr:
    if attr.name == name:
      return attr
  raise TypeError("Inconsistent OpDef for '%s', missing attr '%s'" % (op_def.name, name))


def _satisfies_type_constraint(dtype, attr_def, param_name):
  if attr_def.HasField("allowed_values"):
    allowed = attr_def.allowed_values.list.type
    if dtype not in allowed:
      raise TypeError("Value passed to parameter '%s' has DataType %s not in list of allowed "
                      "values: %s" % (param_name, dtypes.as_dtype(dtype).name,
                                      ", ".join(dtypes.as_dtype(x).name for x in allowed)))


def _is_list_value(v):
  return isinstance(v, (list, tuple))


def _make_float(v, arg_name):
  if not isinstance(v, compat.real_types):
    raise TypeError("Expected float for argument '%s' not %s." % (arg_name, repr(v)))
  return float(v)


def _make_int(v, arg_name):
  if isinstance(v, str):
    raise TypeError("Expected int for argument '%s' not %s." % (arg_name, repr(v)))
  try:
    return int(v)
  except (ValueError, TypeError):
    raise TypeError("Expected int for argument '%s' not %s." % (arg_name, repr(v)))


def _make_str(v, arg_name):
  if not isinstance(v, compat.bytes_or_text_types):
    raise TypeError("Expected string for argument '%s' not %s." % (arg_name, repr(v)))
  return compat.as_bytes(v)


def _make_bool(v, arg_name):
  if not isinstance(v, bool):
    raise TypeError("Expected bool for argument '%s' not %s." % (arg_name, repr(v)))
  return v


def _make_type(v, attr_def):
  try:
    v = dtypes.as_dtype(v).base_dtype
  except TypeError:
    raise TypeError("Expected DataType for argument '%s' not %s." % (attr_def.name, repr(v)))
  i = v.as_datatype_enum
  _satisfies_type_constraint(i, attr_def, param_name=attr_def.name)
  return i


def _make_shape(v, arg_name):
  if isinstance(v, tensor_shape_pb2.TensorShapeProto):
    return v
  try:
    return tensor_shape.as_shape(v).as_proto()
  except TypeError as e:
    raise TypeError("Error converting %s to a TensorShape: %s" % (arg_name, e))
  except ValueError as e:
    raise ValueError("Error converting %s to a TensorShape: %s" % (arg_name, e))


def _make_tensor(v, arg_name):
  if isinstance(v, tensor_pb2.TensorProto):
    return v
  raise TypeError("Don't know how to convert %s to a TensorProto for argument '%s'" %
                  (repr(v), arg_name))


def _make_func(v, arg_name):
  if isinstance(v, attr_value_pb2.NameAttrList):
    return v
  if isinstance(v, compat.bytes_or_text_types):
    return attr_value_pb2.NameAttrList(name=compat.as_str(v))
  name = getattr(v, "name", None)
  if isinstance(name, compat.bytes_or_text_types):
    return attr_value_pb2.NameAttrList(name=compat.as_str(name))
  raise TypeError("Don't know how to convert {} to a func for argument {}".format(v, arg_name))


def _attr_to_proto(attr_def, value, op_type_name):
  key = attr_def.name
  attr_value = attr_value_pb2.AttrValue()
  if attr_def.HasField("default_value") and value is None:
    attr_value.CopyFrom(attr_def.default_value)
    return attr_value
  t = attr_def.type
  if t.startswith("list("):
    if not _is_list_value(value):
      raise TypeError("Expected list for attr " + key)
    if attr_def.has_minimum and len(value) < attr_def.minimum:
      raise ValueError("Attr '%s' of '%s' Op passed list of length %d less than minimum %d." %
                       (key, op_type_name, len(value), attr_def.minimum))
    attr_value.list.SetInParent()
  if t == "string":
    attr_value.s = _make_str(value, key)
    if attr_def.HasField("allowed_values"):
      allowed = attr_def.allowed_values.list.s
      if attr_value.s not in allowed:
        raise ValueError("Attr '%s' of '%s' Op passed string '%s' not in: \"%s\"." %
                         (key, op_type_name, compat.as_text(attr_value.s),
                          '", "'.join(map(compat.as_text, allowed))))
  elif t == "list(string)":
    attr_value.list.s.extend([_make_str(x, key) for x in value])
    if attr_def.HasField("allowed_values"):
      allowed = attr_def.allowed_values.list.s
      for x in attr_value.list.s:
        if x not in allowed:
          raise ValueError("Attr '%s' of '%s' Op passed string '%s' not in: \"%s\"." %
                           (key, op_type_name, compat.as_text(x),
                            '", "'.join(map(compat.as_text, allowed))))
  elif t == "int":
    attr_value.i = _make_int(value, key)
    if attr_def.has_minimum and attr_value.i < attr_def.minimum:
      raise ValueError("Attr '%s' of '%s' Op passed %d less than minimum %d." %
                       (key, op_type_name, attr_value.i, attr_def.minimum))
  elif t == "list(int)":
    attr_value.list.i.extend([_make_int(x, key) for x in value])
  elif t == "float":
    attr_value.f = _make_float(value, key)
  elif t == "list(float)":
    attr_value.list.f.extend([_make_float(x, key) for x in value])
  elif t == "bool":
    attr_value.b = _make_bool(value, key)
  elif t == "list(bool)":
    attr_value.list.b.extend([_make_bool(x, key) for x in value])
  elif t == "type":
    attr_value.type = _make_type(value, attr_def)
  elif t == "list(type)":
    attr_value.list.type.extend([_make_type(x, attr_def) for x in value])
  elif t == "shape":
    attr_value.shape.CopyFrom(_make_shape(value, key))
  elif t == "list(shape)":
    attr_value.list.shape.extend([_make_shape(x, key) for x in value])
  elif t == "tensor":
    attr_value.tensor.CopyFrom(_make_tensor(value, key))
  elif t == "list(tensor)":
    attr_value.list.tensor.extend([_make_tensor(x, key) for x in value])
  elif t == "func":
    attr_value.func.CopyFrom(_make_func(value, key))
  elif t == "list(func)":
    attr_value.list.func.extend([_make_func(x, key) for x in value])
  else:
    raise TypeError("Unrecognized Attr type " + t)
  return attr_value


class _OpInfo(object):
  """Per-op data computed once: the OpDef plus which attrs are inferred from inputs."""

  __slots__ = ("op_def", "inferred_attrs", "default_type_attrs", "attr_defs")

  def __init__(self, op_def):
    self.op_def = op_def
    inferred = set()
    for arg in op_def.input_arg:
      for a in (arg.type_attr, arg.number_attr, arg.type_list_attr):
        if a:
          inferred.add(a)
    self.inferred_attrs = inferred
    self.default_type_attrs = {
        a.name: dtypes.as_dtype(a.default_value.type) for a in op_def.attr
        if a.type == "type" and a.HasField("default_value")}
    self.attr_defs = {a.name: a for a in op_def.attr}


class OpDefLibrary(object):
  """Holds OpDefs by name and applies them to the default graph."""

  def __init__(self):
    self._ops = {}

  def add_op(self, op_def):
    if not isinstance(op_def, op_def_pb2.OpDef):
      raise TypeError("%s is %s, not an op_def_pb2.OpDef" % (op_def, type(op_def)))
    if not op_def.name:
      raise ValueError("%s missing name." % op_def)
    if op_def.name in self._ops:
      raise RuntimeError("Op name %s registered twice." % op_def.name)
    self._ops[op_def.name] = _OpInfo(op_def)

  def add_op_list(self, op_list):
    for op_def in op_list.op:
      self.add_op(op_def)

  def get_op_def(self, op_type_name):
    info = self._ops.get(op_type_name)
    return None if info is None else info.op_def

  def apply_op(self, op_type_name, name=None, **keywords):
    output_structure, _, op = self._apply_op_helper(op_type_name, name, **keywords)
    if not op.outputs:
      return op
    result = _pack_outputs(op, output_structure)
    if len(output_structure) == 1 and output_structure[0] is None:
      return result[0]
    return result

  def _apply_op_helper(self, op_type_name, name=None, **keywords):
    info = self._ops.get(op_type_name)
    if info is None:
      raise RuntimeError("Unrecognized Op name " + op_type_name)
    op_def = info.op_def
    if name is None:
      name = op_type_name
    default_type_attr_map = info.default_type_attrs

    values_for_graph = []
    for arg in op_def.input_arg:
      v = keywords.get(arg.name, keywords.get(arg.name + "_"))
      if isinstance(v, (list, tuple)):
        values_for_graph.extend(v)
      else:
        values_for_graph.append(v)
    g = ops._get_graph_from_inputs(values_for_graph)

    with g.as_default(), ops.name_scope(name) as scope:
      inferred_from = {}
      attrs = {}
      inputs = []
      input_types = []
      for input_arg in op_def.input_arg:
        input_name = input_arg.name
        if input_name in keywords:
          values = keywords.pop(input_name)
        elif input_name + "_" in keywords:
          input_name += "_"
          values = keywords.pop(input_name)
        else:
          raise TypeError("No argument for input " + input_name)

        if input_arg.number_attr or input_arg.type_list_attr:
          values, types = self._convert_list_input(
              op_type_name, input_arg, input_name, values, attrs, default_type_attr_map)
          inputs.extend(values)
        else:
          values = self._convert_single_input(
              op_type_name, input_arg, input_name, values, attrs, default_type_attr_map,
              inferred_from)
          types = [values.dtype]
          inputs.append(values)
        base_types = [x.base_dtype for x in types]

        if input_arg.number_attr:
          n_attr = input_arg.number_attr
          if n_attr in attrs:
            if len(values) != attrs[n_attr]:
              raise ValueError("List argument '%s' to '%s' Op with length %d must match "
                               "length %d of argument '%s'." %
                               (input_name, op_type_name, len(values), attrs[n_attr],
                                inferred_from[n_attr]))
          else:
            attrs[n_attr] = len(values)
            inferred_from[n_attr] = input_name
            num_attr = info.attr_defs[n_attr]
            if num_attr.has_minimum and len(values) < num_attr.minimum:
              raise ValueError("List argument '%s' to '%s' Op with length %d shorter than "
                               "minimum length %d." % (input_name, op_type_name, len(values),
                                                       num_attr.minimum))
          if any(bt != base_types[0] for bt in base_types):
            raise TypeError("All tensors passed to '%s' of '%s' Op must have the same type." %
                            (input_name, op_type_name))
          if input_arg.type != types_pb2.DT_INVALID:
            pass  # Conversion already forced the fixed type.
          elif input_arg.type_attr in attrs:
            pass  # Conversion already used the inferred type.
          elif not base_types:
            if input_arg.type_attr not in default_type_attr_map:
              raise TypeError("Don't know how to infer type variable from empty input list "
                              "passed to input '%s' of '%s' Op." % (input_name, op_type_name))
          else:
            attrs[input_arg.type_attr] = base_types[0]
            inferred_from[input_arg.type_attr] = input_name
            _satisfies_type_constraint(base_types[0], info.attr_defs[input_arg.type_attr],
                                       param_name=input_name)
        elif input_arg.type_attr:
          attr_value = base_types[0]
          if input_arg.type_attr in attrs:
            if attrs[input_arg.type_attr] != attr_value:
              raise TypeError("Input '%s' of '%s' Op has type %s that does not match type %s "
                              "of argument '%s'." %
                              (input_name, op_type_name, dtypes.as_dtype(attr_value).name,
                               dtypes.as_dtype(attrs[input_arg.type_attr]).name,
                               inferred_from[input_arg.type_attr]))
          else:
            _satisfies_type_constraint(attr_value, info.attr_defs[input_arg.type_attr],
                                       param_name=input_name)
            attrs[input_arg.type_attr] = attr_value
            inferred_from[input_arg.type_attr] = input_name
        elif input_arg.type_list_attr:
          attr_value = base_types
          if input_arg.type_list_attr in attrs:
            if attrs[input_arg.type_list_attr] != attr_value:
              raise TypeError("Input '%s' of '%s' Op has type list of %s that does not match "
                              "type list %s of argument '%s'." %
                              (input_name, op_type_name,
                               ", ".join(dtypes.as_dtype(x).name for x in attr_value),
                               ", ".join(dtypes.as_dtype(x).name
                                         for x in attrs[input_arg.type_list_attr]),
                               inferred_from[input_arg.type_list_attr]))
          else:
            for base_type in base_types:
              _satisfies_type_constraint(base_type, info.attr_defs[input_arg.type_list_attr],
                                         param_name=input_name)
            attrs[input_arg.type_list_attr] = attr_value
            inferred_from[input_arg.type_list_attr] = input_name

        if input_arg.is_ref:
          if not all(x._is_ref_dtype for x in types):
            raise TypeError("'%s' Op requires that input '%s' be a mutable tensor "
                            "(e.g.: a tf.Variable)" % (op_type_name, input_name))
          input_types.extend(types)
        else:
          input_types.extend(base_types)

      for attr in op_def.attr:
        if attr.name in attrs:
          if attr.name in keywords:
            raise TypeError("Should not specify value for inferred attr '%s'." % attr.name)
          continue
        if attr.name in keywords:
          attrs[attr.name] = keywords.pop(attr.name)
        elif attr.name + "_" in keywords:
          attrs[attr.name] = keywords.pop(attr.name + "_")
        elif attr.name in default_type_attr_map:
          attrs[attr.name] = default_type_attr_map[attr.name]
          inferred_from.setdefault(attr.name, "Default in OpDef")
        elif attr.HasField("default_value"):
          attrs[attr.name] = None
        else:
          raise TypeError("No argument for attr " + attr.name)

      attr_protos = {}
      for attr_def in op_def.attr:
        attr_protos[attr_def.name] = _attr_to_proto(attr_def, attrs[attr_def.name],
                                                    op_type_name)
      del attrs

      output_structure = []
      for arg in op_def.output_arg:
        if arg.number_attr:
          output_structure.append(attr_protos[arg.number_attr].i)
        elif arg.type_list_attr:
          output_structure.append(len(attr_protos[arg.type_list_attr].list.type))
        else:
          output_structure.append(None)

      if keywords:
        raise TypeError("apply_op() got unexpected keyword arguments: " +
                        ", ".join(sorted(keywords.keys())))

      must_colocate = []
      pos = 0
      for arg in op_def.input_arg:
        n = 1
        if arg.number_attr:
          n = attr_protos[arg.number_attr].i
        elif arg.type_list_attr:
          n = len(attr_protos[arg.type_list_attr].list.type)
        if arg.is_ref:
          must_colocate.extend(inputs[pos:pos + n])
        pos += n
      if must_colocate:
        with g.colocate_with(must_colocate[0]):
          op = g.create_op(op_type_name, inputs, name=scope, input_types=input_types,
                           attrs=attr_protos, op_def=op_def)
      else:
        op = g.create_op(op_type_name, inputs, name=scope, input_types=input_types,
                         attrs=attr_protos, op_def=op_def)
      return output_structure, op_def.is_stateful, op

  @staticmethod
  def _convert_list_input(op_type_name, input_arg, input_name, values, attrs,
                          default_type_attr_map):
    if not _is_list_value(values):
      raise TypeError("Expected list for '%s' argument to '%s' Op, not %s." %
                      (input_name, op_type_name, values))
    dtype = None
    default_dtype = None
    if input_arg.type != types_pb2.DT_INVALID:
      dtype = input_arg.type
    elif input_arg.number_attr:
      if input_arg.type_attr in attrs:
        dtype = attrs[input_arg.type_attr]
      else:
        for t in values:
          if isinstance(t, ops.Tensor):
            dtype = t.dtype
            break
      if dtype is None and input_arg.type_attr in default_type_attr_map:
        default_dtype = default_type_attr_map[input_arg.type_attr]
    try:
      if not input_arg.is_ref and dtype:
        dtype = dtypes.as_dtype(dtype).base_dtype
      values = ops.internal_convert_n_to_tensor(
          values, name=input_arg.name, dtype=dtype if dtype else None,
          preferred_dtype=default_dtype, as_ref=input_arg.is_ref)
      if input_arg.number_attr and len(set(v.dtype.base_dtype for v in values)) > 1:
        raise TypeError()
    except (TypeError, ValueError):
      observed = []
      for value in values:
        try:
          converted = ops.internal_convert_to_tensor(value, as_ref=input_arg.is_ref)
          observed.append(converted.dtype.base_dtype.name)
        except (TypeError, ValueError):
          observed.append("<NOT CONVERTIBLE TO TENSOR>")
      prefix = ("Tensors in list passed to '%s' of '%s' Op have types [%s]" %
                (input_name, op_type_name, ", ".join(observed)))
      if input_arg.number_attr:
        if input_arg.type != types_pb2.DT_INVALID:
          raise TypeError("%s that do not match expected type %s." %
                          (prefix, dtypes.as_dtype(input_arg.type).name))
        if input_arg.type_attr in attrs:
          raise TypeError("%s that do not match type %s inferred from earlier arguments." %
                          (prefix, dtypes.as_dtype(attrs[input_arg.type_attr]).name))
        raise TypeError("%s that don't all match." % prefix)
      raise TypeError("%s that are invalid." % prefix)
    return values, [x.dtype for x in values]

  @staticmethod
  def _convert_single_input(op_type_name, input_arg, input_name, values, attrs,
                            default_type_attr_map, inferred_from):
    dtype = None
    default_dtype = None
    if input_arg.type != types_pb2.DT_INVALID:
      dtype = input_arg.type
    elif input_arg.type_attr in attrs:
      dtype = attrs[input_arg.type_attr]
    elif input_arg.type_attr in default_type_attr_map:
      default_dtype = default_type_attr_map[input_arg.type_attr]
    try:
      return ops.internal_convert_to_tensor(values, name=input_arg.name, dtype=dtype,
                                            as_ref=input_arg.is_ref,
                                            preferred_dtype=default_dtype)
    except TypeError as err:
      if dtype is None:
        raise err
      raise TypeError("Expected %s passed to parameter '%s' of op '%s', got %s of type '%s' "
                      "instead. Error: %s" % (dtypes.as_dtype(dtype).name, input_arg.name,
                                              op_type_name, repr(values),
                                              type(values).__name__, err))
    except ValueError:
      try:
        observed = ops.internal_convert_to_tensor(values, as_ref=input_arg.is_ref).dtype.name
      except ValueError as err:
        raise ValueError("Tried to convert '%s' to a tensor and failed. Error: %s" %
                         (input_name, err))
      prefix = ("Input '%s' of '%s' Op has type %s that does not match" %
                (input_name, op_type_name, observed))
      if input_arg.type != types_pb2.DT_INVALID:
        raise TypeError("%s expected type of %s." %
                        (prefix, dtypes.as_dtype(input_arg.type).name))
      raise TypeError("%s type %s of argument '%s'." %
                      (prefix, dtypes.as_dtype(attrs[input_arg.type_attr]).name,
                       inferred_from[input_arg.type_attr]))


def _pack_outputs(op, output_structure):
  """One entry per output arg: a Tensor, or a list for list-valued outputs."""
  outputs = op.outputs
  result = []
  i = 0
  for n in output_structure:
    if n is None:
      result.append(outputs[i])
      i += 1
    else:
      result.append(list(outputs[i:i + n]))
      i += n
  return result


# ---- wrapper generation ---------------------------------------------------------------------
def op_name_to_snake(name):
  """TF's generated-function names: AddV2 -> add_v2, Conv2DBackpropInput ->
  conv2d_backprop_input, L2Loss -> l2_loss, LRN -> lrn."""
  out = []
  for i, c in enumerate(name):
    if c.isupper() and i > 0:
      if name[i - 1].islower() or (i + 1 < len(name) and name[i + 1].islower()):
        out.append("_")
    out.append(c.lower())
  return "".join(out)


def _keyword_safe(name):
  return name + "_" if keyword.iskeyword(name) else name


_LIBRARY = OpDefLibrary()
_WRAPPERS = collections.OrderedDict()

# TF's api_def files give some args different Python names; the NodeDef keeps the op's own.
# The C++ name is still accepted as a keyword, so older callers keep working.
_REDUCTION_RENAME = {"reduction_indices": "axis"}
_PY_ARG_RENAMES = {
    "Sum": _REDUCTION_RENAME,
    "Prod": _REDUCTION_RENAME,
    "Max": _REDUCTION_RENAME,
    "Min": _REDUCTION_RENAME,
    "Mean": _REDUCTION_RENAME,
    "All": _REDUCTION_RENAME,
    "Any": _REDUCTION_RENAME,
    "EuclideanNorm": _REDUCTION_RENAME,
    "Squeeze": {"squeeze_dims": "axis"},
    "Split": {"split_dim": "axis"},
    "SplitV": {"split_dim": "axis"},
    "ExpandDims": {"dim": "axis"},
    "Select": {"t": "x", "e": "y"},
    "SelectV2": {"t": "x", "e": "y"},
}

# Ops TF's Python API hides get an underscore name in gen_*_ops (math_ops calls
# gen_math_ops._sum); both names are provided.
_HIDDEN_OP_ALIASES = {
    "Sum": "_sum", "Max": "_max", "Min": "_min", "All": "_all", "Any": "_any",
    "Complex": "_complex", "Abs": "_abs",
}


def _make_wrapper(info):
  op_def = info.op_def
  op_name = op_def.name
  renames = _PY_ARG_RENAMES.get(op_name, {})
  # python name -> the op's own arg/attr name, and the op's name accepted as an alias.
  to_op_name = {_keyword_safe(py): op for op, py in renames.items()}
  aliases = {_keyword_safe(op): _keyword_safe(py) for op, py in renames.items()}

  def _py_name(name):  # pylint: disable=redefined-outer-name
    return _keyword_safe(renames.get(name, name))

  input_names = [_py_name(a.name) for a in op_def.input_arg]
  required_attrs = []
  default_attrs = []
  for attr in op_def.attr:
    if attr.name in info.inferred_attrs:
      continue
    if attr.HasField("default_value"):
      default_attrs.append(attr)
    else:
      required_attrs.append(attr)
  positional = input_names + [_py_name(a.name) for a in required_attrs]
  defaults = {_py_name(a.name): None for a in default_attrs}
  multi_outputs = len(op_def.output_arg) > 1
  tuple_type = None
  if multi_outputs:
    tuple_type = collections.namedtuple(op_name, [_py_name(a.name) for a in op_def.output_arg])

  params = [inspect.Parameter(p, inspect.Parameter.POSITIONAL_OR_KEYWORD) for p in positional]
  params += [inspect.Parameter(p, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None)
             for p in defaults]
  params.append(inspect.Parameter("name", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                  default=None))
  all_names = positional + list(defaults) + ["name"]
  n_all = len(all_names)
  n_required = len(positional)

  def wrapper(*args, **kwargs):
    if len(args) > n_all:
      raise TypeError("%s() takes at most %d arguments (%d given)" %
                      (fn_name, n_all, len(args)))
    values = dict(zip(all_names, args))
    for k, v in kwargs.items():
      k = aliases.get(k, k)
      if k in values:
        raise TypeError("%s() got multiple values for argument '%s'" % (fn_name, k))
      values[k] = v
    for p in all_names[:n_required]:
      if p not in values:
        raise TypeError("%s() missing required argument '%s'" % (fn_name, p))
    name = values.pop("name", None)
    for k in list(values):
      if values[k] is None and k in defaults:
        del values[k]
    if to_op_name:
      values = {to_op_name.get(k, k): v for k, v in values.items()}
    structure, _, op = _LIBRARY._apply_op_helper(op_name, name=name, **values)
    if not op.outputs:
      return op
    result = _pack_outputs(op, structure)
    if tuple_type is not None:
      return tuple_type._make(result)
    return result[0]

  fn_name = op_name_to_snake(op_name)
  wrapper.__name__ = fn_name
  wrapper.__qualname__ = fn_name
  wrapper.__signature__ = inspect.Signature(params)
  wrapper.__doc__ = op_def.summary or ("Creates a %s op." % op_name)
  wrapper._op_def = op_def
  return wrapper


def _load_native_ops():
  op_list_fn = getattr(_native, "op_list", None)
  if op_list_fn is None:
    return
  op_list = op_def_pb2.OpList()
  op_list.ParseFromString(op_list_fn())
  register_op_list(op_list)


def register_op_list(op_list):
  """Adds OpDefs (normally all of the native registry) and builds their wrappers."""
  for op_def in op_list.op:
    if op_def.name in _LIBRARY._ops:
      continue
    _LIBRARY.add_op(op_def)
    wrapper = _make_wrapper(_LIBRARY._ops[op_def.name])
    _WRAPPERS[wrapper.__name__] = wrapper
    if op_def.name in _HIDDEN_OP_ALIASES:
      _WRAPPERS[_HIDDEN_OP_ALIASES[op_def.name]] = wrapper


def get_op_def(op_type):
  return _LIBRARY.get_op_def(op_type)


def apply_op(op_type_name, name=None, **keywords):
  return _LIBRARY.apply_op(op_type_name, name=name, **keywords)


def wrappers():
  """{snake_case_name: wrapper} for every registered op."""
  return dict(_WRAPPERS)


def populate(module_globals):
  """Fills a gen_*_ops module with every op wrapper (names it already defines win)."""
  for k, v in _WRAPPERS.items():
    module_globals.setdefault(k, v)


_load_native_ops()
