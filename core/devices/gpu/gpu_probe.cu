#include "core/devices/gpu/gpu_probe.h"

namespace tfc {
namespace {
__global__ void ProbeKernel(int* word) { *word = 0x7f3c; }
}  // namespace

cudaError_t RunGpuProbe(cudaStream_t stream, int* device_word) {
  ProbeKernel<<<1, 1, 0, stream>>>(device_word);
  cudaError_t err = cudaGetLastError();
  if (err != cudaSuccess) return err;
  int host = 0;
  err = cudaMemcpyAsync(&host, device_word, sizeof(int), cudaMemcpyDeviceToHost, stream);
  if (err != cudaSuccess) return err;
  err = cudaStreamSynchronize(stream);
  if (err != cudaSuccess) return err;
  return host == 0x7f3c ? cudaSuccess : cudaErrorUnknown;
}
}  // namespace tfc
