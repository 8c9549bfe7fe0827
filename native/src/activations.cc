// Activations whose reference rounds between a multiply and an add (hard sigmoid is 0.2 x + 0.5 computed by two
// float32 ops), and activation gradients. This file keeps the global -ffp-contract=off, so no multiply-add is
// fused and the results are the reference's bits.
#include <cstdint>

#include "kernels.h"
#include "threadpool.h"

namespace tg {
namespace {

constexpr int64_t kParallelElements = 1 << 16;

// NaN fails both tests and passes through, as clip does.
inline float clip01(float u) { return u < 0.0f ? 0.0f : (u > 1.0f ? 1.0f : u); }

}  // namespace

void hard_sigmoid(const float* x, float* out, int64_t n) {
  parallel_range(n, kParallelElements, [&](int64_t s, int64_t e) {
    for (int64_t i = s; i < e; i++) {
      const float u = x[i] * 0.2f;
      out[i] = clip01(u + 0.5f);
    }
  });
}

void activation_grad(ActivationGradOp op, const float* x, const float* dy, float* out, int64_t n) {
  parallel_range(n, kParallelElements, [&](int64_t s, int64_t e) {
    // Loads are unconditional, so the selects vectorize.
    if (op == kReluGrad) {
      for (int64_t i = s; i < e; i++) {
        const float d = dy[i];
        out[i] = x[i] > 0.0f ? d : 0.0f;
      }
    } else {
      for (int64_t i = s; i < e; i++) {
        const float u = x[i] * 0.2f + 0.5f;
        const float g = dy[i] * 0.2f;
        out[i] = u >= 0.0f && u <= 1.0f ? g : 0.0f;
      }
    }
  });
}

}  // namespace tg
