#pragma once
// A fresh temporary directory per test, removed afterwards.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/io/file_util.h"

namespace tfc::io::test {

class TempDir {
 public:
  TempDir() {
    path_ = (std::filesystem::temp_directory_path() /
             ("tfc_io_test_" + std::to_string(RandomU64())))
                .string();
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string Join(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline std::string ReadAll(const std::string& path) {
  std::string s;
  EXPECT_TRUE(ReadFileToString(path, &s).ok()) << path;
  return s;
}

inline void WriteAll(const std::string& path, const std::string& data) {
  std::unique_ptr<WritableFile> f;
  ASSERT_TRUE(WritableFile::Create(path, &f).ok());
  ASSERT_TRUE(f->Append(data).ok());
  ASSERT_TRUE(f->Close().ok());
}

}  // namespace tfc::io::test
