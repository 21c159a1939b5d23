// ResizeBilinear, ResizeNearestNeighbor and their gradients: interfaces and shape functions
// (TF 1.15 specs).
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/tensor.h"

namespace tfc {
namespace {

// [batch, new_height, new_width, channels], the new size read from `size` when it is known.
Status ResizeShapeFn(InferenceContext* c) {
  PartialTensorShape images, size;
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 4, &images));
  TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &size));
  if (!size.unknown_rank() && size.dim_size(0) >= 0 && size.dim_size(0) != 2) {
    return errors::InvalidArgument("Dimension must be 2 but is ", size.dim_size(0));
  }
  int64_t height = -1, width = -1;
  if (const Tensor* t = c->input_tensor(1)) {
    if (t->NumElements() != 2) {
      return errors::InvalidArgument("Dimension must be 2 but is ", t->NumElements());
    }
    height = t->data<int32_t>()[0];
    width = t->data<int32_t>()[1];
    if (height < 0 || width < 0) {
      return errors::InvalidArgument("Dimension size must be non-negative, got ",
                                     height < 0 ? height : width);
    }
  }
  c->set_output(0, PartialTensorShape({images.dim_size(0), height, width, images.dim_size(3)}));
  return OkStatus();
}

}  // namespace

REGISTER_OP("ResizeBilinear")
    .Input("images: T")
    .Input("size: int32")
    .Output("resized_images: float")
    .Attr("T: {int8, uint8, int16, uint16, int32, int64, bfloat16, half, float, double}")
    .Attr("align_corners: bool = false")
    .Attr("half_pixel_centers: bool = false")
    .SetShapeFn(ResizeShapeFn);

REGISTER_OP("ResizeNearestNeighbor")
    .Input("images: T")
    .Input("size: int32")
    .Output("resized_images: T")
    .Attr("T: {int8, uint8, int16, uint16, int32, int64, half, float, double}")
    .Attr("align_corners: bool = false")
    .Attr("half_pixel_centers: bool = false")
    .SetShapeFn(ResizeShapeFn);

REGISTER_OP("ResizeBilinearGrad")
    .Input("grads: float")
    .Input("original_image: T")
    .Output("output: T")
    .Attr("T: {float, bfloat16, half, double}")
    .Attr("align_corners: bool = false")
    .Attr("half_pixel_centers: bool = false")
    .SetShapeFn([](InferenceContext* c) -> Status {
      c->set_output(0, c->input(1));
      return OkStatus();
    });

REGISTER_OP("ResizeNearestNeighborGrad")
    .Input("grads: T")
    .Input("size: int32")
    .Output("output: T")
    .Attr("T: {uint8, int8, int32, half, float, double}")
    .Attr("align_corners: bool = false")
    .Attr("half_pixel_centers: bool = false")
    .SetShapeFn([](InferenceContext* c) -> Status {
      PartialTensorShape grads, size;
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(0), 4, &grads));
      TFC_RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &size));
      int64_t height = -1, width = -1;
      if (const Tensor* t = c->input_tensor(1)) {
        if (t->NumElements() != 2) {
          return errors::InvalidArgument("Dimension must be 2 but is ", t->NumElements());
        }
        height = t->data<int32_t>()[0];
        width = t->data<int32_t>()[1];
      }
      c->set_output(0, PartialTensorShape({grads.dim_size(0), height, width, grads.dim_size(3)}));
      return OkStatus();
    });

}  // namespace tfc
