"""Writes golden files from real TensorFlow (run in a separate venv that has `tensorflow-cpu`).

    python -m venv /tmp/tfref && /tmp/tfref/bin/pip install tensorflow-cpu
    /tmp/tfref/bin/python tools/make_goldens.py

For every case in tests/goldens/cases_*.py it stores each fetched value (goldens/<module>.npz)
and each tensor's static shape and dtype (goldens/<module>.json), plus the TF version.
Goldens are only ever written by this script.
"""
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN_DIR = os.path.join(HERE, "..", "tests", "goldens")


def load_cases(path):
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    import numpy as np
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
    for name in sorted(os.listdir(GOLDEN_DIR)):
        if not (name.startswith("cases_") and name.endswith(".py")):
            continue
        mod = load_cases(os.path.join(GOLDEN_DIR, name))
        stem = name[len("cases_"):-3]
        arrays, meta = {}, {"tensorflow_version": tf.__version__, "cases": {}}
        for case, fn in sorted(mod.CASES.items()):
            g = tf.Graph()
            with g.as_default():
                fetches = fn(tf)
                feeds = {g.get_tensor_by_name(k): v
                         for k, v in getattr(mod, "FEEDS", {}).get(case, {}).items()}
                with tf.Session(graph=g) as sess:
                    values = sess.run(fetches, feed_dict=feeds)
            meta["cases"][case] = {
                k: {"shape": None if t.shape.ndims is None else
                    [d if d is not None else -1 for d in t.shape.as_list()],
                    "dtype": t.dtype.name}
                for k, t in fetches.items()}
            for k, v in values.items():
                arrays[case + "/" + k] = np.asarray(v)
        np.savez(os.path.join(GOLDEN_DIR, stem + ".npz"), **arrays)
        with open(os.path.join(GOLDEN_DIR, stem + ".json"), "w") as f:
            json.dump(meta, f, indent=1, sort_keys=True)
        print("wrote goldens for", stem, "from TensorFlow", tf.__version__)
    run_examples(tf)


def run_examples(tf):
    """Runs each program in examples/ under real TensorFlow and keeps its standard output."""
    import contextlib
    import io
    import runpy
    examples = os.path.join(HERE, "..", "examples")
    sys.modules["tensorflow"] = tf  # the programs say `import tensorflow as tf`
    for name in sorted(os.listdir(examples)):
        if not name.endswith(".py"):
            continue
        out = io.StringIO()
        argv, sys.argv = sys.argv, [name]
        try:
            with contextlib.redirect_stdout(out):
                try:
                    runpy.run_path(os.path.join(examples, name), run_name="__main__")
                except SystemExit as e:
                    if e.code not in (None, 0):
                        raise
        finally:
            sys.argv = argv
        with open(os.path.join(GOLDEN_DIR, "example_" + name[:-3] + ".txt"), "w") as f:
            f.write(out.getvalue())
        print("wrote example output for", name)


if __name__ == "__main__":
    sys.exit(main())
