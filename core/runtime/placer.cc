#include "core/runtime/placer.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <numeric>

#include "core/framework/op_kernel.h"

namespace tfc {

bool ParseDeviceSpec(const std::string& spec, DeviceSpec* out) {
  *out = DeviceSpec{};
  size_t pos = 0;
  while (pos <= spec.size()) {
    size_t next = spec.find('/', pos);
    if (next == std::string::npos) next = spec.size();
    std::string part = spec.substr(pos, next - pos);
    pos = next + 1;
    if (part.empty()) continue;
    if (part.rfind("job:", 0) == 0 || part.rfind("replica:", 0) == 0 ||
        part.rfind("task:", 0) == 0) {
      continue;
    }
    if (part.rfind("device:", 0) == 0) part = part.substr(7);
    const size_t colon = part.find(':');
    std::string type = part.substr(0, colon);
    std::string index = colon == std::string::npos ? "*" : part.substr(colon + 1);
    if (type.empty()) return false;
    // The legacy "/cpu:0" and "/gpu:0" forms are lower case.
    if (type == "cpu" || type == "gpu") {
      std::transform(type.begin(), type.end(), type.begin(), ::toupper);
    }
    out->type = type;
    if (index == "*") {
      out->index = -1;
    } else {
      if (index.empty() || !std::all_of(index.begin(), index.end(), ::isdigit)) return false;
      out->index = std::stoi(index);
    }
  }
  return true;
}

namespace {

class UnionFind {
 public:
  explicit UnionFind(int n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  int Find(int x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Union(int a, int b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<int> parent_;
};

std::string AvailableDevices(const std::vector<Device*>& devices) {
  std::string s;
  for (const Device* d : devices) s += (s.empty() ? "" : ", ") + d->name();
  return s;
}

// Nodes that read only int32 (or string) tensors and make int32, bool or string ones: TF
// registers their GPU kernels with every argument in host memory (shape arithmetic,
// comparisons of indices), i.e. they compute on the host wherever they are placed. A group
// asked onto a GPU may keep such members on the CPU without changing anything they compute.
bool ComputesOnHost(const Node* node) {
  auto host_input = [](DataType t) {
    t = BaseType(t);
    return t == DT_INT32 || t == DT_STRING;
  };
  auto host_output = [](DataType t) {
    t = BaseType(t);
    return t == DT_INT32 || t == DT_BOOL || t == DT_STRING;
  };
  return std::all_of(node->input_types.begin(), node->input_types.end(), host_input) &&
         std::all_of(node->output_types.begin(), node->output_types.end(), host_output);
}

// Members that hold or take a reference or resource must share the group's device; the others
// joined it through a `_class` colocation (a variable's initializer, say) and only exchange
// values with it, which the executor copies wherever they run.
bool NeedsGroupDevice(const Node* node) {
  auto by_ref = [](DataType t) { return IsRefType(t) || BaseType(t) == DT_RESOURCE; };
  return std::any_of(node->input_types.begin(), node->input_types.end(), by_ref) ||
         std::any_of(node->output_types.begin(), node->output_types.end(), by_ref);
}

Device* FindDevice(const std::vector<Device*>& devices, const std::string& type, int index) {
  int seen = 0;
  for (Device* d : devices) {
    if (d->device_type() != type) continue;
    if (index < 0 || seen == index) return d;
    ++seen;
  }
  return nullptr;
}

}  // namespace

Status PlaceNodes(const Graph& graph, const std::vector<Device*>& devices,
                  bool allow_soft_placement, std::vector<Device*>* assignment) {
  const int n = graph.num_nodes();
  const int first_new = static_cast<int>(assignment->size());
  if (first_new >= n) return OkStatus();
  Device* cpu = devices[0];
  // With only a CPU there is nothing to choose, but explicit specifications are still checked.
  UnionFind groups(n);
  for (int id = 0; id < n; ++id) {
    const Node* node = graph.node(id);
    for (int j = 0; j < node->num_inputs(); ++j) {
      const Endpoint& in = node->inputs[j];
      if (in.node < 0) continue;
      const DataType t = node->input_types[j];
      if (IsRefType(t) || BaseType(t) == DT_RESOURCE) groups.Union(id, in.node);
    }
    if (const ::tensorflow::AttrValue* cls = FindAttr(node->def, "_class")) {
      for (const std::string& loc : cls->list().s()) {
        if (loc.rfind("loc:@", 0) != 0) continue;
        if (const Node* other = graph.FindNode(loc.substr(5))) groups.Union(id, other->id);
      }
    }
  }
  std::map<int, std::vector<int>> members;
  for (int id = 0; id < n; ++id) members[groups.Find(id)].push_back(id);

  std::vector<Device*> placed(n, nullptr);
  for (int id = 0; id < first_new; ++id) placed[id] = (*assignment)[id];
  auto supports = [](const Node* node, const std::string& type) {
    const auto types = KernelRegistry::Global()->SupportedDeviceTypes(node->def);
    // A node with no kernel at all fails later, when its kernel is made, with TF's NotFound.
    return types.empty() || std::find(types.begin(), types.end(), type) != types.end();
  };

  for (const auto& [root, ids] : members) {
    if (ids.back() < first_new) continue;
    Device* chosen = nullptr;
    for (int id : ids) {
      if (placed[id] != nullptr) chosen = placed[id];
    }
    if (chosen == nullptr) {
      const Node* requester = nullptr;
      DeviceSpec spec;
      for (int id : ids) {
        const Node* node = graph.node(id);
        if (node->def.device().empty()) continue;
        if (!ParseDeviceSpec(node->def.device(), &spec)) {
          return errors::InvalidArgument("Malformed device specification '", node->def.device(),
                                         "' in node: ", node->name());
        }
        requester = node;
        break;
      }
      // The members that decide: those that must share the device, and the one that asked.
      auto all_support = [&](const std::string& type) {
        return std::all_of(ids.begin(), ids.end(), [&](int id) {
          const Node* node = graph.node(id);
          const bool binding = ids.size() == 1 || node == requester || NeedsGroupDevice(node);
          return !binding || supports(node, type);
        });
      };
      Device* default_device = cpu;
      if (Device* gpu = FindDevice(devices, DEVICE_GPU, -1); gpu && all_support(DEVICE_GPU)) {
        default_device = gpu;
      }
      if (requester == nullptr || spec.type.empty()) {
        chosen = default_device;
      } else {
        Device* wanted = FindDevice(devices, spec.type, spec.index);
        if (wanted == nullptr) {
          if (!allow_soft_placement) {
            std::string msg = "Cannot assign a device for operation " + requester->name() +
                              ": {{node " + requester->name() + "}} was explicitly assigned to " +
                              requester->def.device() + " but available devices are [ " +
                              AvailableDevices(devices) +
                              " ]. Make sure the device specification refers to a valid device.";
            if (spec.type == DEVICE_GPU && FindDevice(devices, DEVICE_GPU, -1) == nullptr) {
              msg += " The requested device appears to be a GPU, but no usable GPU was found "
                     "(run `tfclassic doctor` to see why).";
            }
            return errors::InvalidArgument(msg);
          }
          chosen = default_device;
        } else if (!all_support(wanted->device_type())) {
          const bool host_members_only = std::all_of(ids.begin(), ids.end(), [&](int id) {
            return supports(graph.node(id), wanted->device_type()) ||
                   ComputesOnHost(graph.node(id));
          });
          if (host_members_only) {
            chosen = wanted;  // the int32 members go to the CPU below
          } else if (!allow_soft_placement) {
            const Node* culprit = requester;
            for (int id : ids) {
              const Node* node = graph.node(id);
              if ((node == requester || NeedsGroupDevice(node)) &&
                  !supports(node, wanted->device_type())) {
                culprit = node;
              }
            }
            return errors::InvalidArgument(
                "Cannot assign a device for operation ", culprit->name(),
                ": Could not satisfy explicit device specification '", requester->def.device(),
                "' because no supported kernel for ", wanted->device_type(),
                " devices is available.");
          } else {
            chosen = all_support(DEVICE_CPU) ? cpu : default_device;
          }
        } else {
          chosen = wanted;
        }
      }
    }
    for (int id : ids) {
      if (placed[id] != nullptr) continue;
      // A node joining a group placed earlier that cannot run there goes to the CPU; the
      // executor refuses reference edges across devices with a clear error.
      placed[id] = supports(graph.node(id), chosen->device_type()) ? chosen : cpu;
    }
  }
  assignment->resize(n);
  for (int id = first_new; id < n; ++id) (*assignment)[id] = placed[id];
  return OkStatus();
}

}  // namespace tfc
