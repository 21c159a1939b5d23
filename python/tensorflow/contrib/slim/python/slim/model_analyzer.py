"""slim.model_analyzer (TF 1.15): sizes of a graph's op outputs and of variables, printed in
TF's table format."""

__all__ = ["tensor_description", "analyze_ops", "analyze_vars"]


def tensor_description(var):
  """'(dtype d0xd1x...)', e.g. '(float32_ref 3x3x1x32)'."""
  sizes = var.get_shape()
  dims = "x".join(str(size) for size in sizes) if sizes.ndims is not None else ""
  return "(" + str(var.dtype.name) + " " + dims + ")"


def analyze_ops(graph, print_info=False):
  """The total number of elements of all op outputs (unknown sizes count 0)."""
  if print_info:
    print("---------")
    print("Operations: name -> (type shapes) [size]")
    print("---------")
  total_size = 0
  for op in graph.get_operations():
    op_size = 0
    shapes = []
    for output in op.outputs:
      output_size = output.get_shape().num_elements() or 0
      if output.get_shape():
        shapes.append(tensor_description(output))
      op_size += output_size
    if print_info:
      print(op.name, "\t->", ", ".join(shapes), "[" + str(op_size) + "]")
    total_size += op_size
  return total_size


def analyze_vars(variables, print_info=False):
  """(total elements, total bytes) of `variables`; prints one line per variable."""
  if print_info:
    print("---------")
    print("Variables: name (type shape) [size]")
    print("---------")
  total_size = 0
  total_bytes = 0
  for var in variables:
    var_size = var.get_shape().num_elements() or 0
    var_bytes = var_size * var.dtype.size
    total_size += var_size
    total_bytes += var_bytes
    if print_info:
      print(var.name, tensor_description(var), "[%d, bytes: %d]" % (var_size, var_bytes))
  if print_info:
    print("Total size of variables: %d" % total_size)
    print("Total bytes of variables: %d" % total_bytes)
  return total_size, total_bytes
