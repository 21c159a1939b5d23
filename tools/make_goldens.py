"""Writes golden files from real TensorFlow (run in a separate venv that has `tensorflow-cpu`).

    python -m venv /tmp/tfref && /tmp/tfref/bin/pip install tensorflow-cpu tf-keras
    /tmp/tfref/bin/python tools/make_goldens.py

(tf-keras: TF 2.x keeps TF1's tf.layers in the legacy Keras package, TF_USE_LEGACY_KERAS=1.)

For every case in tests/goldens/cases_*.py it stores each fetched value (goldens/<module>.npz)
and each tensor's static shape and dtype (goldens/<module>.json), plus the TF version; and the
structure of each case's GraphDef (goldens/<module>_graphs.json: per node its name, op, inputs,
sorted attr names and attr values; see graph_structure()).
Goldens are only ever written by this script.
"""
import importlib.util
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN_DIR = os.path.join(HERE, "..", "tests", "goldens")


def load_cases(path):
    spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# Const tensors with at most this many elements keep their values in the structure golden.
_MAX_TENSOR_VALUES = 32


def _tensor_summary(t):
    """dtype enum, shape and (small tensors only) the values of a TensorProto, independent of
    how the proto encodes them (tensor_content or the typed *_val fields)."""
    import numpy as np
    shape = [d.size for d in t.tensor_shape.dim]
    out = {"dtype": int(t.dtype), "shape": shape}
    n = int(np.prod(shape)) if shape else 1
    if n > _MAX_TENSOR_VALUES:
        return out
    numeric = {1: np.float32, 2: np.float64, 3: np.int32, 4: np.uint8, 5: np.int16, 6: np.int8,
               9: np.int64, 10: np.bool_, 17: np.uint16, 22: np.uint32, 23: np.uint64}
    if t.dtype == 7:  # DT_STRING
        vals = [v.decode("latin-1") for v in t.string_val]
    elif t.dtype in numeric and t.tensor_content:
        vals = np.frombuffer(t.tensor_content, dtype=numeric[t.dtype]).tolist()
    elif t.dtype in numeric:
        field = {1: "float_val", 2: "double_val", 9: "int64_val", 10: "bool_val",
                 22: "uint32_val", 23: "uint64_val"}.get(t.dtype, "int_val")
        vals = list(getattr(t, field))
    else:
        return out
    if n and len(vals) < n:  # a repeated last value may be elided
        vals = vals + [vals[-1] if vals else 0] * (n - len(vals))
    out["values"] = [v if not isinstance(v, float) else round(v, 6) for v in vals]
    return out


def _attr_value(v):
    """A JSON-friendly form of an AttrValue; tensors are summarised by _tensor_summary."""
    kind = v.WhichOneof("value")
    if kind == "list":
        lst = v.list
        return {"list": {f: ([_shape(x) for x in getattr(lst, f)] if f == "shape" else
                             [_tensor_summary(x) for x in getattr(lst, f)] if f == "tensor" else
                             [x.decode("latin-1") if isinstance(x, bytes) else
                              (int(x) if f == "type" else x) for x in getattr(lst, f)])
                         for f in ("s", "i", "f", "b", "type", "shape", "tensor")
                         if len(getattr(lst, f))}}
    if kind == "s":
        return {"s": v.s.decode("latin-1")}
    if kind == "shape":
        return {"shape": _shape(v.shape)}
    if kind == "tensor":
        return {"tensor": _tensor_summary(v.tensor)}
    if kind == "func":
        return {"func": v.func.name}
    if kind == "type":
        return {"type": int(v.type)}
    if kind == "f":
        return {"f": round(v.f, 6)}
    return {kind: getattr(v, kind)} if kind else {}


def _shape(s):
    return None if s.unknown_rank else [d.size for d in s.dim]


def graph_structure(graph_def):
    """The structure of a GraphDef as a list of nodes (in graph order):
    {"name", "op", "inputs", "attrs": sorted names, "values": {attr: value}} where values
    leave out `_output_shapes` and give Const tensors as dtype/shape/(small) values."""
    nodes = []
    for n in graph_def.node:
        values = {k: _attr_value(v) for k, v in n.attr.items() if k != "_output_shapes"}
        nodes.append({"name": n.name, "op": n.op, "inputs": list(n.input),
                      "attrs": sorted(n.attr.keys()), "values": values})
    return nodes


def main(argv):
    """`make_goldens.py` regenerates everything; `make_goldens.py STEM ...` only those case files
    (cases_STEM.py), and `make_goldens.py examples` only the example outputs."""
    import numpy as np
    os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")  # tf.layers under TF 2.x
    # TF's own CPU kernels, as TF 1.15's pip package used, rather than the oneDNN ones TF 2.x
    # picks by default.
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
    use_tf115_op_seeds()
    for name in sorted(os.listdir(GOLDEN_DIR)):
        if not (name.startswith("cases_") and name.endswith(".py")):
            continue
        stem = name[len("cases_"):-3]
        if argv and stem not in argv:
            continue
        mod = load_cases(os.path.join(GOLDEN_DIR, name))
        arrays, meta = {}, {"tensorflow_version": tf.__version__, "cases": {}}
        graphs = {"tensorflow_version": tf.__version__, "cases": {}}
        for case, fn in sorted(getattr(mod, "FILE_CASES", {}).items()):
            # Cases that write files (checkpoints, graphs) with real TF, kept as goldens in
            # <stem>_files/<case>/.
            outdir = os.path.join(GOLDEN_DIR, stem + "_files", case)
            shutil.rmtree(outdir, ignore_errors=True)
            os.makedirs(outdir)
            with tf.Graph().as_default():
                fn(tf, outdir)
            print("wrote files for", stem, case)
        if not hasattr(mod, "CASES"):
            continue
        for case, fn in sorted(mod.CASES.items()):
            g = tf.Graph()
            with g.as_default():
                fetches = fn(tf)
                feeds = {g.get_tensor_by_name(k): v
                         for k, v in getattr(mod, "FEEDS", {}).get(case, {}).items()}
                graphs["cases"][case] = graph_structure(g.as_graph_def())
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
        with open(os.path.join(GOLDEN_DIR, stem + "_graphs.json"), "w") as f:
            json.dump(graphs, f, indent=0, sort_keys=True)
        print("wrote goldens for", stem, "from TensorFlow", tf.__version__)
    if not argv or "examples" in argv:
        run_examples(tf)


def use_tf115_op_seeds():
    """TF 2.x derives a graph-seeded op's missing op seed from a per-graph counter; TF 1.15 (the
    behaviour we reproduce) from the number of ops created so far. Restores the 1.15 rule in
    real TensorFlow, so programs that set only the graph seed print 1.15's numbers."""
    from tensorflow.python.framework import ops, random_seed  # real TensorFlow
    original = random_seed.get_seed
    if getattr(original, "_tf115", False):
        return

    def get_seed(op_seed):
        g = ops.get_default_graph()
        if g.seed is not None and op_seed is None:
            op_seed = len(g.get_operations())
        return original(op_seed)
    get_seed._tf115 = True
    random_seed.get_seed = get_seed


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
        tf.reset_default_graph()  # each program starts from an empty graph, as in its own process
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
    sys.exit(main(sys.argv[1:]))
