// String ops: interfaces and shape functions (TF 1.15 specs).
#include <string>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/kernels/string/string_format_summary.h"

namespace tfc {

REGISTER_OP("StringFormat")
    .Input("inputs: T")
    .Output("output: string")
    .Attr("T: list(type) >= 0")
    .Attr("template: string = '%s'")
    .Attr("placeholder: string = '%s'")
    .Attr("summarize: int = 3")
    .SetShapeFn([](InferenceContext* c) -> Status {
      std::string tmpl, placeholder;
      TFC_RETURN_IF_ERROR(c->GetAttr("template", &tmpl));
      TFC_RETURN_IF_ERROR(c->GetAttr("placeholder", &placeholder));
      const int64_t num_placeholders =
          static_cast<int64_t>(SplitFormatTemplate(tmpl, placeholder).size()) - 1;
      if (num_placeholders != c->num_inputs()) {
        return errors::InvalidArgument(
            "num placeholders in template and num inputs must match: ", num_placeholders,
            " vs. ", c->num_inputs());
      }
      c->set_output(0, PartialTensorShape({}));
      return OkStatus();
    });

}  // namespace tfc
