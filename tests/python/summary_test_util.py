"""Helpers for the summary tests: a small PNG decoder (zlib only) and golden loading."""
import struct
import zlib

import numpy as np


def _paeth(a, b, c):
  p = a + b - c
  pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
  if pa <= pb and pa <= pc:
    return a
  return b if pb <= pc else c


def decode_png(data):
  """(height, width, channels) uint8 pixels of an 8-bit non-interlaced PNG (any filters)."""
  assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
  pos, idat, header = 8, b"", None
  while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    crc = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]
    assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc, "bad CRC in chunk %r" % kind
    if kind == b"IHDR":
      header = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
      idat += body
    elif kind == b"IEND":
      break
    pos += 12 + length
  width, height, depth, color_type, _, _, interlace = header
  assert depth == 8 and interlace == 0
  channels = {0: 1, 4: 2, 2: 3, 6: 4}[color_type]
  raw = zlib.decompress(idat)
  stride = width * channels
  out = np.zeros((height, stride), np.int64)
  prev = np.zeros(stride, np.int64)
  for y in range(height):
    row_start = y * (stride + 1)
    filt = raw[row_start]
    line = np.frombuffer(raw[row_start + 1:row_start + 1 + stride], np.uint8).astype(np.int64)
    cur = np.zeros(stride, np.int64)
    for x in range(stride):
      a = cur[x - channels] if x >= channels else 0
      b = prev[x]
      c = prev[x - channels] if x >= channels else 0
      pred = [0, a, b, (a + b) // 2, _paeth(a, b, c)][filt]
      cur[x] = (line[x] + pred) & 0xFF
    out[y] = cur
    prev = cur
  return out.reshape(height, width, channels).astype(np.uint8)


def golden_bytes(array):
  """The exact bytes of a 0-d golden string array (numpy drops trailing NULs on item access)."""
  assert array.ndim == 0
  return array.tobytes()
