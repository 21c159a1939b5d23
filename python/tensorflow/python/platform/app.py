"""tf.app.run: parse the flags, then call main(argv) and exit with its result."""

import sys as _sys

from tensorflow.python.platform import flags
from tensorflow.python.util.tf_export import tf_export


def _parse_flags_tolerate_undef(argv):
  """Unknown arguments stay in argv for main(), as TF 1.15 does."""
  return flags.FLAGS(_sys.argv if argv is None else argv, known_only=True)


@tf_export(v1=["app.run"])
def run(main=None, argv=None):
  """Runs `main` (or __main__.main) with the arguments flags did not consume."""
  args = _parse_flags_tolerate_undef(argv)
  main = main or _sys.modules["__main__"].main
  _sys.exit(main(args))
