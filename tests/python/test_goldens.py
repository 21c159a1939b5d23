"""Values and static shapes of graph snippets, compared with goldens written by real TensorFlow
(tools/make_goldens.py)."""
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


# Case files whose values and static shapes are compared here (others have their own tests).
_STEMS = ("foundation", "shape_folding")
_LOADED = {stem: _load(stem) for stem in _STEMS}
MOD, META, ARRAYS = _LOADED["foundation"]


def _tolerance(dtype):
    if dtype in ("float16", "bfloat16"):
        return 1e-3, 1e-3
    if dtype == "float32":
        return 2e-6, 1e-6
    return 1e-12, 1e-12


@pytest.mark.parametrize("stem,case", [(stem, case) for stem in _STEMS
                                       for case in sorted(_LOADED[stem][0].CASES)])
def test_case_matches_tensorflow(stem, case):
    MOD, META, ARRAYS = _LOADED[stem]  # pylint: disable=redefined-outer-name,invalid-name
    g = tf.Graph()
    with g.as_default():
        fetches = MOD.CASES[case](tf)
        feeds = {g.get_tensor_by_name(k): v
                 for k, v in getattr(MOD, "FEEDS", {}).get(case, {}).items()}
        with tf.Session(graph=g) as sess:
            values = sess.run(fetches, feed_dict=feeds)
    expected_meta = META["cases"][case]
    assert sorted(fetches) == sorted(expected_meta)
    for key, tensor in fetches.items():
        want = expected_meta[key]
        got_shape = None if tensor.shape.ndims is None else [
            -1 if d is None else d for d in tensor.shape.as_list()]
        assert got_shape == want["shape"], (key, got_shape, want["shape"])
        assert tensor.dtype.name == want["dtype"], (key, tensor.dtype.name)
        expected = ARRAYS[case + "/" + key]
        got = np.asarray(values[key])
        assert got.shape == expected.shape, (key, got.shape, expected.shape)
        if expected.dtype.kind in "fc":
            rtol, atol = _tolerance(want["dtype"])
            np.testing.assert_allclose(got.astype(expected.dtype), expected, rtol=rtol,
                                       atol=atol, err_msg=key)
        else:
            np.testing.assert_array_equal(got, expected, err_msg=key)
