"""`tf.einsum` (TF 1.15's special_math_ops).

TF 1.15's Python einsum lowers the equation to Transpose/Reshape/MatMul ops; tfclassic emits
the `Einsum` op (TF 1.15 registers it, and our C++ kernel runs it) for one or two operands and
chains two-operand Einsum ops for more, so graphs hold `Einsum` nodes where TF 1.15's hold the
lowered ops. Values, shapes and the errors raised at graph-build time are TF's.
"""

import re

from tensorflow.python.framework import ops
from tensorflow.python.ops import gen_linalg_ops
from tensorflow.python.util.tf_export import tf_export

_FORMAT = re.compile(r"^([a-zA-Z,.]+)(->[a-zA-Z.]*)?$")


def _labels(subscripts):
  """The letters of one operand's subscripts, the ellipsis left out."""
  return subscripts.replace("...", "")


def _check_ellipsis(subscripts, equation):
  if "." in subscripts.replace("...", "") or subscripts.count("...") > 1:
    raise ValueError("Indices have incorrect format: %s" % equation)


def _parse(equation, num_inputs):
  equation = equation.replace(" ", "")
  match = _FORMAT.match(equation)
  if not match:
    raise ValueError("Indices have incorrect format: %s" % equation)
  inputs = match.group(1).split(",")
  if len(inputs) != num_inputs:
    raise ValueError("Got %d arguments for equation \"%s\", expecting %d" %
                     (num_inputs, equation, len(inputs)))
  for s in inputs:
    _check_ellipsis(s, equation)
  if match.group(2):
    output = match.group(2)[2:]
    _check_ellipsis(output, equation)
    in_letters = set("".join(_labels(s) for s in inputs))
    for ch in _labels(output):
      if ch not in in_letters:
        raise ValueError("Output subscripts contain a label that appears in no inputs: %s" %
                         equation)
      if _labels(output).count(ch) > 1:
        raise ValueError("Output subscripts contain a label appearing more than once: %s" %
                         equation)
    if "..." in output and not any("..." in s for s in inputs):
      raise ValueError("Output subscripts have an ellipsis but no input does: %s" % equation)
  else:
    # Implicit output: the ellipsis first, then the labels seen exactly once, sorted.
    counts = {}
    for s in inputs:
      for ch in _labels(s):
        counts[ch] = counts.get(ch, 0) + 1
    output = ("..." if any("..." in s for s in inputs) else "") + "".join(
        sorted(ch for ch, n in counts.items() if n == 1))
  return inputs, output


def _pair_output(lhs, rhs, later, output):
  """Subscripts of an intermediate product: the labels still needed later, in order seen."""
  needed = set(_labels(output)) | set("".join(_labels(s) for s in later))
  keep = []
  for ch in _labels(lhs) + _labels(rhs):
    if ch in needed and ch not in keep:
      keep.append(ch)
  ellipsis = "..." if ("..." in lhs or "..." in rhs) else ""
  return ellipsis + "".join(keep)


@tf_export("einsum", "linalg.einsum")
def einsum(equation, *inputs, **kwargs):
  """Tensor contraction over the labels of an Einstein-summation equation."""
  name = kwargs.pop("name", None)
  if kwargs:
    raise TypeError("invalid keyword arguments for this function: " +
                    ", ".join([format(key) for key in sorted(list(kwargs.keys()))]))
  with ops.name_scope(name, "einsum", [equation, inputs]) as name:
    inputs = [ops.convert_to_tensor(x) for x in inputs]
    if not inputs:
      raise ValueError("No inputs given to einsum: %s" % equation)
    in_subs, out_subs = _parse(equation, len(inputs))
    if len(inputs) <= 2:
      return gen_linalg_ops.einsum(inputs, equation="%s->%s" % (",".join(in_subs), out_subs),
                                   name=name)
    # More than two operands: contract left to right, keeping the labels still needed.
    acc, acc_subs = inputs[0], in_subs[0]
    for i in range(1, len(inputs)):
      last = i == len(inputs) - 1
      subs = out_subs if last else _pair_output(acc_subs, in_subs[i], in_subs[i + 1:],
                                                out_subs)
      acc = gen_linalg_ops.einsum([acc, inputs[i]],
                                  equation="%s,%s->%s" % (acc_subs, in_subs[i], subs),
                                  name=name if last else None)
      acc_subs = subs
    return acc
