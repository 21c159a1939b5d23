#include "core/framework/resource_handle.h"

#include "core/framework/status.h"

namespace tfc {

void ResourceHandle::AsProto(::tensorflow::ResourceHandleProto* proto) const {
  proto->Clear();
  proto->set_device(device_);
  proto->set_container(container_);
  proto->set_name(name_);
  proto->set_hash_code(hash_code_);
  proto->set_maybe_type_name(maybe_type_name_);
  for (const auto& ds : dtypes_and_shapes_) {
    auto* p = proto->add_dtypes_and_shapes();
    p->set_dtype(ds.dtype);
    ds.shape.AsProto(p->mutable_shape());
  }
}

void ResourceHandle::FromProto(const ::tensorflow::ResourceHandleProto& proto) {
  device_ = proto.device();
  container_ = proto.container();
  name_ = proto.name();
  hash_code_ = proto.hash_code();
  maybe_type_name_ = proto.maybe_type_name();
  dtypes_and_shapes_.clear();
  for (const auto& p : proto.dtypes_and_shapes()) {
    DtypeAndPartialShape ds;
    ds.dtype = p.dtype();
    // A malformed shape in a foreign proto degrades to unknown rather than failing the handle.
    if (!PartialTensorShape::FromProto(p.shape(), &ds.shape).ok()) ds.shape = PartialTensorShape();
    dtypes_and_shapes_.push_back(std::move(ds));
  }
}

std::string ResourceHandle::DebugString() const {
  return StrCat("device: ", device_, " container: ", container_, " name: ", name_,
                " hash_code: ", hash_code_, " maybe_type_name: ", maybe_type_name_);
}

}  // namespace tfc
