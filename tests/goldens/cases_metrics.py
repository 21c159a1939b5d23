"""tf.metrics programs against real TensorFlow (tests/python/test_metrics.py).

CASES build metrics (their GraphDefs are compared) and fetch only constants. FILE_CASES run
each metric's update op over several batches fed through placeholders and keep every
update's result and the final value in <outdir>/values.npz.
"""
import os

import numpy as np

_RNG = np.random.RandomState(7)
_BATCHES = 3
_LABELS = _RNG.randint(0, 2, size=(_BATCHES, 6)).astype(np.int64)
_PROBS = np.round(_RNG.uniform(0, 1, size=(_BATCHES, 6)), 3).astype(np.float32)
_WEIGHTS = np.round(_RNG.uniform(0, 2, size=(_BATCHES, 6)), 2).astype(np.float32)
_REG_LABELS = _RNG.normal(size=(_BATCHES, 6, 1)).astype(np.float32)
_REG_PREDS = _RNG.normal(size=(_BATCHES, 6, 1)).astype(np.float32)
_CLASS_LABELS = _RNG.randint(0, 4, size=(_BATCHES, 6)).astype(np.int32)
_CLASS_PREDS = _RNG.randint(0, 4, size=(_BATCHES, 6)).astype(np.int32)


def _metrics(tf):
    """name -> (value, update_op) over the placeholders; returns (metrics, placeholders)."""
    ph = {
        "labels": tf.placeholder(tf.int64, [6], name="labels"),
        "probs": tf.placeholder(tf.float32, [6], name="probs"),
        "weights": tf.placeholder(tf.float32, [6], name="weights"),
        "reg_labels": tf.placeholder(tf.float32, [6, 1], name="reg_labels"),
        "reg_preds": tf.placeholder(tf.float32, [6, 1], name="reg_preds"),
        "class_labels": tf.placeholder(tf.int32, [6], name="class_labels"),
        "class_preds": tf.placeholder(tf.int32, [6], name="class_preds"),
    }
    labels, probs, w = ph["labels"], ph["probs"], ph["weights"]
    preds = tf.cast(probs > 0.5, tf.int64)
    m = tf.metrics
    unit = tf.nn.l2_normalize(ph["reg_preds"] * [[1.0, 2.0]], axis=1)
    unit_l = tf.nn.l2_normalize(ph["reg_labels"] * [[2.0, -1.0]] + 0.1, axis=1)
    metrics = {
        "accuracy": m.accuracy(labels, preds),
        "accuracy_w": m.accuracy(labels, preds, weights=w),
        "mean": m.mean(probs),
        "mean_w": m.mean(probs, weights=w),
        "mean_tensor": m.mean_tensor(ph["reg_preds"]),
        "mean_tensor_w": m.mean_tensor(ph["reg_preds"], weights=tf.expand_dims(w, 1)),
        "precision": m.precision(labels, preds),
        "precision_w": m.precision(labels, preds, weights=w),
        "recall": m.recall(labels, preds),
        "tp": m.true_positives(labels, preds),
        "fp": m.false_positives(labels, preds, weights=w),
        "tn": m.true_negatives(labels, preds),
        "fn": m.false_negatives(labels, preds),
        "tp_th": m.true_positives_at_thresholds(labels, probs, [0.2, 0.5, 0.8]),
        "fp_th": m.false_positives_at_thresholds(labels, probs, [0.2, 0.5, 0.8], weights=w),
        "tn_th": m.true_negatives_at_thresholds(labels, probs, [0.2, 0.5, 0.8]),
        "fn_th": m.false_negatives_at_thresholds(labels, probs, [0.2, 0.5, 0.8]),
        "precision_th": m.precision_at_thresholds(labels, probs, [0.3, 0.6]),
        "recall_th": m.recall_at_thresholds(labels, probs, [0.3, 0.6]),
        "auc_roc": m.auc(labels, probs),
        "auc_roc_w": m.auc(labels, probs, weights=w, num_thresholds=50),
        "auc_pr": m.auc(labels, probs, curve="PR", num_thresholds=30),
        "auc_pr_careful": m.auc(labels, probs, curve="PR", summation_method="careful_interpolation"),
        "auc_minoring": m.auc(labels, probs, summation_method="minoring"),
        "auc_majoring": m.auc(labels, probs, summation_method="majoring", thresholds=[0.3, 0.5]),
        "mae": m.mean_absolute_error(ph["reg_labels"], ph["reg_preds"]),
        "mse": m.mean_squared_error(ph["reg_labels"], ph["reg_preds"], weights=w),
        "rmse": m.root_mean_squared_error(ph["reg_labels"], ph["reg_preds"]),
        "mre": m.mean_relative_error(ph["reg_labels"], ph["reg_preds"],
                                     normalizer=ph["reg_labels"]),
        "cosine": m.mean_cosine_distance(unit_l, unit, dim=1),
        "below": m.percentage_below(probs, 0.4),
        "mean_iou": m.mean_iou(ph["class_labels"], ph["class_preds"], num_classes=4),
        "mean_iou_w": m.mean_iou(ph["class_labels"], ph["class_preds"], num_classes=4,
                                 weights=w),
        "per_class_acc": m.mean_per_class_accuracy(ph["class_labels"], ph["class_preds"], 4),
    }
    return metrics, ph


def _feed(ph, i):
    return {ph["labels"]: _LABELS[i], ph["probs"]: _PROBS[i], ph["weights"]: _WEIGHTS[i],
            ph["reg_labels"]: _REG_LABELS[i], ph["reg_preds"]: _REG_PREDS[i],
            ph["class_labels"]: _CLASS_LABELS[i], ph["class_preds"]: _CLASS_PREDS[i]}


def streaming_values(tf, outdir):
    metrics, ph = _metrics(tf)
    out = {}
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        for i in range(_BATCHES):
            ups = sess.run({k: v[1] for k, v in metrics.items()}, feed_dict=_feed(ph, i))
            for k, v in ups.items():
                out["%s/update_%d" % (k, i)] = v
        for k, v in sess.run({k: v[0] for k, v in metrics.items()}).items():
            out[k + "/value"] = v
        out["local_variable_names"] = np.array(
            sorted(v.op.name for v in tf.local_variables()))
        out["metric_variable_names"] = np.array(
            sorted(v.op.name for v in tf.get_collection(tf.GraphKeys.METRIC_VARIABLES)))
    np.savez(os.path.join(outdir, "values.npz"), **out)


FILE_CASES = {"streaming_values": streaming_values}


def mean_graph(tf):
    values = tf.placeholder(tf.float32, [4], name="values")
    w = tf.placeholder(tf.float32, [4, 1], name="w")
    tf.metrics.mean(values, metrics_collections=["mc"], updates_collections=["uc"])
    tf.metrics.mean(values, weights=w, name="wmean")
    return {"n_mc": tf.constant(len(tf.get_collection("mc"))),
            "n_uc": tf.constant(len(tf.get_collection("uc"))),
            "n_local": tf.constant(len(tf.local_variables()))}


def accuracy_graph(tf):
    labels = tf.placeholder(tf.int32, [4, 1], name="labels")
    preds = tf.placeholder(tf.int64, [4], name="preds")
    tf.metrics.accuracy(labels, preds)
    tf.metrics.accuracy(labels, preds, weights=tf.constant([1.0, 0.0, 2.0, 1.0]))
    return {"n_local": tf.constant(len(tf.local_variables()))}


def counts_graph(tf):
    labels = tf.placeholder(tf.bool, [4], name="labels")
    preds = tf.placeholder(tf.bool, [4], name="preds")
    tf.metrics.true_positives(labels, preds)
    tf.metrics.false_negatives(labels, preds, weights=tf.constant([1.0, 0.0, 2.0, 1.0]))
    tf.metrics.precision(labels, preds)
    tf.metrics.recall(labels, preds)
    return {"n_local": tf.constant(len(tf.local_variables()))}


def thresholds_graph(tf):
    labels = tf.placeholder(tf.bool, [4], name="labels")
    probs = tf.placeholder(tf.float32, [4], name="probs")
    tf.metrics.auc(labels, probs, num_thresholds=5)
    tf.metrics.precision_at_thresholds(labels, probs, [0.5])
    return {"n_local": tf.constant(len(tf.local_variables()))}


def regression_graph(tf):
    labels = tf.placeholder(tf.float32, [4], name="labels")
    preds = tf.placeholder(tf.float32, [4], name="preds")
    tf.metrics.mean_absolute_error(labels, preds)
    tf.metrics.root_mean_squared_error(labels, preds)
    tf.metrics.mean_tensor(preds)
    return {"n_local": tf.constant(len(tf.local_variables()))}


CASES = {f.__name__: f for f in (mean_graph, accuracy_graph, counts_graph, thresholds_graph,
                                  regression_graph)}
