"""Registry of public TF 1.15 API names.

`@tf_export("math.add", "add")` records that the decorated object is `tf.math.add` and
`tf.add`; `tensorflow/__init__.py` builds the namespaces from this registry. When `v1=[...]`
is given those names win (we only build the 1.x API); `v2` names are ignored.
"""

import sys

# (public dotted name) -> object, in registration order.
_EXPORTS = {}
# (public dotted name) -> (module name, attribute) for constants, resolved lazily.
_CONSTANTS = {}
# (public dotted name) -> object, used only where no tf_export claims the name: compositions
# that stand in until the owning module exports the real thing.
_FALLBACKS = {}


class _Exporter(object):

  def __init__(self, names, v1=None, v2=None, allow_multiple_exports=True, **_):
    del v2, allow_multiple_exports
    self._names = tuple(v1) if v1 is not None else tuple(names)
    for n in self._names:
      if not isinstance(n, str) or not n or n.startswith(".") or n.endswith("."):
        raise ValueError("Invalid tf_export name: %r" % (n,))

  def __call__(self, func):
    for n in self._names:
      _EXPORTS[n] = func
    _record_names(func, self._names)
    return func

  def export_constant(self, module_name, name):
    for n in self._names:
      _CONSTANTS[n] = (module_name, name)


def _record_names(func, names):
  # Exporting an object again (an alias under more names) adds to the names it already has;
  # names inherited from a base class are not the object's own.
  if not names:
    return
  own = getattr(func, "__dict__", {}).get("_tf_api_names_v1", ())
  merged = tuple(own) + tuple(n for n in names if n not in own)
  try:
    func._tf_api_names_v1 = merged
    func._tf_api_names = merged
  except (AttributeError, TypeError):
    pass


def fallback_export(*names):
  """Like tf_export(*names), but a tf_export of the same name, made before or after, wins."""
  def register(func):
    for n in names:
      if not isinstance(n, str) or not n or n.startswith(".") or n.endswith("."):
        raise ValueError("Invalid tf_export name: %r" % (n,))
      _FALLBACKS[n] = func
    return func
  return register


def tf_export(*names, **kwargs):
  return _Exporter(names, **kwargs)


def estimator_export(*names, **kwargs):
  return _Exporter(names, **kwargs)


def keras_export(*names, **kwargs):
  return _Exporter(names, **kwargs)


def get_v1_names(obj):
  return list(getattr(obj, "_tf_api_names_v1", ()))


def api_symbols():
  """Returns {dotted public name: object} for every export, constants resolved."""
  out = dict(_FALLBACKS)
  out.update(_EXPORTS)
  for n, (module_name, attr) in _CONSTANTS.items():
    out[n] = getattr(sys.modules[module_name], attr)
  return out
