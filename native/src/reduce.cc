// Reductions along one contiguous block of axes, and softmax / log-softmax along one axis.
#include <cmath>
#include <limits>
#include <vector>

#include "kernels.h"
#include "threadpool.h"

namespace tg {
namespace {

constexpr int64_t kParallelElements = 1 << 16;

// Sum of n contiguous floats, accumulated in double over 8 lanes (vectorizable; at least as accurate as the
// reference's sequential float32 sum).
double sum_run(const float* x, int64_t n) {
  double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    for (int j = 0; j < 8; j++) acc[j] += static_cast<double>(x[i + j]);
  }
  double s = 0;
  for (; i < n; i++) s += static_cast<double>(x[i]);
  return s + ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
}

}  // namespace

void sum_middle(const float* x, float* out, int64_t outer, int64_t reduce, int64_t inner) {
  if (outer == 0 || inner == 0) return;
  if (inner == 1) {
    const int64_t grain = std::max<int64_t>(1, kParallelElements / std::max<int64_t>(reduce, 1));
    parallel_range(outer, grain, [&](int64_t o0, int64_t o1) {
      for (int64_t o = o0; o < o1; o++) out[o] = static_cast<float>(sum_run(x + o * reduce, reduce));
    });
    return;
  }
  // Reducing leading or middle axes: each output element adds its inputs in the reference's order, a whole row
  // of `inner` outputs at a time (vectorized), so the float32 result matches the reference bit for bit.
  const int64_t total = outer * inner;
  parallel_range(total, kParallelElements / std::max<int64_t>(reduce, 1) + 1, [&](int64_t s, int64_t e) {
    for (int64_t o = s / inner; o * inner < e; o++) {
      const int64_t j0 = std::max(s, o * inner) - o * inner, j1 = std::min(e, (o + 1) * inner) - o * inner;
      float* dst = out + o * inner;
      for (int64_t j = j0; j < j1; j++) dst[j] = 0.0f;
      for (int64_t i = 0; i < reduce; i++) {
        const float* src = x + (o * reduce + i) * inner;
        for (int64_t j = j0; j < j1; j++) dst[j] += src[j];
      }
    }
  });
}

void softmax(const float* x, float* out, int64_t outer, int64_t n, int64_t inner, bool log) {
  if (outer == 0 || n == 0 || inner == 0) return;
  const int64_t lines = outer * inner;
  const int64_t grain = std::max<int64_t>(1, kParallelElements / 16 / n);
  parallel_range(lines, grain, [&](int64_t l0, int64_t l1) {
    for (int64_t l = l0; l < l1; l++) {
      const int64_t o = l / inner, i = l % inner;
      const float* a = x + o * n * inner + i;
      float* y = out + o * n * inner + i;
      // The reference's line maximum: NaN wins and stays; an all -Infinity line shifts by 0.
      float m = -std::numeric_limits<float>::infinity();
      for (int64_t k = 0; k < n; k++) {
        const float v = a[k * inner];
        if (v > m || std::isnan(v)) m = v;
      }
      const double shift0 = m == -std::numeric_limits<float>::infinity() ? 0.0 : static_cast<double>(m);
      double s = 0;
      if (log) {
        for (int64_t k = 0; k < n; k++) s += std::exp(static_cast<double>(a[k * inner]) - shift0);
        const double shift = shift0 + std::log(s);
        for (int64_t k = 0; k < n; k++) y[k * inner] = static_cast<float>(static_cast<double>(a[k * inner]) - shift);
      } else {
        for (int64_t k = 0; k < n; k++) {
          const double e = std::exp(static_cast<double>(a[k * inner]) - shift0);
          y[k * inner] = static_cast<float>(e);
          s += e;
        }
        for (int64_t k = 0; k < n; k++) y[k * inner] = static_cast<float>(static_cast<double>(y[k * inner]) / s);
      }
    }
  });
}

}  // namespace tg
