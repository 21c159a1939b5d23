#pragma once
// Local files with TF's error codes: NotFound for a missing file, DataLoss for short reads of
// a file that should be longer, PermissionDenied, ResourceExhausted when the disk is full.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/framework/status.h"

namespace tfc::io {

// Positioned reads (pread), safe from several threads at once.
class RandomAccessFile {
 public:
  static Status Open(const std::string& path, std::unique_ptr<RandomAccessFile>* out);
  ~RandomAccessFile();
  RandomAccessFile(const RandomAccessFile&) = delete;
  RandomAccessFile& operator=(const RandomAccessFile&) = delete;

  const std::string& path() const { return path_; }
  uint64_t size() const { return size_; }
  // Reads exactly n bytes at offset into scratch; DataLoss if the file ends before.
  Status Read(uint64_t offset, size_t n, char* scratch) const;

 private:
  RandomAccessFile(std::string path, int fd, uint64_t size)
      : path_(std::move(path)), fd_(fd), size_(size) {}
  std::string path_;
  int fd_;
  uint64_t size_;
};

// Buffered appends; Close() reports the first error (a full disk surfaces at write or close).
class WritableFile {
 public:
  static Status Create(const std::string& path, std::unique_ptr<WritableFile>* out);
  ~WritableFile();
  WritableFile(const WritableFile&) = delete;
  WritableFile& operator=(const WritableFile&) = delete;

  Status Append(std::string_view data);
  Status Close();
  uint64_t bytes_written() const { return written_; }

 private:
  WritableFile(std::string path, std::FILE* f) : path_(std::move(path)), f_(f) {}
  std::string path_;
  std::FILE* f_;
  uint64_t written_ = 0;
};

Status FileExists(const std::string& path);  // OK or NotFound
Status GetFileSize(const std::string& path, uint64_t* size);
Status RenameFile(const std::string& from, const std::string& to);
Status DeleteFile(const std::string& path);
// Removes an empty directory.
Status DeleteDir(const std::string& path);
// Creates one directory level (NotFound when its parent is missing, as TF's Env::CreateDir);
// OK if it exists already.
Status CreateDir(const std::string& path);
// Creates the directory and its parents; OK if it exists.
Status RecursivelyCreateDir(const std::string& path);
Status ReadFileToString(const std::string& path, std::string* out);
// The paths matching a glob pattern (`*`, `?`, `[...]`), sorted; a pattern without wildcards
// matches itself when it exists. Empty (and OK) when nothing matches.
Status GetMatchingPaths(const std::string& pattern, std::vector<std::string>* out);
// Everything before the last '/' ("" without one; "/" for a file in the root).
std::string Dirname(const std::string& path);
// A random 64-bit value for temporary names.
uint64_t RandomU64();

// Error status for a failed system call on `path`, from errno.
Status IOError(const std::string& context, int err);

}  // namespace tfc::io
