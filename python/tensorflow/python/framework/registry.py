"""Name -> object registries (gradients, shapes) that refuse duplicate names."""


class Registry(object):

  def __init__(self, name):
    self._name = name
    self._registry = {}

  def register(self, candidate, name=None):
    if not name:
      name = candidate.__name__
    if name in self._registry:
      raise KeyError("Registering two %s with name '%s'!" % (self._name, name))
    self._registry[name] = candidate

  def list(self):
    return self._registry.keys()

  def lookup(self, name):
    if name in self._registry:
      return self._registry[name]
    raise LookupError("%s registry has no entry for: %s" % (self._name, name))
