// N-API entry points of the fused kernels and of the long-lived array arena (see addon_fused.h): argument
// checking and dispatch, as in addon.cc.
#include "addon_fused.h"

#include <cstdint>

#include "arena.h"
#include "gemm.h"
#include "kernels.h"
#include "napi_util.h"

namespace tg {

// fusedMatMul(a, b, bias, c, m, n, k, transA, transB, act): c = act(op(a) op(b) + bias), bias null or of length n,
// act -1 (linear) or a unary op code (0 relu, 1 sigmoid, 2 tanh).
napi_value FusedMatMul(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    const char* fn = "fusedMatMul";
    auto a = args_of(env, cbinfo, 10, fn);
    size_t na, nb, nbias = 0, nc;
    const float* A = f32_arg(env, a[0], &na, fn, "a");
    const float* B = f32_arg(env, a[1], &nb, fn, "b");
    const float* bias = f32_arg_or_null(env, a[2], &nbias, fn, "bias");
    float* C = f32_arg(env, a[3], &nc, fn, "c");
    const int64_t m = int_arg(env, a[4], fn, "m"), n = int_arg(env, a[5], fn, "n"), k = int_arg(env, a[6], fn, "k");
    const bool ta = bool_arg(env, a[7], fn, "transA"), tb = bool_arg(env, a[8], fn, "transB");
    const int64_t act = int_arg(env, a[9], fn, "act");
    need(env, m >= 0 && n >= 0 && k >= 0, fn, "m, n and k must be >= 0");
    need(env, static_cast<double>(na) == static_cast<double>(m) * k && static_cast<double>(nb) == static_cast<double>(k) * n &&
         static_cast<double>(nc) == static_cast<double>(m) * n, fn, "buffer sizes do not match m, n and k");
    need(env, bias == nullptr || static_cast<int64_t>(nbias) == n, fn, "bias must have n elements");
    need(env, act >= -1 && act <= kTanh, fn, "act must be -1 (linear), 0 (relu), 1 (sigmoid) or 2 (tanh)");
    gemm(gemm_of(A, B, C, m, n, k, ta, tb, false));
    bias_activation(C, bias, m, n, static_cast<int>(act));
    return undefined(env);
  });
}

// lstmGates(z, c, h2, c2, acts, b, u, kind) and lstmGatesGrad(z, c, acts, dh, dc, dz, dcPrev, b, u, kind): the
// fused LSTM step (kind 0 sigmoid gates, 1 hard sigmoid); z and dz are b x 4u, acts b x 5u, every other array
// b x u.
napi_value LstmGates(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    const char* fn = "lstmGates";
    auto a = args_of(env, cbinfo, 8, fn);
    size_t nz, nc, nh, nc2, na;
    const float* Z = f32_arg(env, a[0], &nz, fn, "z");
    const float* C = f32_arg(env, a[1], &nc, fn, "c");
    float* H2 = f32_arg(env, a[2], &nh, fn, "h2");
    float* C2 = f32_arg(env, a[3], &nc2, fn, "c2");
    float* A = f32_arg(env, a[4], &na, fn, "acts");
    const int64_t b = int_arg(env, a[5], fn, "b"), u = int_arg(env, a[6], fn, "u"), kind = int_arg(env, a[7], fn, "kind");
    const double n = static_cast<double>(b) * u;
    need(env, b >= 0 && u >= 0 && nz == 4 * n && nc == n && nh == n && nc2 == n && na == 5 * n, fn, "array sizes do not match b and u");
    need(env, kind == 0 || kind == 1, fn, "kind must be 0 (sigmoid) or 1 (hard sigmoid)");
    lstm_gates(Z, C, H2, C2, A, b, u, static_cast<int>(kind));
    return undefined(env);
  });
}

napi_value LstmGatesGrad(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    const char* fn = "lstmGatesGrad";
    auto a = args_of(env, cbinfo, 10, fn);
    size_t nz, nc, na, ndh, ndc, ndz, ndcp;
    const float* Z = f32_arg(env, a[0], &nz, fn, "z");
    const float* C = f32_arg(env, a[1], &nc, fn, "c");
    const float* A = f32_arg(env, a[2], &na, fn, "acts");
    const float* DH = f32_arg(env, a[3], &ndh, fn, "dh");
    const float* DC = f32_arg(env, a[4], &ndc, fn, "dc");
    float* DZ = f32_arg(env, a[5], &ndz, fn, "dz");
    float* DCP = f32_arg(env, a[6], &ndcp, fn, "dcPrev");
    const int64_t b = int_arg(env, a[7], fn, "b"), u = int_arg(env, a[8], fn, "u"), kind = int_arg(env, a[9], fn, "kind");
    const double n = static_cast<double>(b) * u;
    need(env, b >= 0 && u >= 0 && nz == 4 * n && ndz == 4 * n && nc == n && na == 5 * n && ndh == n && ndc == n && ndcp == n, fn,
         "array sizes do not match b and u");
    need(env, kind == 0 || kind == 1, fn, "kind must be 0 (sigmoid) or 1 (hard sigmoid)");
    lstm_gates_grad(Z, C, A, DH, DC, DZ, DCP, b, u, static_cast<int>(kind));
    return undefined(env);
  });
}

// allocPersistent(bytes): an ArrayBuffer of zeroed, 64-byte aligned memory from the arena (huge pages where the
// system has them) for long-lived arrays, or null when no such buffer can be made (then JavaScript allocates).
namespace {

struct PersistentHint {
  void* chunk;
  int64_t bytes;
};

void release_persistent(napi_env env, void* /*data*/, void* hint) {
  auto* h = static_cast<PersistentHint*>(hint);
  arena_release(h->chunk);
  int64_t ignored;
  napi_adjust_external_memory(env, -h->bytes, &ignored);
  delete h;
}

}  // namespace

napi_value AllocPersistent(napi_env env, napi_callback_info cbinfo) {
  return guarded([&] {
    const char* fn = "allocPersistent";
    auto a = args_of(env, cbinfo, 1, fn);
    const int64_t bytes = int_arg(env, a[0], fn, "bytes");
    need(env, bytes > 0 && bytes <= (int64_t{1} << 40), fn, "bytes must be between 1 and 2^40");
    napi_value null_value;
    napi_get_null(env, &null_value);
    const ArenaBlock block = arena_alloc(static_cast<size_t>(bytes));
    if (!block.data) return null_value;
    auto* hint = new PersistentHint{block.chunk, bytes};
    napi_value buffer;
    // Refused where external buffers are not allowed (a V8 sandbox): the block goes back at once.
    if (napi_create_external_arraybuffer(env, block.data, static_cast<size_t>(bytes), release_persistent, hint, &buffer) != napi_ok) {
      arena_release(block.chunk);
      delete hint;
      return null_value;
    }
    int64_t ignored;
    napi_adjust_external_memory(env, bytes, &ignored);
    return buffer;
  });
}

}  // namespace tg
