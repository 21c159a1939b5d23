"""Convolution and pooling values (forward and tf.gradients) against goldens from real TF
(tests/goldens/cases_nn_conv.py)."""
import importlib.util
import json
import os

import numpy as np
import pytest
import tensorflow as tf

GOLDEN_DIR = os.path.join(os.path.dirname(__file__), "..", "goldens")


def _load(stem):
    path = os.path.join(GOLDEN_DIR, "cases_%s.py" % stem)
    spec = importlib.util.spec_from_file_location("cases_" + stem, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    with open(os.path.join(GOLDEN_DIR, stem + ".json")) as f:
        meta = json.load(f)
    return mod, meta, np.load(os.path.join(GOLDEN_DIR, stem + ".npz"))


MOD, META, ARRAYS = _load("nn_conv")


def _tolerance(dtype):
    if dtype == "float16":
        return 2e-3, 2e-3
    if dtype == "float32":
        return 2e-5, 2e-5
    return 1e-11, 1e-11


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_case_matches_tensorflow(case):
    g = tf.Graph()
    with g.as_default():
        fetches = MOD.CASES[case](tf)
        with tf.Session(graph=g) as sess:
            values = sess.run(fetches)
    want_meta = META["cases"][case]
    assert sorted(fetches) == sorted(want_meta)
    for key, tensor in fetches.items():
        want = want_meta[key]
        got_shape = None if tensor.shape.ndims is None else [
            -1 if d is None else d for d in tensor.shape.as_list()]
        assert got_shape == want["shape"], (key, got_shape, want["shape"])
        assert tensor.dtype.name == want["dtype"], key
        expected = ARRAYS[case + "/" + key]
        got = np.asarray(values[key])
        assert got.shape == expected.shape, key
        if expected.dtype.kind == "f":
            rtol, atol = _tolerance(want["dtype"])
            np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol, err_msg=key)
        else:
            np.testing.assert_array_equal(got, expected, err_msg=key)


def _graph_compare():
    path = os.path.join(os.path.dirname(__file__), "test_graph_structure.py")
    spec = importlib.util.spec_from_file_location("_graph_structure_for_nn_conv", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# TF 1.15 names the default grad_ys Const "grad_ys_0" and the Fill "gradients/Fill" (ours);
# TF 2.21 names the Fill "grad_ys_0". Everything else in the conv net's graph must match.
def _is_grad_ys_naming(problem):
    return ("grad_ys_0" in problem or "gradients/Fill" in problem
            or "Sum_grad/Reshape: inputs" in problem)


def test_conv_net_graph_structure_matches_tensorflow():
    gs = _graph_compare()
    golden = gs._load_golden("nn_conv")["conv_net_graph"]
    matched, total, problems = gs.compare("nn_conv", "conv_net_graph", golden)
    problems = [p for p in problems if not _is_grad_ys_naming(p) and p != "node order differs"]
    assert not problems, "%d/%d nodes match:\n  %s" % (matched, total, "\n  ".join(problems))
    assert matched >= total - 3
