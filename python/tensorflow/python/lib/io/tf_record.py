"""TFRecord files (TF's tensorflow.python.lib.io.tf_record): TFRecordWriter, tf_record_iterator,
TFRecordOptions and TFRecordCompressionType.

A record is `uint64 length, uint32 masked_crc32c(length bytes), data, uint32
masked_crc32c(data)`, all little-endian. With ZLIB or GZIP compression TF deflates the whole
stream of records (zlib or gzip framing), not each record, and so do we.
"""
import struct
import zlib

from tensorflow.python.framework import errors_impl
from tensorflow.python.util import compat
from tensorflow.python.util.tf_export import tf_export
from tfclassic import _native

_HEADER = struct.Struct("<Q")
_CRC = struct.Struct("<I")


def _masked_crc(data):
  return _CRC.pack(_native.masked_crc32c(data))


@tf_export("io.TFRecordCompressionType", "python_io.TFRecordCompressionType")
class TFRecordCompressionType(object):
  """The type of compression for the record."""
  NONE = 0
  ZLIB = 1
  GZIP = 2


@tf_export("io.TFRecordOptions", "python_io.TFRecordOptions")
class TFRecordOptions(object):
  """Options used for manipulating TFRecord files."""
  compression_type_map = {
      TFRecordCompressionType.ZLIB: "ZLIB",
      TFRecordCompressionType.GZIP: "GZIP",
      TFRecordCompressionType.NONE: "",
  }

  def __init__(self, compression_type=None, flush_mode=None, input_buffer_size=None,
               output_buffer_size=None, window_bits=None, compression_level=None,
               compression_method=None, mem_level=None, compression_strategy=None):
    # Validated now, kept as given (TF converts it only when the writer is made).
    self.get_compression_type_string(compression_type)
    self.compression_type = compression_type
    self.flush_mode = flush_mode
    self.input_buffer_size = input_buffer_size
    self.output_buffer_size = output_buffer_size
    self.window_bits = window_bits
    self.compression_level = compression_level
    self.compression_method = compression_method
    self.mem_level = mem_level
    self.compression_strategy = compression_strategy

  @classmethod
  def get_compression_type_string(cls, options):
    """`options` (TFRecordOptions, TFRecordCompressionType or str) as "ZLIB", "GZIP" or ""."""
    if not options:
      return ""
    elif isinstance(options, TFRecordOptions):
      return cls.get_compression_type_string(options.compression_type)
    elif isinstance(options, int) and options in cls.compression_type_map:
      return cls.compression_type_map[options]
    elif options in TFRecordOptions.compression_type_map.values():
      return options
    else:
      raise ValueError('Not a valid compression_type: "{}"'.format(options))

  def _zlib_params(self):
    """(wbits, level, method, mem_level, strategy) as TF's ZlibCompressionOptions fills them."""
    kind = self.get_compression_type_string(self.compression_type)
    wbits = zlib.MAX_WBITS + (16 if kind == "GZIP" else 0)
    if self.window_bits is not None:
      wbits = self.window_bits
    level = zlib.Z_DEFAULT_COMPRESSION if self.compression_level is None else \
        self.compression_level
    method = zlib.DEFLATED if self.compression_method is None else self.compression_method
    mem_level = 9 if self.mem_level is None else self.mem_level
    strategy = zlib.Z_DEFAULT_STRATEGY if self.compression_strategy is None else \
        self.compression_strategy
    return wbits, level, method, mem_level, strategy


def _as_options(options):
  if isinstance(options, TFRecordOptions):
    return options
  return TFRecordOptions(compression_type=options)


def _open_error(path, e):
  message = "%s; %s" % (path, e.strerror or str(e))
  if isinstance(e, FileNotFoundError):
    return errors_impl.NotFoundError(None, None, message)
  if isinstance(e, PermissionError):
    return errors_impl.PermissionDeniedError(None, None, message)
  return errors_impl.UnknownError(None, None, message)


@tf_export("io.TFRecordWriter", "python_io.TFRecordWriter")
class TFRecordWriter(object):
  """Writes records to a TFRecords file (a context manager, like a file)."""

  def __init__(self, path, options=None):
    options = _as_options(options)
    self._path = compat.as_str_any(path)
    kind = TFRecordOptions.get_compression_type_string(options)
    self._compressor = None
    if kind:
      wbits, level, method, mem_level, strategy = options._zlib_params()  # pylint: disable=protected-access
      self._compressor = zlib.compressobj(level, method, wbits, mem_level, strategy)
    try:
      self._file = open(self._path, "wb")
    except OSError as e:
      raise _open_error(self._path, e) from None

  def __enter__(self):
    return self

  def __exit__(self, unused_type, unused_value, unused_traceback):
    self.close()

  def _emit(self, data):
    if self._compressor is not None:
      data = self._compressor.compress(data)
    if data:
      self._file.write(data)

  def write(self, record):
    """Writes one record (bytes, or str encoded as UTF-8)."""
    if self._file is None:
      raise errors_impl.FailedPreconditionError(None, None, "Writer is closed.")
    record = compat.as_bytes(record)
    header = _HEADER.pack(len(record))
    self._emit(header + _masked_crc(header))
    self._emit(record)
    self._emit(_masked_crc(record))

  def flush(self):
    """Pushes what was written to the file (a sync point in compressed streams)."""
    if self._file is None:
      raise errors_impl.FailedPreconditionError(None, None, "Writer is closed.")
    if self._compressor is not None:
      self._file.write(self._compressor.flush(zlib.Z_SYNC_FLUSH))
    self._file.flush()

  def close(self):
    """Finishes the stream and closes the file; later calls do nothing."""
    if self._file is None:
      return
    if self._compressor is not None:
      self._file.write(self._compressor.flush(zlib.Z_FINISH))
      self._compressor = None
    self._file.close()
    self._file = None


class _RecordReader(object):
  """Reads framed records from a byte stream, checking both CRCs as TF's RecordReader does."""

  def __init__(self, path, compression):
    self._path = path
    self._offset = 0
    try:
      self._file = open(path, "rb")
    except OSError as e:
      raise _open_error(path, e) from None
    self._decompressor = None
    self._wbits = None
    self._pending = b""
    if compression:
      self._wbits = zlib.MAX_WBITS + (16 if compression == "GZIP" else 0)
      self._decompressor = zlib.decompressobj(self._wbits)

  def close(self):
    if self._file is not None:
      self._file.close()
      self._file = None

  def _fill(self, n):
    """Reads until `n` bytes are buffered or the stream ends."""
    while len(self._pending) < n:
      chunk = self._file.read(max(n - len(self._pending), 1 << 16))
      if self._decompressor is None:
        if not chunk:
          return
        self._pending += chunk
        continue
      try:
        if not chunk:
          tail = self._decompressor.flush()
          self._pending += tail
          if not tail:
            return
          continue
        out = self._decompressor.decompress(chunk)
        # Concatenated gzip members (several writers appending) continue the stream.
        while self._decompressor.eof and self._decompressor.unused_data:
          rest = self._decompressor.unused_data
          self._decompressor = zlib.decompressobj(self._wbits)
          out += self._decompressor.decompress(rest)
        self._pending += out
      except zlib.error as e:
        raise errors_impl.DataLossError(
            None, None, "corrupted compressed stream in %s: %s" % (self._path, e)) from None

  def _take(self, n):
    self._fill(n)
    if len(self._pending) < n:
      return None
    out, self._pending = self._pending[:n], self._pending[n:]
    return out

  def read(self):
    """The next record, or None at a clean end of file."""
    start = self._offset
    self._fill(12)
    if not self._pending:
      return None
    if len(self._pending) < 12:
      raise errors_impl.DataLossError(None, None, "truncated record at %d" % start)
    header = self._take(12)
    if _masked_crc(header[:8]) != header[8:]:
      raise errors_impl.DataLossError(None, None, "corrupted record at %d" % start)
    length = _HEADER.unpack(header[:8])[0]
    body = self._take(length + 4)
    if body is None:
      raise errors_impl.DataLossError(None, None, "truncated record at %d" % start)
    data = body[:length]
    if _masked_crc(data) != body[length:]:
      raise errors_impl.DataLossError(None, None, "corrupted record at %d" % start)
    self._offset += 12 + length + 4
    return data


@tf_export(v1=["io.tf_record_iterator", "python_io.tf_record_iterator"])
def tf_record_iterator(path, options=None):
  """An iterator over the records of a TFRecords file.

  Raises (when iterated) NotFoundError for a missing file and DataLossError for a corrupt
  or truncated record.
  """
  compression = TFRecordOptions.get_compression_type_string(options)
  reader = _RecordReader(compat.as_str_any(path), compression)
  try:
    while True:
      record = reader.read()
      if record is None:
        break
      yield record
  finally:
    reader.close()

