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
    if self._names:
      try:
        func._tf_api_names_v1 = self._names
        func._tf_api_names = self._names
      except (AttributeError, TypeError):
        pass
    return func

  def export_constant(self, module_name, name):
    for n in self._names:
      _CONSTANTS[n] = (module_name, name)


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
  out = dict(_EXPORTS)
  for n, (module_name, attr) in _CONSTANTS.items():
    out[n] = getattr(sys.modules[module_name], attr)
  return out
