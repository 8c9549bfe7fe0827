// The N-API entry point: argument checking and dispatch to the kernels. Every kernel works in place on the
// caller's Float32Arrays (zero copy) and returns once the outputs are written.
#include <node_api.h>

#include <string>
#include <vector>

#include "gemm.h"
#include "kernels.h"
#include "addon_fused.h"
#include "addon_train.h"
#include "napi_util.h"
#include "threadpool.h"

namespace tg {
namespace {

napi_value number(napi_env env, double d) {
  napi_value v;
  check_status(env, napi_create_double(env, d, &v), "napi_create_double");
  return v;
}

napi_value string(napi_env env, const char* s) {
  napi_value v;
  check_status(env, napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &v), "napi_create_string_utf8");
  return v;
}

// info(): { kernel, kernels, threads, hardwareThreads }
napi_value Info(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    args_of(env, cbinfo, 0, "info");
    napi_value obj;
    check_status(env, napi_create_object(env, &obj), "napi_create_object");
    napi_set_named_property(env, obj, "kernel", string(env, gemm_kernel_name()));
    napi_set_named_property(env, obj, "kernels", string(env, gemm_available_kernels()));
    napi_set_named_property(env, obj, "threads", number(env, num_threads()));
    napi_set_named_property(env, obj, "hardwareThreads", number(env, hardware_threads()));
    return obj;
  });
}

napi_value SetNumThreads(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    auto a = args_of(env, cbinfo, 1, "setNumThreads");
    const int64_t n = int_arg(env, a[0], "setNumThreads", "n");
    need(env, n >= 1 && n <= 4096, "setNumThreads", "n must be between 1 and 4096");
    set_num_threads(static_cast<int>(n));
    return undefined(env);
  });
}

napi_value GetNumThreads(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    args_of(env, cbinfo, 0, "getNumThreads");
    return number(env, num_threads());
  });
}

napi_value SetGemmKernel(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    auto a = args_of(env, cbinfo, 1, "setGemmKernel");
    char name[64];
    size_t len = 0;
    if (napi_get_value_string_utf8(env, a[0], name, sizeof(name), &len) != napi_ok) {
      throw type_error(env, "setGemmKernel", "name must be a string");
    }
    napi_value result;
    napi_get_boolean(env, set_gemm_kernel(name), &result);
    return result;
  });
}

// matmul(a, b, c, m, n, k, transA, transB, accumulate, aOffsets, bOffsets): for each batch item i,
// C[i*m*n ...] (+)= op(A at aOffsets[i]) op(B at bOffsets[i]); offsets null means one product at offset 0.
napi_value MatMul(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    const char* fn = "matmul";
    auto a = args_of(env, cbinfo, 11, fn);
    size_t na, nb, nc, noa, nob;
    const float* A = f32_arg(env, a[0], &na, fn, "a");
    const float* B = f32_arg(env, a[1], &nb, fn, "b");
    float* C = f32_arg(env, a[2], &nc, fn, "c");
    const int64_t m = int_arg(env, a[3], fn, "m"), n = int_arg(env, a[4], fn, "n"), k = int_arg(env, a[5], fn, "k");
    const bool ta = bool_arg(env, a[6], fn, "transA"), tb = bool_arg(env, a[7], fn, "transB");
    const bool acc = bool_arg(env, a[8], fn, "accumulate");
    const double* aoff = f64_arg_or_null(env, a[9], &noa, fn, "aOffsets");
    const double* boff = f64_arg_or_null(env, a[10], &nob, fn, "bOffsets");
    need(env, m >= 0 && n >= 0 && k >= 0, fn, "m, n and k must be >= 0");
    need(env, (aoff == nullptr) == (boff == nullptr) && noa == nob, fn, "aOffsets and bOffsets must both be given, of equal length");
    const int64_t count = aoff ? static_cast<int64_t>(noa) : 1;
    const double mat_a = static_cast<double>(m) * k, mat_b = static_cast<double>(k) * n;
    need(env, static_cast<double>(nc) >= static_cast<double>(count) * m * n, fn, "c is too small");
    const Gemm g = gemm_of(A, B, C, m, n, k, ta, tb, acc);
    if (!aoff) {
      need(env, mat_a <= static_cast<double>(na) && mat_b <= static_cast<double>(nb), fn, "an operand is too small");
      gemm(g);
      return undefined(env);
    }
    std::vector<double> coff(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; i++) {
      const double oa = aoff[i], ob = boff[i];
      need(env, oa >= 0 && oa + mat_a <= static_cast<double>(na) && ob >= 0 && ob + mat_b <= static_cast<double>(nb), fn,
           "an operand offset is out of range");
      coff[i] = static_cast<double>(i) * m * n;
    }
    gemm_batched(g, count, aoff, boff, coff.data());
    return undefined(env);
  });
}

// The output shape and one stride array per operand, read from one Float64Array [shape, strides of operand 0,
// strides of operand 1, ...] (one typed array rather than JS arrays read element by element: that reading cost
// more than the kernel on small tensors). Checks every operand's reach and the output size.
struct Broadcast {
  std::vector<int64_t> shape;
  std::vector<std::vector<int64_t>> strides;
};

Broadcast broadcast_args(napi_env env, const char* fn, napi_value geometry_v, const size_t* lengths, size_t operands,
                         size_t out_len) {
  size_t n = 0;
  const double* g = f64_arg_or_null(env, geometry_v, &n, fn, "geometry");
  need(env, n % (operands + 1) == 0, fn, "geometry must be a Float64Array of (operands + 1) x rank values");
  const size_t rank = n / (operands + 1);
  auto integer = [&](double d) {
    need(env, d >= 0 && d == static_cast<double>(static_cast<int64_t>(d)), fn, "shape and strides must be integers >= 0");
    return static_cast<int64_t>(d);
  };
  Broadcast b;
  double size = 1;
  for (size_t d = 0; d < rank; d++) {
    b.shape.push_back(integer(g[d]));
    size *= g[d];
  }
  need(env, size == static_cast<double>(out_len), fn, "out does not match the shape");
  for (size_t k = 0; k < operands; k++) {
    std::vector<int64_t> st;
    double reach = 0;
    for (size_t d = 0; d < rank; d++) {
      st.push_back(integer(g[(k + 1) * rank + d]));
      if (b.shape[d] > 0) reach += static_cast<double>(st[d]) * (b.shape[d] - 1);
    }
    need(env, size == 0 || reach < static_cast<double>(lengths[k]), fn, "an operand is too small for its strides");
    b.strides.push_back(std::move(st));
  }
  return b;
}

// binary(op, a, b, out, geometry): op 0..3 = add, sub, mul, div into a Float32Array; geometry = [shape, aStrides,
// bStrides].
napi_value Binary(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    const char* fn = "binary";
    auto a = args_of(env, cbinfo, 5, fn);
    const int64_t op = int_arg(env, a[0], fn, "op");
    need(env, op >= kAdd && op <= kDiv, fn, "unknown op");
    size_t len[2], no;
    const float* A = f32_arg(env, a[1], &len[0], fn, "a");
    const float* B = f32_arg(env, a[2], &len[1], fn, "b");
    float* O = f32_arg(env, a[3], &no, fn, "out");
    const Broadcast bc = broadcast_args(env, fn, a[4], len, 2, no);
    binary(static_cast<BinaryOp>(op), A, static_cast<int64_t>(len[0]), B, static_cast<int64_t>(len[1]), O,
           static_cast<int64_t>(no), static_cast<int>(bc.shape.size()), bc.shape.data(), bc.strides[0].data(),
           bc.strides[1].data());
    return undefined(env);
  });
}

// compare(op, a, b, out, geometry): op 0..5 = ==, !=, <, <=, >, >= into a Uint8Array; geometry as for binary.
napi_value Compare(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    const char* fn = "compare";
    auto a = args_of(env, cbinfo, 5, fn);
    const int64_t op = int_arg(env, a[0], fn, "op");
    need(env, op >= kEqual && op <= kGreaterEqual, fn, "unknown op");
    size_t len[2], no;
    const float* A = f32_arg(env, a[1], &len[0], fn, "a");
    const float* B = f32_arg(env, a[2], &len[1], fn, "b");
    uint8_t* O = u8_arg(env, a[3], &no, fn, "out");
    const Broadcast bc = broadcast_args(env, fn, a[4], len, 2, no);
    compare(static_cast<CompareOp>(op), A, static_cast<int64_t>(len[0]), B, static_cast<int64_t>(len[1]), O,
            static_cast<int64_t>(no), static_cast<int>(bc.shape.size()), bc.shape.data(), bc.strides[0].data(),
            bc.strides[1].data());
    return undefined(env);
  });
}

// where(c, a, b, out, geometry): out = c ? a : b, c a Uint8Array; geometry = [shape, cStrides, aStrides, bStrides].
napi_value Where(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    const char* fn = "where";
    auto a = args_of(env, cbinfo, 5, fn);
    size_t len[3], no;
    const uint8_t* C = u8_arg(env, a[0], &len[0], fn, "c");
    const float* A = f32_arg(env, a[1], &len[1], fn, "a");
    const float* B = f32_arg(env, a[2], &len[2], fn, "b");
    float* O = f32_arg(env, a[3], &no, fn, "out");
    const Broadcast bc = broadcast_args(env, fn, a[4], len, 3, no);
    where(C, A, B, O, static_cast<int64_t>(no), static_cast<int>(bc.shape.size()), bc.shape.data(),
          bc.strides[0].data(), bc.strides[1].data(), bc.strides[2].data());
    return undefined(env);
  });
}

// unary(op, x, out): op 0..3 = relu, sigmoid, tanh, hard sigmoid
napi_value Unary(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    const char* fn = "unary";
    auto a = args_of(env, cbinfo, 3, fn);
    const int64_t op = int_arg(env, a[0], fn, "op");
    need(env, op >= kRelu && op <= kHardSigmoid, fn, "unknown op");
    size_t nx, no;
    const float* X = f32_arg(env, a[1], &nx, fn, "x");
    float* O = f32_arg(env, a[2], &no, fn, "out");
    need(env, nx == no, fn, "x and out must have the same length");
    unary(static_cast<UnaryOp>(op), X, O, static_cast<int64_t>(nx));
    return undefined(env);
  });
}

// sum(x, out, outer, reduce, inner)
napi_value Sum(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    const char* fn = "sum";
    auto a = args_of(env, cbinfo, 5, fn);
    size_t nx, no;
    const float* X = f32_arg(env, a[0], &nx, fn, "x");
    float* O = f32_arg(env, a[1], &no, fn, "out");
    const int64_t outer = int_arg(env, a[2], fn, "outer"), reduce = int_arg(env, a[3], fn, "reduce"), inner = int_arg(env, a[4], fn, "inner");
    need(env, outer >= 0 && reduce >= 0 && inner >= 0, fn, "sizes must be >= 0");
    need(env, static_cast<double>(outer) * reduce * inner == static_cast<double>(nx) && static_cast<double>(outer) * inner == static_cast<double>(no), fn,
         "sizes do not match x and out");
    sum_middle(X, O, outer, reduce, inner);
    return undefined(env);
  });
}

// softmax(x, out, outer, n, inner, log)
napi_value Softmax(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    const char* fn = "softmax";
    auto a = args_of(env, cbinfo, 6, fn);
    size_t nx, no;
    const float* X = f32_arg(env, a[0], &nx, fn, "x");
    float* O = f32_arg(env, a[1], &no, fn, "out");
    const int64_t outer = int_arg(env, a[2], fn, "outer"), n = int_arg(env, a[3], fn, "n"), inner = int_arg(env, a[4], fn, "inner");
    const bool log = bool_arg(env, a[5], fn, "log");
    need(env, outer >= 0 && n >= 0 && inner >= 0, fn, "sizes must be >= 0");
    need(env, nx == no && static_cast<double>(outer) * n * inner == static_cast<double>(nx), fn, "sizes do not match x and out");
    softmax(X, O, outer, n, inner, log);
    return undefined(env);
  });
}

// Window geometry from [batch, inH, inW, inC, kh, kw, strideH, strideW, dilH, dilW, padTop, padLeft, outH, outW].
Window window_arg(napi_env env, napi_value v, const char* fn) {
  const auto d = ints_arg(env, v, fn, "geometry");
  need(env, d.size() == 14, fn, "geometry must have 14 entries");
  for (int64_t e : d) need(env, e >= 0, fn, "geometry entries must be >= 0");
  Window g{d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13]};
  need(env, g.kh >= 1 && g.kw >= 1 && g.stride_h >= 1 && g.stride_w >= 1 && g.dil_h >= 1 && g.dil_w >= 1, fn,
       "window sizes, strides and dilations must be >= 1");
  return g;
}

double image_size(const Window& g) { return static_cast<double>(g.batch) * g.in_h * g.in_w * g.in_c; }
double out_size(const Window& g, int64_t c) { return static_cast<double>(g.batch) * g.out_h * g.out_w * c; }

// conv(kind, geometry, cout, p, q, out): kind 0 forward (x, w -> y), 1 backprop input (dy, w -> dx),
// 2 backprop filter (x, dy -> dw).
napi_value Conv(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    const char* fn = "conv2d";
    auto a = args_of(env, cbinfo, 6, fn);
    const int64_t kind = int_arg(env, a[0], fn, "kind");
    const Window g = window_arg(env, a[1], fn);
    const int64_t cout = int_arg(env, a[2], fn, "cout");
    size_t np, nq, no;
    const float* P = f32_arg(env, a[3], &np, fn, "p");
    const float* Q = f32_arg(env, a[4], &nq, fn, "q");
    float* O = f32_arg(env, a[5], &no, fn, "out");
    const double filter = static_cast<double>(g.kh) * g.kw * g.in_c * cout;
    const double x = image_size(g), y = out_size(g, cout);
    if (kind == 0) {
      need(env, np == x && nq == filter && no == y, fn, "buffer sizes do not match the geometry");
      conv2d(g, cout, P, Q, O);
    } else if (kind == 1) {
      need(env, np == y && nq == filter && no == x, fn, "buffer sizes do not match the geometry");
      conv2d_backprop_input(g, cout, P, Q, O);
    } else if (kind == 2) {
      need(env, np == x && nq == y && no == filter, fn, "buffer sizes do not match the geometry");
      conv2d_backprop_filter(g, cout, P, Q, O);
    } else {
      throw range_error(env, fn, "unknown kind");
    }
    return undefined(env);
  });
}

// pool(kind, geometry, p, q, out): 0 max (x -> y), 1 max grad (x, dy -> dx), 2 max grad-grad (x, g -> y),
// 3 avg (x -> y), 4 avg grad (dy -> dx). Unused inputs are passed as any Float32Array.
napi_value Pool(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    const char* fn = "pool2d";
    auto a = args_of(env, cbinfo, 5, fn);
    const int64_t kind = int_arg(env, a[0], fn, "kind");
    const Window g = window_arg(env, a[1], fn);
    size_t np, nq, no;
    const float* P = f32_arg(env, a[2], &np, fn, "p");
    const float* Q = f32_arg(env, a[3], &nq, fn, "q");
    float* O = f32_arg(env, a[4], &no, fn, "out");
    const double x = image_size(g), y = out_size(g, g.in_c);
    need(env, x == 0 || (g.out_h >= 1 && g.out_w >= 1), fn, "empty output window");
    switch (kind) {
      case 0: need(env, np == x && no == y, fn, "buffer sizes do not match the geometry"); max_pool2d(g, P, O); break;
      case 1: need(env, np == x && nq == y && no == x, fn, "buffer sizes do not match the geometry"); max_pool2d_grad(g, P, Q, O); break;
      case 2: need(env, np == x && nq == x && no == y, fn, "buffer sizes do not match the geometry"); max_pool2d_grad_grad(g, P, Q, O); break;
      case 3: need(env, np == x && no == y, fn, "buffer sizes do not match the geometry"); avg_pool2d(g, P, O); break;
      case 4: need(env, np == y && no == x, fn, "buffer sizes do not match the geometry"); avg_pool2d_grad(g, P, O); break;
      default: throw range_error(env, fn, "unknown kind");
    }
    return undefined(env);
  });
}

napi_value Init(napi_env env, napi_value exports) {
  const napi_property_descriptor props[] = {
      {"info", nullptr, Info, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"setNumThreads", nullptr, SetNumThreads, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"getNumThreads", nullptr, GetNumThreads, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"setGemmKernel", nullptr, SetGemmKernel, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"matmul", nullptr, MatMul, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"allocPersistent", nullptr, AllocPersistent, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"lstmGates", nullptr, LstmGates, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"lstmGatesGrad", nullptr, LstmGatesGrad, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"fusedMatMul", nullptr, FusedMatMul, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"binary", nullptr, Binary, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"compare", nullptr, Compare, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"where", nullptr, Where, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"unary", nullptr, Unary, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"activationGrad", nullptr, ActivationGrad, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"copyRows", nullptr, CopyRows, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"adam", nullptr, Adam, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"sum", nullptr, Sum, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"softmax", nullptr, Softmax, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"conv2d", nullptr, Conv, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"pool2d", nullptr, Pool, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

}  // namespace
}  // namespace tg

NAPI_MODULE(NODE_GYP_MODULE_NAME, tg::Init)
