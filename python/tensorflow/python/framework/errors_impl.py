"""tf.errors: OpError and its per-code subclasses."""

from tensorflow.python.util.tf_export import tf_export

OK = 0
CANCELLED = 1
UNKNOWN = 2
INVALID_ARGUMENT = 3
DEADLINE_EXCEEDED = 4
NOT_FOUND = 5
ALREADY_EXISTS = 6
PERMISSION_DENIED = 7
RESOURCE_EXHAUSTED = 8
FAILED_PRECONDITION = 9
ABORTED = 10
OUT_OF_RANGE = 11
UNIMPLEMENTED = 12
INTERNAL = 13
UNAVAILABLE = 14
DATA_LOSS = 15
UNAUTHENTICATED = 16

for _code_name in ("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
                   "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
                   "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
                   "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"):
  tf_export("errors." + _code_name).export_constant(__name__, _code_name)


@tf_export("errors.OpError", "OpError")
class OpError(Exception):
  """A TensorFlow runtime error, carrying the failing op (if known) and an error code."""

  def __init__(self, node_def, op, message, error_code):
    super(OpError, self).__init__()
    self._node_def = node_def
    self._op = op
    self._message = message
    self._error_code = error_code

  def __reduce__(self):
    init_argspec = (self._node_def, self._op, self._message)
    if type(self) is OpError:
      init_argspec = init_argspec + (self._error_code,)
    return type(self), init_argspec

  @property
  def message(self):
    return self._message

  @property
  def op(self):
    return self._op

  @property
  def error_code(self):
    return self._error_code

  @property
  def node_def(self):
    return self._node_def

  def __str__(self):
    return self._message


def _subclass(name, code, doc):
  def __init__(self, node_def, op, message, *args):  # pylint: disable=invalid-name
    del args
    OpError.__init__(self, node_def, op, message, code)
  cls = type(name, (OpError,), {"__init__": __init__, "__doc__": doc})
  cls.__module__ = __name__
  return cls


CancelledError = _subclass("CancelledError", CANCELLED, "An operation was cancelled.")
UnknownError = _subclass("UnknownError", UNKNOWN, "Unknown error.")
InvalidArgumentError = _subclass("InvalidArgumentError", INVALID_ARGUMENT,
                                 "An operation received an invalid argument.")
DeadlineExceededError = _subclass("DeadlineExceededError", DEADLINE_EXCEEDED,
                                  "A deadline expired before the operation could complete.")
NotFoundError = _subclass("NotFoundError", NOT_FOUND,
                          "A requested entity (e.g., a file or directory) was not found.")
AlreadyExistsError = _subclass("AlreadyExistsError", ALREADY_EXISTS,
                               "An entity that we attempted to create already exists.")
PermissionDeniedError = _subclass("PermissionDeniedError", PERMISSION_DENIED,
                                  "The caller does not have permission to run an operation.")
UnauthenticatedError = _subclass("UnauthenticatedError", UNAUTHENTICATED,
                                 "The request does not have valid authentication credentials.")
ResourceExhaustedError = _subclass("ResourceExhaustedError", RESOURCE_EXHAUSTED,
                                   "Some resource has been exhausted.")
FailedPreconditionError = _subclass("FailedPreconditionError", FAILED_PRECONDITION,
                                    "Operation was rejected: the system is not in a state "
                                    "to execute it.")
AbortedError = _subclass("AbortedError", ABORTED, "The operation was aborted.")
OutOfRangeError = _subclass("OutOfRangeError", OUT_OF_RANGE,
                            "Raised when an operation iterates past the valid input range.")
UnimplementedError = _subclass("UnimplementedError", UNIMPLEMENTED,
                               "The operation has not been implemented.")
InternalError = _subclass("InternalError", INTERNAL, "Internal system error.")
UnavailableError = _subclass("UnavailableError", UNAVAILABLE,
                             "The runtime is currently unavailable.")
DataLossError = _subclass("DataLossError", DATA_LOSS,
                          "Unrecoverable data loss or corruption.")

_CODE_TO_EXCEPTION_CLASS = {
    CANCELLED: CancelledError, UNKNOWN: UnknownError, INVALID_ARGUMENT: InvalidArgumentError,
    DEADLINE_EXCEEDED: DeadlineExceededError, NOT_FOUND: NotFoundError,
    ALREADY_EXISTS: AlreadyExistsError, PERMISSION_DENIED: PermissionDeniedError,
    UNAUTHENTICATED: UnauthenticatedError, RESOURCE_EXHAUSTED: ResourceExhaustedError,
    FAILED_PRECONDITION: FailedPreconditionError, ABORTED: AbortedError,
    OUT_OF_RANGE: OutOfRangeError, UNIMPLEMENTED: UnimplementedError, INTERNAL: InternalError,
    UNAVAILABLE: UnavailableError, DATA_LOSS: DataLossError,
}
_EXCEPTION_CLASS_TO_CODE = {v: k for k, v in _CODE_TO_EXCEPTION_CLASS.items()}

for _cls in _CODE_TO_EXCEPTION_CLASS.values():
  tf_export("errors." + _cls.__name__)(_cls)


@tf_export("errors.exception_type_from_error_code")
def exception_type_from_error_code(error_code):
  return _CODE_TO_EXCEPTION_CLASS[error_code]


@tf_export("errors.error_code_from_exception_type")
def error_code_from_exception_type(cls):
  return _EXCEPTION_CLASS_TO_CODE[cls]


def _make_specific_exception(node_def, op, message, error_code):
  try:
    exc_type = exception_type_from_error_code(error_code)
    return exc_type(node_def, op, message)
  except KeyError:
    return UnknownError(node_def, op, message, error_code)


def raise_from_status_error(e, op=None):
  """Re-raises a native StatusError(code, message) as the matching tf.errors class."""
  code, message = e.args[0], e.args[1]
  node_def = op.node_def if op is not None else None
  raise _make_specific_exception(node_def, op, message, code) from None


@tf_export("errors.raise_exception_on_not_ok_status")
class raise_exception_on_not_ok_status(object):  # pylint: disable=invalid-name
  """Context manager kept for API compatibility; errors are raised directly here."""

  def __enter__(self):
    return self

  def __exit__(self, type_arg, value_arg, traceback_arg):
    return False
