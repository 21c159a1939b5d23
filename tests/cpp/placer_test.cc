// The placer on a simulated device list (a CPU and two fake GPUs; no GPU is needed): default
// placement, explicit specifications, soft placement, colocation through reference edges and
// `_class`, and TF's errors.
#include <gtest/gtest.h>

#include "core/devices/cpu/cpu_device.h"
#include "core/framework/attr_value_util.h"
#include "core/framework/op_kernel.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/runtime/placer.h"

namespace tfc {
namespace {

// A float op with a CPU and a GPU kernel, and one with a CPU kernel only.
REGISTER_OP("TestPlaceBoth").Input("x: float").Output("y: float").SetShapeFn(
    shape_inference::UnchangedShape);
REGISTER_OP("TestPlaceCpuOnly").Input("x: float").Output("y: float").SetShapeFn(
    shape_inference::UnchangedShape);
REGISTER_OP("TestPlaceVar").Output("ref: Ref(float)").SetIsStateful().SetShapeFn(
    shape_inference::UnknownShape);
REGISTER_OP("TestPlaceUpdate")
    .Input("ref: Ref(float)")
    .Input("x: float")
    .Output("out: Ref(float)")
    .SetShapeFn(shape_inference::UnknownShape);

class PassOp : public OpKernel {
 public:
  explicit PassOp(OpKernelConstruction* c) : OpKernel(c) {}
  void Compute(OpKernelContext* ctx) override { ctx->set_output(0, ctx->input(0)); }
};
REGISTER_KERNEL_BUILDER(Name("TestPlaceBoth").Device(DEVICE_CPU), PassOp);
REGISTER_KERNEL_BUILDER(Name("TestPlaceBoth").Device(DEVICE_GPU), PassOp);
REGISTER_KERNEL_BUILDER(Name("TestPlaceCpuOnly").Device(DEVICE_CPU), PassOp);
REGISTER_KERNEL_BUILDER(Name("TestPlaceVar").Device(DEVICE_CPU), PassOp);
REGISTER_KERNEL_BUILDER(Name("TestPlaceVar").Device(DEVICE_GPU), PassOp);
REGISTER_KERNEL_BUILDER(Name("TestPlaceUpdate").Device(DEVICE_CPU), PassOp);

class PlacerTest : public ::testing::Test {
 protected:
  PlacerTest()
      : cpu_(NewCpuDevice(1)),
        gpu0_("/job:localhost/replica:0/task:0/device:GPU:0", DEVICE_GPU, nullptr, nullptr),
        gpu1_("/job:localhost/replica:0/task:0/device:GPU:1", DEVICE_GPU, nullptr, nullptr) {}

  void Add(const std::string& name, const std::string& op, std::vector<std::string> inputs,
           const std::string& device = "", std::vector<std::string> colocate = {}) {
    ::tensorflow::NodeDef d;
    d.set_name(name);
    d.set_op(op);
    d.set_device(device);
    for (const auto& i : inputs) d.add_input(i);
    if (op == "Placeholder") {
      AddNodeAttr("dtype", DT_FLOAT, &d);
    }
    if (!colocate.empty()) {
      ::tensorflow::AttrValue v;
      for (const auto& c : colocate) v.mutable_list()->add_s("loc:@" + c);
      (*d.mutable_attr())["_class"] = v;
    }
    Status s = graph_.AddNode(d);
    ASSERT_TRUE(s.ok()) << s.message();
  }

  Status Place(bool soft, bool with_gpus = true) {
    std::vector<Device*> devices = {cpu_.get()};
    if (with_gpus) {
      devices.push_back(&gpu0_);
      devices.push_back(&gpu1_);
    }
    placement_.clear();
    return PlaceNodes(graph_, devices, soft, &placement_);
  }

  std::string On(const std::string& node) {
    const std::string& n = placement_[graph_.FindNode(node)->id]->name();
    return n.substr(n.rfind("device:") + 7);
  }

  Graph graph_;
  std::unique_ptr<Device> cpu_;
  Device gpu0_, gpu1_;
  std::vector<Device*> placement_;
};

TEST_F(PlacerTest, ParsesTheDeviceSpecForms) {
  DeviceSpec s;
  ASSERT_TRUE(ParseDeviceSpec("/gpu:1", &s));
  EXPECT_EQ(s.type, "GPU");
  EXPECT_EQ(s.index, 1);
  ASSERT_TRUE(ParseDeviceSpec("/job:localhost/replica:0/task:0/device:CPU:0", &s));
  EXPECT_EQ(s.type, "CPU");
  EXPECT_EQ(s.index, 0);
  ASSERT_TRUE(ParseDeviceSpec("/device:GPU:*", &s));
  EXPECT_EQ(s.index, -1);
  ASSERT_TRUE(ParseDeviceSpec("/job:ps", &s));
  EXPECT_EQ(s.type, "");
  EXPECT_FALSE(ParseDeviceSpec("/device:GPU:x", &s));
}

TEST_F(PlacerTest, PrefersTheFirstGpuWhenEveryMemberHasAKernel) {
  Add("x", "Placeholder", {});
  Add("both", "TestPlaceBoth", {"x"});
  Add("cpu_only", "TestPlaceCpuOnly", {"both"});
  ASSERT_TRUE(Place(false).ok());
  EXPECT_EQ(On("both"), "GPU:0");
  EXPECT_EQ(On("cpu_only"), "CPU:0");
  ASSERT_TRUE(Place(false, /*with_gpus=*/false).ok());
  EXPECT_EQ(On("both"), "CPU:0");
}

TEST_F(PlacerTest, HonoursExplicitDevices) {
  Add("x", "Placeholder", {});
  Add("a", "TestPlaceBoth", {"x"}, "/device:GPU:1");
  Add("b", "TestPlaceBoth", {"x"}, "/cpu:0");
  ASSERT_TRUE(Place(false).ok());
  EXPECT_EQ(On("a"), "GPU:1");
  EXPECT_EQ(On("b"), "CPU:0");
}

TEST_F(PlacerTest, MissingDeviceFailsUnlessSoft) {
  Add("x", "Placeholder", {});
  Add("a", "TestPlaceBoth", {"x"}, "/device:GPU:0");
  Status s = Place(false, /*with_gpus=*/false);
  ASSERT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("Cannot assign a device for operation a: {{node a}} was explicitly "
                             "assigned to /device:GPU:0 but available devices are [ "
                             "/job:localhost/replica:0/task:0/device:CPU:0 ]"),
            std::string::npos)
      << s.message();
  ASSERT_TRUE(Place(true, /*with_gpus=*/false).ok());
  EXPECT_EQ(On("a"), "CPU:0");
}

TEST_F(PlacerTest, NoGpuKernelFailsUnlessSoft) {
  Add("x", "Placeholder", {});
  Add("c", "TestPlaceCpuOnly", {"x"}, "/gpu:0");
  Status s = Place(false);
  ASSERT_EQ(s.code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(s.message().find("Cannot assign a device for operation c: Could not satisfy explicit "
                             "device specification '/gpu:0' because no supported kernel for GPU "
                             "devices is available."),
            std::string::npos)
      << s.message();
  ASSERT_TRUE(Place(true).ok());
  EXPECT_EQ(On("c"), "CPU:0");
}

TEST_F(PlacerTest, ReferenceEdgesKeepAVariableWithItsUpdates) {
  Add("x", "Placeholder", {});
  Add("v", "TestPlaceVar", {});
  // The update has no GPU kernel, so the variable goes to the CPU with it.
  Add("upd", "TestPlaceUpdate", {"v", "x"});
  Add("w", "TestPlaceVar", {});
  ASSERT_TRUE(Place(false).ok());
  EXPECT_EQ(On("v"), "CPU:0");
  EXPECT_EQ(On("upd"), "CPU:0");
  EXPECT_EQ(On("w"), "GPU:0");
}

TEST_F(PlacerTest, ClassAttrColocates) {
  Add("x", "Placeholder", {});
  Add("a", "TestPlaceBoth", {"x"}, "/gpu:1");
  Add("b", "TestPlaceBoth", {"x"}, "", {"a"});
  ASSERT_TRUE(Place(false).ok());
  EXPECT_EQ(On("b"), "GPU:1");
}

TEST_F(PlacerTest, AnInitializerJoinedByClassDoesNotHoldTheVariableBack) {
  // tf.Variable colocates its initializer with it through `_class`; an initializer without a
  // GPU kernel runs on the CPU and its value is copied, the variable stays on the GPU.
  Add("x", "Placeholder", {});
  Add("init", "TestPlaceCpuOnly", {"x"}, "", {"v"});
  Add("v", "TestPlaceVar", {});
  ASSERT_TRUE(Place(false).ok());
  EXPECT_EQ(On("v"), "GPU:0");
  EXPECT_EQ(On("init"), "CPU:0");
}

TEST_F(PlacerTest, NewNodesJoinThePlacedGroup) {
  Add("x", "Placeholder", {});
  Add("v", "TestPlaceVar", {}, "/gpu:1");
  std::vector<Device*> devices = {cpu_.get(), &gpu0_, &gpu1_};
  ASSERT_TRUE(PlaceNodes(graph_, devices, false, &placement_).ok());
  Add("a", "TestPlaceBoth", {"x"}, "", {"v"});
  ASSERT_TRUE(PlaceNodes(graph_, devices, false, &placement_).ok());
  EXPECT_EQ(On("v"), "GPU:1");
  EXPECT_EQ(On("a"), "GPU:1");
}

}  // namespace
}  // namespace tfc
