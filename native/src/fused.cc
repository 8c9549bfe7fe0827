// The epilogue of a dense layer's product: C = act(C + bias) row by row while the rows are still in cache. The
// sum is rounded to float before the activation reads it, exactly as separate add and activation kernels do,
// so fused and unfused layers give the same bits. Keeps the global -ffp-contract=off (no multiply-add here).
#include <cstdint>

#include "kernels.h"
#include "threadpool.h"

namespace tg {

void bias_activation(float* c, const float* bias, int64_t m, int64_t n, int act) {
  if (m <= 0 || n <= 0 || (bias == nullptr && act < 0)) return;
  // Rows in chunks of about 16k elements: enough work per task that waking a thread pays.
  const int64_t grain = n >= (1 << 14) ? 1 : (1 << 14) / n;
  parallel_range(m, grain, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; r++) {
      float* row = c + r * n;
      if (bias != nullptr) {
        for (int64_t j = 0; j < n; j++) row[j] += bias[j];
      }
    }
    // Nested inside a task, unary runs on this thread.
    if (act >= 0) unary(static_cast<UnaryOp>(act), c + r0 * n, c + r0 * n, (r1 - r0) * n);
  });
}

}  // namespace tg
