"""Public tf.errors module: re-exports errors_impl."""

# pylint: disable=unused-import,wildcard-import
from tensorflow.python.framework.errors_impl import *
from tensorflow.python.framework.errors_impl import (
    OpError, CancelledError, UnknownError, InvalidArgumentError, DeadlineExceededError,
    NotFoundError, AlreadyExistsError, PermissionDeniedError, UnauthenticatedError,
    ResourceExhaustedError, FailedPreconditionError, AbortedError, OutOfRangeError,
    UnimplementedError, InternalError, UnavailableError, DataLossError,
    OK, CANCELLED, UNKNOWN, INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND, ALREADY_EXISTS,
    PERMISSION_DENIED, UNAUTHENTICATED, RESOURCE_EXHAUSTED, FAILED_PRECONDITION, ABORTED,
    OUT_OF_RANGE, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS,
    exception_type_from_error_code, error_code_from_exception_type,
    raise_exception_on_not_ok_status, _make_specific_exception, raise_from_status_error)
