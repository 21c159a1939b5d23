// Summary ops: the histogram's buckets and encoding, the PNG and WAV encoders, kernel values
// and TF's errors for bad input (tests/python/test_summary_goldens.py checks against real TF).
#include <gtest/gtest.h>
#include <zlib.h>

#include <cfloat>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/kernels/summary/histogram.h"
#include "core/kernels/summary/png_encoder.h"
#include "core/kernels/summary/wav_encoder.h"
#include "tensorflow/core/framework/summary.pb.h"
#include "tests/cpp/kernel_test_util.h"
#include "tests/cpp/shape_test_util.h"

namespace tfc {
namespace {

using test::ShapeInferenceTestOp;

Tensor Str(const std::string& s) { return Tensor::Scalar<tstring>(s); }

template <typename T>
Tensor Vec(std::vector<T> v, TensorShape s) {
  return test::MakeTensor<T>(s, v);
}

::tensorflow::Summary Parse(const Tensor& t) {
  ::tensorflow::Summary s;
  EXPECT_TRUE(s.ParseFromString(t.scalar<tstring>()));
  return s;
}

uint32_t BigEndian32(const std::string& s, size_t pos) {
  return (uint32_t(uint8_t(s[pos])) << 24) | (uint32_t(uint8_t(s[pos + 1])) << 16) |
         (uint32_t(uint8_t(s[pos + 2])) << 8) | uint32_t(uint8_t(s[pos + 3]));
}

// Pixels back from our PNG (filter type 0 rows).
std::vector<uint8_t> DecodeOurPng(const std::string& png, int* w, int* h, int* channels) {
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  *w = BigEndian32(png, 16);
  *h = BigEndian32(png, 20);
  *channels = std::vector<int>{1, 0, 3, 0, 2, 0, 4}[uint8_t(png[25])];
  size_t pos = 8;
  std::string idat;
  while (pos < png.size()) {
    const uint32_t len = BigEndian32(png, pos);
    const std::string type = png.substr(pos + 4, 4);
    const uint32_t crc = BigEndian32(png, pos + 8 + len);
    EXPECT_EQ(crc, static_cast<uint32_t>(
                       crc32(0, reinterpret_cast<const Bytef*>(png.data() + pos + 4), len + 4)));
    if (type == "IDAT") idat += png.substr(pos + 8, len);
    pos += 12 + len;
  }
  const size_t row = size_t(*w) * *channels;
  std::vector<uint8_t> raw((row + 1) * *h);
  uLongf n = raw.size();
  EXPECT_EQ(uncompress(raw.data(), &n, reinterpret_cast<const Bytef*>(idat.data()), idat.size()),
            Z_OK);
  EXPECT_EQ(n, raw.size());
  std::vector<uint8_t> px;
  for (int y = 0; y < *h; ++y) {
    EXPECT_EQ(raw[y * (row + 1)], 0);
    px.insert(px.end(), raw.begin() + y * (row + 1) + 1, raw.begin() + (y + 1) * (row + 1));
  }
  return px;
}

TEST(SummaryHistogramTest, DefaultLimitsAreTfs) {
  const auto& limits = histogram::DefaultBucketLimits();
  // 775 positive limits (1e-12 * 1.1^k below 1e20, then DBL_MAX), mirrored, and 0.
  ASSERT_EQ(limits.size(), 1551u);
  EXPECT_EQ(limits.front(), -DBL_MAX);
  EXPECT_EQ(limits.back(), DBL_MAX);
  EXPECT_EQ(limits[775], 0.0);
  EXPECT_EQ(limits[776], 1e-12);
  EXPECT_DOUBLE_EQ(limits[777], 1.1e-12);
  EXPECT_EQ(limits[774], -1e-12);
  EXPECT_LT(limits[1549], 1e20);
  EXPECT_GE(limits[1549] * 1.1, 1e20);
  for (size_t i = 1; i < limits.size(); ++i) ASSERT_LT(limits[i - 1], limits[i]);
}

TEST(SummaryHistogramTest, EncodeCollapsesEmptyRuns) {
  histogram::Histogram h;
  h.Add(1.0);
  h.Add(1.0);
  h.Add(-3.0);
  ::tensorflow::HistogramProto p;
  h.EncodeToProto(&p, false);
  EXPECT_EQ(p.min(), -3.0);
  EXPECT_EQ(p.max(), 1.0);
  EXPECT_EQ(p.num(), 3.0);
  EXPECT_EQ(p.sum(), -1.0);
  EXPECT_EQ(p.sum_squares(), 11.0);
  ASSERT_EQ(p.bucket_size(), p.bucket_limit_size());
  // empty run, [-3 bucket], empty run, [1 bucket], empty run to DBL_MAX.
  ASSERT_EQ(p.bucket_size(), 5);
  EXPECT_EQ(p.bucket(1), 1.0);
  EXPECT_EQ(p.bucket(3), 2.0);
  EXPECT_EQ(p.bucket(0) + p.bucket(2) + p.bucket(4), 0.0);
  EXPECT_LT(-3.0, p.bucket_limit(1));
  EXPECT_LT(1.0, p.bucket_limit(3));
  EXPECT_EQ(p.bucket_limit(4), DBL_MAX);
  h.EncodeToProto(&p, true);
  EXPECT_EQ(p.bucket_size(), 1551);
}

TEST(SummaryHistogramTest, EmptyHasOneBucket) {
  histogram::Histogram h;
  ::tensorflow::HistogramProto p;
  h.EncodeToProto(&p, false);
  EXPECT_EQ(p.min(), DBL_MAX);
  EXPECT_EQ(p.max(), -DBL_MAX);
  ASSERT_EQ(p.bucket_size(), 1);
  EXPECT_EQ(p.bucket_limit(0), DBL_MAX);
  EXPECT_EQ(p.bucket(0), 0.0);
  h.Add(DBL_MAX);  // the last limit itself stays in range
  h.EncodeToProto(&p, false);
  EXPECT_EQ(p.bucket(p.bucket_size() - 1), 1.0);
}

TEST(SummaryPngTest, RoundTripsEveryChannelCount) {
  for (int c = 1; c <= 4; ++c) {
    std::vector<uint8_t> px(3 * 5 * c);
    for (size_t i = 0; i < px.size(); ++i) px[i] = static_cast<uint8_t>(i * 37 + c);
    std::string png;
    ASSERT_TRUE(png::EncodeImage(px.data(), 5, 3, c, &png).ok());
    int w, h, ch;
    EXPECT_EQ(DecodeOurPng(png, &w, &h, &ch), px);
    EXPECT_EQ(w, 5);
    EXPECT_EQ(h, 3);
    EXPECT_EQ(ch, c);
  }
  std::string png;
  EXPECT_EQ(png::EncodeImage(nullptr, 1, 1, 5, &png).code(), Code::INVALID_ARGUMENT);
}

TEST(SummaryWavTest, HeaderAndClampedSamples) {
  const float audio[] = {0.0f, 0.5f, -1.0f, 1.0f, 2.0f, -3.0f};
  std::string wav;
  ASSERT_TRUE(wav::EncodeAudioAsS16LEWav(audio, 8000, 2, 3, &wav).ok());
  ASSERT_EQ(wav.size(), 44u + 12u);
  EXPECT_EQ(wav.substr(0, 4), "RIFF");
  EXPECT_EQ(wav.substr(8, 8), "WAVEfmt ");
  EXPECT_EQ(wav.substr(36, 4), "data");
  auto u16 = [&](size_t p) { return uint16_t(uint8_t(wav[p]) | (uint8_t(wav[p + 1]) << 8)); };
  auto u32 = [&](size_t p) { return uint32_t(u16(p)) | (uint32_t(u16(p + 2)) << 16); };
  EXPECT_EQ(u32(4), 48u);
  EXPECT_EQ(u16(22), 2);       // channels
  EXPECT_EQ(u32(24), 8000u);   // sample rate
  EXPECT_EQ(u32(28), 32000u);  // bytes per second
  EXPECT_EQ(u16(32), 4);       // bytes per frame
  EXPECT_EQ(u16(34), 16);
  EXPECT_EQ(u32(40), 12u);
  const int16_t want[] = {0, 16384, -32768, 32767, 32767, -32768};
  for (int i = 0; i < 6; ++i) EXPECT_EQ(int16_t(u16(44 + 2 * i)), want[i]) << i;
  EXPECT_EQ(wav::EncodeAudioAsS16LEWav(audio, 0, 1, 1, &wav).code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(wav::EncodeAudioAsS16LEWav(audio, 10, 0, 1, &wav).code(), Code::INVALID_ARGUMENT);
}

TEST(SummaryOpsTest, ShapeFunctionsGiveScalars) {
  for (const char* op : {"ScalarSummary", "HistogramSummary", "ImageSummary", "AudioSummaryV2",
                         "TensorSummaryV2", "MergeSummary"}) {
    ShapeInferenceTestOp t(op);
    if (std::string(op) == "MergeSummary") t.Attr("N", int64_t{2});
    EXPECT_EQ(test::InferOk(t, "?;?;?", "[]"), "") << op;
  }
}

TEST(SummaryOpsTest, ScalarSummaryValuesAndShapeError) {
  std::vector<Tensor> out;
  ASSERT_TRUE(test::RunOp("ScalarSummary",
                          {Vec<tstring>({"a", "b"}, TensorShape({2})),
                           Vec<int32_t>({3, -4}, TensorShape({2}))},
                          test::TypeAttr(DT_INT32), &out)
                  .ok());
  auto s = Parse(out[0]);
  ASSERT_EQ(s.value_size(), 2);
  EXPECT_EQ(s.value(1).tag(), "b");
  EXPECT_EQ(s.value(1).simple_value(), -4.0f);
  Status st = test::RunOp("ScalarSummary", {Str("x"), Vec<float>({1, 2}, TensorShape({2}))},
                          test::TypeAttr(DT_FLOAT), &out);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(st.message(), "tags and values not the same shape: [] != [2] (tag 'x')");
}

TEST(SummaryOpsTest, HistogramRejectsNonFinite) {
  std::vector<Tensor> out;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  Status st = test::RunOp("HistogramSummary", {Str("h"), Vec<float>({1, nan}, TensorShape({2}))},
                          test::TypeAttr(DT_FLOAT), &out);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(st.message(), "Nan in summary histogram for: n");
  st = test::RunOp("HistogramSummary",
                   {Str("h"), Vec<double>({-INFINITY}, TensorShape({1}))},
                   test::TypeAttr(DT_DOUBLE), &out);
  EXPECT_EQ(st.message(), "Infinity in summary histogram for: n");
  st = test::RunOp("HistogramSummary",
                   {Vec<tstring>({"a", "b"}, TensorShape({2})), Vec<float>({1}, TensorShape({1}))},
                   test::TypeAttr(DT_FLOAT), &out);
  EXPECT_EQ(st.message(), "tags must be scalar");
}

TEST(SummaryOpsTest, ImageSummaryTagsPixelsAndErrors) {
  std::vector<Tensor> out;
  // Two 1x2 gray float images: positive (scaled to max 255) and mixed (0 -> 128).
  Tensor img = Vec<float>({1.0f, 2.0f, -1.0f, 0.5f}, TensorShape({2, 1, 2, 1}));
  ASSERT_TRUE(test::RunOp("ImageSummary", {Str("im"), img}, test::TypeAttr(DT_FLOAT), &out).ok());
  auto s = Parse(out[0]);
  ASSERT_EQ(s.value_size(), 2);
  EXPECT_EQ(s.value(0).tag(), "im/image/0");
  EXPECT_EQ(s.value(1).tag(), "im/image/1");
  int w, h, c;
  EXPECT_EQ(DecodeOurPng(s.value(0).image().encoded_image_string(), &w, &h, &c),
            (std::vector<uint8_t>{127, 255}));
  EXPECT_EQ(DecodeOurPng(s.value(1).image().encoded_image_string(), &w, &h, &c),
            (std::vector<uint8_t>{1, 191}));
  ::tensorflow::AttrValue one;
  one.set_i(1);
  ASSERT_TRUE(test::RunOp("ImageSummary", {Str("im"), img},
                          [&](::tensorflow::NodeDef* d) {
                            AddNodeAttr("T", DT_FLOAT, d);
                            (*d->mutable_attr())["max_images"] = one;
                          },
                          &out)
                  .ok());
  s = Parse(out[0]);
  ASSERT_EQ(s.value_size(), 1);
  EXPECT_EQ(s.value(0).tag(), "im/image");
  Status st = test::RunOp("ImageSummary", {Str("im"), Vec<float>({1, 2}, TensorShape({1, 1, 1, 2}))},
                          test::TypeAttr(DT_FLOAT), &out);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(st.message(), "Tensor must be 4-D with last dim 1, 3, or 4, not [1,1,1,2]");
  st = test::RunOp("ImageSummary",
                   {Vec<tstring>({"a", "b"}, TensorShape({2})), img}, test::TypeAttr(DT_FLOAT),
                   &out);
  EXPECT_EQ(st.message(), "Tags must be a scalar");
}

TEST(SummaryOpsTest, AudioSummaryV2ValuesAndErrors) {
  std::vector<Tensor> out;
  Tensor audio = Vec<float>({0.0f, 0.5f, 1.0f, -0.5f}, TensorShape({2, 2}));
  ASSERT_TRUE(test::RunOp("AudioSummaryV2", {Str("a"), audio, Tensor::Scalar<float>(100.4f)},
                          nullptr, &out)
                  .ok());
  auto s = Parse(out[0]);
  ASSERT_EQ(s.value_size(), 2);
  EXPECT_EQ(s.value(1).tag(), "a/audio/1");
  EXPECT_EQ(s.value(1).audio().sample_rate(), 100.4f);
  EXPECT_EQ(s.value(1).audio().num_channels(), 1);
  EXPECT_EQ(s.value(1).audio().length_frames(), 2);
  EXPECT_EQ(s.value(1).audio().content_type(), "audio/wav");
  EXPECT_EQ(s.value(1).audio().encoded_audio_string().size(), 48u);
  Status st = test::RunOp("AudioSummaryV2", {Str("a"), audio, Tensor::Scalar<float>(0.0f)},
                          nullptr, &out);
  EXPECT_EQ(st.message(), "sample_rate must be > 0");
  st = test::RunOp("AudioSummaryV2",
                   {Str("a"), Vec<float>({1}, TensorShape({1})), Tensor::Scalar<float>(1.0f)},
                   nullptr, &out);
  EXPECT_EQ(st.message(), "Tensor must be 3-D or 2-D, got: [1]");
}

TEST(SummaryOpsTest, MergeSummaryRejectsDuplicateTagsAndGarbage) {
  std::vector<Tensor> out;
  ::tensorflow::Summary a;
  a.add_value()->set_tag("x");
  std::string bytes;
  a.SerializeToString(&bytes);
  auto attrs = [](::tensorflow::NodeDef* d) { AddNodeAttr("N", int64_t{2}, d); };
  Status st = test::RunOp("MergeSummary", {Str(bytes), Str(bytes)}, attrs, &out);
  EXPECT_EQ(st.code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(st.message(), "Duplicate tag x found in summary inputs");
  st = test::RunOp("MergeSummary", {Str(bytes), Str("\xff\xff garbage")}, attrs, &out);
  EXPECT_EQ(st.message(), "Could not parse one of the summary inputs");
  ::tensorflow::Summary b;
  b.add_value()->set_tag("y");
  std::string bytes_b;
  b.SerializeToString(&bytes_b);
  ASSERT_TRUE(test::RunOp("MergeSummary", {Str(bytes), Str(bytes_b)}, attrs, &out).ok());
  auto s = Parse(out[0]);
  ASSERT_EQ(s.value_size(), 2);
  EXPECT_EQ(s.value(0).tag(), "x");
  EXPECT_EQ(s.value(1).tag(), "y");
}

TEST(SummaryOpsTest, TensorSummaryV2KeepsTensorAndMetadata) {
  std::vector<Tensor> out;
  ::tensorflow::SummaryMetadata md;
  md.mutable_plugin_data()->set_plugin_name("text");
  std::string md_bytes;
  md.SerializeToString(&md_bytes);
  ASSERT_TRUE(test::RunOp("TensorSummaryV2",
                          {Str("t"), Vec<int32_t>({1, 2, 3}, TensorShape({3})), Str(md_bytes)},
                          test::TypeAttr(DT_INT32), &out)
                  .ok());
  auto s = Parse(out[0]);
  ASSERT_EQ(s.value_size(), 1);
  EXPECT_EQ(s.value(0).metadata().plugin_data().plugin_name(), "text");
  EXPECT_EQ(s.value(0).tensor().tensor_content().size(), 12u);
  Status st = test::RunOp("TensorSummaryV2",
                          {Vec<tstring>({"a"}, TensorShape({1})),
                           Vec<int32_t>({1}, TensorShape({1})), Str("")},
                          test::TypeAttr(DT_INT32), &out);
  EXPECT_EQ(st.message(), "tag must be scalar");
}

}  // namespace
}  // namespace tfc
