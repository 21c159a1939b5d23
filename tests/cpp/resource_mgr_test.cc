// ResourceMgr (create, lookup, delete, refcounts, TF's error messages), ContainerInfo naming,
// ResourceHandle protos and DT_RESOURCE tensors.
#include <gtest/gtest.h>

#include "core/framework/resource_mgr.h"
#include "core/framework/resource_var.h"
#include "core/framework/tensor.h"

namespace tfc {
namespace {

class Counter : public ResourceBase {
 public:
  explicit Counter(int* live) : live_(live) { ++*live_; }
  ~Counter() override { --*live_; }
  std::string DebugString() const override { return "counter"; }
  int value = 0;

 private:
  int* live_;
};

class Other : public ResourceBase {
 public:
  static constexpr char kResourceTypeName[] = "OtherType";
  std::string DebugString() const override { return "other"; }
};

TEST(ResourceMgrTest, CreateLookupDelete) {
  int live = 0;
  ResourceMgr rm;
  EXPECT_EQ(rm.default_container(), "localhost");
  ASSERT_TRUE(rm.Create("c", "a", new Counter(&live)).ok());
  EXPECT_EQ(live, 1);

  Counter* c = nullptr;
  ASSERT_TRUE(rm.Lookup("c", "a", &c).ok());
  c->value = 7;
  c->Unref();
  ASSERT_TRUE(rm.Lookup("c", "a", &c).ok());
  EXPECT_EQ(c->value, 7);
  c->Unref();

  // Same name, same type: AlreadyExists and the new one is dropped.
  Status s = rm.Create("c", "a", new Counter(&live));
  EXPECT_EQ(s.code(), Code::ALREADY_EXISTS);
  EXPECT_EQ(live, 1);
  // Same name, another type: a different resource.
  ASSERT_TRUE(rm.Create("c", "a", new Other).ok());

  Other* o = nullptr;
  s = rm.Lookup("c", "b", &o);
  EXPECT_EQ(s.code(), Code::NOT_FOUND);
  EXPECT_EQ(s.message(), "Resource c/b/OtherType does not exist.");
  s = rm.Lookup("nope", "b", &o);
  EXPECT_EQ(s.message(), "Container nope does not exist. (Could not find resource: nope/b)");

  ASSERT_TRUE(rm.Delete<Counter>("c", "a").ok());
  EXPECT_EQ(live, 0);
  EXPECT_EQ(rm.Delete<Counter>("c", "a").code(), Code::NOT_FOUND);
  EXPECT_EQ(rm.Delete<Counter>("zz", "a").message(), "Container zz does not exist.");
}

TEST(ResourceMgrTest, LookupKeepsResourceAliveAfterDelete) {
  int live = 0;
  ResourceMgr rm;
  ASSERT_TRUE(rm.Create("c", "a", new Counter(&live)).ok());
  Counter* c = nullptr;
  ASSERT_TRUE(rm.Lookup("c", "a", &c).ok());
  rm.Clear();
  EXPECT_EQ(live, 1);  // the lookup's reference
  {
    core::ScopedUnref u(c);
  }
  EXPECT_EQ(live, 0);
}

TEST(ResourceMgrTest, LookupOrCreateCallsCreatorOnce) {
  int live = 0, made = 0;
  ResourceMgr rm;
  auto creator = [&](Counter** out) {
    ++made;
    *out = new Counter(&live);
    return OkStatus();
  };
  for (int i = 0; i < 3; ++i) {
    Counter* c = nullptr;
    ASSERT_TRUE(rm.LookupOrCreate<Counter>("c", "x", &c, creator).ok());
    ++c->value;
    c->Unref();
  }
  EXPECT_EQ(made, 1);
  Counter* c = nullptr;
  ASSERT_TRUE(rm.Lookup("c", "x", &c).ok());
  EXPECT_EQ(c->value, 3);
  c->Unref();
  // A failing creator leaves nothing behind.
  auto failing = [](Counter**) { return errors::Internal("no"); };
  Counter* d = nullptr;
  EXPECT_EQ(rm.LookupOrCreate<Counter>("c", "y", &d, failing).code(), Code::INTERNAL);
  EXPECT_EQ(rm.Lookup("c", "y", &d).code(), Code::NOT_FOUND);
  ASSERT_TRUE(rm.Cleanup("c").ok());
  EXPECT_EQ(live, 0);
  EXPECT_TRUE(rm.Cleanup("never").ok());
}

TEST(ResourceMgrTest, VarTypeNameMatchesTensorFlow) {
  EXPECT_STREQ(MakeTypeIndex<Var>().name(), "N10tensorflow3VarE");
  EXPECT_NE(MakeTypeIndex<Var>().hash_code(), MakeTypeIndex<Other>().hash_code());
  EXPECT_EQ(MakeTypeIndex<Var>().hash_code(), TypeIndex::HashName("N10tensorflow3VarE"));
}

TEST(ResourceMgrTest, ContainerInfoNames) {
  ResourceMgr rm;
  ::tensorflow::NodeDef d;
  d.set_name("node");
  ContainerInfo ci;
  ASSERT_TRUE(ci.Init(&rm, d, true).ok());
  EXPECT_EQ(ci.container(), "localhost");
  EXPECT_EQ(ci.name(), "node");
  EXPECT_FALSE(ci.resource_is_private_to_kernel());
  ASSERT_TRUE(ci.Init(&rm, d, false).ok());
  EXPECT_TRUE(ci.resource_is_private_to_kernel());
  EXPECT_EQ(ci.name().substr(0, 1), "_");

  (*d.mutable_attr())["container"].set_s("mine");
  (*d.mutable_attr())["shared_name"].set_s("shared");
  ASSERT_TRUE(ci.Init(&rm, d, true).ok());
  EXPECT_EQ(ci.container(), "mine");
  EXPECT_EQ(ci.name(), "shared");

  (*d.mutable_attr())["container"].set_s("_bad");
  EXPECT_EQ(ci.Init(&rm, d, true).code(), Code::INVALID_ARGUMENT);
  (*d.mutable_attr())["container"].set_s("ok");
  (*d.mutable_attr())["shared_name"].set_s("_x");
  EXPECT_EQ(ci.Init(&rm, d, true).code(), Code::INVALID_ARGUMENT);
  EXPECT_EQ(ci.Init(nullptr, d, true).code(), Code::INTERNAL);
}

ResourceHandle SampleHandle() {
  ResourceHandle h;
  h.set_device("/job:localhost/replica:0/task:0/device:CPU:0");
  h.set_container("localhost");
  h.set_name("v");
  h.set_hash_code(MakeTypeIndex<Var>().hash_code());
  h.set_maybe_type_name(MakeTypeIndex<Var>().name());
  h.set_dtypes_and_shapes({{DT_FLOAT, PartialTensorShape({2, -1})}});
  return h;
}

TEST(ResourceHandleTest, ProtoRoundTrip) {
  ResourceHandle h = SampleHandle();
  ::tensorflow::ResourceHandleProto p;
  h.AsProto(&p);
  EXPECT_EQ(p.name(), "v");
  EXPECT_EQ(p.dtypes_and_shapes_size(), 1);
  ResourceHandle back(p);
  EXPECT_EQ(back.device(), h.device());
  EXPECT_EQ(back.container(), "localhost");
  EXPECT_EQ(back.hash_code(), h.hash_code());
  EXPECT_EQ(back.maybe_type_name(), "N10tensorflow3VarE");
  ASSERT_EQ(back.dtypes_and_shapes().size(), 1u);
  EXPECT_EQ(back.dtypes_and_shapes()[0].dtype, DT_FLOAT);
  EXPECT_EQ(back.dtypes_and_shapes()[0].shape.DebugString(), "[2,?]");
  EXPECT_NE(h.DebugString().find("name: v"), std::string::npos);
}

TEST(ResourceHandleTest, ResourceTensors) {
  Tensor t(DT_RESOURCE, TensorShape({2}));
  ASSERT_TRUE(t.IsInitialized());
  EXPECT_EQ(t.data<ResourceHandle>()[0].name(), "");  // constructed in place
  t.data<ResourceHandle>()[1] = SampleHandle();

  Tensor c = t.DeepCopy();
  t.data<ResourceHandle>()[1].set_name("changed");
  EXPECT_EQ(c.data<ResourceHandle>()[1].name(), "v");

  ::tensorflow::TensorProto p;
  c.AsProtoTensorContent(&p);
  EXPECT_EQ(p.resource_handle_val_size(), 2);
  Tensor back;
  ASSERT_TRUE(Tensor::FromProto(p, &back).ok());
  EXPECT_EQ(back.dtype(), DT_RESOURCE);
  EXPECT_EQ(back.data<ResourceHandle>()[1].name(), "v");
  EXPECT_EQ(back.data<ResourceHandle>()[1].hash_code(), MakeTypeIndex<Var>().hash_code());
  c.AsProtoField(&p);
  EXPECT_EQ(p.resource_handle_val_size(), 2);

  p.set_tensor_content("xx");
  EXPECT_EQ(Tensor::FromProto(p, &back).code(), Code::INVALID_ARGUMENT);
  EXPECT_NE(c.DebugString().find("name: v"), std::string::npos);
}

}  // namespace
}  // namespace tfc
