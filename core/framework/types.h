#pragma once
// DataType helpers and the C++ type for each TensorFlow dtype.
#include <complex>
#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/framework/status.h"
#include "tensorflow/core/framework/types.pb.h"

namespace tfc {

using DataType = ::tensorflow::DataType;
using namespace ::tensorflow;  // DT_FLOAT ... enum values, as TF code spells them

using half = Eigen::half;
using bfloat16 = Eigen::bfloat16;
using complex64 = std::complex<float>;
using complex128 = std::complex<double>;
using tstring = std::string;

using DataTypeVector = std::vector<DataType>;

// "float", "int32", "float_ref" ... as TensorFlow prints them.
std::string DataTypeString(DataType dt);
bool DataTypeFromString(const std::string& s, DataType* out);
// Bytes per element; 0 for string/resource/variant.
int DataTypeSize(DataType dt);

inline bool IsRefType(DataType dt) { return static_cast<int>(dt) > 100; }
inline DataType BaseType(DataType dt) {
  return IsRefType(dt) ? static_cast<DataType>(static_cast<int>(dt) - 100) : dt;
}
inline DataType MakeRefType(DataType dt) {
  return IsRefType(dt) ? dt : static_cast<DataType>(static_cast<int>(dt) + 100);
}
bool DataTypeIsFloating(DataType dt);
bool DataTypeIsInteger(DataType dt);
bool DataTypeIsUnsigned(DataType dt);
bool DataTypeIsComplex(DataType dt);
// Types whose element bytes can be copied with memcpy.
bool DataTypeCanMemcpy(DataType dt);

template <typename T>
struct DataTypeToEnum;
template <DataType DT>
struct EnumToDataType;

#define TFC_MATCH_TYPE_AND_ENUM(TYPE, ENUM)                  \
  template <>                                                \
  struct DataTypeToEnum<TYPE> {                              \
    static constexpr DataType value = ENUM;                  \
    static DataType v() { return ENUM; }                     \
  };                                                         \
  template <>                                                \
  struct EnumToDataType<ENUM> {                              \
    using Type = TYPE;                                       \
  }
TFC_MATCH_TYPE_AND_ENUM(float, DT_FLOAT);
TFC_MATCH_TYPE_AND_ENUM(double, DT_DOUBLE);
TFC_MATCH_TYPE_AND_ENUM(int32_t, DT_INT32);
TFC_MATCH_TYPE_AND_ENUM(uint32_t, DT_UINT32);
TFC_MATCH_TYPE_AND_ENUM(uint16_t, DT_UINT16);
TFC_MATCH_TYPE_AND_ENUM(uint8_t, DT_UINT8);
TFC_MATCH_TYPE_AND_ENUM(int16_t, DT_INT16);
TFC_MATCH_TYPE_AND_ENUM(int8_t, DT_INT8);
TFC_MATCH_TYPE_AND_ENUM(tstring, DT_STRING);
TFC_MATCH_TYPE_AND_ENUM(complex64, DT_COMPLEX64);
TFC_MATCH_TYPE_AND_ENUM(complex128, DT_COMPLEX128);
TFC_MATCH_TYPE_AND_ENUM(int64_t, DT_INT64);
TFC_MATCH_TYPE_AND_ENUM(uint64_t, DT_UINT64);
TFC_MATCH_TYPE_AND_ENUM(bool, DT_BOOL);
TFC_MATCH_TYPE_AND_ENUM(half, DT_HALF);
TFC_MATCH_TYPE_AND_ENUM(bfloat16, DT_BFLOAT16);
#undef TFC_MATCH_TYPE_AND_ENUM

}  // namespace tfc
