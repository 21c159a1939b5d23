#include "core/devices/gpu/gpu_device.h"

#include <cstdio>
#include <cstdlib>
#include <sstream>

#include <unistd.h>

#include "core/devices/cpu/cpu_device.h"
#include "core/devices/gpu/gpu_allocator.h"
#include "core/devices/gpu/gpu_probe.h"

namespace tfc {

Status CudaErrorStatus(cudaError_t err, const char* what) {
  if (err == cudaErrorMemoryAllocation) {
    return errors::ResourceExhausted("GPU out of memory in ", what);
  }
  return errors::Internal(what, ": ", cudaGetErrorName(err), ": ", cudaGetErrorString(err));
}

int CudaDeviceCount(std::string* why) {
  int n = 0;
  cudaError_t err = cudaGetDeviceCount(&n);
  if (err != cudaSuccess) {
    if (why != nullptr) {
      *why = std::string(cudaGetErrorName(err)) + ": " + cudaGetErrorString(err);
      // Without a driver the runtime reports "insufficient driver"; say what is meant.
      if (err == cudaErrorInsufficientDriver && access("/proc/driver/nvidia/version", R_OK) != 0) {
        *why = "no NVIDIA driver is loaded (" + *why + ")";
      }
    }
    cudaGetLastError();
    return 0;
  }
  if (n == 0 && why != nullptr) *why = "the driver reports no CUDA devices";
  return n;
}

Status GetCudaDeviceInfo(int cuda_ordinal, GpuInfo* out) {
  cudaDeviceProp p;
  cudaError_t err = cudaGetDeviceProperties(&p, cuda_ordinal);
  if (err != cudaSuccess) return CudaErrorStatus(err, "cudaGetDeviceProperties");
  out->cuda_ordinal = cuda_ordinal;
  out->name = p.name;
  char bus[32];
  std::snprintf(bus, sizeof(bus), "%04x:%02x:%02x.0", p.pciDomainID, p.pciBusID, p.pciDeviceID);
  out->pci_bus_id = bus;
  out->cc_major = p.major;
  out->cc_minor = p.minor;
  out->multiprocessors = p.multiProcessorCount;
  out->total_memory = static_cast<int64_t>(p.totalGlobalMem);
  return OkStatus();
}

namespace {

std::string GpuName(int tf_index) {
  return "/job:localhost/replica:0/task:0/device:GPU:" + std::to_string(tf_index);
}

}  // namespace

GpuDevice::GpuDevice(int tf_index, const GpuInfo& info, int64_t memory_limit)
    : Device(GpuName(tf_index), DEVICE_GPU, nullptr, SharedThreadPool("intra_op", 0)),
      tf_index_(tf_index), info_(info), memory_limit_(memory_limit) {
  info_.tf_index = tf_index;
  info_.memory_limit = memory_limit;
}

GpuDevice::~GpuDevice() = default;

Status GpuDevice::Activate() const {
  cudaError_t err = UseCudaDevice(info_.cuda_ordinal);
  return err == cudaSuccess ? OkStatus() : CudaErrorStatus(err, "cudaSetDevice");
}

Status GpuDevice::Sync() {
  TFC_RETURN_IF_ERROR(Activate());
  cudaError_t err = cudaStreamSynchronize(stream_);
  return err == cudaSuccess ? OkStatus() : CudaErrorStatus(err, "cudaStreamSynchronize");
}

Status GpuDevice::cublas(cublasHandle_t* out) {
  std::lock_guard<std::mutex> l(handle_mu_);
  if (cublas_ == nullptr) {
    const CublasApi* api;
    TFC_RETURN_IF_ERROR(GetCublasApi(&api));
    TFC_RETURN_IF_ERROR(Activate());
    cublasHandle_t h;
    cublasStatus_t st = api->cublasCreate_v2(&h);
    if (st != CUBLAS_STATUS_SUCCESS) {
      return errors::Internal("cublasCreate failed: ", CublasStatusName(st));
    }
    api->cublasSetStream_v2(h, stream_);
    // nvidia-tensorflow's default: TF32 tensor cores for float32 products, unless
    // NVIDIA_TF32_OVERRIDE=0.
    const char* tf32 = std::getenv("NVIDIA_TF32_OVERRIDE");
    const bool allow_tf32 = tf32 == nullptr || std::string(tf32) != "0";
    api->cublasSetMathMode(h, allow_tf32 ? CUBLAS_TF32_TENSOR_OP_MATH : CUBLAS_DEFAULT_MATH);
    cublas_ = h;
  }
  *out = cublas_;
  return OkStatus();
}

Status GpuDevice::cudnn(cudnnHandle_t* out) {
  std::lock_guard<std::mutex> l(handle_mu_);
  if (cudnn_ == nullptr) {
    const CudnnApi* api;
    TFC_RETURN_IF_ERROR(GetCudnnApi(&api));
    TFC_RETURN_IF_ERROR(Activate());
    cudnnHandle_t h;
    cudnnStatus_t st = api->cudnnCreate(&h);
    if (st != CUDNN_STATUS_SUCCESS) {
      return errors::Internal("cudnnCreate failed: ", api->cudnnGetErrorString(st));
    }
    api->cudnnSetStream(h, stream_);
    cudnn_ = h;
  }
  *out = cudnn_;
  return OkStatus();
}

std::string GpuDevice::PhysicalDescription() const {
  std::ostringstream s;
  s << "device: " << tf_index_ << ", name: " << info_.name << ", pci bus id: " << info_.pci_bus_id
    << ", compute capability: " << info_.cc_major << "." << info_.cc_minor;
  return s.str();
}

namespace {

// Parses TF's visible_device_list ("1,0") into CUDA ordinals; all devices when empty.
Status VisibleOrdinals(const std::string& list, int count, std::vector<int>* out) {
  if (list.empty()) {
    for (int i = 0; i < count; ++i) out->push_back(i);
    return OkStatus();
  }
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ',')) {
    char* end = nullptr;
    long v = std::strtol(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0' || v < 0 || v >= count) {
      return errors::InvalidArgument("'visible_device_list' listed an invalid GPU id '", item,
                                     "' but visible device count is ", count);
    }
    for (int o : *out) {
      if (o == v) {
        return errors::InvalidArgument("visible_device_list contained a duplicate entry: ",
                                       list);
      }
    }
    out->push_back(static_cast<int>(v));
  }
  return OkStatus();
}

class CudaBackend final : public GpuBackend {
 public:
  std::vector<Device*> Devices(const GpuOptions& options, std::string* why) override {
    std::lock_guard<std::mutex> l(mu_);
    if (!created_) {
      created_ = true;
      Create(options);
    }
    if (why != nullptr) *why = why_;
    return devices_;
  }

  GpuDescription Describe(const Device* gpu) const override {
    return static_cast<const GpuDevice*>(gpu)->info();
  }

  std::string PhysicalDescription(const Device* gpu) const override {
    return static_cast<const GpuDevice*>(gpu)->PhysicalDescription();
  }

 private:
  void Create(const GpuOptions& options) {
    const int count = CudaDeviceCount(&why_);
    if (count == 0) return;
    std::vector<int> ordinals;
    Status s = VisibleOrdinals(options.visible_device_list, count, &ordinals);
    if (!s.ok()) {
      why_ = s.message();
      return;
    }
    for (int ordinal : ordinals) {
      std::string reason;
      GpuDevice* d = CreateOne(static_cast<int>(devices_.size()), ordinal, options, &reason);
      if (d == nullptr) {
        why_ += (why_.empty() ? "" : "; ") + std::string("GPU ") + std::to_string(ordinal) +
                ": " + reason;
        continue;
      }
      devices_.push_back(d);
    }
  }

  static GpuDevice* CreateOne(int tf_index, int ordinal, const GpuOptions& options,
                              std::string* reason) {
    GpuInfo info;
    Status s = GetCudaDeviceInfo(ordinal, &info);
    if (!s.ok()) {
      *reason = s.message();
      return nullptr;
    }
    auto fail = [&](cudaError_t err, const char* what) {
      *reason = std::string(what) + ": " + cudaGetErrorName(err) + ": " + cudaGetErrorString(err);
      cudaGetLastError();
      return nullptr;
    };
    cudaError_t err = UseCudaDevice(ordinal);
    if (err != cudaSuccess) return fail(err, "cudaSetDevice");
    int pools = 0;
    cudaDeviceGetAttribute(&pools, cudaDevAttrMemoryPoolsSupported, ordinal);
    if (!pools) {
      *reason = "the driver does not support stream-ordered memory pools on " + info.name;
      return nullptr;
    }
    size_t free_bytes = 0, total_bytes = 0;
    err = cudaMemGetInfo(&free_bytes, &total_bytes);
    if (err != cudaSuccess) return fail(err, "cudaMemGetInfo");
    int64_t limit;
    if (options.per_process_gpu_memory_fraction > 0) {
      limit = static_cast<int64_t>(options.per_process_gpu_memory_fraction *
                                   static_cast<double>(total_bytes));
    } else {
      // As TF: what is free now, less a reserve for cuBLAS/cuDNN workspaces and the context.
      const int64_t reserve = std::min<int64_t>(static_cast<int64_t>(free_bytes) / 20, 1LL << 30);
      limit = static_cast<int64_t>(free_bytes) - reserve;
    }
    cudaStream_t stream;
    err = cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking);
    if (err != cudaSuccess) return fail(err, "cudaStreamCreate");
    cudaMemPoolProps props = {};
    props.allocType = cudaMemAllocationTypePinned;
    props.location.type = cudaMemLocationTypeDevice;
    props.location.id = ordinal;
    cudaMemPool_t pool;
    err = cudaMemPoolCreate(&pool, &props);
    if (err != cudaSuccess) return fail(err, "cudaMemPoolCreate");
    // Keep freed blocks cached rather than returning them to the driver at each sync.
    uint64_t keep = UINT64_MAX;
    cudaMemPoolSetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &keep);
    int* word = nullptr;
    err = cudaMallocFromPoolAsync(reinterpret_cast<void**>(&word), sizeof(int), pool, stream);
    if (err != cudaSuccess) return fail(err, "allocating on the GPU");
    err = RunGpuProbe(stream, word);
    cudaFreeAsync(word, stream);
    if (err == cudaErrorNoKernelImageForDevice || err == cudaErrorInvalidPtx ||
        err == cudaErrorUnsupportedPtxVersion) {
      *reason = "this build has no kernels that run on " + info.name + " (compute capability " +
                std::to_string(info.cc_major) + "." + std::to_string(info.cc_minor) + ")";
      cudaGetLastError();
      return nullptr;
    }
    if (err != cudaSuccess) return fail(err, "running a test kernel");
    // Never destroyed: tensors may outlive every session, up to process exit.
    auto* d = new GpuDevice(tf_index, info, limit);
    d->Init(stream, new GpuAllocator(tf_index, ordinal, stream, pool, limit));
    return d;
  }

  std::mutex mu_;
  bool created_ = false;
  std::string why_;
  std::vector<Device*> devices_;
};

const bool kRegistered = [] {
  RegisterGpuBackend(new CudaBackend);
  return true;
}();

}  // namespace

void GpuDevice::Init(cudaStream_t stream, Allocator* allocator) {
  stream_ = stream;
  allocator_.reset(allocator);
  set_allocator(allocator);
}

std::vector<GpuDevice*> GetGpuDevices(const GpuOptions& options) {
  std::vector<GpuDevice*> out;
  for (Device* d : RegisteredGpuBackend()->Devices(options, nullptr)) {
    out.push_back(static_cast<GpuDevice*>(d));
  }
  return out;
}

}  // namespace tfc
