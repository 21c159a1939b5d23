#include "core/io/file_util.h"

#include <fcntl.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

namespace tfc::io {

Status IOError(const std::string& context, int err) {
  std::string msg = context + "; " + std::strerror(err);
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return errors::NotFound(msg);
    case EACCES:
    case EPERM:
    case EROFS:
      return Status(Code::PERMISSION_DENIED, msg);
    case EEXIST:
      return errors::AlreadyExists(msg);
    case ENOSPC:
    case EDQUOT:
    case ENOMEM:
      return errors::ResourceExhausted(msg);
    case EISDIR:
    case ENAMETOOLONG:
    case EINVAL:
      return errors::InvalidArgument(msg);
    default:
      return errors::Unknown(msg);
  }
}

Status RandomAccessFile::Open(const std::string& path, std::unique_ptr<RandomAccessFile>* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IOError(path, errno);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return IOError(path, err);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return errors::InvalidArgument(path, " is a directory");
  }
  out->reset(new RandomAccessFile(path, fd, static_cast<uint64_t>(st.st_size)));
  return OkStatus();
}

RandomAccessFile::~RandomAccessFile() { ::close(fd_); }

Status RandomAccessFile::Read(uint64_t offset, size_t n, char* scratch) const {
  if (offset > size_ || n > size_ - offset) {
    return errors::DataLoss("Reading ", n, " bytes at offset ", offset, " of ", path_,
                            " runs past its end (", size_, " bytes): the file is truncated");
  }
  size_t done = 0;
  while (done < n) {
    ssize_t r = ::pread(fd_, scratch + done, n - done, static_cast<off_t>(offset + done));
    if (r < 0) {
      if (errno == EINTR) continue;
      return IOError("read " + path_, errno);
    }
    if (r == 0) {
      return errors::DataLoss("Unexpected end of file ", path_, " at offset ", offset + done);
    }
    done += static_cast<size_t>(r);
  }
  return OkStatus();
}

Status WritableFile::Create(const std::string& path, std::unique_ptr<WritableFile>* out) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return IOError(path, errno);
  out->reset(new WritableFile(path, f));
  return OkStatus();
}

WritableFile::~WritableFile() {
  if (f_ != nullptr) std::fclose(f_);
}

Status WritableFile::Append(std::string_view data) {
  if (f_ == nullptr) return errors::FailedPrecondition("file ", path_, " is closed");
  if (data.empty()) return OkStatus();
  if (std::fwrite(data.data(), 1, data.size(), f_) != data.size()) {
    return IOError("write " + path_, errno);
  }
  written_ += data.size();
  return OkStatus();
}

Status WritableFile::Close() {
  if (f_ == nullptr) return OkStatus();
  std::FILE* f = f_;
  f_ = nullptr;
  if (std::fflush(f) != 0) {
    int err = errno;
    std::fclose(f);
    return IOError("flush " + path_, err);
  }
  if (std::fclose(f) != 0) return IOError("close " + path_, errno);
  return OkStatus();
}

Status FileExists(const std::string& path) {
  if (::access(path.c_str(), F_OK) == 0) return OkStatus();
  return errors::NotFound(path, " not found");
}

Status GetFileSize(const std::string& path, uint64_t* size) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return IOError(path, errno);
  *size = static_cast<uint64_t>(st.st_size);
  return OkStatus();
}

Status RenameFile(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) return IOError("rename " + from + " to " + to, errno);
  return OkStatus();
}

Status DeleteFile(const std::string& path) {
  if (::unlink(path.c_str()) != 0) return IOError(path, errno);
  return OkStatus();
}

Status DeleteDir(const std::string& path) {
  if (::rmdir(path.c_str()) != 0) return IOError(path, errno);
  return OkStatus();
}

Status CreateDir(const std::string& path) {
  if (path.empty()) return OkStatus();
  if (::mkdir(path.c_str(), 0755) == 0) return OkStatus();
  const int err = errno;
  struct stat st;
  if (err == EEXIST && ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return OkStatus();
  return IOError("create directory " + path, err);
}

Status RecursivelyCreateDir(const std::string& path) {
  if (path.empty()) return OkStatus();
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return OkStatus();
    return errors::FailedPrecondition(path, " exists and is not a directory");
  }
  TFC_RETURN_IF_ERROR(RecursivelyCreateDir(Dirname(path)));
  if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) return IOError(path, errno);
  return OkStatus();
}

Status ReadFileToString(const std::string& path, std::string* out) {
  std::unique_ptr<RandomAccessFile> f;
  TFC_RETURN_IF_ERROR(RandomAccessFile::Open(path, &f));
  out->resize(f->size());
  return f->Read(0, f->size(), out->data());
}

Status GetMatchingPaths(const std::string& pattern, std::vector<std::string>* out) {
  out->clear();
  glob_t g{};
  // Backslashes are path characters, not escapes, as in TF's matcher.
  const int rc = ::glob(pattern.c_str(), GLOB_NOESCAPE, nullptr, &g);
  if (rc == 0) {
    for (size_t i = 0; i < g.gl_pathc; ++i) out->emplace_back(g.gl_pathv[i]);
  }
  ::globfree(&g);
  if (rc == GLOB_NOSPACE) return errors::ResourceExhausted("Out of memory matching ", pattern);
  return OkStatus();  // GLOB_NOMATCH and unreadable directories: no matches
}

std::string Dirname(const std::string& path) {
  size_t pos = path.rfind('/');
  if (pos == std::string::npos) return "";
  if (pos == 0) return "/";
  return path.substr(0, pos);
}

uint64_t RandomU64() {
  static thread_local std::mt19937_64 gen{std::random_device{}()};
  return gen();
}

}  // namespace tfc::io
