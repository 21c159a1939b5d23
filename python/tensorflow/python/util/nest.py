"""tf.nest: flatten and rebuild nested lists, tuples, namedtuples and dicts."""

import collections.abc as _abc

from tensorflow.python.util.tf_export import tf_export


def _is_namedtuple(x):
  return isinstance(x, tuple) and hasattr(x, "_fields")


def is_sequence(seq):
  """Lists, tuples, namedtuples and mappings are structure; strings are leaves."""
  if isinstance(seq, (str, bytes)):
    return False
  return isinstance(seq, (list, tuple, _abc.Mapping))


is_nested = is_sequence
tf_export("nest.is_nested").export_constant(__name__, "is_nested")


def _children(seq):
  if isinstance(seq, _abc.Mapping):
    return [seq[k] for k in sorted(seq)]
  return list(seq)


@tf_export("nest.flatten")
def flatten(structure, expand_composites=False):
  del expand_composites
  if not is_sequence(structure):
    return [structure]
  out = []

  def _walk(s):
    for child in _children(s):
      if is_sequence(child):
        _walk(child)
      else:
        out.append(child)
  _walk(structure)
  return out


def _rebuild(instance, args):
  if isinstance(instance, _abc.Mapping):
    keys = sorted(instance)
    result = dict(zip(keys, args))
    return type(instance)((k, result[k]) for k in instance) if not isinstance(
        instance, dict) or type(instance) is not dict else {k: result[k] for k in instance}
  if _is_namedtuple(instance):
    return type(instance)(*args)
  if isinstance(instance, tuple):
    return tuple(args)
  return type(instance)(args) if isinstance(instance, list) else list(args)


def _packed(structure, flat, index):
  packed = []
  for child in _children(structure):
    if is_sequence(child):
      index, sub = _packed(child, flat, index)
      packed.append(_rebuild(child, sub))
    else:
      packed.append(flat[index])
      index += 1
  return index, packed


@tf_export("nest.pack_sequence_as")
def pack_sequence_as(structure, flat_sequence, expand_composites=False):
  del expand_composites
  if not is_sequence(flat_sequence):
    raise TypeError("flat_sequence must be a sequence")
  if not is_sequence(structure):
    if len(flat_sequence) != 1:
      raise ValueError("Structure is a scalar but len(flat_sequence) == %d > 1" %
                       len(flat_sequence))
    return flat_sequence[0]
  n = len(flatten(structure))
  if n != len(flat_sequence):
    raise ValueError("Could not pack sequence. Structure had %d elements, but flat_sequence "
                     "had %d elements.  Structure: %s, flat_sequence: %s." %
                     (n, len(flat_sequence), structure, flat_sequence))
  _, packed = _packed(structure, list(flat_sequence), 0)
  return _rebuild(structure, packed)


@tf_export("nest.assert_same_structure")
def assert_same_structure(nest1, nest2, check_types=True, expand_composites=False):
  del expand_composites
  def _check(a, b):
    if is_sequence(a) != is_sequence(b):
      raise ValueError("The two structures don't have the same nested structure.\n\n"
                       "First structure: %s\n\nSecond structure: %s." % (nest1, nest2))
    if not is_sequence(a):
      return
    if check_types and type(a) is not type(b) and not (
        isinstance(a, list) and isinstance(b, list)):
      raise TypeError("The two structures don't have the same sequence type. First "
                      "structure has type %s, while second structure has type %s." %
                      (type(a), type(b)))
    if isinstance(a, _abc.Mapping) and set(a) != set(b):
      raise ValueError("The two dictionaries don't have the same set of keys. First "
                       "structure has keys %s, while second structure has keys %s." %
                       (list(a), list(b)))
    ca, cb = _children(a), _children(b)
    if len(ca) != len(cb):
      raise ValueError("The two structures don't have the same number of elements.\n\n"
                       "First structure: %s\n\nSecond structure: %s." % (nest1, nest2))
    for x, y in zip(ca, cb):
      _check(x, y)
  _check(nest1, nest2)


@tf_export("nest.map_structure")
def map_structure(func, *structure, **kwargs):
  check_types = kwargs.pop("check_types", True)
  kwargs.pop("expand_composites", None)
  if kwargs:
    raise ValueError("Only valid keyword arguments are `check_types` and "
                     "`expand_composites`, not: `%s`" % "`, `".join(kwargs))
  if not structure:
    raise ValueError("Must provide at least one structure")
  for other in structure[1:]:
    assert_same_structure(structure[0], other, check_types=check_types)
  flat = [flatten(s) for s in structure]
  return pack_sequence_as(structure[0], [func(*x) for x in zip(*flat)])


def flatten_up_to(shallow_tree, input_tree):
  if not is_sequence(shallow_tree):
    return [input_tree]
  out = []
  for s, i in zip(_children(shallow_tree), _children(input_tree)):
    out.extend(flatten_up_to(s, i))
  return out
