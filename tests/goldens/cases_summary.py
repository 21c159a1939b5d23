"""TF1 summary ops: the serialized Summary protos that tf.summary.scalar / histogram / image /
audio / text / tensor_summary / merge produce, fetched as values; and their tags and node names
under name scopes and families (the structure golden records the node names).

tests/python/test_summary_goldens.py compares the parsed protos: tags, simple values,
histogram fields, image sizes and decoded pixels (the PNG bytes themselves may differ), WAV
bytes, tensors and metadata."""
import numpy as np

_RNG = np.random.RandomState(1234)
_NORMAL = _RNG.normal(0.5, 3.0, size=[200]).astype(np.float32)
_IMG_U8_RGB = _RNG.randint(0, 256, size=[3, 5, 7, 3]).astype(np.uint8)
_IMG_U8_GRAY = _RNG.randint(0, 256, size=[2, 4, 3, 1]).astype(np.uint8)
_IMG_U8_RGBA = _RNG.randint(0, 256, size=[1, 6, 2, 4]).astype(np.uint8)
_IMG_POS = _RNG.uniform(0.0, 4.0, size=[2, 5, 6, 3]).astype(np.float32)
_IMG_MIXED = _RNG.normal(0.0, 2.0, size=[2, 4, 4, 1]).astype(np.float32)
_AUDIO = (_RNG.uniform(-1.2, 1.2, size=[3, 50])).astype(np.float32)
_AUDIO_ST = (_RNG.uniform(-1.0, 1.0, size=[2, 40, 2])).astype(np.float32)


def _gen_logging_ops():
  from tensorflow.python.ops import gen_logging_ops  # pylint: disable=g-import-not-at-top
  return gen_logging_ops


def scalars(tf):
  out = {}
  out["plain"] = tf.summary.scalar("loss", tf.constant(0.25))
  out["zero"] = tf.summary.scalar("zero", tf.constant(0.0))
  out["again"] = tf.summary.scalar("loss", tf.constant(-1.5))
  with tf.name_scope("outer"):
    out["scoped"] = tf.summary.scalar("acc", tf.constant(0.75, tf.float64))
    out["family"] = tf.summary.scalar("acc", tf.constant(7, tf.int32), family="fam")
    with tf.name_scope("inner"):
      out["nested_family"] = tf.summary.scalar("lr", tf.constant(3, tf.int64), family="train")
  out["top_family"] = tf.summary.scalar("x", tf.constant(2.0), family="f")
  out["illegal_chars"] = tf.summary.scalar("a b:c(d)", tf.constant(1.0))
  out["leading_slash"] = tf.summary.scalar("/lead", tf.constant(4.0))
  out["uint8"] = tf.summary.scalar("u8", tf.constant(200, tf.uint8))
  out["half"] = tf.summary.scalar("f16", tf.constant(0.1, tf.float16))
  out["int16"] = tf.summary.scalar("i16", tf.constant(-300, tf.int16))
  out["big_int64"] = tf.summary.scalar("i64", tf.constant(2 ** 40 + 1, tf.int64))
  out["raw_vector"] = _gen_logging_ops().scalar_summary(
      tags=tf.constant(["a", "b", "c"]), values=tf.constant([1.0, 2.5, -3.0]))
  out["raw_matrix"] = _gen_logging_ops().scalar_summary(
      tags=tf.constant([["m0", "m1"], ["m2", "m3"]]), values=tf.constant([[1, 2], [3, 4]]))
  return out


def histograms(tf):
  out = {}
  out["normal"] = tf.summary.histogram("normal", tf.constant(_NORMAL))
  out["ints"] = tf.summary.histogram("ints", tf.constant([0, 1, 1, 2, 3, 5, 8, 13, -21]))
  out["empty"] = tf.summary.histogram("empty", tf.zeros([0]))
  out["single"] = tf.summary.histogram("single", tf.constant(7.5))
  out["zeros"] = tf.summary.histogram("zeros", tf.zeros([4, 3]))
  out["wide"] = tf.summary.histogram(
      "wide", tf.constant([1e-15, -1e-15, 1e-12, 1e25, -1e25, 3.0e38], tf.float64))
  out["half"] = tf.summary.histogram("half", tf.constant([0.5, 0.25, -2.0, 60000.0], tf.float16))
  out["uint8"] = tf.summary.histogram("u8", tf.constant([0, 255, 128, 1], tf.uint8))
  with tf.name_scope("layer1"):
    out["scoped_family"] = tf.summary.histogram("w", tf.constant([1.0, 2.0]), family="weights")
  out["no_name"] = tf.summary.histogram(None, tf.constant([1.0]))
  return out


def images(tf):
  out = {}
  out["u8_rgb"] = tf.summary.image("rgb", tf.constant(_IMG_U8_RGB))
  out["u8_gray_one"] = tf.summary.image("gray", tf.constant(_IMG_U8_GRAY), max_outputs=1)
  out["u8_rgba"] = tf.summary.image("rgba", tf.constant(_IMG_U8_RGBA), max_outputs=5)
  out["float_pos"] = tf.summary.image("pos", tf.constant(_IMG_POS))
  out["float_mixed"] = tf.summary.image("mixed", tf.constant(_IMG_MIXED))
  out["float_zeros"] = tf.summary.image("zeros", tf.zeros([1, 2, 2, 3]))
  out["float_small"] = tf.summary.image("small", tf.fill([1, 2, 2, 1], 1e-7))
  out["half"] = tf.summary.image("half", tf.constant(_IMG_MIXED.astype(np.float16)))
  out["half_pos"] = tf.summary.image("half_pos", tf.constant(_IMG_POS.astype(np.float16)))
  out["double"] = tf.summary.image("double", tf.constant(_IMG_MIXED.astype(np.float64)))
  bad = np.array([[[[1.0, np.nan, 0.5], [2.0, 1.0, 0.0]],
                   [[np.inf, 0.0, 0.0], [0.25, -np.inf, 3.0]]]], np.float32)
  out["nonfinite"] = tf.summary.image("bad", tf.constant(bad))
  out["bad_color"] = _gen_logging_ops().image_summary(
      tag="custom", tensor=tf.constant(bad), max_images=1,
      bad_color=tf.make_tensor_proto(np.array([0, 255, 7], np.uint8)))
  with tf.name_scope("viz"):
    out["scoped_family"] = tf.summary.image("img", tf.constant(_IMG_U8_GRAY), family="inputs")
  return out


def audios(tf):
  out = {}
  out["mono"] = tf.summary.audio("mono", tf.constant(_AUDIO), 8000)
  out["stereo_one"] = tf.summary.audio("stereo", tf.constant(_AUDIO_ST), 44100.0, max_outputs=1)
  out["fractional_rate"] = tf.summary.audio("frac", tf.constant(_AUDIO[:1]), 8000.6,
                                            max_outputs=2)
  with tf.name_scope("sound"):
    out["scoped_family"] = tf.summary.audio("a", tf.constant(_AUDIO[:2]), 16000, family="fam")
  return out


def texts_tensors(tf):
  out = {}
  out["text_scalar"] = tf.summary.text("note", tf.constant("hello **world**"))
  out["text_matrix"] = tf.summary.text("table", tf.constant([["a", "b"], ["c", "d"]]))
  out["tensor_int"] = tf.summary.tensor_summary("tint", tf.constant([[1, 2], [3, 4]]))
  out["tensor_float"] = tf.summary.tensor_summary(
      "tfloat", tf.constant([0.5, -1.0, 3.25]), summary_description="some floats",
      display_name="Floats")
  out["tensor_bool_family"] = tf.summary.tensor_summary(
      "tb", tf.constant([True, False]), family="flags")
  with tf.name_scope("scope"):
    out["tensor_scalar_str"] = tf.summary.tensor_summary("ts", tf.constant(b"bytes\x00\x01"))
  return out


def merges(tf):
  out = {}
  a = tf.summary.scalar("a", tf.constant(1.0))
  b = tf.summary.histogram("b", tf.constant([1.0, 2.0]))
  with tf.name_scope("train"):
    c = tf.summary.scalar("c", tf.constant(3.0))
  t = tf.summary.text("t", tf.constant("x"))
  tf.summary.scalar("other", tf.constant(5.0), collections=["mine"])
  out["merge"] = tf.summary.merge([a, b])
  out["merge_named"] = tf.summary.merge([c, t], name="named")
  out["merge_all"] = tf.summary.merge_all()
  out["merge_all_scope"] = tf.summary.merge_all(scope="train")
  out["merge_all_key"] = tf.summary.merge_all(key="mine")
  out["merge_vector"] = _gen_logging_ops().merge_summary(
      inputs=[tf.stack([a, c]), b])
  return out


CASES = {"scalars": scalars, "histograms": histograms, "images": images, "audios": audios,
         "texts_tensors": texts_tensors, "merges": merges}
FEEDS = {}
