"""tf.losses programs: values and GraphDefs compared against real TensorFlow
(tests/python/test_losses.py). Each case returns a dict of tensors needing no initialization.
"""
import numpy as np

_P = np.array([[0.1, 0.8, 0.3], [0.6, 0.2, 0.9], [0.4, 0.5, 0.05], [0.7, 0.3, 0.6]],
              np.float32)
_L = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]],
              np.float32)
_LOGITS = np.array([[1.5, -0.3, 0.2], [-2.0, 0.7, 1.1], [0.3, 0.3, -1.2],
                    [2.2, -0.8, 0.4]], np.float32)


def _reductions(tf, fn, **kw):
    r = tf.losses.Reduction
    out = {}
    for key in ("NONE", "SUM", "MEAN", "SUM_OVER_BATCH_SIZE", "SUM_BY_NONZERO_WEIGHTS"):
        out[key] = fn(reduction=getattr(r, key), **kw)
    return out


def mse_reductions(tf):
    labels = tf.constant(_L)
    preds = tf.constant(_P)
    w = tf.constant([[1.0], [0.0], [2.0], [0.5]])
    out = _reductions(tf, lambda **kw: tf.losses.mean_squared_error(labels, preds, **kw))
    out.update({"w_" + k: v for k, v in _reductions(
        tf, lambda **kw: tf.losses.mean_squared_error(labels, preds, weights=w, **kw)).items()})
    out["scalar_w"] = tf.losses.mean_squared_error(labels, preds, weights=2.0)
    out["n_losses"] = tf.constant(len(tf.losses.get_losses()))
    return out


def mse_graph(tf):
    labels = tf.placeholder(tf.float32, [4, 3], name="labels")
    preds = tf.constant(_P)
    loss = tf.losses.mean_squared_error(labels, preds)
    loss2 = tf.losses.mean_squared_error(labels, preds, weights=tf.constant([[1.0, 0.0, 2.0]]),
                                         scope="mse2")
    return {"loss_shape": tf.shape(loss), "loss2_shape": tf.shape(loss2)}


def elementwise_losses(tf):
    labels = tf.constant(_L)
    preds = tf.constant(_P)
    w = tf.constant([[1.0, 0.0, 2.0]])
    return {
        "abs": tf.losses.absolute_difference(labels, preds),
        "abs_w": tf.losses.absolute_difference(labels, preds, weights=w),
        "huber": tf.losses.huber_loss(labels, preds * 4.0 - 1.0, delta=0.7),
        "huber_sum": tf.losses.huber_loss(labels, preds * 4.0 - 1.0,
                                          reduction=tf.losses.Reduction.SUM),
        "log": tf.losses.log_loss(labels, preds),
        "log_w": tf.losses.log_loss(labels, preds, weights=w, epsilon=1e-3),
        "hinge": tf.losses.hinge_loss(labels, preds * 3.0 - 1.5),
        "hinge_none": tf.losses.hinge_loss(labels, preds * 3.0 - 1.5,
                                           reduction=tf.losses.Reduction.NONE),
    }


def cosine_and_pairwise(tf):
    a = tf.nn.l2_normalize(tf.constant(_P), axis=1)
    b = tf.nn.l2_normalize(tf.constant(_L + 0.1), axis=1)
    return {
        "cos": tf.losses.cosine_distance(b, a, axis=1),
        "cos_dim": tf.losses.cosine_distance(b, a, dim=1, reduction=tf.losses.Reduction.NONE),
        "cos_w": tf.losses.cosine_distance(b, a, axis=1, weights=tf.constant([[1.], [0.], [2.],
                                                                            [1.]])),
        "pairwise": tf.losses.mean_pairwise_squared_error(tf.constant(_L), tf.constant(_P)),
        "pairwise_w": tf.losses.mean_pairwise_squared_error(
            tf.constant(_L), tf.constant(_P), weights=tf.constant([[1.], [0.], [2.], [1.]])),
    }


def sigmoid_xent(tf):
    labels = tf.constant(_L)
    logits = tf.constant(_LOGITS)
    return {
        "plain": tf.losses.sigmoid_cross_entropy(labels, logits),
        "smooth": tf.losses.sigmoid_cross_entropy(labels, logits, label_smoothing=0.2),
        "weighted": tf.losses.sigmoid_cross_entropy(labels, logits,
                                                    weights=tf.constant([[1.], [2.], [0.], [1.]])),
    }


def softmax_xent(tf):
    labels = tf.constant(_L[:, :2] * 0 + np.eye(2, dtype=np.float32)[[0, 1, 1, 0]])
    logits = tf.constant(_LOGITS[:, :2])
    return {
        "plain": tf.losses.softmax_cross_entropy(labels, logits),
        "smooth": tf.losses.softmax_cross_entropy(labels, logits, label_smoothing=0.1),
        "weighted": tf.losses.softmax_cross_entropy(labels, logits,
                                                    weights=tf.constant([1., 2., 0., 1.])),
    }


def sparse_softmax_xent(tf):
    labels = tf.constant([0, 2, 1, 1])
    logits = tf.constant(_LOGITS)
    return {
        "plain": tf.losses.sparse_softmax_cross_entropy(labels, logits),
        "squeeze": tf.losses.sparse_softmax_cross_entropy(tf.constant([[0], [2], [1], [1]]),
                                                          logits),
        "weighted": tf.losses.sparse_softmax_cross_entropy(
            labels, logits, weights=tf.constant([[1.], [2.], [0.], [1.]])),
    }


def collections(tf):
    x = tf.constant(_P)
    tf.add_to_collection(tf.GraphKeys.REGULARIZATION_LOSSES, tf.constant(0.25, name="r"))
    l1 = tf.losses.absolute_difference(x, tf.constant(_L))
    tf.losses.mean_squared_error(x, tf.constant(_L), loss_collection="other")
    tf.losses.add_loss(tf.constant(2.0))
    tf.losses.add_loss(tf.constant(5.0), loss_collection=None)
    return {
        "l1": l1,
        "n_losses": tf.constant(len(tf.losses.get_losses())),
        "n_other": tf.constant(len(tf.losses.get_losses(loss_collection="other"))),
        "n_reg": tf.constant(len(tf.losses.get_regularization_losses())),
        "empty_reg": tf.losses.get_regularization_loss(scope="nothing"),
        "total_no_reg": tf.losses.get_total_loss(add_regularization_losses=False),
        "total": tf.losses.get_total_loss(),
        "reg": tf.losses.get_regularization_loss(),
    }


CASES = {f.__name__: f for f in (mse_reductions, mse_graph, elementwise_losses,
                                  cosine_and_pairwise, sigmoid_xent, softmax_xent,
                                  sparse_softmax_xent, collections)}
FEEDS = {"mse_graph": {"labels:0": _L}}
