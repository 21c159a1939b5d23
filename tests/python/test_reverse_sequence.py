"""tf.reverse_sequence and static_bidirectional_rnn with sequence_length against real
TensorFlow (tests/goldens/cases_reverse_sequence.py); bad input."""
import numpy as np
import pytest
import tensorflow as tf

import golden_util

MOD, META, _, ARRAYS = golden_util.load("reverse_sequence")
META = META["cases"]


@pytest.mark.parametrize("case", sorted(MOD.CASES))
def test_values_and_shapes_match_tensorflow(case):
  g, fetches = golden_util.build(MOD, case, tf)
  with tf.Session(graph=g) as sess:
    values = sess.run(fetches)
  assert sorted(fetches) == sorted(META[case])
  for key, tensor in fetches.items():
    shape = golden_util.static_shape(tensor)
    assert shape == META[case][key]["shape"], key
    np.testing.assert_allclose(values[key], ARRAYS[case + "/" + key], rtol=1e-5, atol=1e-6,
                               err_msg=key)


def test_reverse_sequence_errors():
  with tf.Graph().as_default():
    x = tf.zeros([2, 3])
    with pytest.raises(ValueError, match="seq_dim must be < input rank"):
      tf.reverse_sequence(x, [1, 1], seq_axis=2, batch_axis=0)
    with pytest.raises(ValueError):
      tf.reverse_sequence(x, [1, 1, 1], seq_axis=1, batch_axis=0)
    lens = tf.placeholder(tf.int64, [None])
    y = tf.reverse_sequence(x, lens, seq_axis=1, batch_axis=0)
    with tf.Session() as sess:
      with pytest.raises(tf.errors.InvalidArgumentError, match=r"seq_lens\(1\) > input.dims"):
        sess.run(y, {lens: [1, 4]})
      with pytest.raises(tf.errors.InvalidArgumentError, match=r"seq_lens\(0\) < 0"):
        sess.run(y, {lens: [-1, 1]})
      with pytest.raises(tf.errors.InvalidArgumentError, match="Length of seq_lens"):
        sess.run(y, {lens: [1]})
    with pytest.raises(ValueError, match="Cannot specify both"):
      tf.reverse_sequence(x, [1, 1], seq_axis=1, seq_dim=1)
