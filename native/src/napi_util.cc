#include "napi_util.h"

#include <cmath>
#include <string>

namespace tg {

JsError type_error(napi_env env, const char* fn, const char* msg) {
  std::string m = std::string("tensorgrad native ") + fn + ": " + msg;
  napi_throw_type_error(env, nullptr, m.c_str());
  return JsError{};
}

JsError range_error(napi_env env, const char* fn, const char* msg) {
  std::string m = std::string("tensorgrad native ") + fn + ": " + msg;
  napi_throw_range_error(env, nullptr, m.c_str());
  return JsError{};
}

napi_value undefined(napi_env env) {
  napi_value v;
  napi_get_undefined(env, &v);
  return v;
}

void need(napi_env env, bool ok, const char* fn, const char* msg) {
  if (!ok) throw range_error(env, fn, msg);
}

void check_status(napi_env env, napi_status status, const char* what) {
  if (status == napi_ok) return;
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (!pending) napi_throw_error(env, nullptr, (std::string("tensorgrad native: N-API call failed: ") + what).c_str());
  throw JsError{};
}

Args args_of(napi_env env, napi_callback_info info, size_t expected, const char* fn) {
  Args args;
  size_t argc = Args::kMax;
  check_status(env, napi_get_cb_info(env, info, &argc, args.v, nullptr, nullptr), "napi_get_cb_info");
  if (argc != expected) {
    throw type_error(env, fn, ("expected " + std::to_string(expected) + " arguments, received " + std::to_string(argc)).c_str());
  }
  return args;
}

namespace {

void* typed_arg(napi_env env, napi_value v, napi_typedarray_type want, const char* type_name, size_t* len,
                const char* fn, const char* name) {
  bool is_ta = false;
  check_status(env, napi_is_typedarray(env, v, &is_ta), "napi_is_typedarray");
  napi_typedarray_type type = napi_int8_array;
  size_t length = 0;
  void* data = nullptr;
  if (is_ta) check_status(env, napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr), "napi_get_typedarray_info");
  if (!is_ta || type != want) throw type_error(env, fn, (std::string(name) + " must be a " + type_name).c_str());
  *len = length;
  return data;
}

// True (with *len = 0) when an optional array argument is null or undefined.
bool absent(napi_env env, napi_value v, size_t* len) {
  napi_valuetype vt;
  check_status(env, napi_typeof(env, v, &vt), "napi_typeof");
  if (vt != napi_null && vt != napi_undefined) return false;
  *len = 0;
  return true;
}

}  // namespace

float* f32_arg(napi_env env, napi_value v, size_t* len, const char* fn, const char* name) {
  return static_cast<float*>(typed_arg(env, v, napi_float32_array, "Float32Array", len, fn, name));
}

const float* f32_arg_or_null(napi_env env, napi_value v, size_t* len, const char* fn, const char* name) {
  if (absent(env, v, len)) return nullptr;
  return f32_arg(env, v, len, fn, name);
}

uint8_t* u8_arg(napi_env env, napi_value v, size_t* len, const char* fn, const char* name) {
  return static_cast<uint8_t*>(typed_arg(env, v, napi_uint8_array, "Uint8Array", len, fn, name));
}

const double* f64_arg_or_null(napi_env env, napi_value v, size_t* len, const char* fn, const char* name) {
  if (absent(env, v, len)) return nullptr;
  return static_cast<const double*>(typed_arg(env, v, napi_float64_array, "Float64Array or null", len, fn, name));
}

int64_t int_arg(napi_env env, napi_value v, const char* fn, const char* name) {
  double d = 0;
  if (napi_get_value_double(env, v, &d) != napi_ok || !std::isfinite(d) || d != std::floor(d)) {
    throw type_error(env, fn, (std::string(name) + " must be an integer").c_str());
  }
  return static_cast<int64_t>(d);
}

bool bool_arg(napi_env env, napi_value v, const char* fn, const char* name) {
  bool b = false;
  if (napi_get_value_bool(env, v, &b) != napi_ok) throw type_error(env, fn, (std::string(name) + " must be a boolean").c_str());
  return b;
}

std::vector<int64_t> ints_arg(napi_env env, napi_value v, const char* fn, const char* name) {
  bool is_array = false;
  check_status(env, napi_is_array(env, v, &is_array), "napi_is_array");
  if (!is_array) throw type_error(env, fn, (std::string(name) + " must be an array of integers").c_str());
  uint32_t n = 0;
  check_status(env, napi_get_array_length(env, v, &n), "napi_get_array_length");
  std::vector<int64_t> out(n);
  for (uint32_t i = 0; i < n; i++) {
    napi_value e;
    check_status(env, napi_get_element(env, v, i, &e), "napi_get_element");
    out[i] = int_arg(env, e, fn, name);
  }
  return out;
}

}  // namespace tg
