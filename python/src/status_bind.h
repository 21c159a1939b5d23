#pragma once
// Errors crossing into Python: a C++ Status becomes tfclassic._native.StatusError(code, message).
#include <exception>
#include <string>

#include <nanobind/nanobind.h>

#include "core/framework/status.h"

namespace tfc::py {

class StatusException : public std::exception {
 public:
  explicit StatusException(Status s) : status_(std::move(s)) {}
  const char* what() const noexcept override { return status_.message().c_str(); }
  const Status& status() const { return status_; }

 private:
  Status status_;
};

inline void ThrowIfError(const Status& s) {
  if (!s.ok()) throw StatusException(s);
}

void init_status(nanobind::module_& m);

}  // namespace tfc::py
