// Products with very few rows (batch-1 inference, m = 1): straight from the operands, no packing, since each
// element of B is used at most kSmallM times and packing would cost as much as the product.
#pragma GCC optimize("fp-contract=fast")
#include <algorithm>
#include <cstdint>

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

// Element (i, p) of op(A).
inline float a_at(const Gemm& g, long i, long p) {
  return g.ta ? g.a[p * g.lda + i] : g.a[i * g.lda + p];
}

// Writes v to C[i, j], or adds it when the product accumulates.
inline void put(const Gemm& g, long i, long j, float v) {
  float* c = g.c + i * g.ldc + j;
  *c = g.accumulate ? *c + v : v;
}

// C[i, c0:c0 + 16 NV] for i < M, op(B) stored k x n: the 16 NV columns of every row accumulate in registers while
// B streams once; only columns [s0, s1) are stored (a block may overlap columns computed by another).
template <int M, int NV>
void column_block(const Gemm& g, long c0, long s0, long s1) {
  // Narrow blocks interleave U rows of B over separate accumulators, so the chain of dependent adds is as short
  // as with four vectors.
  constexpr int U = NV >= 4 ? 1 : 4 / NV;
  v16 acc[U][M][NV] = {};
  long p = 0;
  for (; p + U <= g.k; p += U) {
    for (int u = 0; u < U; u++) {
      const v16* b = reinterpret_cast<const v16*>(g.b + (p + u) * g.ldb + c0);
      for (int i = 0; i < M; i++) {
        const float a = a_at(g, i, p + u);
        for (int q = 0; q < NV; q++) acc[u][i][q] += a * b[q];
      }
    }
  }
  for (; p < g.k; p++) {
    const v16* b = reinterpret_cast<const v16*>(g.b + p * g.ldb + c0);
    for (int i = 0; i < M; i++) {
      const float a = a_at(g, i, p);
      for (int q = 0; q < NV; q++) acc[0][i][q] += a * b[q];
    }
  }
  for (int u = 1; u < U; u++) {
    for (int i = 0; i < M; i++) {
      for (int q = 0; q < NV; q++) acc[0][i][q] += acc[u][i][q];
    }
  }
  // Stored through a separate buffer: indexing `acc` by a run-time column would make the compiler keep every
  // accumulator in memory for the whole loop above (measured: 5x slower on a 256 x 128 product).
  alignas(64) float out[M][NV * 16];
  for (int i = 0; i < M; i++) {
    for (int q = 0; q < NV; q++) *reinterpret_cast<v16*>(&out[i][q * 16]) = acc[0][i][q];
  }
  for (int i = 0; i < M; i++) {
    for (long j = s0; j < s1; j++) put(g, i, j, out[i][j - c0]);
  }
}

// With AVX-512's 32 vector registers one row of A keeps up to 16 vectors (256 columns) of C in registers, so B
// streams row after row, contiguously (what the prefetcher follows best); AVX2's 16 registers hold 4.
#ifdef __AVX512F__
constexpr int kWideVectors = 16;
#else
constexpr int kWideVectors = 4;
#endif

template <int M, int NV>
void column_blocks_upto(const Gemm& g, int nv, long c0, long s0, long s1) {
  if constexpr (NV > 1) {
    if (nv < NV) {
      column_blocks_upto<M, NV - 1>(g, nv, c0, s0, s1);
      return;
    }
  }
  column_block<M, NV>(g, c0, s0, s1);
}

// Columns [c0, c0 + 16 nv) in one pass, nv <= 4 (<= kWideVectors when M = 1).
template <int M>
void column_blocks(const Gemm& g, int nv, long c0, long s0, long s1) {
  if constexpr (M == 1) {
    column_blocks_upto<1, kWideVectors>(g, nv, c0, s0, s1);
  } else {
    column_blocks_upto<M, 4>(g, nv, c0, s0, s1);
  }
}

// C[i, j:j + NJ] as NJ dot products of row i of op(A) with rows j.. of B stored n x k (a compile-time NJ keeps
// the partial sums in registers).
template <int NJ>
void dot_columns(const Gemm& g, long i, long j) {
  const long k = g.k;
  v16 part[NJ] = {};
  float tail[NJ] = {};
  long p = 0;
  if (!g.ta) {
    const float* a = g.a + i * g.lda;
    for (; p + 16 <= k; p += 16) {
      const v16 av = *reinterpret_cast<const v16*>(a + p);
      for (int q = 0; q < NJ; q++) part[q] += av * *reinterpret_cast<const v16*>(g.b + (j + q) * g.ldb + p);
    }
  }
  for (; p < k; p++) {
    const float a = a_at(g, i, p);
    for (int q = 0; q < NJ; q++) tail[q] += a * g.b[(j + q) * g.ldb + p];
  }
  for (int q = 0; q < NJ; q++) put(g, i, j + q, hsum(part[q]) + tail[q]);
}

// C[i, j0:j1] for i < M <= kSmallM, straight from the operands (no packing); with B stored n x k, 4 columns' dot
// products at a time.
template <int M>
void small_rows(const Gemm& g, long j0, long j1) {
  const long k = g.k;
  if (!g.tb) {
    if (j1 - j0 < 16) {
      // Fewer columns than a vector: scalar accumulators.
      float acc[M][16] = {};
      for (long p = 0; p < k; p++) {
        const float* b = g.b + p * g.ldb + j0;
        for (int i = 0; i < M; i++) {
          const float a = a_at(g, i, p);
          for (long j = 0; j < j1 - j0; j++) acc[i][j] += a * b[j];
        }
      }
      for (int i = 0; i < M; i++) {
        for (long j = j0; j < j1; j++) put(g, i, j, acc[i][j - j0]);
      }
      return;
    }
    long jb = j0;
    // When every row of B starts at the same offset within a cache line, one vector of leading columns goes
    // first so the loads of the blocks after it are aligned: JavaScript's arrays are only 16-byte aligned, and
    // loads straddling cache lines made this memory-bound loop twice as slow.
    const long misalign = static_cast<long>(reinterpret_cast<uintptr_t>(g.b + jb) % 64);
    if (g.ldb % 16 == 0 && misalign % 4 == 0 && misalign != 0) {
      const long lead = 16 - misalign / 4;
      column_block<M, 1>(g, jb, jb, jb + lead);
      jb += lead;
    }
    constexpr int kBlock = 16 * (M == 1 ? kWideVectors : 4);
    for (; jb + kBlock <= j1; jb += kBlock) column_blocks<M>(g, kBlock / 16, jb, jb, jb + kBlock);
    // The last columns: whole vectors in one pass, then one vector ending at j1 (overlapping, stored once).
    const int nv = static_cast<int>((j1 - jb) / 16);
    if (nv > 0) column_blocks<M>(g, nv, jb, jb, jb + 16 * nv);
    jb += 16 * nv;
    if (jb < j1) column_block<M, 1>(g, j1 - 16, jb, j1);
    return;
  }
  // B stored n x k: column j of op(B) is the contiguous row j of B.
  for (int i = 0; i < M; i++) {
    long j = j0;
    for (; j + 4 <= j1; j += 4) dot_columns<4>(g, i, j);
    switch (j1 - j) {
      case 3: dot_columns<3>(g, i, j); break;
      case 2: dot_columns<2>(g, i, j); break;
      case 1: dot_columns<1>(g, i, j); break;
      default: break;
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
