// Products with very few rows (batch-1 inference, m = 1): straight from the operands, no packing, since each
// element of B is used at most kSmallM times and packing would cost as much as the product.
#pragma GCC optimize("fp-contract=fast")
#include <algorithm>

#include "gemm.h"
#include "gemm_small.h"

namespace tg {
namespace {

// 16 floats as one value (a zmm register with AVX-512, two ymm with AVX2); may be unaligned.
typedef float v16 __attribute__((vector_size(64), aligned(4)));

inline float hsum(v16 v) {
  float s = 0.0f;
  for (int l = 0; l < 16; l++) s += v[l];
  return s;
}

// C[i, j0:j1] for i < M <= kSmallM, straight from the operands (no packing): 64 columns of every row accumulate
// in registers while op(B) streams once; with B stored n x k, 4 columns' dot products at a time.
template <int M>
void small_rows(const Gemm& g, long j0, long j1) {
  constexpr long JB = 64;
  const long k = g.k;
  auto a_at = [&](long i, long p) { return g.ta ? g.a[p * g.lda + i] : g.a[i * g.lda + p]; };
  auto store = [&](long i, long j, float v) {
    float* c = g.c + i * g.ldc + j;
    *c = g.accumulate ? *c + v : v;
  };
  if (!g.tb) {
    long jb = j0;
    for (; jb + JB <= j1; jb += JB) {
      v16 acc[M][4] = {};
      for (long p = 0; p < k; p++) {
        const v16* b = reinterpret_cast<const v16*>(g.b + p * g.ldb + jb);
        const v16 b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
        for (int i = 0; i < M; i++) {
          const float a = a_at(i, p);
          acc[i][0] += a * b0;
          acc[i][1] += a * b1;
          acc[i][2] += a * b2;
          acc[i][3] += a * b3;
        }
      }
      for (int i = 0; i < M; i++) {
        for (int q = 0; q < 4; q++) {
          for (int l = 0; l < 16; l++) store(i, jb + q * 16 + l, acc[i][q][l]);
        }
      }
    }
    if (jb < j1) {
      float acc[M][JB] = {};
      const long nb = j1 - jb;
      for (long p = 0; p < k; p++) {
        const float* b = g.b + p * g.ldb + jb;
        for (int i = 0; i < M; i++) {
          const float a = a_at(i, p);
          for (long j = 0; j < nb; j++) acc[i][j] += a * b[j];
        }
      }
      for (int i = 0; i < M; i++) {
        for (long j = 0; j < nb; j++) store(i, jb + j, acc[i][j]);
      }
    }
    return;
  }
  // B stored n x k: column j of op(B) is the contiguous row j of B.
  for (int i = 0; i < M; i++) {
    for (long j = j0; j < j1; j += 4) {
      const int nj = static_cast<int>(std::min<long>(4, j1 - j));
      v16 part[4] = {};
      float tail[4] = {0, 0, 0, 0};
      long p = 0;
      if (!g.ta) {
        const float* a = g.a + i * g.lda;
        for (; p + 16 <= k; p += 16) {
          const v16 av = *reinterpret_cast<const v16*>(a + p);
          for (int q = 0; q < nj; q++) part[q] += av * *reinterpret_cast<const v16*>(g.b + (j + q) * g.ldb + p);
        }
      }
      for (; p < k; p++) {
        const float a = a_at(i, p);
        for (int q = 0; q < nj; q++) tail[q] += a * g.b[(j + q) * g.ldb + p];
      }
      for (int q = 0; q < nj; q++) store(i, j + q, hsum(part[q]) + tail[q]);
    }
  }
}

}  // namespace

void gemm_small_m(const Gemm& g, long j0, long j1) {
  switch (g.m) {
    case 1: small_rows<1>(g, j0, j1); break;
    case 2: small_rows<2>(g, j0, j1); break;
    case 3: small_rows<3>(g, j0, j1); break;
    default: small_rows<4>(g, j0, j1); break;
  }
}

}  // namespace tg
