"""tf.case as TF 1.15 builds it: nested tf.conds tested in order, the innermost false branch
being `default` (or, without one, the last pair guarded by Asserts), plus an Assert that at
most one predicate holds when `exclusive`."""
import collections
import functools

from tensorflow.python.framework import constant_op
from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.ops import array_ops
from tensorflow.python.ops import cond_v1
from tensorflow.python.ops import logging_ops
from tensorflow.python.ops import math_ops
from tensorflow.python.platform import tf_logging
from tensorflow.python.util.tf_export import tf_export


def _assert_at_most_n_true(predicates, n, msg):
  preds_c = array_ops.stack(predicates, name="preds_c")
  num_true_conditions = math_ops.reduce_sum(math_ops.cast(preds_c, dtypes.int32),
                                            name="num_true_conds")
  condition = math_ops.less_equal(num_true_conditions,
                                  constant_op.constant(n, name="n_true_conds"))
  preds_names = ", ".join(getattr(p, "name", "?") for p in predicates)
  error_msg = ["%s: more than %d conditions (%s) evaluated as True:" % (msg, n, preds_names),
               preds_c]
  return logging_ops.Assert(condition, data=error_msg, summarize=len(predicates))


def _case_create_default_action(predicates, actions):
  """Without a default, the last pair acts as one, asserting that no other predicate and
  its own predicate hold."""
  k = len(predicates) - 1
  predicate, action = predicates[k], actions[k]
  other_predicates, other_actions = predicates[:k], actions[:k]

  def default_action():
    others_msg = ("Implementation error: selected default action #%d was called, but some of "
                  "other predicates are True: " % k)
    default_msg = ("Input error: None of conditions evaluated as True:",
                   array_ops.stack(predicates, name="preds_c"))
    with ops.control_dependencies([
        _assert_at_most_n_true(other_predicates, n=0, msg=others_msg),
        logging_ops.Assert(predicate, data=default_msg)]):
      return action()

  return default_action, other_predicates, other_actions


def _case_verify_and_canonicalize_args(pred_fn_pairs, exclusive, name):
  if not isinstance(pred_fn_pairs, (list, tuple, dict)):
    raise TypeError("fns must be a list, tuple, or dict")
  if isinstance(pred_fn_pairs, collections.OrderedDict):
    pred_fn_pairs = pred_fn_pairs.items()
  elif isinstance(pred_fn_pairs, dict):
    pred_fn_pairs = sorted(pred_fn_pairs.items(), key=lambda item: item[0].name)
    if not exclusive:
      tf_logging.warn("%s: An unordered dictionary of predicate/fn pairs was provided, but "
                      "exclusive=False. The order of conditional tests is deterministic but "
                      "not guaranteed.", name)
  for pred_fn_pair in pred_fn_pairs:
    if not isinstance(pred_fn_pair, tuple) or len(pred_fn_pair) != 2:
      raise TypeError("Each entry in pred_fn_pairs must be a 2-tuple")
    pred, fn = pred_fn_pair
    if isinstance(pred, ops.Tensor):
      if pred.dtype != dtypes.bool:
        raise TypeError("pred must be Tensor of type bool: %s" % pred.name)
    else:
      raise TypeError("pred must be a Tensor, got: %s" % pred)
    if not callable(fn):
      raise TypeError("fn for pred %s must be callable." % pred.name)
  predicates, actions = zip(*pred_fn_pairs)
  return predicates, actions


def _case_helper(cond_fn, pred_fn_pairs, default, exclusive, name, **cond_kwargs):
  predicates, actions = _case_verify_and_canonicalize_args(pred_fn_pairs, exclusive, name)
  with ops.name_scope(name, "case", [predicates]):
    if default is None:
      default, predicates, actions = _case_create_default_action(predicates, actions)
    fn = default
    # Built from the last pair outwards so that the predicates are tested in order.
    for predicate, action in reversed(list(zip(predicates, actions))):
      fn = functools.partial(cond_fn, predicate, true_fn=action, false_fn=fn, **cond_kwargs)
    if exclusive:
      with ops.control_dependencies([
          _assert_at_most_n_true(predicates, n=1, msg="Input error: exclusive=True")]):
        return fn()
    return fn()


@tf_export(v1=["case"])
def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"):
  """The result of the first fn whose predicate is true (else `default()`)."""
  return _case_helper(cond_v1.cond, pred_fn_pairs, default, exclusive, name, strict=strict)
