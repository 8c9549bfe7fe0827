// N-API entry points of activation gradients, row copies and the Adam update (see addon_train.h): argument
// checking and dispatch, as in addon.cc.
#include "addon_train.h"

#include "kernels.h"
#include "napi_util.h"

namespace tg {

// activationGrad(op, x, dy, out): the gradient of an activation at its input; op 0 relu, 1 hard sigmoid.
napi_value ActivationGrad(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    const char* fn = "activationGrad";
    auto a = args_of(env, cbinfo, 4, fn);
    const int64_t op = int_arg(env, a[0], fn, "op");
    need(env, op >= kReluGrad && op <= kHardSigmoidGrad, fn, "unknown op");
    size_t nx, ndy, no;
    const float* X = f32_arg(env, a[1], &nx, fn, "x");
    const float* DY = f32_arg(env, a[2], &ndy, fn, "dy");
    float* O = f32_arg(env, a[3], &no, fn, "out");
    need(env, nx == no && ndy == no, fn, "x, dy and out must have the same length");
    activation_grad(static_cast<ActivationGradOp>(op), X, DY, O, static_cast<int64_t>(no));
    return undefined(env);
  });
}

// copyRows(src, srcOffset, srcStride, dst, dstOffset, dstStride, rows, len): run r of `len` floats from
// src[srcOffset + r srcStride] to dst[dstOffset + r dstStride].
napi_value CopyRows(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    const char* fn = "copyRows";
    auto a = args_of(env, cbinfo, 8, fn);
    size_t ns, nd;
    const float* S = f32_arg(env, a[0], &ns, fn, "src");
    float* D = f32_arg(env, a[3], &nd, fn, "dst");
    const int64_t so = int_arg(env, a[1], fn, "srcOffset"), ss = int_arg(env, a[2], fn, "srcStride");
    const int64_t dof = int_arg(env, a[4], fn, "dstOffset"), ds = int_arg(env, a[5], fn, "dstStride");
    const int64_t rows = int_arg(env, a[6], fn, "rows"), len = int_arg(env, a[7], fn, "len");
    need(env, so >= 0 && ss >= 0 && dof >= 0 && ds >= 0 && rows >= 0 && len >= 0, fn, "offsets, strides and sizes must be >= 0");
    if (rows > 0 && len > 0) {
      need(env, static_cast<double>(so) + static_cast<double>(ss) * (rows - 1) + len <= static_cast<double>(ns), fn, "src is too small");
      need(env, static_cast<double>(dof) + static_cast<double>(ds) * (rows - 1) + len <= static_cast<double>(nd), fn, "dst is too small");
    }
    copy_rows(S, so, ss, D, dof, ds, rows, len);
    return undefined(env);
  });
}

// adam(w, g, m, v, constants): one Adam step in place; constants = Float64Array [beta1, 1 - beta1, beta2,
// 1 - beta2, step, 1 / sqrt(bias correction 2), epsilon].
napi_value Adam(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    const char* fn = "adam";
    auto a = args_of(env, cbinfo, 5, fn);
    size_t nw, ng, nm, nv, nk;
    float* W = f32_arg(env, a[0], &nw, fn, "w");
    const float* G = f32_arg(env, a[1], &ng, fn, "g");
    float* M = f32_arg(env, a[2], &nm, fn, "m");
    float* V = f32_arg(env, a[3], &nv, fn, "v");
    const double* K = f64_arg_or_null(env, a[4], &nk, fn, "constants");
    need(env, ng == nw && nm == nw && nv == nw, fn, "w, g, m and v must have the same length");
    need(env, K != nullptr && nk == 7, fn, "constants must be a Float64Array of 7 values");
    const AdamConstants k{K[0], K[1], K[2], K[3], K[4], K[5], K[6]};
    adam_step(W, G, M, V, static_cast<int64_t>(nw), k);
    return undefined(env);
  });
}

}  // namespace tg
