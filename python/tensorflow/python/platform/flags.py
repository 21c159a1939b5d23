"""tf.flags / tf.app.flags: absl-style flag definitions parsed with argparse.

FLAGS parses sys.argv lazily on the first attribute read (unknown arguments are left for the
program), or explicitly through FLAGS(argv) / tf.app.run.
"""

import argparse
import sys

from tensorflow.python.util.tf_export import tf_export


class Error(Exception):
  """Base class for flag errors."""


class UnrecognizedFlagError(Error):
  pass


class IllegalFlagValueError(Error):
  pass


class DuplicateFlagError(Error):
  pass


class Flag(object):
  """One defined flag: its name, default, help and current value."""

  def __init__(self, name, default, help_text, parser, flag_type, boolean=False,
               short_name=None, multi=False):
    self.name = name
    self.help = help_text
    self.short_name = short_name
    self.parser = parser  # str -> value, raising ValueError on bad input
    self.flag_type = flag_type
    self.boolean = boolean
    self.multi = multi
    self.present = 0
    self.default = None if default is None else self._convert(default)
    self.value = self.default
    self.validators = []

  def _convert(self, value):
    if isinstance(value, str) or (self.multi and isinstance(value, (list, tuple))):
      return self.parser(value)
    if self.multi and value is not None and not isinstance(value, list):
      return [value]
    return value

  def parse(self, text):
    try:
      self.value = self.parser(text)
    except (ValueError, TypeError) as e:
      raise IllegalFlagValueError("flag --%s=%s: %s" % (self.name, text, e))
    self.present += 1


def _parse_bool(text):
  if isinstance(text, bool):
    return text
  t = str(text).lower()
  if t in ("true", "t", "1", "yes", "y"):
    return True
  if t in ("false", "f", "0", "no", "n"):
    return False
  raise ValueError("Non-boolean argument to boolean flag")


def _bounded(convert, lower, upper, kind):
  def parse(text):
    value = convert(text)
    if lower is not None and value < lower:
      raise ValueError("%s is not >= %s" % (kind, lower))
    if upper is not None and value > upper:
      raise ValueError("%s is not <= %s" % (kind, upper))
    return value
  return parse


def _parse_list(text):
  if isinstance(text, (list, tuple)):
    return list(text)
  text = text.strip()
  return [s.strip() for s in text.split(",")] if text else []


class FlagValues(object):
  """The flag registry; attribute access reads a flag's value."""

  def __init__(self):
    self.__dict__["_flags"] = {}
    self.__dict__["_parsed"] = False
    self.__dict__["_required"] = []

  # ---- definition -----------------------------------------------------------------------------
  def _define(self, flag, allow_override=False):
    flags = self.__dict__["_flags"]
    if flag.name in flags and not allow_override:
      raise DuplicateFlagError(
          "The flag '%s' is defined twice. First from %s, Second from %s." %
          (flag.name, "an earlier definition", "a later one"))
    flags[flag.name] = flag
    if flag.short_name:
      flags[flag.short_name] = flag
    return flag

  # ---- parsing --------------------------------------------------------------------------------
  def _argparser(self):
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    seen = set()
    for flag in self.__dict__["_flags"].values():
      if id(flag) in seen:
        continue
      seen.add(id(flag))
      names = ["--" + flag.name, "-" + flag.name]
      if flag.short_name:
        names += ["--" + flag.short_name, "-" + flag.short_name]
      dest = "f_" + flag.name
      if flag.boolean:
        parser.add_argument(*names, dest=dest, nargs="?", const="true", default=None,
                            action="append")
        parser.add_argument("--no" + flag.name, "-no" + flag.name, dest=dest,
                            action="append_const", const="false")
      else:
        parser.add_argument(*names, dest=dest, default=None, action="append")
    return parser

  def __call__(self, argv, known_only=False):
    """Parses argv (argv[0] is the program); returns [argv[0]] + the unparsed arguments."""
    if isinstance(argv, str):
      raise TypeError("argv should be a tuple/list of strings, not bytes or string.")
    if not argv:
      raise ValueError("argv cannot be an empty list, and must contain the program name as "
                       "the first element.")
    args = list(argv[1:])
    rest_after_dashes = []
    if "--" in args:
      i = args.index("--")
      args, rest_after_dashes = args[:i], args[i + 1:]
    if any(a in ("--help", "-help", "-h", "--helpfull", "-?") for a in args):
      print(self._help_text(argv[0]))
      sys.exit(0)
    namespace, unknown = self._argparser().parse_known_args(args)
    if unknown and not known_only:
      for u in unknown:
        if u.startswith("-"):
          raise UnrecognizedFlagError("Unknown command line flag '%s'" %
                                      u.lstrip("-").split("=")[0])
    flags = self.__dict__["_flags"]
    for dest, values in vars(namespace).items():
      if values is None:
        continue
      flag = flags[dest[2:]]
      if flag.multi:
        flag.value = []
        for v in values:
          flag.value.extend(flag.parser(v))
        flag.present += 1
      else:
        flag.parse(values[-1])
    self.__dict__["_parsed"] = True
    self._validate()
    return [argv[0]] + unknown + rest_after_dashes

  def _validate(self):
    for name in self.__dict__["_required"]:
      if self.__dict__["_flags"][name].value is None:
        raise IllegalFlagValueError("flag --%s=None: Flag --%s must have a value other than "
                                    "None." % (name, name))
    for flag in self.__dict__["_flags"].values():
      for check, message in flag.validators:
        if not check(flag.value):
          raise IllegalFlagValueError("flag --%s=%s: %s" % (flag.name, flag.value, message))

  def _parse_flags(self, args=None):
    """Parses sys.argv (or args) ignoring unknown arguments; TF 1.4's entry point."""
    return self(list(args) if args is not None else sys.argv, known_only=True)

  def _help_text(self, prog):
    lines = ["usage: %s [flags]" % prog, "", "flags:"]
    seen = set()
    for flag in self.__dict__["_flags"].values():
      if id(flag) in seen:
        continue
      seen.add(id(flag))
      lines.append("  --%s: %s\n    (default: '%s')" % (flag.name, flag.help, flag.default))
    return "\n".join(lines)

  # ---- access ---------------------------------------------------------------------------------
  def __getattr__(self, name):
    flags = self.__dict__["_flags"]
    if name not in flags:
      raise AttributeError(name)
    if not self.__dict__["_parsed"]:
      self._parse_flags()
    return flags[name].value

  def __setattr__(self, name, value):
    flags = self.__dict__["_flags"]
    if name not in flags:
      raise AttributeError("Flag '%s' is not defined" % name)
    flags[name].value = value
    flags[name].present += 1

  def __delattr__(self, name):
    flags = self.__dict__["_flags"]
    flag = flags.pop(name)
    if flag.short_name and flags.get(flag.short_name) is flag:
      del flags[flag.short_name]

  def __contains__(self, name):
    return name in self.__dict__["_flags"]

  def __getitem__(self, name):
    return self.__dict__["_flags"][name]

  def __iter__(self):
    return iter(self.__dict__["_flags"])

  def __len__(self):
    return len(self.__dict__["_flags"])

  def __dir__(self):
    return sorted(self.__dict__["_flags"])

  def is_parsed(self):
    return self.__dict__["_parsed"]

  def mark_as_parsed(self):
    self.__dict__["_parsed"] = True

  def unparse_flags(self):
    for flag in self.__dict__["_flags"].values():
      flag.value = flag.default
      flag.present = 0
    self.__dict__["_parsed"] = False

  def flag_values_dict(self):
    return {name: flag.value for name, flag in self.__dict__["_flags"].items()}

  def get_flag_value(self, name, default):
    flag = self.__dict__["_flags"].get(name)
    return default if flag is None else flag.value

  def set_default(self, name, value):
    flag = self.__dict__["_flags"][name]
    flag.default = flag._convert(value)  # pylint: disable=protected-access
    if not flag.present:
      flag.value = flag.default

  def main_module_help(self):
    return self._help_text(sys.argv[0] if sys.argv else "")


FLAGS = FlagValues()
tf_export("flags.FLAGS", "app.flags.FLAGS").export_constant(__name__, "FLAGS")


def _export(name):
  return tf_export("flags." + name, "app.flags." + name)


@_export("DEFINE")
def DEFINE(parser, name, default, help, flag_values=FLAGS, serializer=None, module_name=None,  # pylint: disable=redefined-builtin,invalid-name
           **args):
  del serializer, module_name
  convert = getattr(parser, "parse", parser)
  return flag_values._define(Flag(name, default, help, convert, "custom", **args))  # pylint: disable=protected-access


@_export("DEFINE_string")
def DEFINE_string(name, default, help, flag_values=FLAGS, **args):  # pylint: disable=redefined-builtin,invalid-name
  return flag_values._define(Flag(name, default, help, str, "string", **args))  # pylint: disable=protected-access


@_export("DEFINE_integer")
def DEFINE_integer(name, default, help, lower_bound=None, upper_bound=None,  # pylint: disable=redefined-builtin,invalid-name
                   flag_values=FLAGS, **args):
  parse = _bounded(int, lower_bound, upper_bound, "integer")
  return flag_values._define(Flag(name, default, help, parse, "int", **args))  # pylint: disable=protected-access


@_export("DEFINE_float")
def DEFINE_float(name, default, help, lower_bound=None, upper_bound=None,  # pylint: disable=redefined-builtin,invalid-name
                 flag_values=FLAGS, **args):
  parse = _bounded(float, lower_bound, upper_bound, "float")
  return flag_values._define(Flag(name, default, help, parse, "float", **args))  # pylint: disable=protected-access


@_export("DEFINE_boolean")
def DEFINE_boolean(name, default, help, flag_values=FLAGS, **args):  # pylint: disable=redefined-builtin,invalid-name
  return flag_values._define(Flag(name, default, help, _parse_bool, "bool", boolean=True,  # pylint: disable=protected-access
                                  **args))


DEFINE_bool = DEFINE_boolean  # pylint: disable=invalid-name
_export("DEFINE_bool")(DEFINE_bool)


@_export("DEFINE_list")
def DEFINE_list(name, default, help, flag_values=FLAGS, **args):  # pylint: disable=redefined-builtin,invalid-name
  return flag_values._define(Flag(name, default, help, _parse_list, "list", **args))  # pylint: disable=protected-access


@_export("DEFINE_enum")
def DEFINE_enum(name, default, enum_values, help, flag_values=FLAGS, case_sensitive=True,  # pylint: disable=redefined-builtin,invalid-name
                **args):
  if not enum_values:
    raise ValueError("enum_values cannot be empty")
  values = list(enum_values)

  def parse(text):
    for v in values:
      if v == text or (not case_sensitive and v.lower() == str(text).lower()):
        return v
    raise ValueError("value should be one of <%s>" % "|".join(values))

  return flag_values._define(Flag(name, default, help, parse, "enum", **args))  # pylint: disable=protected-access


@_export("DEFINE_multi_string")
def DEFINE_multi_string(name, default, help, flag_values=FLAGS, **args):  # pylint: disable=redefined-builtin,invalid-name
  def parse(text):
    return list(text) if isinstance(text, (list, tuple)) else [text]
  return flag_values._define(Flag(name, default, help, parse, "multi_string", multi=True,  # pylint: disable=protected-access
                                  **args))


@_export("DEFINE_multi_integer")
def DEFINE_multi_integer(name, default, help, flag_values=FLAGS, **args):  # pylint: disable=redefined-builtin,invalid-name
  def parse(text):
    items = text if isinstance(text, (list, tuple)) else [text]
    return [int(i) for i in items]
  return flag_values._define(Flag(name, default, help, parse, "multi_int", multi=True,  # pylint: disable=protected-access
                                  **args))


@_export("mark_flag_as_required")
def mark_flag_as_required(flag_name, flag_values=FLAGS):
  if flag_values[flag_name].default is not None:
    import warnings  # pylint: disable=g-import-not-at-top
    warnings.warn("Flag --%s has a non-None default value; therefore, mark_flag_as_required "
                  "will pass even if flag is not specified in the command line!" % flag_name)
  flag_values.__dict__["_required"].append(flag_name)


@_export("mark_flags_as_required")
def mark_flags_as_required(flag_names, flag_values=FLAGS):
  for name in flag_names:
    mark_flag_as_required(name, flag_values)


@_export("register_validator")
def register_validator(flag_name, checker, message="Flag validation failed",
                       flag_values=FLAGS):
  flag_values[flag_name].validators.append((checker, message))


for _n in ("Error", "UnrecognizedFlagError", "IllegalFlagValueError", "DuplicateFlagError",
           "FlagValues", "Flag"):
  _export(_n).export_constant(__name__, _n)
del _n
