// SaveV2, RestoreV2 and MergeV2Checkpoints on the tensor bundle (core/io/tensor_bundle.h);
// RestoreV2 reads V1 checkpoints too (core/kernels/io/restore_v1.h).
#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "core/framework/op_kernel.h"
#include "core/io/file_util.h"
#include "core/io/tensor_bundle.h"
#include "core/io/tensor_slice.h"
#include "core/io/tensor_slice_reader.h"
#include "core/kernels/io/restore_v1.h"

namespace tfc {
namespace {

constexpr int kFixedInputs = 3;  // prefix, tensor_names, shape_and_slices

// The input checks SaveV2 and RestoreV2 share, with TF's messages.
Status ValidateInputs(bool is_save, OpKernelContext* ctx) {
  const Tensor& prefix = ctx->input(0);
  const Tensor& names = ctx->input(1);
  const Tensor& slices = ctx->input(2);
  if (prefix.NumElements() != 1) {
    return errors::InvalidArgument("Input prefix should have a single element, got ",
                                   prefix.NumElements(), " instead.");
  }
  if (names.dims() != 1 || slices.dims() != 1) {
    return errors::InvalidArgument(
        "Input tensor_names and shape_and_slices should be an 1-D tensors, got ",
        names.shape().DebugString(), " and ", slices.shape().DebugString(), " instead.");
  }
  if (names.NumElements() != slices.NumElements()) {
    return errors::InvalidArgument(
        "tensor_names and shape_and_slices have different number of elements: ",
        names.NumElements(), " vs. ", slices.NumElements());
  }
  if (is_save && ctx->num_inputs() != names.NumElements() + kFixedInputs) {
    return errors::InvalidArgument("Got ", names.NumElements(), " tensor names but ",
                                   ctx->num_inputs() - kFixedInputs, " tensors.");
  }
  return OkStatus();
}

class SaveV2Op : public OpKernel {
 public:
  explicit SaveV2Op(OpKernelConstruction* ctx) : OpKernel(ctx) {}

  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_OK(ctx, ValidateInputs(true, ctx));
    const std::string& prefix = ctx->input(0).data<tstring>()[0];
    const tstring* names = ctx->input(1).data<tstring>();
    const tstring* specs = ctx->input(2).data<tstring>();
    const int64_t n = ctx->input(1).NumElements();
    io::BundleWriter writer(prefix);
    OP_REQUIRES_OK(ctx, writer.status());
    for (int64_t i = 0; i < n; ++i) {
      const Tensor& t = ctx->input(static_cast<int>(i) + kFixedInputs);
      if (specs[i].empty()) {
        OP_REQUIRES_OK(ctx, writer.Add(names[i], t));
        continue;
      }
      TensorShape full, slice_shape;
      io::TensorSlice slice;
      OP_REQUIRES_OK(ctx, io::ParseShapeAndSlice(specs[i], &full, &slice, &slice_shape));
      OP_REQUIRES(ctx, slice_shape == t.shape(),
                  errors::InvalidArgument("Slice in shape_and_slice specification does not "
                                          "match the shape of the tensor to  save: ",
                                          specs[i], ", tensor: ", t.shape().DebugString()));
      OP_REQUIRES_OK(ctx, writer.AddSlice(names[i], full, slice, t));
    }
    OP_REQUIRES_OK(ctx, writer.Finish());
  }
};

class RestoreV2Op : public OpKernel {
 public:
  explicit RestoreV2Op(OpKernelConstruction* ctx) : OpKernel(ctx) {
    ctx->SetStatus(ctx->GetAttr("dtypes", &dtypes_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& names_t = ctx->input(1);
    OP_REQUIRES(ctx, names_t.NumElements() == static_cast<int64_t>(dtypes_.size()),
                errors::InvalidArgument("Got ", names_t.NumElements(), " tensor names, but ",
                                        dtypes_.size(), " expected dtypes."));
    OP_REQUIRES_OK(ctx, ValidateInputs(false, ctx));
    const std::string& prefix = ctx->input(0).data<tstring>()[0];
    const tstring* names = names_t.data<tstring>();
    const tstring* specs = ctx->input(2).data<tstring>();
    const size_t n = dtypes_.size();

    // As TF: a prefix without a V2 index is read as a V1 checkpoint (the prefix then being a
    // file pattern), so RestoreV2 restores old checkpoints too.
    std::vector<std::string> index_files;
    if (!io::FileExists(io::MetaFilename(prefix)).ok() &&
        (!io::GetMatchingPaths(io::MetaFilename(prefix), &index_files).ok() ||
         index_files.empty())) {
      io::TensorSliceReader v1(prefix);
      for (size_t i = 0; i < n && ctx->status().ok(); ++i) {
        RestoreTensorV1(ctx, v1, names[i], specs[i], static_cast<int>(i));
      }
      return;
    }
    io::BundleReader reader(prefix);
    OP_REQUIRES_OK(ctx, reader.status());

    // Sorted by name for locality in the data file, as TF reads them.
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return names[a] < names[b]; });

    std::string mismatches;
    for (size_t i : order) {
      DataType stored;
      TensorShape shape;
      OP_REQUIRES_OK(ctx, reader.LookupDtypeAndShape(names[i], &stored, &shape));
      if (stored != dtypes_[i]) {
        if (!mismatches.empty()) mismatches += "\n";
        mismatches += StrCat("tensor_name = ", names[i], "; expected dtype ",
                             DataTypeString(dtypes_[i]), " does not equal original dtype ",
                             DataTypeString(stored));
      }
    }
    OP_REQUIRES(ctx, mismatches.empty(), errors::InvalidArgument(mismatches));

    for (size_t i : order) {
      if (specs[i].empty()) {
        Tensor t;
        OP_REQUIRES_OK(ctx, reader.Lookup(names[i], &t));
        ctx->set_output(static_cast<int>(i), t);
        continue;
      }
      TensorShape full, slice_shape, stored_shape;
      io::TensorSlice slice;
      OP_REQUIRES_OK(ctx, io::ParseShapeAndSlice(specs[i], &full, &slice, &slice_shape));
      DataType stored;
      OP_REQUIRES_OK(ctx, reader.LookupDtypeAndShape(names[i], &stored, &stored_shape));
      OP_REQUIRES(ctx, full == stored_shape,
                  errors::InvalidArgument("tensor_name = ", names[i],
                                          "; shape in shape_and_slice spec ",
                                          full.DebugString(),
                                          " does not match the shape stored in checkpoint: ",
                                          stored_shape.DebugString()));
      Tensor* out;
      OP_REQUIRES_OK(ctx, ctx->allocate_output(static_cast<int>(i), slice_shape, &out));
      OP_REQUIRES_OK(ctx, reader.LookupSlice(names[i], slice, out));
    }
  }

 private:
  DataTypeVector dtypes_;
};

class MergeV2CheckpointsOp : public OpKernel {
 public:
  explicit MergeV2CheckpointsOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    ctx->SetStatus(ctx->GetAttr("delete_old_dirs", &delete_old_dirs_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& prefixes_t = ctx->input(0);
    const Tensor& dest_t = ctx->input(1);
    OP_REQUIRES(ctx, prefixes_t.dims() == 1,
                errors::InvalidArgument("Input checkpoint_prefixes should be an 1-D tensor, got ",
                                        prefixes_t.shape().DebugString(), " instead."));
    OP_REQUIRES(ctx, dest_t.dims() == 0,
                errors::InvalidArgument("Input destination_prefix should be a scalar tensor, got ",
                                        dest_t.shape().DebugString(), " instead."));
    std::vector<std::string> prefixes(prefixes_t.data<tstring>(),
                                      prefixes_t.data<tstring>() + prefixes_t.NumElements());
    const std::string dest = dest_t.scalar<tstring>();
    OP_REQUIRES_OK(ctx, io::MergeBundles(prefixes, dest));
    if (delete_old_dirs_) {
      // Best effort: the shards' temporary directory is empty now.
      const std::string merged_dir = io::Dirname(dest);
      for (const std::string& p : prefixes) {
        const std::string dir = io::Dirname(p);
        if (dir != merged_dir && !dir.empty()) io::DeleteDir(dir).IgnoreError();
      }
    }
  }

 private:
  bool delete_old_dirs_ = true;
};

REGISTER_KERNEL_BUILDER(Name("SaveV2").Device(DEVICE_CPU), SaveV2Op);
REGISTER_KERNEL_BUILDER(Name("RestoreV2").Device(DEVICE_CPU), RestoreV2Op);
REGISTER_KERNEL_BUILDER(Name("MergeV2Checkpoints").Device(DEVICE_CPU), MergeV2CheckpointsOp);

}  // namespace
}  // namespace tfc
