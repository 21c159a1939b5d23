"""Graph- and op-level seeds for random ops (TF 1.15 rules)."""

from tensorflow.python.framework import ops
from tensorflow.python.util.tf_export import tf_export

DEFAULT_GRAPH_SEED = 87654321
_MAXINT32 = 2**31 - 1


def _truncate_seed(seed):
  return seed % _MAXINT32  # Truncate to fit into 32-bit integer


@tf_export("random.get_seed", "get_seed")
def get_seed(op_seed):
  """The (seed, seed2) attrs for a random op.

  With a graph seed g: (g, op_seed), where a missing op seed is the id of the graph's last
  created op (so a program that builds the same ops in the same order gets the same numbers).
  With only an op seed: (DEFAULT_GRAPH_SEED, op_seed). With neither: (None, None), which the
  kernels treat as "seed nondeterministically". Seeds are reduced modulo 2**31-1 and (0, 0) is
  turned into (0, 2**31-1) so that a user's seeds never mean "nondeterministic".
  """
  graph = ops.get_default_graph()
  global_seed = graph.seed
  if global_seed is not None:
    if op_seed is None:
      op_seed = graph._last_id  # pylint: disable=protected-access
    seeds = _truncate_seed(global_seed), _truncate_seed(op_seed)
  elif op_seed is not None:
    seeds = DEFAULT_GRAPH_SEED, _truncate_seed(op_seed)
  else:
    seeds = None, None
  if seeds == (0, 0):
    return (0, _MAXINT32)
  return seeds


@tf_export("random.set_random_seed", "set_random_seed")
def set_random_seed(seed):
  """Sets the graph-level random seed of the default graph."""
  ops.get_default_graph().seed = seed
