#pragma once
// ResourceMgr: the per-session store of stateful objects (variables, queues, tables) that
// outlive one step, keyed by (container, C++ type, name) as in TensorFlow. Kernels reach it as
// ctx->resource_manager() and usually go through the helpers below:
//
//   Var* var = nullptr;
//   OP_REQUIRES_OK(ctx, LookupResource(ctx, HandleFromInput(ctx, 0), &var));
//   core::ScopedUnref unref(var);
//   std::lock_guard<std::mutex> l(*var->mu());
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <typeinfo>
#include <utility>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/framework/refcount.h"
#include "core/framework/resource_handle.h"
#include "core/framework/status.h"

namespace tfc {

class ResourceBase : public core::RefCounted {
 public:
  virtual std::string DebugString() const = 0;
  virtual int64_t MemoryUsed() const { return 0; }
};

// The C++ type of a resource. A type may declare
//   static constexpr char kResourceTypeName[] = "...";
// to fix the name error messages and handles carry (Var uses TF's "N10tensorflow3VarE", so
// messages read as TensorFlow's); otherwise the compiler's typeid name is used.
class TypeIndex {
 public:
  TypeIndex(uint64_t hash, const char* name) : hash_(hash), name_(name) {}
  template <typename T>
  static TypeIndex Make() {
    const char* name;
    if constexpr (requires { T::kResourceTypeName; }) {
      name = T::kResourceTypeName;
    } else {
      name = typeid(T).name();
    }
    return TypeIndex(HashName(name), name);
  }
  uint64_t hash_code() const { return hash_; }
  const char* name() const { return name_; }
  // Stable across runs and builds: handles carry it in serialized protos.
  static uint64_t HashName(const char* name);

 private:
  uint64_t hash_;
  const char* name_;
};

template <typename T>
TypeIndex MakeTypeIndex() {
  return TypeIndex::Make<T>();
}

class ResourceMgr {
 public:
  ResourceMgr();  // default container "localhost"
  explicit ResourceMgr(const std::string& default_container);
  ~ResourceMgr();
  ResourceMgr(const ResourceMgr&) = delete;
  ResourceMgr& operator=(const ResourceMgr&) = delete;

  const std::string& default_container() const { return default_container_; }

  // Takes over the caller's reference to `resource`. AlreadyExists if (container, T, name) is
  // taken; the resource is then unreffed.
  template <typename T>
  Status Create(const std::string& container, const std::string& name, T* resource) {
    return DoCreate(container, MakeTypeIndex<T>(), name, resource);
  }
  // On success *resource carries a new reference the caller must Unref. NotFound otherwise,
  // with TF's wording ("Resource localhost/v/N10tensorflow3VarE does not exist.").
  template <typename T>
  Status Lookup(const std::string& container, const std::string& name, T** resource) const {
    ResourceBase* found = nullptr;
    TFC_RETURN_IF_ERROR(DoLookup(container, MakeTypeIndex<T>(), name, &found));
    *resource = static_cast<T*>(found);
    return OkStatus();
  }
  // Looks the resource up, or makes it with `creator` (run under the manager's lock, so it must
  // not call back into the manager) and stores it. *resource carries a reference for the caller.
  template <typename T>
  Status LookupOrCreate(const std::string& container, const std::string& name, T** resource,
                        std::function<Status(T**)> creator) {
    ResourceBase* found = nullptr;
    auto make = [&](ResourceBase** out) -> Status {
      T* made = nullptr;
      TFC_RETURN_IF_ERROR(creator(&made));
      *out = made;
      return OkStatus();
    };
    TFC_RETURN_IF_ERROR(DoLookupOrCreate(container, MakeTypeIndex<T>(), name, &found, make));
    *resource = static_cast<T*>(found);
    return OkStatus();
  }
  template <typename T>
  Status Delete(const std::string& container, const std::string& name) {
    TypeIndex t = MakeTypeIndex<T>();
    return DoDelete(container, t.hash_code(), name, t.name());
  }
  Status Delete(const ResourceHandle& handle);
  // Drops every resource of a container; NotFound-free (an absent container is fine).
  Status Cleanup(const std::string& container);
  // Drops every resource (a session's Close).
  void Clear();
  std::string DebugString() const;

 private:
  struct Key {
    uint64_t type_hash;
    std::string name;
    bool operator<(const Key& o) const {
      return type_hash != o.type_hash ? type_hash < o.type_hash : name < o.name;
    }
  };
  struct Entry {
    ResourceBase* resource = nullptr;
    const char* type_name = "";
  };
  using Container = std::map<Key, Entry>;

  Status DoCreate(const std::string& container, TypeIndex type, const std::string& name,
                  ResourceBase* resource);
  Status DoLookup(const std::string& container, TypeIndex type, const std::string& name,
                  ResourceBase** resource) const;
  Status LookupLocked(const std::string& container, TypeIndex type, const std::string& name,
                      ResourceBase** resource) const;
  Status DoLookupOrCreate(const std::string& container, TypeIndex type, const std::string& name,
                          ResourceBase** resource,
                          const std::function<Status(ResourceBase**)>& creator);
  Status DoDelete(const std::string& container, uint64_t type_hash, const std::string& name,
                  const std::string& type_name);

  const std::string default_container_;
  mutable std::mutex mu_;
  std::map<std::string, Container> containers_;
};

// Where a kernel with `container`/`shared_name` attrs keeps its resource (TF's ContainerInfo):
// the attr container or the manager's default; shared_name, else the node's name when
// use_node_name_as_default, else a name private to this kernel.
class ContainerInfo {
 public:
  Status Init(ResourceMgr* rmgr, const ::tensorflow::NodeDef& ndef,
              bool use_node_name_as_default = false);
  ResourceMgr* resource_manager() const { return rmgr_; }
  const std::string& container() const { return container_; }
  const std::string& name() const { return name_; }
  bool resource_is_private_to_kernel() const { return private_; }

 private:
  ResourceMgr* rmgr_ = nullptr;
  std::string container_, name_;
  bool private_ = false;
};

// ---- kernel helpers (TF's names and behaviour) -----------------------------------------------

// A handle to (container or the default container, name) of type T on ctx's device.
ResourceHandle MakeResourceHandle(const std::string& container, const std::string& name,
                                  const Device& device, const TypeIndex& type_index,
                                  const std::vector<DtypeAndPartialShape>& dtypes_and_shapes = {});
template <typename T>
ResourceHandle MakeResourceHandle(OpKernelContext* ctx, const std::string& container,
                                  const std::string& name,
                                  const std::vector<DtypeAndPartialShape>& dtypes_and_shapes = {}) {
  const std::string& c = container.empty() && ctx->resource_manager() != nullptr
                             ? ctx->resource_manager()->default_container()
                             : container;
  return MakeResourceHandle(c, name, *ctx->device(), MakeTypeIndex<T>(), dtypes_and_shapes);
}
// Allocates a scalar DT_RESOURCE output holding the handle.
Status MakeResourceHandleToOutput(OpKernelContext* ctx, int output_index,
                                  const std::string& container, const std::string& name,
                                  const TypeIndex& type_index);

// Input i must be a DT_RESOURCE tensor; its first handle (an empty handle if it has none).
const ResourceHandle& HandleFromInput(OpKernelContext* ctx, int input);

// InvalidArgument when the handle names another device or another type (TF's messages).
Status ValidateDeviceAndType(OpKernelContext* ctx, const ResourceHandle& p, const TypeIndex& t);
Status ResourceMgrFromContext(OpKernelContext* ctx, ResourceMgr** rm);

template <typename T>
Status CreateResource(OpKernelContext* ctx, const ResourceHandle& p, T* value) {
  ResourceMgr* rm = nullptr;
  Status s = ResourceMgrFromContext(ctx, &rm);
  if (s.ok()) s = ValidateDeviceAndType(ctx, p, MakeTypeIndex<T>());
  if (!s.ok()) {
    value->Unref();
    return s;
  }
  return rm->Create(p.container(), p.name(), value);
}

// On success *value carries a reference the caller must Unref (core::ScopedUnref).
template <typename T>
Status LookupResource(OpKernelContext* ctx, const ResourceHandle& p, T** value) {
  ResourceMgr* rm = nullptr;
  TFC_RETURN_IF_ERROR(ResourceMgrFromContext(ctx, &rm));
  TFC_RETURN_IF_ERROR(ValidateDeviceAndType(ctx, p, MakeTypeIndex<T>()));
  return rm->Lookup(p.container(), p.name(), value);
}

template <typename T>
Status LookupOrCreateResource(OpKernelContext* ctx, const ResourceHandle& p, T** value,
                              std::function<Status(T**)> creator) {
  ResourceMgr* rm = nullptr;
  TFC_RETURN_IF_ERROR(ResourceMgrFromContext(ctx, &rm));
  TFC_RETURN_IF_ERROR(ValidateDeviceAndType(ctx, p, MakeTypeIndex<T>()));
  return rm->LookupOrCreate(p.container(), p.name(), value, std::move(creator));
}

template <typename T>
Status DeleteResource(OpKernelContext* ctx, const ResourceHandle& p) {
  ResourceMgr* rm = nullptr;
  TFC_RETURN_IF_ERROR(ResourceMgrFromContext(ctx, &rm));
  TFC_RETURN_IF_ERROR(ValidateDeviceAndType(ctx, p, MakeTypeIndex<T>()));
  return rm->Delete<T>(p.container(), p.name());
}
// Deletes whatever the handle names, whatever its type.
Status DeleteResource(OpKernelContext* ctx, const ResourceHandle& p);

}  // namespace tfc
