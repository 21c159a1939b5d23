// Einsum on the CPU. Each operand is gathered (diagonals of repeated labels, sums over labels
// only it has, broadcast of the ellipsis) into [batch, free, contracted] order with one strided
// pass; two operands then meet in a batched GEMM, and the result is permuted to the output.
#include <algorithm>
#include <map>

#include "core/framework/op_kernel.h"
#include "core/framework/register_types.h"
#include "core/kernels/linalg/einsum_equation.h"
#include "core/kernels/linalg/matmul_core.h"

namespace tfc {
namespace {

template <typename T>
struct SumType { using type = T; };
template <>
struct SumType<half> { using type = float; };
template <>
struct SumType<bfloat16> { using type = float; };

// dst[o] = sum over s of src[offset(o) + offset(s)]; a plain strided copy when no sum dims.
template <typename T>
void StridedSum(const OpKernelContext* ctx, const T* src, const std::vector<int64_t>& odims,
                const std::vector<int64_t>& ostr, const std::vector<int64_t>& sdims,
                const std::vector<int64_t>& sstr, T* dst) {
  using Acc = typename SumType<T>::type;
  int64_t n_out = 1, n_sum = 1;
  for (int64_t d : odims) n_out *= d;
  for (int64_t d : sdims) n_sum *= d;
  if (n_out == 0) return;
  const int no = static_cast<int>(odims.size()), ns = static_cast<int>(sdims.size());
  auto shard = [&](int64_t begin, int64_t end) {
    std::vector<int64_t> oi(no), si(ns);
    int64_t base = 0, rem = begin;
    for (int a = no - 1; a >= 0; --a) {
      oi[a] = rem % odims[a];
      rem /= odims[a];
      base += oi[a] * ostr[a];
    }
    for (int64_t o = begin; o < end; ++o) {
      Acc acc = Acc(0);
      std::fill(si.begin(), si.end(), 0);
      int64_t off = base;
      for (int64_t s = 0; s < n_sum; ++s) {
        acc += static_cast<Acc>(src[off]);
        for (int a = ns - 1; a >= 0; --a) {
          if (++si[a] < sdims[a]) {
            off += sstr[a];
            break;
          }
          off -= sstr[a] * (sdims[a] - 1);
          si[a] = 0;
        }
      }
      dst[o] = static_cast<T>(acc);
      for (int a = no - 1; a >= 0; --a) {
        if (++oi[a] < odims[a]) {
          base += ostr[a];
          break;
        }
        base -= ostr[a] * (odims[a] - 1);
        oi[a] = 0;
      }
    }
  };
  ctx->ParallelFor(n_out, std::max<int64_t>(1, n_sum), shard);
}

template <typename T>
class EinsumOp : public OpKernel {
 public:
  explicit EinsumOp(OpKernelConstruction* ctx) : OpKernel(ctx) {
    OP_REQUIRES_OK(ctx, ctx->GetAttr("equation", &equation_));
    OP_REQUIRES_OK(ctx, linalg::ParseEinsumEquation(equation_, ctx->num_inputs(), &eq_));
  }

  void Compute(OpKernelContext* ctx) override {
    const int n_in = ctx->num_inputs();
    const int n_named = static_cast<int>(eq_.label_chars.size());
    // Resolve ellipses into broadcast labels n_named .. n_named+B-1, right-aligned.
    int bcast = 0;
    for (int i = 0; i < n_in; ++i) {
      const Tensor& t = ctx->input(i);
      const bool has_ellipsis = eq_.input_has_ellipsis(i);
      const int named = eq_.num_named(i);
      OP_REQUIRES(ctx, has_ellipsis ? t.dims() >= named : t.dims() == named,
                  errors::InvalidArgument("Input ", i, " to einsum has rank ", t.dims(),
                                          " but the subscripts of equation '", equation_,
                                          "' imply ", has_ellipsis ? "at least " : "", named));
      if (has_ellipsis) bcast = std::max(bcast, t.dims() - named);
    }
    const int n_labels = n_named + bcast;
    std::vector<int64_t> dim(n_labels, -1);
    // labels[i][axis]: the label of each axis of input i.
    std::vector<std::vector<int>> labels(n_in);
    for (int i = 0; i < n_in; ++i) {
      const Tensor& t = ctx->input(i);
      const int erank = t.dims() - eq_.num_named(i);
      for (int label : eq_.inputs[i]) {
        if (label == linalg::kEllipsisLabel) {
          for (int k = 0; k < erank; ++k) labels[i].push_back(n_named + bcast - erank + k);
        } else {
          labels[i].push_back(label);
        }
      }
      for (int a = 0; a < t.dims(); ++a) {
        const int l = labels[i][a];
        const int64_t d = t.dim_size(a);
        if (dim[l] == -1 || (l >= n_named && dim[l] == 1)) {
          dim[l] = d;
        } else if (l >= n_named) {
          OP_REQUIRES(ctx, d == 1 || d == dim[l],
                      errors::InvalidArgument("Einsum: ellipsis dimensions of the inputs ",
                                              "cannot be broadcast: ", d, " vs. ", dim[l]));
        } else {
          OP_REQUIRES(ctx, d == dim[l],
                      errors::InvalidArgument("Expected dimension ", dim[l], " at axis ", a,
                                              " of input ", i, " shaped ",
                                              t.shape().DebugString(), " but got dimension ",
                                              d, " for label '", eq_.label_chars[l], "'"));
        }
      }
    }
    std::vector<int> out_labels;
    for (int label : eq_.output) {
      if (label == linalg::kEllipsisLabel) {
        for (int k = 0; k < bcast; ++k) out_labels.push_back(n_named + k);
      } else {
        out_labels.push_back(label);
      }
    }
    std::vector<int64_t> out_dims;
    for (int l : out_labels) out_dims.push_back(dim[l]);
    Tensor* out = nullptr;
    OP_REQUIRES_OK(ctx, ctx->allocate_output(0, TensorShape(out_dims), &out));
    if (out->NumElements() == 0) return;

    std::vector<int> in_out(n_labels, 0), in_count(n_labels, 0);
    for (int l : out_labels) in_out[l] = 1;
    for (int i = 0; i < n_in; ++i) {
      std::vector<int> uniq = labels[i];
      std::sort(uniq.begin(), uniq.end());
      uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
      for (int l : uniq) ++in_count[l];
    }

    if (n_in == 1) {
      std::vector<int> sum_labels;
      for (int l = 0; l < n_labels; ++l) {
        if (in_count[l] && !in_out[l]) sum_labels.push_back(l);
      }
      const T* res =
          Gather(ctx, ctx->input(0), labels[0], dim, out_labels, sum_labels, out->data<T>());
      if (res != out->data<T>()) {
        std::copy(res, res + out->NumElements(), out->data<T>());
      }
      return;
    }

    const std::vector<int>& la = labels[0];
    const std::vector<int>& lb = labels[1];
    auto has = [](const std::vector<int>& v, int l) {
      return std::find(v.begin(), v.end(), l) != v.end();
    };
    std::vector<int> batch, free_a, free_b, contract, sum_a, sum_b;
    for (int l : out_labels) {
      const bool a = has(la, l), b = has(lb, l);
      if (a && b) batch.push_back(l);
      else if (a) free_a.push_back(l);
      else free_b.push_back(l);
    }
    for (int l = 0; l < n_labels; ++l) {
      if (in_out[l]) continue;
      const bool a = has(la, l), b = has(lb, l);
      if (a && b) contract.push_back(l);
      else if (a) sum_a.push_back(l);
      else if (b) sum_b.push_back(l);
    }
    auto prod = [&](const std::vector<int>& ls) {
      int64_t p = 1;
      for (int l : ls) p *= dim[l];
      return p;
    };
    const int64_t nb = prod(batch), m = prod(free_a), n = prod(free_b), k = prod(contract);

    std::vector<int> a_order = batch, b_order = batch;
    a_order.insert(a_order.end(), free_a.begin(), free_a.end());
    a_order.insert(a_order.end(), contract.begin(), contract.end());
    b_order.insert(b_order.end(), contract.begin(), contract.end());
    b_order.insert(b_order.end(), free_b.begin(), free_b.end());
    Tensor a_buf(DataTypeToEnum<T>::value, TensorShape({nb * m * k}));
    Tensor b_buf(DataTypeToEnum<T>::value, TensorShape({nb * k * n}));
    linalg::MatrixBatch<T> ma, mb;
    ma.data = Gather(ctx, ctx->input(0), la, dim, a_order, sum_a, a_buf.data<T>());
    ma.rows = m;
    ma.cols = k;
    mb.data = Gather(ctx, ctx->input(1), lb, dim, b_order, sum_b, b_buf.data<T>());
    mb.rows = k;
    mb.cols = n;
    for (int64_t i = 0; i < nb; ++i) {
      ma.offsets.push_back(i * m * k);
      mb.offsets.push_back(i * k * n);
    }
    // The product is [batch, free_a, free_b]; permute it into the output's label order.
    std::vector<int> prod_order = batch;
    prod_order.insert(prod_order.end(), free_a.begin(), free_a.end());
    prod_order.insert(prod_order.end(), free_b.begin(), free_b.end());
    if (prod_order == out_labels) {
      linalg::BatchedMatMul<T>(ctx, ma, false, false, mb, false, false, out->data<T>());
      return;
    }
    Tensor p_buf(DataTypeToEnum<T>::value, TensorShape({nb * m * n}));
    linalg::BatchedMatMul<T>(ctx, ma, false, false, mb, false, false, p_buf.data<T>());
    std::vector<int64_t> p_dims;
    for (int l : prod_order) p_dims.push_back(dim[l]);
    Tensor p_view;
    OP_REQUIRES(ctx, p_view.CopyFrom(p_buf, TensorShape(p_dims)),
                errors::Internal("Einsum: bad intermediate shape"));
    const T* res = Gather(ctx, p_view, prod_order, dim, out_labels, {}, out->data<T>());
    if (res != out->data<T>()) std::copy(res, res + out->NumElements(), out->data<T>());
  }

 private:
  // Writes t (axes labelled `axes`) as an array over `order` labels, summing `sums` away.
  // A label repeated in `axes` reads the diagonal; a size-1 axis broadcasts to dim[label].
  // Returns t's own data, without copying, when it is already laid out as asked.
  static const T* Gather(const OpKernelContext* ctx, const Tensor& t,
                         const std::vector<int>& axes, const std::vector<int64_t>& dim,
                         const std::vector<int>& order, const std::vector<int>& sums, T* dst) {
    std::map<int, int64_t> stride;
    int64_t s = 1;
    for (int a = t.dims() - 1; a >= 0; --a) {
      if (t.dim_size(a) != 1) stride[axes[a]] += s;
      s *= t.dim_size(a);
    }
    auto strides_of = [&](const std::vector<int>& ls, std::vector<int64_t>* dims,
                          std::vector<int64_t>* strides) {
      for (int l : ls) {
        dims->push_back(dim[l]);
        auto it = stride.find(l);
        strides->push_back(it == stride.end() ? 0 : it->second);
      }
    };
    std::vector<int64_t> odims, ostr, sdims, sstr;
    strides_of(order, &odims, &ostr);
    strides_of(sums, &sdims, &sstr);
    // A label summed away over a size-1 axis only contributes once.
    int64_t n_sum = 1;
    for (size_t i = 0; i < sums.size(); ++i) {
      if (sstr[i] == 0) sdims[i] = 1;
      n_sum *= sdims[i];
    }
    int64_t n_out = 1;
    for (int64_t d : odims) n_out *= d;
    if (n_sum == 1 && n_out == t.NumElements()) {
      bool contiguous = true;
      int64_t expect = 1;
      for (int a = static_cast<int>(odims.size()) - 1; a >= 0; --a) {
        if (odims[a] != 1 && ostr[a] != expect) contiguous = false;
        expect *= odims[a];
      }
      if (contiguous) return t.data<T>();
    }
    StridedSum<T>(ctx, t.data<T>(), odims, ostr, sdims, sstr, dst);
    return dst;
  }

  std::string equation_;
  linalg::EinsumEquation eq_;
};

#define TFC_REGISTER_EINSUM(T) \
  REGISTER_KERNEL_BUILDER(Name("Einsum").Device(DEVICE_CPU).TypeConstraint<T>("T"), EinsumOp<T>);
TF_CALL_half(TFC_REGISTER_EINSUM)
TF_CALL_bfloat16(TFC_REGISTER_EINSUM)
TF_CALL_float(TFC_REGISTER_EINSUM)
TF_CALL_double(TFC_REGISTER_EINSUM)
TF_CALL_int32(TFC_REGISTER_EINSUM)
TF_CALL_int64(TFC_REGISTER_EINSUM)
TF_CALL_complex64(TFC_REGISTER_EINSUM)
TF_CALL_complex128(TFC_REGISTER_EINSUM)
#undef TFC_REGISTER_EINSUM

}  // namespace
}  // namespace tfc
