// Small helpers over the N-API C interface: argument reading with JavaScript exceptions on misuse.
#pragma once
#include <node_api.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tg {

/** Thrown (as a C++ value) by the readers below after they set a pending JavaScript exception. */
struct JsError {};

/** Calls napi and turns a failure into a pending JS error plus a JsError. */
void check_status(napi_env env, napi_status status, const char* what);

/** The arguments of one call, held inline (no allocation per call). */
struct Args {
  static constexpr size_t kMax = 12;
  napi_value v[kMax];
  napi_value operator[](size_t i) const { return v[i]; }
};

/** The arguments of a call (exactly `expected` <= Args::kMax of them, else a TypeError). */
Args args_of(napi_env env, napi_callback_info info, size_t expected, const char* fn);

/** A Float32Array's elements, in place (zero copy). `len` receives the element count. */
float* f32_arg(napi_env env, napi_value v, size_t* len, const char* fn, const char* name);

/** A Float32Array's elements in place, or nullptr when `v` is null/undefined. */
const float* f32_arg_or_null(napi_env env, napi_value v, size_t* len, const char* fn, const char* name);

/** A Uint8Array's elements (bool tensors), in place. */
uint8_t* u8_arg(napi_env env, napi_value v, size_t* len, const char* fn, const char* name);

/** A Float64Array's elements, or nullptr when `v` is null/undefined. */
const double* f64_arg_or_null(napi_env env, napi_value v, size_t* len, const char* fn, const char* name);

/** A JS number as an integer (TypeError unless it is a finite integer). */
int64_t int_arg(napi_env env, napi_value v, const char* fn, const char* name);

/** A JS boolean. */
bool bool_arg(napi_env env, napi_value v, const char* fn, const char* name);

/** A JS array of integers. */
std::vector<int64_t> ints_arg(napi_env env, napi_value v, const char* fn, const char* name);

/** JavaScript's undefined. */
napi_value undefined(napi_env env);

/** Throws a RangeError naming `fn` with `msg` (as a pending JS exception plus JsError) unless `ok`. */
void need(napi_env env, bool ok, const char* fn, const char* msg);

/** Throws a TypeError/RangeError with `msg` and returns JsError to be thrown by the caller. */
JsError type_error(napi_env env, const char* fn, const char* msg);
JsError range_error(napi_env env, const char* fn, const char* msg);

/** Wraps a C++ callback body so JsError unwinds to an ordinary return (the JS exception stays pending). */
template <typename F>
napi_value guarded(F&& body) {
  try {
    return body();
  } catch (const JsError&) {
    return nullptr;
  }
}

}  // namespace tg
