#include "core/framework/status.h"

namespace tfc {

const char* CodeName(Code code) {
  switch (code) {
    case Code::OK: return "OK";
    case Code::CANCELLED: return "Cancelled";
    case Code::UNKNOWN: return "Unknown";
    case Code::INVALID_ARGUMENT: return "Invalid argument";
    case Code::DEADLINE_EXCEEDED: return "Deadline exceeded";
    case Code::NOT_FOUND: return "Not found";
    case Code::ALREADY_EXISTS: return "Already exists";
    case Code::PERMISSION_DENIED: return "Permission denied";
    case Code::RESOURCE_EXHAUSTED: return "Resource exhausted";
    case Code::FAILED_PRECONDITION: return "Failed precondition";
    case Code::ABORTED: return "Aborted";
    case Code::OUT_OF_RANGE: return "Out of range";
    case Code::UNIMPLEMENTED: return "Unimplemented";
    case Code::INTERNAL: return "Internal";
    case Code::UNAVAILABLE: return "Unavailable";
    case Code::DATA_LOSS: return "Data loss";
    case Code::UNAUTHENTICATED: return "Unauthenticated";
  }
  return "Unknown code";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(CodeName(code_)) + ": " + message_;
}

}  // namespace tfc
