"""The programs in examples/ run unmodified and print what real TensorFlow printed."""
import os
import subprocess
import sys

import pytest
from op_test_util import subprocess_env

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
EXAMPLES = sorted(n for n in os.listdir(os.path.join(ROOT, "examples")) if n.endswith(".py"))


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_output_matches_tensorflow(name):
    with open(os.path.join(ROOT, "tests", "goldens", "example_" + name[:-3] + ".txt")) as f:
        expected = f.read()
    # The tests' own working directory keeps `python/` off sys.path, so this runs the
    # installed package just as a user would.
    env = subprocess_env()
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "examples", name)],
                          capture_output=True, text=True, timeout=300, env=env,
                          cwd=os.path.dirname(os.path.abspath(__file__)))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == expected
