"""tf.python_io: TFRecord reading and writing (TF's tensorflow.python.lib.io.python_io)."""
# pylint: disable=unused-import
from tensorflow.python.lib.io.tf_record import TFRecordCompressionType
from tensorflow.python.lib.io.tf_record import TFRecordOptions
from tensorflow.python.lib.io.tf_record import TFRecordWriter
from tensorflow.python.lib.io.tf_record import tf_record_iterator
