// N-API entry points of the fused kernels (dense product with bias and activation, the LSTM step) and of the
// arena for long-lived arrays. Registered by addon.cc's Init.
#pragma once
#include <node_api.h>

namespace tg {

napi_value FusedMatMul(napi_env env, napi_callback_info cbinfo);
napi_value LstmGates(napi_env env, napi_callback_info cbinfo);
napi_value LstmGatesGrad(napi_env env, napi_callback_info cbinfo);
napi_value AllocPersistent(napi_env env, napi_callback_info cbinfo);

}  // namespace tg
