#include "ukernels.h"

#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#define TG_X86 1
#endif

namespace tg {
namespace {

// Portable kernel (any CPU): plain loops the compiler vectorizes for the baseline instruction set.
constexpr int kGenMR = 4, kGenNR = 16;

void generic_4x16(long kc, const float* ap, const float* bp, float* c, long ldc, bool acc) {
  float t[kGenMR][kGenNR] = {};
  for (long p = 0; p < kc; p++, ap += kGenMR, bp += kGenNR) {
    for (int r = 0; r < kGenMR; r++) {
      const float a = ap[r];
      for (int j = 0; j < kGenNR; j++) t[r][j] += a * bp[j];
    }
  }
  for (int r = 0; r < kGenMR; r++) {
    float* cr = c + r * ldc;
    if (acc) {
      for (int j = 0; j < kGenNR; j++) cr[j] += t[r][j];
    } else {
      for (int j = 0; j < kGenNR; j++) cr[j] = t[r][j];
    }
  }
}

bool always() { return true; }

#ifdef TG_X86

// AVX-512: 14 rows x 32 columns = 28 zmm accumulators, 2 for the B row, 1 for the broadcast A value
// (31 of 32 registers). Per k: 2 vector loads + 14 broadcasts feed 28 FMAs, so the two FMA ports, not the
// load ports, are the limit.
__attribute__((target("avx512f"))) void avx512_14x32(long kc, const float* ap, const float* bp, float* c, long ldc,
                                                       bool acc) {
#define TG_DECL(r) __m512 c##r##0 = _mm512_setzero_ps(), c##r##1 = _mm512_setzero_ps();
#define TG_FMA(r)                                  \
  {                                                \
    const __m512 a = _mm512_set1_ps(ap[r]);        \
    c##r##0 = _mm512_fmadd_ps(a, b0, c##r##0);     \
    c##r##1 = _mm512_fmadd_ps(a, b1, c##r##1);     \
  }
#define TG_STORE(r)                                                                 \
  {                                                                                 \
    float* cr = c + (r) * ldc;                                                      \
    if (acc) {                                                                      \
      c##r##0 = _mm512_add_ps(c##r##0, _mm512_loadu_ps(cr));                        \
      c##r##1 = _mm512_add_ps(c##r##1, _mm512_loadu_ps(cr + 16));                   \
    }                                                                               \
    _mm512_storeu_ps(cr, c##r##0);                                                  \
    _mm512_storeu_ps(cr + 16, c##r##1);                                             \
  }
#define TG_ROWS14(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13)
  TG_ROWS14(TG_DECL)
  for (int r = 0; r < 14; r++) {
    _mm_prefetch(reinterpret_cast<const char*>(c + r * ldc), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(c + r * ldc + 31), _MM_HINT_T0);
  }
#pragma GCC unroll 4
  for (long p = 0; p < kc; p++) {
    const __m512 b0 = _mm512_load_ps(bp), b1 = _mm512_load_ps(bp + 16);
    _mm_prefetch(reinterpret_cast<const char*>(bp + 512), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(bp + 528), _MM_HINT_T0);
    TG_ROWS14(TG_FMA)
    ap += 14;
    bp += 32;
  }
  TG_ROWS14(TG_STORE)
#undef TG_DECL
#undef TG_FMA
#undef TG_STORE
#undef TG_ROWS14
}

bool has_avx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f");
}

// AVX2 + FMA: 6 rows x 16 columns = 12 ymm accumulators, 2 for the B row, 1 broadcast (15 of 16).
__attribute__((target("avx2,fma"))) void avx2_6x16(long kc, const float* ap, const float* bp, float* c, long ldc,
                                                   bool acc) {
#define TG_DECL(r) __m256 c##r##0 = _mm256_setzero_ps(), c##r##1 = _mm256_setzero_ps();
#define TG_FMA(r)                                  \
  {                                                \
    const __m256 a = _mm256_broadcast_ss(ap + r);  \
    c##r##0 = _mm256_fmadd_ps(a, b0, c##r##0);     \
    c##r##1 = _mm256_fmadd_ps(a, b1, c##r##1);     \
  }
#define TG_STORE(r)                                                                 \
  {                                                                                 \
    float* cr = c + (r) * ldc;                                                      \
    if (acc) {                                                                      \
      c##r##0 = _mm256_add_ps(c##r##0, _mm256_loadu_ps(cr));                        \
      c##r##1 = _mm256_add_ps(c##r##1, _mm256_loadu_ps(cr + 8));                   \
    }                                                                               \
    _mm256_storeu_ps(cr, c##r##0);                                                  \
    _mm256_storeu_ps(cr + 8, c##r##1);                                              \
  }
#define TG_ROWS6(X) X(0) X(1) X(2) X(3) X(4) X(5)
  TG_ROWS6(TG_DECL)
  for (int r = 0; r < 6; r++) {
    _mm_prefetch(reinterpret_cast<const char*>(c + r * ldc), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(c + r * ldc + 15), _MM_HINT_T0);
  }
#pragma GCC unroll 4
  for (long p = 0; p < kc; p++) {
    const __m256 b0 = _mm256_load_ps(bp), b1 = _mm256_load_ps(bp + 8);
    _mm_prefetch(reinterpret_cast<const char*>(bp + 256), _MM_HINT_T0);
    TG_ROWS6(TG_FMA)
    ap += 6;
    bp += 16;
  }
  TG_ROWS6(TG_STORE)
#undef TG_DECL
#undef TG_FMA
#undef TG_STORE
#undef TG_ROWS6
}

bool has_avx2() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

#endif  // TG_X86

}  // namespace

const KernelInfo kKernels[] = {
#ifdef TG_X86
    {"avx512", 14, 32, avx512_14x32, has_avx512},
    {"avx2", 6, 16, avx2_6x16, has_avx2},
#endif
    {"generic", kGenMR, kGenNR, generic_4x16, always},
};
const int kKernelCount = sizeof(kKernels) / sizeof(kKernels[0]);

}  // namespace tg
