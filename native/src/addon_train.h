// N-API entry points of the kernels training relies on beyond the ops' forward passes: activation gradients,
// row copies (concat, split) and the Adam update. Registered by addon.cc's Init.
#pragma once
#include <node_api.h>

namespace tg {

napi_value ActivationGrad(napi_env env, napi_callback_info cbinfo);
napi_value CopyRows(napi_env env, napi_callback_info cbinfo);
napi_value Adam(napi_env env, napi_callback_info cbinfo);

}  // namespace tg
