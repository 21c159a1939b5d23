#pragma once
// cuBLAS and cuDNN, opened at run time. The package must import and run on machines without
// these libraries (or without any GPU), so nothing links against them: each library's functions
// are looked up once, by name, into a table. Kernels call through the table:
//   const CudnnApi* dnn; OP_REQUIRES_OK(ctx, GetCudnnApi(&dnn));
//   dnn->cudnnConvolutionForward(...);
#include <cublas_v2.h>
#include <cudnn.h>

#include <string>

#include "core/framework/status.h"

// X(name) for every cuBLAS function the backend uses.
#define TFC_CUBLAS_FUNCTIONS(X) \
  X(cublasCreate_v2)            \
  X(cublasDestroy_v2)           \
  X(cublasSetStream_v2)         \
  X(cublasSetMathMode)          \
  X(cublasSetWorkspace_v2)      \
  X(cublasGetVersion_v2)        \
  X(cublasSgemm_v2)             \
  X(cublasDgemm_v2)             \
  X(cublasSgemmStridedBatched)  \
  X(cublasDgemmStridedBatched)

// X(name) for every cuDNN function the backend uses (cuDNN 9's legacy API).
#define TFC_CUDNN_FUNCTIONS(X)                      \
  X(cudnnGetVersion)                                \
  X(cudnnGetErrorString)                            \
  X(cudnnCreate)                                    \
  X(cudnnDestroy)                                   \
  X(cudnnSetStream)                                 \
  X(cudnnCreateTensorDescriptor)                    \
  X(cudnnDestroyTensorDescriptor)                   \
  X(cudnnSetTensor4dDescriptor)                     \
  X(cudnnSetTensor4dDescriptorEx)                   \
  X(cudnnSetTensorNdDescriptor)                     \
  X(cudnnCreateFilterDescriptor)                    \
  X(cudnnDestroyFilterDescriptor)                   \
  X(cudnnSetFilter4dDescriptor)                     \
  X(cudnnSetFilterNdDescriptor)                     \
  X(cudnnCreateConvolutionDescriptor)               \
  X(cudnnDestroyConvolutionDescriptor)              \
  X(cudnnSetConvolution2dDescriptor)                \
  X(cudnnSetConvolutionNdDescriptor)                \
  X(cudnnSetConvolutionMathType)                    \
  X(cudnnSetConvolutionGroupCount)                  \
  X(cudnnGetConvolutionForwardAlgorithm_v7)         \
  X(cudnnFindConvolutionForwardAlgorithmEx)         \
  X(cudnnGetConvolutionForwardWorkspaceSize)        \
  X(cudnnConvolutionForward)                        \
  X(cudnnGetConvolutionBackwardDataAlgorithm_v7)    \
  X(cudnnFindConvolutionBackwardDataAlgorithmEx)    \
  X(cudnnGetConvolutionBackwardDataWorkspaceSize)   \
  X(cudnnConvolutionBackwardData)                   \
  X(cudnnGetConvolutionBackwardFilterAlgorithm_v7)  \
  X(cudnnFindConvolutionBackwardFilterAlgorithmEx)  \
  X(cudnnGetConvolutionBackwardFilterWorkspaceSize) \
  X(cudnnConvolutionBackwardFilter)                 \
  X(cudnnCreatePoolingDescriptor)                   \
  X(cudnnDestroyPoolingDescriptor)                  \
  X(cudnnSetPooling2dDescriptor)                    \
  X(cudnnSetPoolingNdDescriptor)                    \
  X(cudnnPoolingForward)                            \
  X(cudnnPoolingBackward)                           \
  X(cudnnDeriveBNTensorDescriptor)                  \
  X(cudnnBatchNormalizationForwardTraining)         \
  X(cudnnBatchNormalizationForwardInference)        \
  X(cudnnBatchNormalizationBackward)

namespace tfc {

#define TFC_API_MEMBER(name) decltype(&::name) name = nullptr;
struct CublasApi {
  TFC_CUBLAS_FUNCTIONS(TFC_API_MEMBER)
  // CUDA 13's headers overload these two for C++, so decltype cannot name them.
  cublasStatus_t (*cublasGemmEx)(cublasHandle_t, cublasOperation_t, cublasOperation_t, int, int,
                                 int, const void*, const void*, cudaDataType, int, const void*,
                                 cudaDataType, int, const void*, void*, cudaDataType, int,
                                 cublasComputeType_t, cublasGemmAlgo_t) = nullptr;
  cublasStatus_t (*cublasGemmStridedBatchedEx)(cublasHandle_t, cublasOperation_t,
                                               cublasOperation_t, int, int, int, const void*,
                                               const void*, cudaDataType, int, long long int,
                                               const void*, cudaDataType, int, long long int,
                                               const void*, void*, cudaDataType, int,
                                               long long int, int, cublasComputeType_t,
                                               cublasGemmAlgo_t) = nullptr;
};
struct CudnnApi {
  TFC_CUDNN_FUNCTIONS(TFC_API_MEMBER)
};
#undef TFC_API_MEMBER

// The tables, loaded on first use; Unavailable naming the library (and the missing function)
// when it cannot be opened. Thread-safe.
Status GetCublasApi(const CublasApi** out);
Status GetCudnnApi(const CudnnApi** out);

// Where each library was found ("" if not), for doctor and error messages.
std::string CublasLibraryPath();
std::string CudnnLibraryPath();

const char* CublasStatusName(cublasStatus_t s);

}  // namespace tfc
