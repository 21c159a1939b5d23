"""tf.Print, tf.Assert and tf.print (StringFormat + PrintV2, built as TF 1.15 builds them)."""

import collections
import os
import pprint
import random
import sys

from tensorflow.python.framework import dtypes
from tensorflow.python.framework import ops
from tensorflow.python.framework import tensor_util
from tensorflow.python.ops import gen_logging_ops
from tensorflow.python.ops import string_ops
from tensorflow.python.ops import variables
from tensorflow.python.platform import tf_logging
from tensorflow.python.util import nest
from tensorflow.python.util.tf_export import tf_export


@tf_export(v1=["Print"])
def Print(input_, data, message=None, first_n=None, summarize=None, name=None):  # pylint: disable=invalid-name
  """Returns `input_`; running it writes `message` and `data` to stderr."""
  return getattr(gen_logging_ops, "print")(input_, data, message=message, first_n=first_n,
                                            summarize=summarize, name=name)


@tf_export("debugging.Assert", "Assert")
def Assert(condition, data, summarize=None, name=None):  # pylint: disable=invalid-name
  """An op that fails with InvalidArgument("assertion failed: [data]...") when false.

  As TF 1.15: unless every datum is a string or int32 (host memory), the Assert sits in the
  false branch of a tf.cond ("AssertGuard") so the data are only gathered when it fails."""
  with ops.name_scope(name, "Assert", [condition, data]) as name:
    xs = ops.convert_n_to_tensor(data)
    assert_op = getattr(gen_logging_ops, "assert")
    if all(x.dtype in (dtypes.string, dtypes.int32) for x in xs):
      return assert_op(condition, data, summarize=summarize, name="Assert")
    condition = ops.convert_to_tensor(condition, name="Condition")
    from tensorflow.python.ops import cond_v1  # pylint: disable=g-import-not-at-top
    from tensorflow.python.ops import control_flow_ops  # pylint: disable=g-import-not-at-top

    def true_assert():
      return assert_op(condition, data, summarize=summarize, name="Assert")

    guarded_assert = cond_v1.cond(condition, control_flow_ops.no_op, true_assert,
                                  name="AssertGuard")
    return guarded_assert.op


def _generate_placeholder_string(x, default_placeholder="{}"):
  """A placeholder that does not occur in `x`: "{}" plus digits drawn as TF draws them."""
  placeholder = default_placeholder
  rng = random.Random(5)
  while placeholder in x:
    placeholder = placeholder + str(rng.randint(0, 9))
  return placeholder


def _is_filepath(output_stream):
  return isinstance(output_stream, str) and output_stream.startswith("file://")


def _is_tensor(x):
  """TF 1.15's tensor_util.is_tensor, which counts Variables (dense-tensor-like) as tensors."""
  return tensor_util.is_tensor(x) or isinstance(x, variables.Variable)


def _sparse_tensor_type():
  try:
    from tensorflow.python.framework import sparse_tensor  # pylint: disable=g-import-not-at-top
  except ImportError:
    return ()
  return sparse_tensor.SparseTensor


@tf_export("print")
def print_v2(*inputs, **kwargs):
  """Prints `inputs` (tensors, Python values and nested structures holding tensors) to
  `output_stream`: sys.stderr (default), sys.stdout, a tf.logging level or function, or
  "file://PATH". Keyword args: output_stream, summarize=3, sep=" ", end=os.linesep, name.

  Returns the PrintV2 operation; in a TF1 graph it prints only when run (or when it is a
  control dependency of something that runs).
  """
  output_stream = kwargs.pop("output_stream", sys.stderr)
  name = kwargs.pop("name", None)
  summarize = kwargs.pop("summarize", 3)
  sep = kwargs.pop("sep", " ")
  end = kwargs.pop("end", os.linesep)
  if kwargs:
    raise ValueError("Unrecognized keyword arguments for tf.print: %s" % kwargs)
  format_name = None
  if name:
    format_name = name + "_format"

  output_stream_to_constant = {
      sys.stdout: "stdout",
      sys.stderr: "stderr",
      tf_logging.INFO: "log(info)",
      tf_logging.info: "log(info)",
      tf_logging.WARN: "log(warning)",
      tf_logging.warning: "log(warning)",
      tf_logging.warn: "log(warning)",
      tf_logging.ERROR: "log(error)",
      tf_logging.error: "log(error)",
  }
  if _is_filepath(output_stream):
    output_stream_string = output_stream
  else:
    output_stream_string = output_stream_to_constant.get(output_stream)
    if not output_stream_string:
      raise ValueError("Unsupported output stream, logging level, or file." +
                       str(output_stream) + ". Supported streams are sys.stdout, "
                       "sys.stderr, tf.logging.info, tf.logging.warning, tf.logging.error. " +
                       "File needs to be in the form of 'file://<filepath>'.")

  sparse_type = _sparse_tensor_type()
  # A lone string scalar is printed as is, with no StringFormat.
  if (len(inputs) == 1 and _is_tensor(inputs[0]) and
      not isinstance(inputs[0], sparse_type) and inputs[0].shape.ndims == 0 and
      inputs[0].dtype == dtypes.string):
    formatted_string = inputs[0]
  else:
    # The template is each input pretty-printed with its tensors replaced by a placeholder
    # string that occurs nowhere else; pprint orders dict keys as nest.flatten does.
    templates = []
    tensors = []
    inputs_ordered_dicts_sorted = []
    for input_ in inputs:
      if isinstance(input_, collections.OrderedDict):
        inputs_ordered_dicts_sorted.append(collections.OrderedDict(sorted(input_.items())))
      else:
        inputs_ordered_dicts_sorted.append(input_)
    tensor_free_structure = nest.map_structure(
        lambda x: "" if _is_tensor(x) else x, inputs_ordered_dicts_sorted)
    tensor_free_template = " ".join(pprint.pformat(x) for x in tensor_free_structure)
    placeholder = _generate_placeholder_string(tensor_free_template)

    for input_ in inputs:
      placeholders = []
      for x in nest.flatten(input_):
        if isinstance(x, sparse_type):
          tensors.extend([x.indices, x.values, x.dense_shape])
          placeholders.append("SparseTensor(indices={}, values={}, shape={})".format(
              placeholder, placeholder, placeholder))
        elif _is_tensor(x):
          tensors.append(x)
          placeholders.append(placeholder)
        else:
          placeholders.append(x)
      if isinstance(input_, str):
        cur_template = input_
      else:
        cur_template = pprint.pformat(nest.pack_sequence_as(input_, placeholders))
      templates.append(cur_template)

    template = sep.join(templates)
    template = template.replace("'" + placeholder + "'", placeholder)
    formatted_string = string_ops.string_format(
        inputs=tensors, template=template, placeholder=placeholder, summarize=summarize,
        name=format_name)

  return gen_logging_ops.print_v2(formatted_string, output_stream=output_stream_string,
                                  name=name, end=end)
