#include "core/framework/types.h"

#include <unordered_map>

namespace tfc {

std::string DataTypeString(DataType dt) {
  if (IsRefType(dt)) return DataTypeString(BaseType(dt)) + "_ref";
  switch (dt) {
    case DT_INVALID: return "INVALID";
    case DT_FLOAT: return "float";
    case DT_DOUBLE: return "double";
    case DT_INT32: return "int32";
    case DT_UINT8: return "uint8";
    case DT_INT16: return "int16";
    case DT_INT8: return "int8";
    case DT_STRING: return "string";
    case DT_COMPLEX64: return "complex64";
    case DT_INT64: return "int64";
    case DT_BOOL: return "bool";
    case DT_QINT8: return "qint8";
    case DT_QUINT8: return "quint8";
    case DT_QINT32: return "qint32";
    case DT_BFLOAT16: return "bfloat16";
    case DT_QINT16: return "qint16";
    case DT_QUINT16: return "quint16";
    case DT_UINT16: return "uint16";
    case DT_COMPLEX128: return "complex128";
    case DT_HALF: return "half";
    case DT_RESOURCE: return "resource";
    case DT_VARIANT: return "variant";
    case DT_UINT32: return "uint32";
    case DT_UINT64: return "uint64";
    default: return "unknown dtype " + std::to_string(static_cast<int>(dt));
  }
}

bool DataTypeFromString(const std::string& s, DataType* out) {
  static const std::unordered_map<std::string, DataType>* names = [] {
    auto* m = new std::unordered_map<std::string, DataType>;
    for (int i = 1; i <= 23; ++i) {
      DataType dt = static_cast<DataType>(i);
      (*m)[DataTypeString(dt)] = dt;
      (*m)[DataTypeString(dt) + "_ref"] = MakeRefType(dt);
    }
    return m;
  }();
  auto it = names->find(s);
  if (it == names->end()) return false;
  *out = it->second;
  return true;
}

int DataTypeSize(DataType dt) {
  switch (BaseType(dt)) {
    case DT_FLOAT: case DT_INT32: case DT_UINT32: case DT_QINT32: return 4;
    case DT_DOUBLE: case DT_INT64: case DT_UINT64: case DT_COMPLEX64: return 8;
    case DT_COMPLEX128: return 16;
    case DT_UINT8: case DT_INT8: case DT_BOOL: case DT_QINT8: case DT_QUINT8: return 1;
    case DT_INT16: case DT_UINT16: case DT_HALF: case DT_BFLOAT16: case DT_QINT16:
    case DT_QUINT16: return 2;
    default: return 0;
  }
}

bool DataTypeIsFloating(DataType dt) {
  dt = BaseType(dt);
  return dt == DT_FLOAT || dt == DT_DOUBLE || dt == DT_HALF || dt == DT_BFLOAT16;
}
bool DataTypeIsInteger(DataType dt) {
  switch (BaseType(dt)) {
    case DT_INT8: case DT_INT16: case DT_INT32: case DT_INT64:
    case DT_UINT8: case DT_UINT16: case DT_UINT32: case DT_UINT64: return true;
    default: return false;
  }
}
bool DataTypeIsUnsigned(DataType dt) {
  switch (BaseType(dt)) {
    case DT_UINT8: case DT_UINT16: case DT_UINT32: case DT_UINT64: return true;
    default: return false;
  }
}
bool DataTypeIsComplex(DataType dt) {
  dt = BaseType(dt);
  return dt == DT_COMPLEX64 || dt == DT_COMPLEX128;
}
bool DataTypeCanMemcpy(DataType dt) { return DataTypeSize(dt) > 0; }

}  // namespace tfc
