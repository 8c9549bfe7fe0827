// Optimizer updates, in place on the weights and their state, in float arithmetic as PyTorch's (the reference
// loop computes in double and rounds at each store; the results agree to within a few float ulps). Float math
// vectorizes 8 wide, where double square roots and divisions made the update the slowest part of a small
// model's training step.
#include <cfloat>
#include <cmath>
#include <cstdint>

#include "kernels.h"
#include "threadpool.h"

namespace tg {
namespace {

// Moments that decay below the smallest normal float are stored as zero: the gradient of a dead unit is 0, so
// its m shrinks by beta1 at every step and would reach the denormal range within a thousand steps, where float
// arithmetic is tens of times slower (seen: the whole update 17 times slower). Such moments move no weight.
inline float flush(float x) { return std::fabs(x) < FLT_MIN ? 0.0f : x; }

// Elements [s, e) of distinct arrays (the caller copies a gradient that shares a weight's memory); a plain
// function with restrict pointers is what GCC vectorizes.
void adam_range(float* __restrict w, const float* __restrict g, float* __restrict m, float* __restrict v, int64_t s,
                int64_t e, float b1, float c1, float b2, float c2, float step, float inv, float eps) {
  for (int64_t i = s; i < e; i++) {
    const float gi = g[i];
    const float mi = flush(b1 * m[i] + c1 * gi);
    const float vi = flush(b2 * v[i] + c2 * gi * gi);
    m[i] = mi;
    v[i] = vi;
    w[i] -= step * mi / (std::sqrt(vi) * inv + eps);
  }
}

}  // namespace

void adam_step(float* w, const float* g, float* m, float* v, int64_t n, const AdamConstants& k) {
  const float b1 = static_cast<float>(k.beta1), c1 = static_cast<float>(k.one_minus_beta1);
  const float b2 = static_cast<float>(k.beta2), c2 = static_cast<float>(k.one_minus_beta2);
  const float step = static_cast<float>(k.step), inv = static_cast<float>(k.inv_sqrt_bc2), eps = static_cast<float>(k.epsilon);
  // Memory-bound beyond a few thousand weights: chunks large enough that waking a thread pays.
  parallel_range(n, 1 << 15, [&](int64_t s, int64_t e) { adam_range(w, g, m, v, s, e, b1, c1, b2, c2, step, inv, eps); });
}

}  // namespace tg
