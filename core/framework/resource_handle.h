#pragma once
// ResourceHandle: the element type of DT_RESOURCE tensors. It names a resource (a variable, a
// queue ...) in a ResourceMgr by device, container, name and the resource's C++ type, and may
// carry the dtype and shape of what it points to (resource variables do).
#include <cstdint>
#include <string>
#include <vector>

#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "tensorflow/core/framework/resource_handle.pb.h"

namespace tfc {

struct DtypeAndPartialShape {
  DataType dtype = DT_INVALID;
  PartialTensorShape shape;
};

class ResourceHandle {
 public:
  ResourceHandle() = default;
  explicit ResourceHandle(const ::tensorflow::ResourceHandleProto& proto) { FromProto(proto); }

  const std::string& device() const { return device_; }
  void set_device(const std::string& v) { device_ = v; }
  const std::string& container() const { return container_; }
  void set_container(const std::string& v) { container_ = v; }
  const std::string& name() const { return name_; }
  void set_name(const std::string& v) { name_ = v; }
  uint64_t hash_code() const { return hash_code_; }
  void set_hash_code(uint64_t v) { hash_code_ = v; }
  const std::string& maybe_type_name() const { return maybe_type_name_; }
  void set_maybe_type_name(const std::string& v) { maybe_type_name_ = v; }
  const std::vector<DtypeAndPartialShape>& dtypes_and_shapes() const { return dtypes_and_shapes_; }
  void set_dtypes_and_shapes(const std::vector<DtypeAndPartialShape>& v) { dtypes_and_shapes_ = v; }

  void AsProto(::tensorflow::ResourceHandleProto* proto) const;
  void FromProto(const ::tensorflow::ResourceHandleProto& proto);
  // "device: ... container: ... name: ... hash_code: ... maybe_type_name: ..." as TF prints it.
  std::string DebugString() const;

 private:
  std::string device_, container_, name_;
  uint64_t hash_code_ = 0;
  std::string maybe_type_name_;
  std::vector<DtypeAndPartialShape> dtypes_and_shapes_;
};

template <>
struct DataTypeToEnum<ResourceHandle> {
  static constexpr DataType value = DT_RESOURCE;
  static DataType v() { return DT_RESOURCE; }
};
template <>
struct EnumToDataType<DT_RESOURCE> {
  using Type = ResourceHandle;
};

}  // namespace tfc
