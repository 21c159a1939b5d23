"""Helpers of the TF1 summary ops (TF's tensorflow.python.ops.summary_op_util): tag cleaning,
the summary name scope that yields (tag, scope), and collection registration."""
import contextlib
import re

from tensorflow.python.framework import ops
from tensorflow.python.platform import tf_logging


def collect(val, collections, default_collections):
  """Adds `val` to each key of `collections` (default_collections when None)."""
  if collections is None:
    collections = default_collections
  for key in collections:
    ops.add_to_collection(key, val)


# Node names allow fewer characters than tags once did: the rest become "_".
_INVALID_TAG_CHARACTERS = re.compile(r"[^-/\w\.]")


def clean_tag(name):
  """`name` with characters illegal in node names replaced by "_" and leading "/" removed."""
  if name is not None:
    new_name = _INVALID_TAG_CHARACTERS.sub("_", name)
    new_name = new_name.lstrip("/")
    if new_name != name:
      tf_logging.info("Summary name %s is illegal; using %s instead." % (name, new_name))
      name = new_name
  return name


@contextlib.contextmanager
def summary_scope(name, family=None, default_name=None, values=None):
  """Enters a name scope for a summary and yields `(tag, scope)`.

  The tag is the scope name without its trailing "/"; with a `family` the scope is
  `<outer>/<family>/<name>/` and the tag `<family>/<outer>/<family>/<name>`, so the family
  always leads the tag (TensorBoard's tab) while scopes stay unique.
  """
  name = clean_tag(name)
  family = clean_tag(family)
  scope_base_name = name if family is None else "{}/{}".format(family, name)
  with ops.name_scope(scope_base_name, default_name, values) as scope:
    if family is None:
      tag = scope.rstrip("/")
    else:
      tag = "{}/{}".format(family, scope.rstrip("/"))
    yield (tag, scope)
