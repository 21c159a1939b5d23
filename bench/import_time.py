"""Time to `import tensorflow` in a fresh interpreter (median of several runs).

Bytecode may be written and reused (as after a pip install, which compiles it) even where the
environment sets PYTHONDONTWRITEBYTECODE: otherwise a run from a source tree would time Python
compiling every module.
"""
import json
import os
import statistics
import subprocess
import sys


def main(reps=7):
    code = ("import time; t=time.perf_counter(); import tensorflow; "
            "print(time.perf_counter()-t)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", "import tensorflow"], capture_output=True, check=True,
                   cwd="/", env=env)  # writes the bytecode once
    samples = []
    for _ in range(reps):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, cwd="/", env=env)
        samples.append(float(out.stdout.strip().splitlines()[-1]))
    name = subprocess.run([sys.executable, "-c",
                           "import sys, tensorflow as t; print('tfclassic' if 'tfclassic' in "
                           "sys.modules else 'tensorflow '+t.__version__)"],
                          capture_output=True, text=True, check=True, cwd="/").stdout.strip()
    print(json.dumps({"bench": "import_seconds", "impl": name.splitlines()[-1],
                      "median": round(statistics.median(samples), 3),
                      "min": round(min(samples), 3)}))


if __name__ == "__main__":
    main()
