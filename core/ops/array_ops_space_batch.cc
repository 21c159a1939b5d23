// Ops that move blocks of spatial positions into the batch or depth dimension and back:
// SpaceToBatchND, BatchToSpaceND, SpaceToBatch, BatchToSpace, SpaceToDepth, DepthToSpace.
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/kernels/array/array_copy.h"

namespace tfc {
namespace {

Status DivideEvenly(int64_t size, int64_t divisor, int64_t* out) {
  if (size < 0) {
    *out = -1;
    return OkStatus();
  }
  if (size % divisor != 0) {
    return errors::InvalidArgument("Dimension size must be evenly divisible by ", divisor,
                                   " but is ", size);
  }
  *out = size / divisor;
  return OkStatus();
}

Status MultiplyDim(int64_t size, int64_t factor, int64_t* out) {
  if (size < 0) {
    *out = -1;
    return OkStatus();
  }
  if (__builtin_mul_overflow(size, factor, out)) {
    return errors::InvalidArgument("Dimension size overflows int64: ", size, " * ", factor);
  }
  return OkStatus();
}

// Shared front part of the ND shape functions: the number of block dims M, input rank >= M + 1
// and the [M, 2] paddings/crops shape.
Status BlockDims(InferenceContext* c, const PartialTensorShape& block_shape_shape,
                 const PartialTensorShape& pads_shape, PartialTensorShape* input, int64_t* m) {
  if (block_shape_shape.dims() != 1) {
    return errors::InvalidArgument("block_shape must have rank 1.");
  }
  *m = block_shape_shape.dim_size(0);
  if (*m < 0) return errors::InvalidArgument("block_shape must have known size.");
  TFC_RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), static_cast<int>(*m) + 1, input));
  PartialTensorShape unused;
  return c->Merge(pads_shape, PartialTensorShape({*m, 2}), &unused);
}

// Output = [batch'] + M spatial dims + the input's remaining dims (unknown rank stays unknown).
void SetBlockOutput(InferenceContext* c, const PartialTensorShape& input, int64_t m,
                    std::vector<int64_t> dims) {
  if (input.unknown_rank()) {
    c->set_output(0, PartialTensorShape::Unknown());
    return;
  }
  for (int i = static_cast<int>(m) + 1; i < input.dims(); ++i) dims.push_back(input.dim_size(i));
  c->set_output(0, PartialTensorShape(std::move(dims)));
}

Status SpaceToBatchShapeHelper(InferenceContext* c, const PartialTensorShape& block_shape_shape,
                               const Tensor* block_t, const PartialTensorShape& pads_shape,
                               const Tensor* pads_t) {
  PartialTensorShape input;
  int64_t m;
  TFC_RETURN_IF_ERROR(BlockDims(c, block_shape_shape, pads_shape, &input, &m));
  const auto in_dim = [&](int i) { return input.unknown_rank() ? -1 : input.dim_size(i); };
  int64_t batch = in_dim(0);
  std::vector<int64_t> block;
  if (block_t != nullptr && block_t->NumElements() > 0) {
    block = array::IntTensorToVector(*block_t);
    for (int64_t d = 0; d < m; ++d) {
      if (block[d] < 1) return errors::InvalidArgument("block_shape must be positive");
      TFC_RETURN_IF_ERROR(MultiplyDim(batch, block[d], &batch));
    }
  } else if (m > 0) {
    batch = -1;
  }
  std::vector<int64_t> dims(m + 1, -1);
  dims[0] = batch;
  if (pads_t != nullptr && pads_t->NumElements() > 0) {
    const std::vector<int64_t> pads = array::IntTensorToVector(*pads_t);
    for (int64_t d = 0; d < m; ++d) {
      const int64_t p0 = pads[2 * d], p1 = pads[2 * d + 1];
      if (p0 < 0 || p1 < 0) return errors::InvalidArgument("paddings cannot be negative");
      if (block_t == nullptr) continue;
      int64_t padded = in_dim(static_cast<int>(d) + 1);
      if (padded >= 0 && (__builtin_add_overflow(padded, p0, &padded) ||
                          __builtin_add_overflow(padded, p1, &padded))) {
        return errors::InvalidArgument("Padded dimension size overflows int64");
      }
      TFC_RETURN_IF_ERROR(DivideEvenly(padded, block[d], &dims[d + 1]));
    }
  }
  SetBlockOutput(c, input, m, std::move(dims));
  return OkStatus();
}

Status BatchToSpaceShapeHelper(InferenceContext* c, const PartialTensorShape& block_shape_shape,
                               const Tensor* block_t, const PartialTensorShape& crops_shape,
                               const Tensor* crops_t) {
  PartialTensorShape input;
  int64_t m;
  TFC_RETURN_IF_ERROR(BlockDims(c, block_shape_shape, crops_shape, &input, &m));
  const auto in_dim = [&](int i) { return input.unknown_rank() ? -1 : input.dim_size(i); };
  int64_t batch = in_dim(0);
  std::vector<int64_t> block;
  if (block_t != nullptr) {
    block = array::IntTensorToVector(*block_t);
    for (int64_t d = 0; d < m; ++d) {
      if (block[d] < 1) return errors::InvalidArgument("block_shape must be positive");
      TFC_RETURN_IF_ERROR(DivideEvenly(batch, block[d], &batch));
    }
  } else if (m > 0) {
    batch = -1;
  }
  std::vector<int64_t> dims(m + 1, -1);
  dims[0] = batch;
  if (crops_t != nullptr) {
    const std::vector<int64_t> crops = array::IntTensorToVector(*crops_t);
    for (int64_t d = 0; d < m; ++d) {
      const int64_t c0 = crops[2 * d], c1 = crops[2 * d + 1];
      if (c0 < 0 || c1 < 0) return errors::InvalidArgument("crops cannot be negative");
      if (block_t == nullptr) continue;
      int64_t size;
      TFC_RETURN_IF_ERROR(MultiplyDim(in_dim(static_cast<int>(d) + 1), block[d], &size));
      if (size < 0) continue;
      if (size < c0) {
        return errors::InvalidArgument("Negative dimension size caused by subtracting ", c0,
                                       " from ", size);
      }
      size -= c0;
      if (size < c1) {
        return errors::InvalidArgument("Negative dimension size caused by subtracting ", c1,
                                       " from ", size);
      }
      dims[d + 1] = size - c1;
    }
  }
  SetBlockOutput(c, input, m, std::move(dims));
  return OkStatus();
}

// SpaceToBatch / BatchToSpace (v1): rank-4 input and block_shape = [block_size, block_size].
template <bool kToBatch>
Status V1BlockShapeFn(InferenceContext* c) {
  PartialTensorShape input;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 4, &input));
  int64_t block_size;
  TFC_RETURN_IF_ERROR(c->GetAttr("block_size", &block_size));
  Tensor block(DT_INT64, TensorShape({2}));
  block.data<int64_t>()[0] = block.data<int64_t>()[1] = block_size;
  if (kToBatch) {
    return SpaceToBatchShapeHelper(c, PartialTensorShape({2}), &block, c->input(1),
                                   c->input_tensor(1));
  }
  return BatchToSpaceShapeHelper(c, PartialTensorShape({2}), &block, c->input(1),
                                 c->input_tensor(1));
}

// SpaceToDepth (kToDepth) and DepthToSpace: NHWC/NCHW rank 4, NCHW_VECT_C rank 5.
template <bool kToDepth>
Status DepthSpaceShapeFn(InferenceContext* c) {
  std::string format;
  TFC_RETURN_IF_ERROR(c->GetAttr("data_format", &format));
  int64_t block_size;
  TFC_RETURN_IF_ERROR(c->GetAttr("block_size", &block_size));
  const bool vect_c = format == "NCHW_VECT_C";
  PartialTensorShape input;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), vect_c ? 5 : 4, &input));
  if (input.unknown_rank()) {
    c->set_output(0, PartialTensorShape::UnknownOfRank(vect_c ? 5 : 4));
    return OkStatus();
  }
  const bool nhwc = format == "NHWC";
  const int h = nhwc ? 1 : 2, w = nhwc ? 2 : 3, ch = nhwc ? 3 : 1;
  std::vector<int64_t> dims = input.dim_sizes();
  int64_t depth = dims[ch];
  int64_t block_sq;
  if (__builtin_mul_overflow(block_size, block_size, &block_sq)) {
    return errors::InvalidArgument("Block size ", block_size, " squared overflows int64");
  }
  // NCHW_VECT_C keeps its inner 4 lanes; the depth that scales is the outer channel dim.
  if (kToDepth) {
    TFC_RETURN_IF_ERROR(DivideEvenly(dims[h], block_size, &dims[h]));
    TFC_RETURN_IF_ERROR(DivideEvenly(dims[w], block_size, &dims[w]));
    TFC_RETURN_IF_ERROR(MultiplyDim(depth, block_sq, &dims[ch]));
  } else {
    TFC_RETURN_IF_ERROR(MultiplyDim(dims[h], block_size, &dims[h]));
    TFC_RETURN_IF_ERROR(MultiplyDim(dims[w], block_size, &dims[w]));
    TFC_RETURN_IF_ERROR(DivideEvenly(depth, block_sq, &dims[ch]));
  }
  c->set_output(0, PartialTensorShape(std::move(dims)));
  return OkStatus();
}

}  // namespace

REGISTER_OP("SpaceToBatchND")
    .Input("input: T")
    .Input("block_shape: Tblock_shape")
    .Input("paddings: Tpaddings")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tblock_shape: {int32, int64} = DT_INT32")
    .Attr("Tpaddings: {int32, int64} = DT_INT32")
    .SetShapeFn([](InferenceContext* c) {
      return SpaceToBatchShapeHelper(c, c->input(1), c->input_tensor(1), c->input(2),
                                     c->input_tensor(2));
    });

REGISTER_OP("SpaceToBatch")
    .Input("input: T")
    .Input("paddings: Tpaddings")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tpaddings: {int32, int64} = DT_INT32")
    .Attr("block_size: int >= 2")
    .SetShapeFn(V1BlockShapeFn<true>);

REGISTER_OP("BatchToSpaceND")
    .Input("input: T")
    .Input("block_shape: Tblock_shape")
    .Input("crops: Tcrops")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tblock_shape: {int32, int64} = DT_INT32")
    .Attr("Tcrops: {int32, int64} = DT_INT32")
    .SetShapeFn([](InferenceContext* c) {
      return BatchToSpaceShapeHelper(c, c->input(1), c->input_tensor(1), c->input(2),
                                     c->input_tensor(2));
    });

REGISTER_OP("BatchToSpace")
    .Input("input: T")
    .Input("crops: Tidx")
    .Output("output: T")
    .Attr("T: type")
    .Attr("block_size: int >= 2")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .SetShapeFn(V1BlockShapeFn<false>);

REGISTER_OP("SpaceToDepth")
    .Input("input: T")
    .Output("output: T")
    .Attr("T: type")
    .Attr("block_size: int >= 2")
    .Attr("data_format: {'NHWC', 'NCHW', 'NCHW_VECT_C'} = 'NHWC'")
    .SetShapeFn(DepthSpaceShapeFn<true>);

REGISTER_OP("DepthToSpace")
    .Input("input: T")
    .Output("output: T")
    .Attr("T: type")
    .Attr("block_size: int >= 2")
    .Attr("data_format: {'NHWC', 'NCHW', 'NCHW_VECT_C'} = 'NHWC'")
    .SetShapeFn(DepthSpaceShapeFn<false>);

}  // namespace tfc
