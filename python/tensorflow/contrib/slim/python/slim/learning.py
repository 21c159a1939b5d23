"""slim.learning (TF 1.15). The Supervisor-driven training loop `train` is not available in
tfclassic yet; build the train op with tf.contrib.layers.optimize_loss or an optimizer's
minimize() and run it in a tf.Session loop instead."""

__all__ = ["train", "create_train_op"]

_ADVICE = ("write the loop with tf.Session (train_op = tf.contrib.layers.optimize_loss(...) "
           "or optimizer.minimize(loss))")


def train(*args, **kwargs):
  del args, kwargs
  raise NotImplementedError("tf.contrib.slim.learning.train is not implemented in tfclassic "
                            "yet (it needs tf.train.Supervisor); " + _ADVICE)


def create_train_op(*args, **kwargs):
  del args, kwargs
  raise NotImplementedError("tf.contrib.slim.learning.create_train_op is not implemented in "
                            "tfclassic yet; " + _ADVICE)
