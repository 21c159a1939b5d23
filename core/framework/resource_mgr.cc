#include "core/framework/resource_mgr.h"

#include <algorithm>
#include <atomic>
#include <cctype>

namespace tfc {

uint64_t TypeIndex::HashName(const char* name) {
  uint64_t h = 14695981039346656037ull;  // FNV-1a
  for (const char* p = name; *p; ++p) {
    h ^= static_cast<unsigned char>(*p);
    h *= 1099511628211ull;
  }
  return h;
}

ResourceMgr::ResourceMgr() : ResourceMgr("localhost") {}
ResourceMgr::ResourceMgr(const std::string& default_container)
    : default_container_(default_container) {}
ResourceMgr::~ResourceMgr() { Clear(); }

Status ResourceMgr::DoCreate(const std::string& container, TypeIndex type,
                             const std::string& name, ResourceBase* resource) {
  {
    std::lock_guard<std::mutex> l(mu_);
    Container& c = containers_[container];
    auto [it, inserted] = c.emplace(Key{type.hash_code(), name}, Entry{resource, type.name()});
    if (inserted) return OkStatus();
  }
  resource->Unref();
  return errors::AlreadyExists("Resource ", container, "/", name, "/", type.name());
}

Status ResourceMgr::LookupLocked(const std::string& container, TypeIndex type,
                                 const std::string& name, ResourceBase** resource) const {
  auto c = containers_.find(container);
  if (c == containers_.end()) {
    return errors::NotFound("Container ", container,
                            " does not exist. (Could not find resource: ", container, "/", name,
                            ")");
  }
  auto r = c->second.find(Key{type.hash_code(), name});
  if (r == c->second.end()) {
    return errors::NotFound("Resource ", container, "/", name, "/", type.name(),
                            " does not exist.");
  }
  r->second.resource->Ref();
  *resource = r->second.resource;
  return OkStatus();
}

Status ResourceMgr::DoLookup(const std::string& container, TypeIndex type,
                             const std::string& name, ResourceBase** resource) const {
  std::lock_guard<std::mutex> l(mu_);
  return LookupLocked(container, type, name, resource);
}

Status ResourceMgr::DoLookupOrCreate(const std::string& container, TypeIndex type,
                                     const std::string& name, ResourceBase** resource,
                                     const std::function<Status(ResourceBase**)>& creator) {
  std::lock_guard<std::mutex> l(mu_);
  if (LookupLocked(container, type, name, resource).ok()) return OkStatus();
  ResourceBase* made = nullptr;
  TFC_RETURN_IF_ERROR(creator(&made));
  if (made == nullptr) {
    return errors::Internal("LookupOrCreate: the creator of ", container, "/", name,
                            " made nothing");
  }
  containers_[container].emplace(Key{type.hash_code(), name}, Entry{made, type.name()});
  made->Ref();  // one for the manager, one for the caller
  *resource = made;
  return OkStatus();
}

Status ResourceMgr::DoDelete(const std::string& container, uint64_t type_hash,
                             const std::string& name, const std::string& type_name) {
  ResourceBase* doomed = nullptr;
  {
    std::lock_guard<std::mutex> l(mu_);
    auto c = containers_.find(container);
    if (c == containers_.end()) {
      return errors::NotFound("Container ", container, " does not exist.");
    }
    auto r = c->second.find(Key{type_hash, name});
    if (r == c->second.end()) {
      return errors::NotFound("Resource ", container, "/", name, "/", type_name,
                              " does not exist.");
    }
    doomed = r->second.resource;
    c->second.erase(r);
  }
  doomed->Unref();  // outside the lock: a destructor may be slow
  return OkStatus();
}

Status ResourceMgr::Delete(const ResourceHandle& handle) {
  return DoDelete(handle.container(), handle.hash_code(), handle.name(), "<unknown>");
}

Status ResourceMgr::Cleanup(const std::string& container) {
  Container doomed;
  {
    std::lock_guard<std::mutex> l(mu_);
    auto c = containers_.find(container);
    if (c == containers_.end()) return OkStatus();
    doomed.swap(c->second);
    containers_.erase(c);
  }
  for (auto& [key, entry] : doomed) entry.resource->Unref();
  return OkStatus();
}

void ResourceMgr::Clear() {
  std::map<std::string, Container> doomed;
  {
    std::lock_guard<std::mutex> l(mu_);
    doomed.swap(containers_);
  }
  for (auto& [name, c] : doomed) {
    for (auto& [key, entry] : c) entry.resource->Unref();
  }
}

std::string ResourceMgr::DebugString() const {
  std::vector<std::string> lines;
  std::lock_guard<std::mutex> l(mu_);
  for (const auto& [cname, c] : containers_) {
    for (const auto& [key, entry] : c) {
      lines.push_back(StrCat(cname, " | ", entry.type_name, " | ", key.name, " | ",
                             entry.resource->DebugString()));
    }
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& s : lines) out += s + "\n";
  return out;
}

// ---- ContainerInfo -----------------------------------------------------------------------------
namespace {

// TF's container-name rule: [A-Za-z0-9.][A-Za-z0-9_.\-/]*
bool IsValidContainerName(const std::string& s) {
  if (s.empty()) return false;
  auto first_ok = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.'; };
  auto rest_ok = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' ||
           c == '/';
  };
  if (!first_ok(s[0])) return false;
  return std::all_of(s.begin() + 1, s.end(), rest_ok);
}

std::atomic<int64_t> next_private_id{1};

std::string StringAttrOrEmpty(const ::tensorflow::NodeDef& ndef, const char* name) {
  auto it = ndef.attr().find(name);
  return it == ndef.attr().end() ? std::string() : it->second.s();
}

}  // namespace

Status ContainerInfo::Init(ResourceMgr* rmgr, const ::tensorflow::NodeDef& ndef,
                           bool use_node_name_as_default) {
  if (rmgr == nullptr) {
    return errors::Internal("No resource manager for node ", ndef.name());
  }
  rmgr_ = rmgr;
  const std::string attr_container = StringAttrOrEmpty(ndef, "container");
  if (!attr_container.empty() && !IsValidContainerName(attr_container)) {
    return errors::InvalidArgument("container contains invalid characters: ", attr_container);
  }
  const std::string attr_shared_name = StringAttrOrEmpty(ndef, "shared_name");
  if (!attr_shared_name.empty() && attr_shared_name[0] == '_') {
    return errors::InvalidArgument("shared_name cannot start with '_':", attr_shared_name);
  }
  container_ = attr_container.empty() ? rmgr->default_container() : attr_container;
  private_ = false;
  if (!attr_shared_name.empty()) {
    name_ = attr_shared_name;
  } else if (use_node_name_as_default) {
    name_ = ndef.name();
  } else {
    private_ = true;
    name_ = StrCat("_", next_private_id.fetch_add(1), "_", ndef.name());
  }
  return OkStatus();
}

// ---- kernel helpers ----------------------------------------------------------------------------
ResourceHandle MakeResourceHandle(const std::string& container, const std::string& name,
                                  const Device& device, const TypeIndex& type_index,
                                  const std::vector<DtypeAndPartialShape>& dtypes_and_shapes) {
  ResourceHandle h;
  h.set_device(device.name());
  h.set_container(container);
  h.set_name(name);
  h.set_hash_code(type_index.hash_code());
  h.set_maybe_type_name(type_index.name());
  h.set_dtypes_and_shapes(dtypes_and_shapes);
  return h;
}

Status MakeResourceHandleToOutput(OpKernelContext* ctx, int output_index,
                                  const std::string& container, const std::string& name,
                                  const TypeIndex& type_index) {
  Tensor* out = nullptr;
  TFC_RETURN_IF_ERROR(ctx->allocate_output(output_index, TensorShape({}), &out));
  const std::string& c = container.empty() && ctx->resource_manager() != nullptr
                             ? ctx->resource_manager()->default_container()
                             : container;
  out->scalar<ResourceHandle>() = MakeResourceHandle(c, name, *ctx->device(), type_index);
  return OkStatus();
}

const ResourceHandle& HandleFromInput(OpKernelContext* ctx, int input) {
  static const ResourceHandle* const kEmpty = new ResourceHandle;
  const Tensor& t = ctx->input(input);
  if (t.dtype() != DT_RESOURCE || t.NumElements() < 1 || t.raw_data() == nullptr) return *kEmpty;
  return t.data<ResourceHandle>()[0];
}

Status ValidateDeviceAndType(OpKernelContext* ctx, const ResourceHandle& p, const TypeIndex& t) {
  if (ctx->device() != nullptr && p.device() != ctx->device()->name()) {
    return errors::InvalidArgument("Trying to access resource ", p.name(), " located in device ",
                                   p.device(), " from device ", ctx->device()->name());
  }
  if (p.hash_code() != t.hash_code()) {
    return errors::InvalidArgument("Trying to access resource using the wrong type. Expected ",
                                   p.maybe_type_name(), " got ", t.name());
  }
  return OkStatus();
}

Status ResourceMgrFromContext(OpKernelContext* ctx, ResourceMgr** rm) {
  *rm = ctx->resource_manager();
  if (*rm == nullptr) {
    return errors::Internal("No resource manager for ", ctx->op_kernel().name(),
                            ": resources need a session");
  }
  return OkStatus();
}

Status DeleteResource(OpKernelContext* ctx, const ResourceHandle& p) {
  ResourceMgr* rm = nullptr;
  TFC_RETURN_IF_ERROR(ResourceMgrFromContext(ctx, &rm));
  if (ctx->device() != nullptr && p.device() != ctx->device()->name()) {
    return errors::InvalidArgument("Trying to access resource ", p.name(), " located in device ",
                                   p.device(), " from device ", ctx->device()->name());
  }
  return rm->Delete(p);
}

}  // namespace tfc
