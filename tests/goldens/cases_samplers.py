"""Candidate samplers, compute_accidental_hits, nce_loss and sampled_softmax_loss against real
TensorFlow: sampled ids and expected counts must be bit-identical for the same seeds (op seed,
graph seed, both), including repeated runs (the learned unigram samplers update their counts)
and a new session; the losses and their gradients are compared to float tolerance.

Real TF 2.x picks a graph-seeded op's missing op seed from a per-graph counter; TF 1.15 (our
spec) takes the graph's last op id; tools/make_goldens.py restores the 1.15 rule under real TF.
"""
import os
import tempfile

import numpy as np


def _gen():
  from tensorflow.python.ops import gen_candidate_sampling_ops  # pylint: disable=g-import-not-at-top
  return gen_candidate_sampling_ops


SEEDINGS = {"graph": (7, None), "op": (None, 11), "both": (3, 5)}

TRUE_CLASSES = np.array([[0, 3], [7, 1], [2, 2], [9, 4]], np.int64)
UNIGRAMS = [3.0, 1.0, 0.5, 7.0, 2.0, 2.0, 0.25, 4.0, 1.5, 6.0, 0.75, 1.0]
VOCAB_LINES = ["the,%d" % 50, "of,20", "and,x,13", "to,9", "a , 7 ", "in,5", "is,3",
               "it,2.5"]


def vocab_path():
  """A CSV vocabulary (last column = count) in the temp dir, written on first use."""
  path = os.path.join(tempfile.gettempdir(), "tfc_samplers_vocab.csv")
  with open(path, "w") as f:
    f.write("\n".join(VOCAB_LINES) + "\n")
  return path


def _runs(tf, build, graph_seed, runs=3):
  """{key/run<i>, key/new_session} of build's tensors."""
  g = tf.Graph()
  with g.as_default():
    if graph_seed is not None:
      tf.set_random_seed(graph_seed)
    fetches = build()
    with tf.Session(graph=g) as sess:
      results = [sess.run(fetches) for _ in range(runs)]
    with tf.Session(graph=g) as sess:
      fresh = sess.run(fetches)
  out = {}
  for k in sorted(fetches):
    for i, r in enumerate(results):
      out["%s/run%d" % (k, i + 1)] = tf.constant(np.asarray(r[k]))
    out[k + "/new_session"] = tf.constant(np.asarray(fresh[k]))
  return out


def _sampler_outputs(prefix, res):
  return {prefix + "/sampled": res[0], prefix + "/true_expected": res[1],
          prefix + "/sampled_expected": res[2]}


def _sampler_case(make):
  def case(tf):
    out = {}
    for seeding, (gs, os_) in sorted(SEEDINGS.items()):
      def build():
        r = {}
        for unique in (False, True):
          r.update(_sampler_outputs("%s_%s" % (seeding, "unique" if unique else "repeat"),
                                    make(tf, unique, os_)))
        return r
      out.update(_runs(tf, build, gs))
    return out
  return case


def _uniform(tf, unique, seed):
  return tf.nn.uniform_candidate_sampler(TRUE_CLASSES, 2, 6, unique, 10, seed=seed)


def _uniform_wide(tf, unique, seed):
  # range_max above 2^32: Uniform64 draws two words per try.
  return tf.random.uniform_candidate_sampler(TRUE_CLASSES, 2, 5, unique, 2**40 + 3, seed=seed)


def _log_uniform(tf, unique, seed):
  return tf.nn.log_uniform_candidate_sampler(TRUE_CLASSES, 2, 8, unique, 20, seed=seed)


def _learned(tf, unique, seed):
  return tf.nn.learned_unigram_candidate_sampler(TRUE_CLASSES, 2, 5, unique, 11, seed=seed)


def _thread_unsafe(tf, unique, seed):
  from tensorflow.python.framework import random_seed  # pylint: disable=g-import-not-at-top
  s1, s2 = random_seed.get_seed(seed)
  return _gen().thread_unsafe_unigram_candidate_sampler(TRUE_CLASSES, 2, 5, unique, 13,
                                                        seed=s1, seed2=s2)


def _fixed(tf, unique, seed):
  return tf.nn.fixed_unigram_candidate_sampler(TRUE_CLASSES, 2, 7, unique, 12,
                                               distortion=0.75, unigrams=UNIGRAMS, seed=seed)


def _fixed_sharded(tf, unique, seed):
  # 3 reserved ids then UNIGRAMS, shard 1 of 2: weights of ids 1 (reserved) and odd list slots.
  return tf.random.fixed_unigram_candidate_sampler(
      np.array([[1], [3], [0]], np.int64), 1, 4, unique, 7, num_reserved_ids=3, num_shards=2,
      shard=1, unigrams=UNIGRAMS, seed=seed)


def _fixed_vocab_ok(tf, unique, seed):
  # "and,x,13" keeps its last column (13), as TF's CSV reader does.
  return tf.nn.fixed_unigram_candidate_sampler(
      np.array([[0], [5]], np.int64), 1, 4, unique, len(VOCAB_LINES), vocab_file=vocab_path(),
      distortion=0.5, seed=seed)


def all_sampler(tf):
  r = tf.nn.all_candidate_sampler(TRUE_CLASSES, 2, 10, True, seed=3)
  return _sampler_outputs("all", r)


def accidental_hits(tf):
  true = np.array([[1, 4], [0, 9], [3, 3], [8, 2]], np.int64)
  sampled = np.array([4, 3, 7, 4, 1, 6, 0], np.int64)  # 4 repeats: its last position counts
  r = tf.nn.compute_accidental_hits(true, sampled, num_true=2)
  return {"indices": r[0], "ids": r[1], "weights": r[2]}


def learned_unigram_many_runs(tf):
  """Counts grow with every batch: ten runs of one op, so later batches see skewed weights."""
  def build():
    r = tf.nn.learned_unigram_candidate_sampler(
        np.array([[2, 2, 5]], np.int64), 3, 4, True, 6, seed=21)
    return _sampler_outputs("learned", r)
  return _runs(tf, build, None, runs=10)


# ---- losses --------------------------------------------------------------------------------
NUM_CLASSES, DIM, BATCH = 10, 4, 3


def _problem():
  rng = np.random.RandomState(123)
  weights = rng.randn(NUM_CLASSES, DIM).astype(np.float32)
  biases = rng.randn(NUM_CLASSES).astype(np.float32) * 0.5
  inputs = rng.randn(BATCH, DIM).astype(np.float32)
  return weights, biases, inputs


def _loss_case(tf, loss_fn, labels, num_true, shards=None, **kw):
  w_np, b_np, x_np = _problem()
  w = tf.constant(w_np, name="weights")
  b = tf.constant(b_np, name="biases")
  x = tf.constant(x_np, name="inputs")
  if shards == "mod":
    params = [tf.gather(w, [0, 3, 6, 9]), tf.gather(w, [1, 4, 7]), tf.gather(w, [2, 5, 8])]
  elif shards == "div":
    params = [w[:4], w[4:7], w[7:]]
  else:
    params = w
  loss = loss_fn(params, b, tf.constant(labels), x, num_sampled=5, num_classes=NUM_CLASSES,
                 num_true=num_true, partition_strategy=shards or "mod", **kw)
  gw, gb, gx = tf.gradients(tf.reduce_sum(loss), [w, b, x])
  return {"loss": loss, "grad_weights": tf.convert_to_tensor(gw),
          "grad_biases": tf.convert_to_tensor(gb), "grad_inputs": gx}


LABELS1 = np.array([[2], [7], [0]], np.int64)
LABELS2 = np.array([[2, 5], [7, 1], [0, 0]], np.int64)


def _losses(tf, name, loss_fn, **kw):
  out = {}
  for key, labels, num_true, shards in (("t1", LABELS1, 1, None), ("t2", LABELS2, 2, None),
                                        ("mod", LABELS1, 1, "mod"), ("div", LABELS2, 2, "div")):
    for seeding, (gs, os_) in sorted(SEEDINGS.items()):
      g = tf.Graph()
      with g.as_default():
        if gs is not None:
          tf.set_random_seed(gs)
        extra = dict(kw)
        if os_ is not None and name.startswith("sampled_softmax"):
          extra["seed"] = os_
        elif os_ is not None:
          extra["sampled_values"] = tf.nn.log_uniform_candidate_sampler(
              labels, num_true, 5, True, NUM_CLASSES, seed=os_)
        fetches = _loss_case(tf, loss_fn, labels, num_true, shards, **extra)
        with tf.Session(graph=g) as sess:
          vals = sess.run(fetches)
      for k, v in vals.items():
        out["%s_%s_%s/%s" % (name, key, seeding, k)] = tf.constant(np.asarray(v))
  return out


def nce_losses(tf):
  return _losses(tf, "nce", tf.nn.nce_loss)


def nce_losses_no_hits(tf):
  return _losses(tf, "nce_remove_hits", tf.nn.nce_loss, remove_accidental_hits=True)


def sampled_softmax_losses(tf):
  return _losses(tf, "sampled_softmax", tf.nn.sampled_softmax_loss)


def sampled_softmax_keep_hits(tf):
  return _losses(tf, "sampled_softmax_keep", tf.nn.sampled_softmax_loss,
                 remove_accidental_hits=False)


def given_samples(tf):
  """Fixed sampled_values with known accidental hits (2 and 7 are true classes)."""
  w_np, b_np, x_np = _problem()
  w, b, x = tf.constant(w_np), tf.constant(b_np), tf.constant(x_np)
  sampled = (tf.constant([2, 4, 7, 9, 1], tf.int64),
             tf.constant([[0.5], [0.25], [0.125]]),
             tf.constant([0.5, 0.1, 0.2, 0.3, 0.4]))
  out = {}
  for name, fn in (("nce", tf.nn.nce_loss), ("softmax", tf.nn.sampled_softmax_loss)):
    for hits in (False, True):
      loss = fn(w, b, tf.constant(LABELS1), x, 5, NUM_CLASSES, sampled_values=sampled,
                remove_accidental_hits=hits)
      gw, gb, gx = tf.gradients(tf.reduce_sum(loss), [w, b, x])
      key = "%s_%s" % (name, "remove" if hits else "keep")
      out.update({key + "/loss": loss, key + "/grad_weights": tf.convert_to_tensor(gw),
                  key + "/grad_biases": tf.convert_to_tensor(gb), key + "/grad_inputs": gx})
  return out


def graph_structure(tf):
  """The ops, names and wiring nce_loss and sampled_softmax_loss build."""
  tf.set_random_seed(1)
  w_np, b_np, x_np = _problem()
  w, b, x = tf.constant(w_np), tf.constant(b_np), tf.constant(x_np)
  nce = tf.nn.nce_loss(w, b, tf.constant(LABELS2), x, 5, NUM_CLASSES, num_true=2)
  ssm = tf.nn.sampled_softmax_loss(w, b, tf.constant(LABELS1), x, 4, NUM_CLASSES, seed=3)
  return {"nce": nce, "sampled_softmax": ssm}


CASES = {
    "uniform": _sampler_case(_uniform),
    "uniform_wide": _sampler_case(_uniform_wide),
    "log_uniform": _sampler_case(_log_uniform),
    "learned_unigram": _sampler_case(_learned),
    "thread_unsafe_unigram": _sampler_case(_thread_unsafe),
    "fixed_unigram": _sampler_case(_fixed),
    "fixed_unigram_sharded": _sampler_case(_fixed_sharded),
    "fixed_unigram_vocab": _sampler_case(_fixed_vocab_ok),
    "all_sampler": all_sampler,
    "accidental_hits": accidental_hits,
    "learned_unigram_many_runs": learned_unigram_many_runs,
    "nce_losses": nce_losses,
    "nce_losses_remove_hits": nce_losses_no_hits,
    "sampled_softmax_losses": sampled_softmax_losses,
    "sampled_softmax_keep_hits": sampled_softmax_keep_hits,
    "given_samples": given_samples,
    "graph_structure": graph_structure,
}
