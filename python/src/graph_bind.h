#pragma once
#include <memory>

#include <nanobind/nanobind.h>

#include "core/graph/graph.h"

namespace tfc::py {

// The Python-visible graph: shared so that sessions keep it alive after Python drops it.
struct PyGraph {
  std::shared_ptr<Graph> graph = std::make_shared<Graph>();
};

void init_graph(nanobind::module_& m);

}  // namespace tfc::py
