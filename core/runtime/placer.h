#pragma once
// Chooses a device for every node, as TF 1.15's placer does: nodes joined by reference or
// resource edges or by a `_class` "loc:@other" colocation attr form a group that shares one
// device; a group goes where its members' tf.device() specification says, else to the first
// GPU when every member has a GPU kernel, else to the CPU. An explicit device that does not
// exist, or that lacks a kernel for a member, is InvalidArgument unless allow_soft_placement.
#include <string>
#include <vector>

#include "core/framework/device.h"
#include "core/framework/status.h"
#include "core/graph/graph.h"

namespace tfc {

// A parsed "/job:localhost/replica:0/task:0/device:GPU:0", "/gpu:0", "/device:CPU:*", "GPU:1".
struct DeviceSpec {
  std::string type;  // "CPU", "GPU", ... ("" when the spec names none)
  int index = -1;    // -1: any
};
bool ParseDeviceSpec(const std::string& spec, DeviceSpec* out);

// devices[0] is the CPU. Places the nodes whose id is >= assignment->size() and appends their
// devices; earlier nodes keep theirs (a group that has placed members stays on their device).
Status PlaceNodes(const Graph& graph, const std::vector<Device*>& devices,
                  bool allow_soft_placement, std::vector<Device*>* assignment);

}  // namespace tfc
