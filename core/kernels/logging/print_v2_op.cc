// PrintV2: writes its string scalar plus `end` to stdout, stderr, the log (with TF's log-line
// prefix, filtered by TF_CPP_MIN_LOG_LEVEL) or, for "file://PATH", appends it to PATH.
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <iostream>
#include <mutex>
#include <string>

#include "core/framework/op_kernel.h"

namespace tfc {
namespace {

constexpr const char* kValidStreams[] = {"stdout", "stderr", "log(info)", "log(warning)",
                                         "log(error)"};
constexpr const char kFilePrefix[] = "file://";

std::mutex& OutputMutex() {
  static std::mutex mu;
  return mu;
}

int MinLogLevel() {
  const char* v = std::getenv("TF_CPP_MIN_LOG_LEVEL");
  return v ? std::atoi(v) : 0;
}

// "2019-10-17 09:30:01.123456: I tensorflow/core/kernels/logging_ops.cc] ", TF's log prefix.
std::string LogPrefix(char severity) {
  const auto now = std::chrono::system_clock::now();
  const std::time_t secs = std::chrono::system_clock::to_time_t(now);
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          now.time_since_epoch()).count() % 1000000;
  std::tm tm_buf{};
  localtime_r(&secs, &tm_buf);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm_buf);
  char buf[128];
  std::snprintf(buf, sizeof(buf), "%s.%06lld: %c tensorflow/core/kernels/logging_ops.cc] ",
                stamp, static_cast<long long>(micros), severity);
  return buf;
}

// Errors as TF's file system reports them: "<path>; <strerror>" with the errno's code.
Status FileError(const std::string& path, int err) {
  const std::string msg = path + "; " + std::strerror(err);
  switch (err) {
    case ENOENT: case ENOTDIR: return errors::NotFound(msg);
    case EACCES: case EPERM: case EROFS: return Status(Code::PERMISSION_DENIED, msg);
    case EISDIR: return errors::FailedPrecondition(msg);
    case ENOSPC: return errors::ResourceExhausted(msg);
    default: return errors::Unknown(msg);
  }
}

Status AppendToFile(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "ab");
  if (f == nullptr) return FileError(path, errno);
  const bool wrote = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const int write_errno = errno;
  if (std::fclose(f) != 0 || !wrote) return FileError(path, wrote ? errno : write_errno);
  return OkStatus();
}

class PrintV2Op : public OpKernel {
 public:
  explicit PrintV2Op(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("output_stream", &output_stream_));
    OP_REQUIRES_OK(ctx, ctx->GetAttr("end", &end_));
    if (output_stream_.rfind(kFilePrefix, 0) == 0) {
      is_file_ = true;
      file_path_ = output_stream_.substr(sizeof(kFilePrefix) - 1);
      return;
    }
    bool valid = false;
    std::string msg = "Unknown output stream: " + output_stream_ + ", Valid streams are:";
    for (const char* s : kValidStreams) {
      valid = valid || output_stream_ == s;
      msg += std::string(" ") + s;
    }
    OP_REQUIRES(ctx, valid, errors::InvalidArgument(msg));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    OP_REQUIRES(ctx, input.dims() == 0,
                errors::InvalidArgument("Input is expected to be scalar, but got ",
                                        input.shape().DebugString()));
    const std::string text = input.scalar<tstring>() + end_;
    std::lock_guard<std::mutex> l(OutputMutex());
    if (is_file_) {
      OP_REQUIRES_OK(ctx, AppendToFile(file_path_, text));
      return;
    }
    if (output_stream_ == "stdout") {
      std::cout << text << std::flush;
    } else if (output_stream_ == "stderr") {
      std::cerr << text << std::flush;
    } else {
      const int level =
          output_stream_ == "log(info)" ? 0 : output_stream_ == "log(warning)" ? 1 : 2;
      if (level < MinLogLevel()) return;
      std::cerr << LogPrefix("IWE"[level]) << text << '\n' << std::flush;
    }
  }

 private:
  std::string output_stream_, end_, file_path_;
  bool is_file_ = false;
};

}  // namespace

REGISTER_KERNEL_BUILDER(Name("PrintV2").Device(DEVICE_CPU), PrintV2Op);

}  // namespace tfc
