"""tf.logging: TF 1.15's logging module over Python's `logging` ('tensorflow' logger)."""

import logging as _logging
import os as _os
import sys as _sys
import threading
import time as _time
import traceback as _traceback

from tensorflow.python.util.tf_export import tf_export

_logger = None
_logger_lock = threading.Lock()
# Frames from these files are never "the caller" of a log statement.
_SKIPPED_FILES = {_os.path.normcase(__file__), __file__,
                  _logging.Logger.findCaller.__code__.co_filename}


def _get_caller():
  """(code, frame) of the nearest caller outside this module and the logging package."""
  f = _sys._getframe(1)  # pylint: disable=protected-access
  while f is not None and f.f_code.co_filename in _SKIPPED_FILES:
    f = f.f_back
  if f is None:
    return None, None
  return f.f_code, f


def _logger_find_caller(stack_info=False, stacklevel=1):  # pylint: disable=unused-argument
  code, frame = _get_caller()
  sinfo = None
  if stack_info:
    sinfo = "\n".join(_traceback.format_stack())
  if code:
    return (code.co_filename, frame.f_lineno, code.co_name, sinfo)
  return "(unknown file)", 0, "(unknown function)", sinfo


@tf_export("get_logger")
def get_logger():
  """The 'tensorflow' logger; on first use it gets a stderr handler if nothing logs yet."""
  global _logger
  if _logger:
    return _logger
  with _logger_lock:
    if _logger:
      return _logger
    logger = _logging.getLogger("tensorflow")
    # Report the user's call site, not this module.
    logger.findCaller = _logger_find_caller
    if not _logging.getLogger().handlers:
      interactive = bool(getattr(_sys, "ps1", None)) or bool(_sys.flags.interactive)
      if interactive:
        logger.setLevel(INFO)
        target = _sys.stdout
      else:
        target = _sys.stderr
      handler = _logging.StreamHandler(target)
      handler.setFormatter(_logging.Formatter(_logging.BASIC_FORMAT, None))
      logger.addHandler(handler)
    _logger = logger
    return _logger


@tf_export(v1=["logging.log"])
def log(level, msg, *args, **kwargs):
  get_logger().log(level, msg, *args, **kwargs)


@tf_export(v1=["logging.debug"])
def debug(msg, *args, **kwargs):
  get_logger().debug(msg, *args, **kwargs)


@tf_export(v1=["logging.error"])
def error(msg, *args, **kwargs):
  get_logger().error(msg, *args, **kwargs)


@tf_export(v1=["logging.fatal"])
def fatal(msg, *args, **kwargs):
  get_logger().fatal(msg, *args, **kwargs)


@tf_export(v1=["logging.info"])
def info(msg, *args, **kwargs):
  get_logger().info(msg, *args, **kwargs)


@tf_export(v1=["logging.warn"])
def warn(msg, *args, **kwargs):
  get_logger().warning(msg, *args, **kwargs)


@tf_export(v1=["logging.warning"])
def warning(msg, *args, **kwargs):
  get_logger().warning(msg, *args, **kwargs)


_level_names = {
    _logging.FATAL: "FATAL",
    _logging.ERROR: "ERROR",
    _logging.WARN: "WARN",
    _logging.INFO: "INFO",
    _logging.DEBUG: "DEBUG",
}

# Per call site: how many times it has logged, for log_every_n / log_first_n.
_log_counter_per_token = {}


@tf_export(v1=["logging.TaskLevelStatusMessage"])
def TaskLevelStatusMessage(msg):  # pylint: disable=invalid-name
  error(msg)


@tf_export(v1=["logging.flush"])
def flush():
  for handler in get_logger().handlers:
    handler.flush()


@tf_export(v1=["logging.vlog"])
def vlog(level, msg, *args, **kwargs):
  get_logger().log(level, msg, *args, **kwargs)


def _get_file_and_line():
  """(file, line) of the caller outside this module: one counter per call site."""
  code, frame = _get_caller()
  if not code:
    return ("<unknown>", 0)
  return (code.co_filename, frame.f_lineno)


def _get_next_log_count_per_token(token):
  cnt = _log_counter_per_token.get(token, 0)
  _log_counter_per_token[token] = cnt + 1
  return cnt


@tf_export(v1=["logging.log_every_n"])
def log_every_n(level, msg, n, *args):
  """Logs `msg % args` the 1st, (n+1)th, (2n+1)th ... time this line runs."""
  count = _get_next_log_count_per_token(_get_file_and_line())
  log_if(level, msg, not (count % n), *args)


@tf_export(v1=["logging.log_first_n"])
def log_first_n(level, msg, n, *args):
  """Logs `msg % args` the first `n` times this line runs."""
  count = _get_next_log_count_per_token(_get_file_and_line())
  log_if(level, msg, count < n, *args)


@tf_export(v1=["logging.log_if"])
def log_if(level, msg, condition, *args):
  if condition:
    vlog(level, msg, *args)


def _get_thread_id():
  return threading.get_ident() & 0xFFFFFFFF


def google2_log_prefix(level, timestamp=None, file_and_line=None):
  """The glog-style prefix 'Lmmdd hh:mm:ss.uuuuuu tid file:line] '."""
  now = timestamp if timestamp is not None else _time.time()
  now_tuple = _time.localtime(now)
  now_microsecond = int(1e6 * (now % 1.0))
  if file_and_line:
    filename, line = file_and_line
  else:
    code, frame = _get_caller()
    filename, line = (code.co_filename, frame.f_lineno) if code else ("(unknown)", 0)
  basename = _os.path.basename(filename)
  severity = "I"
  if level in _level_names:
    severity = _level_names[level][0]
  return "%c%02d%02d %02d:%02d:%02d.%06d %5d %s:%d] " % (
      severity, now_tuple[1], now_tuple[2], now_tuple[3], now_tuple[4], now_tuple[5],
      now_microsecond, _get_thread_id(), basename, line)


@tf_export(v1=["logging.get_verbosity"])
def get_verbosity():
  return get_logger().getEffectiveLevel()


@tf_export(v1=["logging.set_verbosity"])
def set_verbosity(v):
  get_logger().setLevel(v)


DEBUG = _logging.DEBUG
ERROR = _logging.ERROR
FATAL = _logging.FATAL
INFO = _logging.INFO
WARN = _logging.WARN

for _name in ("DEBUG", "ERROR", "FATAL", "INFO", "WARN"):
  tf_export(v1=["logging." + _name]).export_constant(__name__, _name)
del _name
