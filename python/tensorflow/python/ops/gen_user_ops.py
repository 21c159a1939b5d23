"""Generated-style wrappers for every registered op (built at import by op_def_library)."""

from tensorflow.python.framework import op_def_library as _op_def_library

_op_def_library.populate(globals())
