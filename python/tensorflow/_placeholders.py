"""Stand-ins for TF 1.15 public names that tfclassic does not implement yet.

Every name in `_api_v1_names.json` (TF 1.15's v1 API) resolves on `tf`: either to the real
object from the @tf_export registry or to a `NotImplementedPlaceholder` that raises
NotImplementedError("tf.<name> is not implemented in tfclassic yet") when it is called, when
one of its attributes is read, or when it is subclassed. Placeholders are made on first access
(a PEP 562 module `__getattr__` per namespace), so importing tensorflow stays cheap.
"""

import json
import os
import sys
import types

_NAMES_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_api_v1_names.json")
# Namespaces whose member lists we do not record (see tools/extract_api_names.py): any public
# name read from them is a placeholder.
_OPAQUE_PARENTS = ("keras", "estimator")


def _message(public_name):
  return "%s is not implemented in tfclassic yet" % public_name


class NotImplementedPlaceholder(object):
  """Stands for one TF 1.15 public name (function, class or constant) not implemented yet."""

  _tfc_not_implemented = True
  __slots__ = ("_tfc_name", "_tfc_kind")

  def __init__(self, public_name, kind):
    object.__setattr__(self, "_tfc_name", public_name)
    object.__setattr__(self, "_tfc_kind", kind)

  def _tfc_raise(self):
    raise NotImplementedError(_message(self._tfc_name))

  def __call__(self, *args, **kwargs):
    self._tfc_raise()

  def __getattr__(self, attr):
    # Only reached for attributes the placeholder lacks; dunder look-ups by tools (copy,
    # inspect, pickle) keep their usual AttributeError.
    if attr.startswith("__") and attr.endswith("__"):
      raise AttributeError(attr)
    self._tfc_raise()

  def __setattr__(self, attr, value):
    self._tfc_raise()

  def __mro_entries__(self, bases):
    # `class MyOptimizer(tf.train.Optimizer):` fails at the class statement.
    self._tfc_raise()

  def __iter__(self):
    self._tfc_raise()

  def __getitem__(self, key):
    self._tfc_raise()

  def __contains__(self, item):
    self._tfc_raise()

  def __len__(self):
    self._tfc_raise()

  def __instancecheck__(self, obj):
    # Nothing is an instance of a class we do not implement.
    return False

  def __subclasscheck__(self, cls):
    return False

  def __repr__(self):
    return "<%s>" % _message(self._tfc_name)

  __str__ = __repr__

  def __reduce__(self):
    self._tfc_raise()


def _public(ns):
  return "tf." + ns if ns else "tf"


def _make_getattr(module, ns, members, all_names, fallback=None):
  """A module-level __getattr__ making placeholders for `ns`'s missing members.

  `members` is None for a namespace whose member list we do not record: then any public
  name is a placeholder (a lowercase one a further such namespace).
  """

  def __getattr__(name):  # pylint: disable=invalid-name
    if fallback is not None:
      try:
        return fallback(name)
      except AttributeError:
        pass
    if name.startswith("_"):
      raise AttributeError("module '%s' has no attribute '%s'" % (module.__name__, name))
    kind = members.get(name) if members is not None else (
        "module" if name[:1].islower() else "unknown")
    if kind is None:
      raise AttributeError("module '%s' has no attribute '%s'" % (module.__name__, name))
    child_ns = ns + "." + name if ns else name
    if kind == "module":
      value = new_module(module.__name__ + "." + name, child_ns, all_names)
    else:
      value = NotImplementedPlaceholder(_public(child_ns), kind)
    setattr(module, name, value)
    return value

  return __getattr__


def new_module(full_name, ns, all_names):
  """A namespace module TF has and we export nothing under."""
  module = types.ModuleType(full_name)
  module.__doc__ = "Public API for %s namespace (not implemented in tfclassic yet)." % (
      _public(ns))
  module._tfc_not_implemented = True  # pylint: disable=protected-access
  module._tfc_ns = ns  # pylint: disable=protected-access
  module.__getattr__ = _make_getattr(module, ns, all_names.get(ns), all_names)
  sys.modules.setdefault(full_name, module)
  return module


def load_names():
  with open(_NAMES_FILE) as f:
    return json.load(f)


def install(namespace_fn):
  """Hooks placeholders into tf and every namespace of `_api_v1_names.json`.

  `namespace_fn(path)` returns (creating it if needed) the module for dotted namespace `path`
  ("" is tf). Call it after every real export is in place.
  """
  all_names = load_names()
  for ns in sorted(all_names, key=lambda n: (n.count("."), n)):
    if ns:
      parent_ns, _, leaf = ns.rpartition(".")
      existing = getattr(namespace_fn(parent_ns), leaf, None)
      if existing is not None and not isinstance(existing, types.ModuleType):
        continue  # Something real (a class, say) already sits at this name.
    module = namespace_fn(ns)
    if module.__dict__.get("_tfc_ns") == ns:
      continue  # Made by a placeholder hook above, already hooked.
    previous = module.__dict__.get("__getattr__")
    module.__getattr__ = _make_getattr(module, ns, all_names[ns], all_names, previous)
