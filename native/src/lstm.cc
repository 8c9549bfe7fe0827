// The elementwise part of an LSTM step and its gradient (see src/ops/lstm-gates.ts): gate activations, the new
// cell state and output, in one pass over each row instead of ten kernels. Activations go through `unary`, so
// they are the bits of the Sigmoid / HardSigmoid / Tanh kernels; every product and sum rounds to float as the
// separate kernels do (this file keeps the global -ffp-contract=off), so the forward pass matches them exactly.
#include <algorithm>
#include <cstdint>

#include "kernels.h"
#include "threadpool.h"

namespace tg {
namespace {

constexpr int64_t kChunk = 64;  // elements of one gate handled together (stack buffers)

// The gate activation of z[0..n) into out.
inline void gate(int kind, const float* z, float* out, int64_t n) {
  unary(kind == 0 ? kSigmoid : kHardSigmoid, z, out, n);
}

template <typename F>
void for_rows(int64_t b, int64_t u, F body) {
  const int64_t grain = std::max<int64_t>(1, (1 << 14) / std::max<int64_t>(u, 1));
  parallel_range(b, grain, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; r++) {
      for (int64_t j0 = 0; j0 < u; j0 += kChunk) body(r, j0, std::min(kChunk, u - j0));
    }
  });
}

}  // namespace

void lstm_gates(const float* z, const float* c, float* h2, float* c2, int64_t b, int64_t u, int kind) {
  for_rows(b, u, [&](int64_t r, int64_t j0, int64_t n) {
    const float* zr = z + r * 4 * u + j0;
    const float* cr = c + r * u + j0;
    float i[kChunk], f[kChunk], g[kChunk], o[kChunk], t[kChunk];
    gate(kind, zr, i, n);
    gate(kind, zr + u, f, n);
    unary(kTanh, zr + 2 * u, g, n);
    gate(kind, zr + 3 * u, o, n);
    float* cn = c2 + r * u + j0;
    for (int64_t j = 0; j < n; j++) {
      const float kept = f[j] * cr[j], added = i[j] * g[j];
      cn[j] = kept + added;
    }
    unary(kTanh, cn, t, n);
    float* hr = h2 + r * u + j0;
    for (int64_t j = 0; j < n; j++) hr[j] = o[j] * t[j];
  });
}

void lstm_gates_grad(const float* z, const float* c, const float* c2, const float* dh, const float* dc, float* dz,
                     float* dc_prev, int64_t b, int64_t u, int kind) {
  for_rows(b, u, [&](int64_t r, int64_t j0, int64_t n) {
    const float* zr = z + r * 4 * u + j0;
    const int64_t s = r * u + j0;
    float i[kChunk], f[kChunk], g[kChunk], o[kChunk], t[kChunk];
    gate(kind, zr, i, n);
    gate(kind, zr + u, f, n);
    unary(kTanh, zr + 2 * u, g, n);
    gate(kind, zr + 3 * u, o, n);
    unary(kTanh, c2 + s, t, n);
    float* dzr = dz + r * 4 * u + j0;
    // The gate's derivative from its input (hard sigmoid: 0.2 inside [0, 1], as HardSigmoidGrad) or its output.
    auto through = [&](const float* zin, const float* y, int64_t j, float d) {
      if (kind == 0) return d * y[j] * (1.0f - y[j]);
      const float v = zin[j] * 0.2f + 0.5f;
      return v >= 0.0f && v <= 1.0f ? d * 0.2f : 0.0f;
    };
    for (int64_t j = 0; j < n; j++) {
      const float d = dh[s + j];
      const float dct = dc[s + j] + d * o[j] * (1.0f - t[j] * t[j]);
      dzr[j] = through(zr, i, j, dct * g[j]);
      dzr[u + j] = through(zr + u, f, j, dct * c[s + j]);
      dzr[2 * u + j] = dct * i[j] * (1.0f - g[j] * g[j]);
      dzr[3 * u + j] = through(zr + 3 * u, o, j, d * t[j]);
      dc_prev[s + j] = dct * f[j];
    }
  });
}

}  // namespace tg
