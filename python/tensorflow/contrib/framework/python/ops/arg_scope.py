"""arg_scope (TF 1.15's contrib.framework): default keyword arguments for decorated functions.

`@add_arg_scope` makes a function read its defaults from the innermost `arg_scope`; explicit
keyword arguments at the call still win. Scopes nest (inner values override outer ones) and a
scope object (the dict `with arg_scope(...) as sc` yields) can be re-entered later.
"""

import contextlib
import functools

__all__ = ["arg_scope", "add_arg_scope", "current_arg_scope", "has_arg_scope",
           "arg_scoped_arguments", "arg_scope_func_key"]

_ARGSTACK = [{}]
_DECORATED_OPS = {}


def _get_arg_stack():
  if not _ARGSTACK:
    _ARGSTACK.append({})
  return _ARGSTACK


def current_arg_scope():
  return _get_arg_stack()[-1]


def arg_scope_func_key(op):
  return getattr(op, "_key_op", str(op))


def _name_op(op):
  return (op.__module__, op.__name__)


def _kwarg_names(func):
  """The names of `func`'s parameters that have defaults."""
  kwargs_length = len(func.__defaults__) if func.__defaults__ else 0
  return func.__code__.co_varnames[-kwargs_length:func.__code__.co_argcount]


@contextlib.contextmanager
def arg_scope(list_ops_or_scope, **kwargs):
  """Sets `kwargs` as defaults of every function in `list_ops_or_scope`, or re-enters a scope
  dict yielded earlier."""
  if isinstance(list_ops_or_scope, dict):
    if kwargs:
      raise ValueError("When attempting to re-use a scope by suppling a"
                       "dictionary, kwargs must be empty.")
    current_scope = list_ops_or_scope.copy()
  else:
    if not isinstance(list_ops_or_scope, (list, tuple)):
      raise TypeError("list_ops_or_scope must either be a list/tuple or reused "
                      "scope (i.e. dict)")
    current_scope = current_arg_scope().copy()
    for op in list_ops_or_scope:
      if not has_arg_scope(op):
        raise ValueError("%s is not decorated with @add_arg_scope" % (_name_op(op),))
      key = arg_scope_func_key(op)
      merged = dict(current_scope.get(key, {}))
      merged.update(kwargs)
      current_scope[key] = merged
  _get_arg_stack().append(current_scope)
  try:
    yield current_scope
  finally:
    _get_arg_stack().pop()


def add_arg_scope(func):
  """Decorates `func` so that arg_scope can supply its keyword arguments."""
  key = arg_scope_func_key(func)

  @functools.wraps(func)
  def func_with_args(*args, **kwargs):
    scope = current_arg_scope()
    if key in scope:
      merged = dict(scope[key])
      merged.update(kwargs)
      kwargs = merged
    return func(*args, **kwargs)

  _DECORATED_OPS[key] = _kwarg_names(func)
  func_with_args._key_op = key  # pylint: disable=protected-access
  return func_with_args


def has_arg_scope(func):
  return arg_scope_func_key(func) in _DECORATED_OPS


def arg_scoped_arguments(func):
  """The keyword arguments arg_scope can set on `func`."""
  assert has_arg_scope(func)
  return _DECORATED_OPS[arg_scope_func_key(func)]
