"""Time to `import tensorflow` in a fresh interpreter (median of several runs)."""
import json
import statistics
import subprocess
import sys


def main(reps=7):
    code = ("import time; t=time.perf_counter(); import tensorflow; "
            "print(time.perf_counter()-t)")
    samples = []
    for _ in range(reps):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, cwd="/")
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
