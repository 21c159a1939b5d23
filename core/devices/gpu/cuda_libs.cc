#include "core/devices/gpu/cuda_libs.h"

#include <dlfcn.h>

#include <cstdlib>
#include <mutex>
#include <sstream>
#include <vector>

namespace tfc {
namespace {

// Directories from TFCLASSIC_CUDA_LIB_PATH (colon-separated; the Python package sets it to the
// lib folders of NVIDIA's pip wheels when they are installed), then the loader's own search.
void* OpenLibrary(const std::vector<const char*>& sonames, std::string* path, std::string* why) {
  std::vector<std::string> candidates;
  if (const char* dirs = std::getenv("TFCLASSIC_CUDA_LIB_PATH")) {
    std::stringstream ss(dirs);
    std::string dir;
    while (std::getline(ss, dir, ':')) {
      if (dir.empty()) continue;
      for (const char* so : sonames) candidates.push_back(dir + "/" + so);
    }
  }
  for (const char* so : sonames) candidates.push_back(so);
  std::string errors;
  for (const auto& c : candidates) {
    void* h = dlopen(c.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (h != nullptr) {
      *path = c;
      return h;
    }
    const char* e = dlerror();
    if (errors.empty() && e != nullptr) errors = e;
  }
  *why = errors;
  return nullptr;
}

template <typename Api>
struct Loaded {
  std::once_flag once;
  Api api;
  Status status;
  std::string path;
};

Loaded<CublasApi>& Cublas() {
  static auto* l = new Loaded<CublasApi>;
  std::call_once(l->once, [] {
    std::string why;
    void* h = OpenLibrary({"libcublas.so.13", "libcublas.so.12", "libcublas.so"}, &l->path, &why);
    if (h == nullptr) {
      l->status = errors::Unavailable("cuBLAS could not be loaded (", why,
                                      "); install CUDA's cuBLAS (libcublas.so.13) or the "
                                      "nvidia-cublas wheel");
      return;
    }
    std::string missing;
#define TFC_LOAD(name)                                                          \
  l->api.name = reinterpret_cast<decltype(l->api.name)>(dlsym(h, #name));       \
  if (l->api.name == nullptr) missing += std::string(missing.empty() ? "" : ", ") + #name;
    TFC_CUBLAS_FUNCTIONS(TFC_LOAD)
    TFC_LOAD(cublasGemmEx)
    TFC_LOAD(cublasGemmStridedBatchedEx)
#undef TFC_LOAD
    if (!missing.empty()) {
      l->status = errors::Unavailable("cuBLAS at ", l->path, " lacks ", missing);
    }
  });
  return *l;
}

Loaded<CudnnApi>& Cudnn() {
  static auto* l = new Loaded<CudnnApi>;
  std::call_once(l->once, [] {
    std::string why;
    void* h = OpenLibrary({"libcudnn.so.9", "libcudnn.so"}, &l->path, &why);
    if (h == nullptr) {
      l->status = errors::Unavailable("cuDNN could not be loaded (", why,
                                      "); install cuDNN 9 (libcudnn.so.9) or the "
                                      "nvidia-cudnn-cu13 wheel");
      return;
    }
    std::string missing;
#define TFC_LOAD(name)                                                          \
  l->api.name = reinterpret_cast<decltype(l->api.name)>(dlsym(h, #name));       \
  if (l->api.name == nullptr) missing += std::string(missing.empty() ? "" : ", ") + #name;
    TFC_CUDNN_FUNCTIONS(TFC_LOAD)
#undef TFC_LOAD
    if (!missing.empty()) {
      l->status = errors::Unavailable("cuDNN at ", l->path, " lacks ", missing);
    } else if (l->api.cudnnGetVersion() / 10000 != CUDNN_MAJOR) {
      l->status = errors::Unavailable("cuDNN at ", l->path, " is version ",
                                      l->api.cudnnGetVersion(), "; this build needs cuDNN ",
                                      CUDNN_MAJOR);
    }
  });
  return *l;
}

}  // namespace

Status GetCublasApi(const CublasApi** out) {
  auto& l = Cublas();
  *out = l.status.ok() ? &l.api : nullptr;
  return l.status;
}

Status GetCudnnApi(const CudnnApi** out) {
  auto& l = Cudnn();
  *out = l.status.ok() ? &l.api : nullptr;
  return l.status;
}

std::string CublasLibraryPath() { return Cublas().status.ok() ? Cublas().path : ""; }
std::string CudnnLibraryPath() { return Cudnn().status.ok() ? Cudnn().path : ""; }

const char* CublasStatusName(cublasStatus_t s) {
  switch (s) {
    case CUBLAS_STATUS_SUCCESS: return "CUBLAS_STATUS_SUCCESS";
    case CUBLAS_STATUS_NOT_INITIALIZED: return "CUBLAS_STATUS_NOT_INITIALIZED";
    case CUBLAS_STATUS_ALLOC_FAILED: return "CUBLAS_STATUS_ALLOC_FAILED";
    case CUBLAS_STATUS_INVALID_VALUE: return "CUBLAS_STATUS_INVALID_VALUE";
    case CUBLAS_STATUS_ARCH_MISMATCH: return "CUBLAS_STATUS_ARCH_MISMATCH";
    case CUBLAS_STATUS_MAPPING_ERROR: return "CUBLAS_STATUS_MAPPING_ERROR";
    case CUBLAS_STATUS_EXECUTION_FAILED: return "CUBLAS_STATUS_EXECUTION_FAILED";
    case CUBLAS_STATUS_INTERNAL_ERROR: return "CUBLAS_STATUS_INTERNAL_ERROR";
    case CUBLAS_STATUS_NOT_SUPPORTED: return "CUBLAS_STATUS_NOT_SUPPORTED";
    case CUBLAS_STATUS_LICENSE_ERROR: return "CUBLAS_STATUS_LICENSE_ERROR";
  }
  return "CUBLAS_STATUS_UNKNOWN";
}

}  // namespace tfc
