"""tf.contrib.rnn (TF 1.15): the core RNN cells and wrappers (the same classes as
tf.nn.rnn_cell) and the static RNNs. contrib's own extra cells (LSTMBlockCell, ...) are not
in tfclassic."""

# pylint: disable=unused-import
from tensorflow.python.ops.rnn import static_bidirectional_rnn
from tensorflow.python.ops.rnn import static_rnn
from tensorflow.python.ops.rnn import static_state_saving_rnn
from tensorflow.python.ops.rnn_cell_impl import BasicLSTMCell
from tensorflow.python.ops.rnn_cell_impl import BasicRNNCell
from tensorflow.python.ops.rnn_cell_impl import DeviceWrapper
from tensorflow.python.ops.rnn_cell_impl import DropoutWrapper
from tensorflow.python.ops.rnn_cell_impl import GRUCell
from tensorflow.python.ops.rnn_cell_impl import LayerRNNCell
from tensorflow.python.ops.rnn_cell_impl import LSTMCell
from tensorflow.python.ops.rnn_cell_impl import LSTMStateTuple
from tensorflow.python.ops.rnn_cell_impl import MultiRNNCell
from tensorflow.python.ops.rnn_cell_impl import ResidualWrapper
from tensorflow.python.ops.rnn_cell_impl import RNNCell
