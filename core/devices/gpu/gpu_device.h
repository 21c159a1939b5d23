#pragma once
// GPU devices: one per visible CUDA GPU, created once per process and shared by every session
// (as TF's GPU allocators and streams are). Each has one compute stream that all of its kernels,
// copies and allocations are ordered on, a stream-ordered caching allocator (CUDA's memory
// pools), and cuBLAS/cuDNN handles bound to that stream.
#include <cuda_runtime_api.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/devices/gpu/cuda_libs.h"
#include "core/framework/device.h"
#include "core/framework/gpu_backend.h"

namespace tfc {

using GpuInfo = GpuDescription;

// CUDA GPUs the driver shows (after CUDA_VISIBLE_DEVICES); 0 without driver or device, with the
// reason in *why when given.
int CudaDeviceCount(std::string* why = nullptr);
Status GetCudaDeviceInfo(int cuda_ordinal, GpuInfo* out);

class GpuDevice : public Device {
 public:
  // TF's "/job:localhost/replica:0/task:0/device:GPU:<tf_index>".
  GpuDevice(int tf_index, const GpuInfo& info, int64_t memory_limit);
  ~GpuDevice() override;

  int tf_index() const { return tf_index_; }
  // tf_index and memory_limit filled in.
  const GpuInfo& info() const { return info_; }
  cudaStream_t stream() const { return stream_; }
  int64_t memory_limit() const { return memory_limit_; }
  // Handles bound to stream(), created on first use.
  Status cublas(cublasHandle_t* out);
  Status cudnn(cudnnHandle_t* out);
  // "device: 0, name: NVIDIA H100 80GB HBM3, pci bus id: 0000:00:05.0, compute capability: 9.0"
  std::string PhysicalDescription() const;

  // Makes this device current on the calling thread (cheap when it already is).
  Status Activate() const;
  Status Sync() override;
  // GPU kernels only queue work on the one stream: serializing them costs little and keeps the
  // cuBLAS/cuDNN handles to one thread at a time.
  std::mutex* compute_mutex() override { return &compute_mu_; }
  // Called once by the backend that creates the device.
  void Init(cudaStream_t stream, Allocator* allocator);

 private:
  int tf_index_;
  GpuInfo info_;
  int64_t memory_limit_;
  cudaStream_t stream_ = nullptr;
  std::unique_ptr<Allocator> allocator_;
  std::mutex handle_mu_;
  std::mutex compute_mu_;
  cublasHandle_t cublas_ = nullptr;
  cudnnHandle_t cudnn_ = nullptr;
};

// The process's GPU devices, created on the first call; later calls get the same devices (the
// options of the first call win, as in TF). Empty where no GPU is usable.
std::vector<GpuDevice*> GetGpuDevices(const GpuOptions& options);

// Status from a CUDA runtime error: Internal "<what>: <cudaGetErrorString>" (ResourceExhausted
// for out-of-memory).
Status CudaErrorStatus(cudaError_t err, const char* what);

}  // namespace tfc
