#pragma once
// Status and error codes with TensorFlow's numbering (tensorflow/core/protobuf/error_codes).
#include <sstream>
#include <string>
#include <utility>

namespace tfc {

enum class Code : int {
  OK = 0,
  CANCELLED = 1,
  UNKNOWN = 2,
  INVALID_ARGUMENT = 3,
  DEADLINE_EXCEEDED = 4,
  NOT_FOUND = 5,
  ALREADY_EXISTS = 6,
  PERMISSION_DENIED = 7,
  RESOURCE_EXHAUSTED = 8,
  FAILED_PRECONDITION = 9,
  ABORTED = 10,
  OUT_OF_RANGE = 11,
  UNIMPLEMENTED = 12,
  INTERNAL = 13,
  UNAVAILABLE = 14,
  DATA_LOSS = 15,
  UNAUTHENTICATED = 16,
};

const char* CodeName(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status OK() { return Status(); }

  bool ok() const { return code_ == Code::OK; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;
  // Keeps the first error: used where several failures may race.
  void Update(const Status& other) {
    if (ok() && !other.ok()) *this = other;
  }
  void IgnoreError() const {}

 private:
  Code code_ = Code::OK;
  std::string message_;
};

inline Status OkStatus() { return Status(); }

namespace internal {
template <typename... Args>
std::string StrCat(const Args&... args) {
  std::ostringstream os;
  (os << ... << args);
  return os.str();
}
}  // namespace internal

template <typename... Args>
std::string StrCat(const Args&... args) {
  return internal::StrCat(args...);
}

namespace errors {
#define TFC_DECLARE_ERROR(FUNC, CODE)                    \
  template <typename... Args>                            \
  Status FUNC(const Args&... args) {                     \
    return Status(Code::CODE, internal::StrCat(args...)); \
  }
TFC_DECLARE_ERROR(Cancelled, CANCELLED)
TFC_DECLARE_ERROR(Unknown, UNKNOWN)
TFC_DECLARE_ERROR(InvalidArgument, INVALID_ARGUMENT)
TFC_DECLARE_ERROR(NotFound, NOT_FOUND)
TFC_DECLARE_ERROR(AlreadyExists, ALREADY_EXISTS)
TFC_DECLARE_ERROR(ResourceExhausted, RESOURCE_EXHAUSTED)
TFC_DECLARE_ERROR(FailedPrecondition, FAILED_PRECONDITION)
TFC_DECLARE_ERROR(Aborted, ABORTED)
TFC_DECLARE_ERROR(OutOfRange, OUT_OF_RANGE)
TFC_DECLARE_ERROR(Unimplemented, UNIMPLEMENTED)
TFC_DECLARE_ERROR(Internal, INTERNAL)
TFC_DECLARE_ERROR(Unavailable, UNAVAILABLE)
TFC_DECLARE_ERROR(DataLoss, DATA_LOSS)
#undef TFC_DECLARE_ERROR

// Prefixes context to a status' message, keeping its code.
inline Status WithContext(const Status& s, const std::string& context) {
  if (s.ok()) return s;
  return Status(s.code(), context + s.message());
}
}  // namespace errors

}  // namespace tfc

#define TFC_RETURN_IF_ERROR(expr)            \
  do {                                       \
    ::tfc::Status _tfc_status = (expr);      \
    if (!_tfc_status.ok()) return _tfc_status; \
  } while (0)

// For kernels: records the error on the context and returns from Compute.
#define OP_REQUIRES(CTX, COND, STATUS) \
  do {                                 \
    if (!(COND)) {                     \
      (CTX)->SetStatus(STATUS);        \
      return;                          \
    }                                  \
  } while (0)

#define OP_REQUIRES_OK(CTX, EXPR)         \
  do {                                    \
    ::tfc::Status _tfc_status = (EXPR);   \
    if (!_tfc_status.ok()) {              \
      (CTX)->SetStatus(_tfc_status);      \
      return;                             \
    }                                     \
  } while (0)
