#include "pack.h"

// GCC 12's own intrinsics header declares `__m512 __Y = __Y;` (an intentionally undefined value) and then warns
// about it when the unpack intrinsics inline; the warning is a known false positive.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace tg {

#if defined(__x86_64__)
namespace {

// 16 x 16 transpose of r[0..16) in place (rows become columns): 64 shuffles.
__attribute__((target("avx512f"))) inline void transpose16(__m512* r) {
  __m512 t[16];
  for (int g = 0; g < 4; g++) {
    t[4 * g + 0] = _mm512_unpacklo_ps(r[4 * g], r[4 * g + 1]);
    t[4 * g + 1] = _mm512_unpackhi_ps(r[4 * g], r[4 * g + 1]);
    t[4 * g + 2] = _mm512_unpacklo_ps(r[4 * g + 2], r[4 * g + 3]);
    t[4 * g + 3] = _mm512_unpackhi_ps(r[4 * g + 2], r[4 * g + 3]);
  }
  for (int g = 0; g < 4; g++) {
    const __m512d a = _mm512_castps_pd(t[4 * g]), b = _mm512_castps_pd(t[4 * g + 2]);
    const __m512d c = _mm512_castps_pd(t[4 * g + 1]), d = _mm512_castps_pd(t[4 * g + 3]);
    r[4 * g + 0] = _mm512_castpd_ps(_mm512_unpacklo_pd(a, b));
    r[4 * g + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(a, b));
    r[4 * g + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(c, d));
    r[4 * g + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(c, d));
  }
  // r[4g + c] now holds, in 128-bit lane L, column 4L + c of rows 4g..4g+3.
  for (int c = 0; c < 4; c++) {
    const __m512 u0 = _mm512_shuffle_f32x4(r[c], r[4 + c], 0x88), u1 = _mm512_shuffle_f32x4(r[c], r[4 + c], 0xdd);
    const __m512 u2 = _mm512_shuffle_f32x4(r[8 + c], r[12 + c], 0x88), u3 = _mm512_shuffle_f32x4(r[8 + c], r[12 + c], 0xdd);
    t[c] = _mm512_shuffle_f32x4(u0, u2, 0x88);
    t[4 + c] = _mm512_shuffle_f32x4(u1, u3, 0x88);
    t[8 + c] = _mm512_shuffle_f32x4(u0, u2, 0xdd);
    t[12 + c] = _mm512_shuffle_f32x4(u1, u3, 0xdd);
  }
  for (int i = 0; i < 16; i++) r[i] = t[i];
}

// Groups of 16 p are transposed in registers; the stores write nrows lanes each (masked).
}  // namespace

__attribute__((target("avx512f"))) void transpose_pack(const float* const* rows, int nrows, long kc, float* dst, long ld) {
  const __mmask16 lanes = static_cast<__mmask16>((1u << nrows) - 1);
  long p = 0;
  for (; p + 16 <= kc; p += 16) {
    __m512 r[16];
    for (int i = 0; i < 16; i++) r[i] = i < nrows ? _mm512_loadu_ps(rows[i] + p) : _mm512_setzero_ps();
    transpose16(r);
    for (int i = 0; i < 16; i++) _mm512_mask_storeu_ps(dst + (p + i) * ld, lanes, r[i]);
  }
  for (; p < kc; p++) {
    for (int i = 0; i < nrows; i++) dst[p * ld + i] = rows[i][p];
  }
}
#else
void transpose_pack(const float* const* rows, int nrows, long kc, float* dst, long ld) {
  for (long p = 0; p < kc; p++) {
    for (int i = 0; i < nrows; i++) dst[p * ld + i] = rows[i][p];
  }
}
#endif

bool transposes_fast() {
#if defined(__x86_64__)
  static const bool ok = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f");
  }();
  return ok;
#else
  return false;
#endif
}

}  // namespace tg
