// The elementwise part of an LSTM step and its gradient (see src/ops/lstm-gates.ts): gate activations, the new
// cell state and output, in one pass over each row instead of ten kernels. The forward pass saves each row's
// activations [i, f, g, o, tanh(c')] for the gradient, which would otherwise compute them again. Activations go
// through `unary`, so they are the bits of the Sigmoid / HardSigmoid / Tanh kernels; every product and sum
// rounds to float as the separate kernels do (this file keeps the global -ffp-contract=off), so the forward pass
// matches them exactly.
#include <algorithm>
#include <cstdint>

#include "kernels.h"
#include "threadpool.h"

namespace tg {
namespace {

// The gate activation of z[0..n) into out.
inline void gate(int kind, const float* z, float* out, int64_t n) {
  unary(kind == 0 ? kSigmoid : kHardSigmoid, z, out, n);
}

// body(r) for every row r < b, rows split over threads in blocks of ~16k elements.
template <typename F>
void for_rows(int64_t b, int64_t u, F body) {
  const int64_t grain = std::max<int64_t>(1, (1 << 14) / std::max<int64_t>(u, 1));
  parallel_range(b, grain, [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; r++) body(r);
  });
}

// 16 floats as one value (one zmm register with AVX-512, two ymm with AVX2); loads and stores go through memcpy.
typedef float v16 __attribute__((vector_size(64)));

template <typename V>
inline V load(const float* p) {
  V v;
  __builtin_memcpy(&v, p, sizeof(V));
  return v;
}

template <typename V>
inline void store(float* p, V v) {
  __builtin_memcpy(p, &v, sizeof(V));
}

template <>
inline float load<float>(const float* p) { return *p; }

template <>
inline void store<float>(float* p, float v) { *p = v; }

// The gate's derivative from its input (hard sigmoid: 0.2 inside [0, 1], as HardSigmoidGrad) or its output
// (sigmoid); for one float or 16 at a time.
template <int Kind, typename V>
inline V through(V zin, V y, V d) {
  if constexpr (Kind == 0) {
    return d * y * (1.0f - y);
  } else {
    const V v = zin * 0.2f + 0.5f;
    const V g = d * 0.2f;
    if constexpr (sizeof(V) == sizeof(float)) {
      return v >= 0.0f && v <= 1.0f ? g : 0.0f;
    } else {
      return (v >= 0.0f) & (v <= 1.0f) ? g : V{};
    }
  }
}

// dz and dcPrev at columns [j, j + sizeof(V) / 4) of one row (V: float or v16), from the row's saved
// activations a = [i, f, g, o, tanh(c')]; same operations, in the same order, as the separate kernels.
template <int Kind, typename V>
inline void grad_at(int64_t j, int64_t u, const float* zr, const float* a, const float* dhr, const float* dcr,
                    const float* cr, float* dzr, float* dcp) {
  const V ij = load<V>(a + j), fj = load<V>(a + u + j), gj = load<V>(a + 2 * u + j), oj = load<V>(a + 3 * u + j),
          tj = load<V>(a + 4 * u + j), d = load<V>(dhr + j);
  const V dct = load<V>(dcr + j) + d * oj * (1.0f - tj * tj);
  store(dzr + j, through<Kind>(load<V>(zr + j), ij, dct * gj));
  store(dzr + u + j, through<Kind>(load<V>(zr + u + j), fj, dct * load<V>(cr + j)));
  store(dzr + 2 * u + j, dct * ij * (1.0f - gj * gj));
  store(dzr + 3 * u + j, through<Kind>(load<V>(zr + 3 * u + j), oj, d * tj));
  store(dcp + j, dct * fj);
}

template <int Kind>
void gates_grad_rows(const float* z, const float* c, const float* acts, const float* dh, const float* dc, float* dz,
                     float* dc_prev, int64_t b, int64_t u) {
  for_rows(b, u, [&](int64_t r) {
    const float* zr = z + r * 4 * u;
    const float* a = acts + r * 5 * u;
    const int64_t s = r * u;
    float* dzr = dz + r * 4 * u;
    int64_t j = 0;
    for (; j + 16 <= u; j += 16) grad_at<Kind, v16>(j, u, zr, a, dh + s, dc + s, c + s, dzr, dc_prev + s);
    for (; j < u; j++) grad_at<Kind, float>(j, u, zr, a, dh + s, dc + s, c + s, dzr, dc_prev + s);
  });
}

}  // namespace

void lstm_gates(const float* z, const float* c, float* h2, float* c2, float* acts, int64_t b, int64_t u, int kind) {
  for_rows(b, u, [&](int64_t r) {
    const float* zr = z + r * 4 * u;
    const float* cr = c + r * u;
    float* a = acts + r * 5 * u;
    gate(kind, zr, a, 2 * u);  // i and f are adjacent in z and in the activations
    unary(kTanh, zr + 2 * u, a + 2 * u, u);
    gate(kind, zr + 3 * u, a + 3 * u, u);
    const float* i = a;
    const float* f = a + u;
    const float* g = a + 2 * u;
    const float* o = a + 3 * u;
    float* t = a + 4 * u;
    float* cn = c2 + r * u;
    for (int64_t j = 0; j < u; j++) {
      const float kept = f[j] * cr[j], added = i[j] * g[j];
      cn[j] = kept + added;
    }
    unary(kTanh, cn, t, u);
    float* hr = h2 + r * u;
    for (int64_t j = 0; j < u; j++) hr[j] = o[j] * t[j];
  });
}

void lstm_gates_grad(const float* z, const float* c, const float* acts, const float* dh, const float* dc, float* dz,
                     float* dc_prev, int64_t b, int64_t u, int kind) {
  if (kind == 0) gates_grad_rows<0>(z, c, acts, dh, dc, dz, dc_prev, b, u);
  else gates_grad_rows<1>(z, c, acts, dh, dc, dz, dc_prev, b, u);
}

}  // namespace tg
