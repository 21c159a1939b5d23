"""The RandomGamma gradient w.r.t. alpha (implicit reparameterization) and RandomGammaGrad
itself, against TF within float tolerance. Samples use an explicit graph and op seed, so they
are TF's own (bit-identical RandomGamma); the gradient graph is TF 1.15's random_grad.py."""
import numpy as np


def gradients(tf):
  tf.set_random_seed(17)
  out = {}
  for name, dt in [("f32", tf.float32), ("f64", tf.float64)]:
    alpha = tf.constant([[0.3, 1.0, 4.5], [12.0, 0.05, 2.0]], dtype=dt)
    s = tf.random_gamma([5, 2], alpha, dtype=dt, seed=3)
    out[name + "_sample"] = s
    out[name + "_dalpha"] = tf.gradients(tf.reduce_sum(s * s), alpha)[0]
    beta = tf.constant([2.0, 0.5, 1.5], dtype=dt)
    sb = tf.random_gamma([4], alpha, beta=beta, dtype=dt, seed=5)
    out[name + "_beta_sample"] = sb
    out[name + "_beta_dalpha"] = tf.gradients(tf.reduce_mean(sb), alpha)[0]
    a_scalar = tf.constant(2.5, dtype=dt)
    ss = tf.random_gamma([3, 4], a_scalar, dtype=dt, seed=7)
    out[name + "_scalar_dalpha"] = tf.gradients(ss, a_scalar)[0]
    # alpha broadcast against a larger beta: the grad reduces over beta's extra dims too.
    a_vec = tf.constant([0.7, 3.0], dtype=dt)
    sv = tf.random_gamma([6], a_vec, beta=tf.constant([[1.0], [2.0], [4.0]], dtype=dt),
                         dtype=dt, seed=9)
    out[name + "_bcast_dalpha"] = tf.gradients(tf.reduce_sum(sv), a_vec)[0]
  return out


def direct(tf):
  del tf
  from tensorflow.python.framework import constant_op  # pylint: disable=g-import-not-at-top
  from tensorflow.python.ops import gen_random_ops  # pylint: disable=g-import-not-at-top
  alphas = np.array([0.01, 0.1, 0.5, 1.0, 2.0, 5.0, 30.0, 150.0])
  samples = np.array([1e-30, 1e-5, 0.02, 0.4, 1.0, 1.7, 4.0, 9.0, 25.0, 160.0])
  out = {}
  for name, dt in [("f32", np.float32), ("f64", np.float64)]:
    a = constant_op.constant(alphas.astype(dt).reshape(-1, 1))
    x = constant_op.constant(samples.astype(dt).reshape(1, -1))
    out[name] = gen_random_ops.random_gamma_grad(a, x)
  return out


def graph_structure(tf):
  alpha = tf.constant([1.0, 2.0])
  s = tf.random_gamma([3], alpha, seed=1)
  return {"dalpha": tf.gradients(s, alpha)[0]}


CASES = {"gradients": gradients, "direct": direct, "graph_structure": graph_structure}
FEEDS = {}
