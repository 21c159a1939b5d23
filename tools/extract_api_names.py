#!/usr/bin/env python3
"""Writes python/tensorflow/_api_v1_names.json: TF 1.15's v1 public names per namespace.

Source of the facts: the generated API modules of the TF 1.15.0 wheel (`tensorflow_core/_api/v1`,
`tensorflow_core/python/keras/api/_v1/keras`) and of tensorflow-estimator 1.15.1
(`tensorflow_estimator/python/estimator/api/_v1/estimator`). They list each namespace's
members as `from <module> import <name> [as <alias>]` lines, which is what TF's API golden
files record too. Nothing of TF is committed: only the resulting names and kinds.

Get the inputs (not committed):
  pip download --no-deps --only-binary=:all: --python-version 37 --platform manylinux2010_x86_64 \
      --implementation cp --abi cp37m tensorflow-cpu==1.15.0 -d /tmp/tfwheel
  pip download --no-deps --only-binary=:all: tensorflow-estimator==1.15.1 -d /tmp/tfwheel
  (cd /tmp/tfwheel && unzip -q tensorflow_cpu-*.whl 'tensorflow_core/*.py' -d x \
                   && unzip -q tensorflow_estimator-*.whl -d est)
then: python tools/extract_api_names.py [--root /tmp/tfwheel]

Kinds: "module" (a sub-namespace), "class", "function", "constant"; found by reading the
defining module's source with `ast` (def/class/assignment), falling back on naming style.
"""

import argparse
import ast
import json
import os
import re
import sys

_IMPORT_RE = re.compile(r"^from ([\w.]+) import (\w+)(?: as (\w+))?\s*$")

# Namespaces whose members we list; deeper namespaces of these two are recorded as modules only
# (keras and estimator are large separate libraries; programs mostly touch their top level).
_TOP_LEVEL_ONLY = ("keras", "estimator")
# Namespaces recorded as modules, their members not listed.
_OPAQUE = ("raw_ops", "compat.v1", "compat.v2")


class _Resolver(object):
  """Finds the kind of `name` in python module `modname` by reading sources."""

  def __init__(self, roots):
    self._roots = roots  # [(package prefix, directory)]
    self._trees = {}

  def _path(self, modname):
    for prefix, directory in self._roots:
      if modname == prefix or modname.startswith(prefix + "."):
        rel = modname[len(prefix):].lstrip(".").replace(".", "/")
        base = os.path.join(directory, rel) if rel else directory
        if os.path.isfile(base + ".py"):
          return base + ".py"
        if os.path.isfile(os.path.join(base, "__init__.py")):
          return os.path.join(base, "__init__.py")
    return None

  def is_module(self, modname):
    return self._path(modname) is not None

  def _tree(self, modname):
    if modname not in self._trees:
      path = self._path(modname)
      tree = None
      if path:
        with open(path, "rb") as f:
          try:
            tree = ast.parse(f.read())
          except SyntaxError:  # Python 2 only syntax in a few TF files.
            tree = None
      self._trees[modname] = tree
    return self._trees[modname]

  def kind(self, modname, name, depth=0):
    if self.is_module(modname + "." + name):
      return "module"
    tree = self._tree(modname)
    if tree is None or depth > 6:
      return None
    found = None
    for node in _top_level_statements(tree.body):
      if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
        found = "function"
      elif isinstance(node, ast.ClassDef) and node.name == name:
        found = "class"
      elif isinstance(node, ast.Assign):
        for target in node.targets:
          if isinstance(target, ast.Name) and target.id == name:
            found = self._value_kind(modname, node.value, depth) or found or "?"
      elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        for alias in node.names:
          if (alias.asname or alias.name) == name:
            src = _canonical(node.module)
            found = self.kind(src, alias.name, depth + 1) or found
    return None if found == "?" else found

  def _value_kind(self, modname, value, depth):
    if isinstance(value, (ast.Constant, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.BinOp,
                          ast.JoinedStr, ast.UnaryOp)):
      return "constant"
    if isinstance(value, ast.Name):
      return self.kind(modname, value.id, depth + 1)
    if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name):
      src = self._imported_module(modname, value.value.id)
      if src:
        return self.kind(src, value.attr, depth + 1)
      return None
    if isinstance(value, ast.Call):
      func = value.func
      fname = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
      if fname in ("DType", "as_dtype", "frozenset", "object", "namedtuple", "_ReuseMode"):
        return "class" if fname == "namedtuple" else "constant"
      # deprecated(...)(fn), tf_export(...)(fn), partial(fn, ...): the wrapped object's kind.
      for arg in value.args:
        k = self._value_kind(modname, arg, depth + 1)
        if k in ("function", "class"):
          return k
      if isinstance(func, ast.Call):
        return self._value_kind(modname, func, depth + 1)
    return None

  def _imported_module(self, modname, local):
    tree = self._tree(modname)
    if tree is None:
      return None
    for node in _top_level_statements(tree.body):
      if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        for alias in node.names:
          if (alias.asname or alias.name) == local:
            return _canonical(node.module) + "." + alias.name
      elif isinstance(node, ast.Import):
        for alias in node.names:
          if (alias.asname or alias.name) == local:
            return _canonical(alias.name)
    return None


def _top_level_statements(body):
  for node in body:
    yield node
    if isinstance(node, ast.If):
      yield from _top_level_statements(node.body)
      yield from _top_level_statements(node.orelse)
    elif isinstance(node, ast.Try):
      yield from _top_level_statements(node.body)
      for handler in node.handlers:
        yield from _top_level_statements(handler.body)
      yield from _top_level_statements(node.orelse)


def _canonical(modname):
  # The wheel's code lives in tensorflow_core but imports itself as `tensorflow`.
  if modname == "tensorflow_core" or modname.startswith("tensorflow_core."):
    return "tensorflow" + modname[len("tensorflow_core"):]
  return modname


def _style_kind(name):
  if name.isupper() or name in ("newaxis",):
    return "constant"
  if name[:1].isupper():
    return "class"
  return "function"


def _parse_api_file(path):
  """[(source module, source name, public name)] of one generated namespace file."""
  out = []
  with open(path) as f:
    for line in f:
      m = _IMPORT_RE.match(line)
      if not m or m.group(1) == "__future__" or m.group(2).startswith("_"):
        continue
      public = m.group(3) or m.group(2)
      if public.startswith("_"):
        continue
      out.append((_canonical(m.group(1)), m.group(2), public))
  return out


def _api_module_namespace(modname, api_prefixes):
  for prefix, ns_prefix in api_prefixes:
    if modname == prefix:
      return ns_prefix
    if modname.startswith(prefix + "."):
      rest = modname[len(prefix) + 1:]
      return (ns_prefix + "." + rest) if ns_prefix else rest
  return None


def extract(root):
  tf_dir = os.path.join(root, "x", "tensorflow_core")
  est_dir = os.path.join(root, "est", "tensorflow_estimator")
  resolver = _Resolver([("tensorflow", tf_dir), ("tensorflow_estimator", est_dir)])
  api_v1 = os.path.join(tf_dir, "_api", "v1")
  keras_api = os.path.join(tf_dir, "python", "keras", "api", "_v1", "keras")
  est_api = os.path.join(est_dir, "python", "estimator", "api", "_v1", "estimator")
  api_prefixes = [
      ("tensorflow.python.keras.api._v1.keras", "keras"),
      ("tensorflow_estimator.python.estimator.api._v1.estimator", "estimator"),
      ("tensorflow._api.v1.compat.v1", ""),
      ("tensorflow._api.v1", ""),
  ]

  files = {"": os.path.join(api_v1, "v1.py")}
  for dirpath, _, filenames in os.walk(api_v1):
    if "__init__.py" not in filenames:
      continue
    ns = os.path.relpath(dirpath, api_v1).replace(os.sep, ".")
    if ns != "." and not any(ns == o or ns.startswith(o + ".") for o in _OPAQUE):
      files[ns] = os.path.join(dirpath, "__init__.py")
  files["keras"] = os.path.join(keras_api, "__init__.py")
  files["estimator"] = os.path.join(est_api, "__init__.py")

  result = {}
  for ns, path in sorted(files.items()):
    members = {}
    for src_mod, src_name, public in _parse_api_file(path):
      sub = _api_module_namespace(src_mod + "." + src_name, api_prefixes)
      if sub is not None and resolver.is_module(src_mod + "." + src_name) or (
          sub is not None and src_mod.startswith(("tensorflow._api", "tensorflow.python.keras.api",
                                                 "tensorflow_estimator.python.estimator.api"))):
        kind = "module"
      else:
        kind = resolver.kind(src_mod, src_name) or _style_kind(public)
      members[public] = kind
    result[ns] = members
  # Set in v1.py with setattr, not an import line.
  result[""].update({"flags": "module", "estimator": "module", "keras": "module"})
  # TF 1.15 builds tf.compat.v1/v2 from the same generator; they are modules of tf.compat.
  result.setdefault("compat", {}).update({"v1": "module", "v2": "module"})
  for ns in list(result):
    if ns.split(".")[0] in _TOP_LEVEL_ONLY and "." in ns:
      del result[ns]
  # Every namespace is a module member of its parent.
  for ns in list(result):
    if ns:
      parent, _, leaf = ns.rpartition(".")
      result.setdefault(parent, {})[leaf] = "module"
  return {ns: dict(sorted(m.items())) for ns, m in sorted(result.items())}


def main():
  parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
  parser.add_argument("--root", default="/tmp/tfwheel")
  here = os.path.dirname(os.path.abspath(__file__))
  parser.add_argument("--out", default=os.path.join(here, "..", "python", "tensorflow",
                                                    "_api_v1_names.json"))
  args = parser.parse_args()
  result = extract(args.root)
  with open(args.out, "w") as f:
    json.dump(result, f, indent=0, sort_keys=True)
    f.write("\n")
  total = sum(len(m) for m in result.values())
  print("%d namespaces, %d names -> %s" % (len(result), total, os.path.normpath(args.out)))
  return 0


if __name__ == "__main__":
  sys.exit(main())
