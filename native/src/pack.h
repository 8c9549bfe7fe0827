// Packing of GEMM operands into the micro-kernels' panel layout (see ukernels.h). Transposed operands are read
// in their stored layout, never copied first; rows far apart are prefetched, and on AVX-512 machines the
// transposing cases go through 16 x 16 register transposes.
#pragma once
#include <algorithm>
#include <cstring>

#include "gemm.h"

namespace tg {

// Packing reads rows of A and B that sit a page or more apart, which the hardware prefetcher does not follow.
inline void prefetch(const float* p) { __builtin_prefetch(p, 0, 3); }

/** dst[p * ld + r] = rows[r][p] for r < nrows (<= 16), p < kc, with AVX-512 register transposes. */
void transpose_pack(const float* const* rows, int nrows, long kc, float* dst, long ld);

/** Whether transpose_pack may run on this CPU (AVX-512). */
bool transposes_fast();

// Packs op(A)[i0:i0+mc, p0:p0+kc] as ceil(mc/MR) slivers of kc x MR (rows past mc padded with zeros).
// Loops run along the stored rows of A so reads stay sequential and several rows are in flight at once.
template <int MR>
void pack_a(const Gemm& g, long i0, long mc, long p0, long kc, float* dst) {
  const long slivers = (mc + MR - 1) / MR;
  if (g.ta) {
    // A is stored k x m: row p of the storage holds column p of op(A).
    for (long p = 0; p < kc; p++) {
      const float* src = g.a + (p0 + p) * g.lda + i0;
      for (long s = 0; s < slivers; s++) {
        float* d = dst + s * kc * MR + p * MR;
        const long mr = std::min<long>(MR, mc - s * MR);
        if (mr == MR) {
          std::memcpy(d, src + s * MR, MR * sizeof(float));
        } else {
          long r = 0;
          for (; r < mr; r++) d[r] = src[s * MR + r];
          for (; r < MR; r++) d[r] = 0.0f;
        }
      }
    }
    return;
  }
  for (long s = 0; s < slivers; s++, dst += kc * MR) {
    const long mr = std::min<long>(MR, mc - s * MR);
    const float* rows[MR];
    for (long r = 0; r < MR; r++) rows[r] = g.a + (i0 + s * MR + std::min(r, mr - 1)) * g.lda + p0;
    if (mr == MR && MR <= 16 && transposes_fast()) {
      transpose_pack(rows, MR, kc, dst, MR);
      continue;
    }
    if (mr == MR) {
      for (long p = 0; p < kc; p++) {
        if ((p & 15) == 0) {
          for (int r = 0; r < MR; r++) prefetch(rows[r] + p + 64);
        }
        float* d = dst + p * MR;
        for (int r = 0; r < MR; r++) d[r] = rows[r][p];
      }
    } else {
      for (long p = 0; p < kc; p++) {
        float* d = dst + p * MR;
        for (int r = 0; r < MR; r++) d[r] = r < mr ? rows[r][p] : 0.0f;
      }
    }
  }
}

// Packs op(B)[p0:p0+kc, j0:j0+nc] as ceil(nc/NR) slivers of kc x NR (columns past nc padded with zeros).
template <int NR>
void pack_b(const Gemm& g, long p0, long kc, long j0, long nc, float* dst) {
  const long slivers = (nc + NR - 1) / NR;
  if (!g.tb) {
    for (long p = 0; p < kc; p++) {
      const float* src = g.b + (p0 + p) * g.ldb + j0;
      if (p + 4 < kc) {
        for (long x = 0; x < nc; x += 16) prefetch(src + 4 * g.ldb + x);
      }
      for (long s = 0; s < slivers; s++) {
        float* d = dst + s * kc * NR + p * NR;
        const long nr = std::min<long>(NR, nc - s * NR);
        if (nr == NR) {
          std::memcpy(d, src + s * NR, NR * sizeof(float));
        } else {
          long c = 0;
          for (; c < nr; c++) d[c] = src[s * NR + c];
          for (; c < NR; c++) d[c] = 0.0f;
        }
      }
    }
    return;
  }
  // B is stored n x k: row j of the storage holds column j of op(B).
  for (long s = 0; s < slivers; s++, dst += kc * NR) {
    const long nr = std::min<long>(NR, nc - s * NR);
    const float* cols[NR];
    for (long c = 0; c < NR; c++) cols[c] = g.b + (j0 + s * NR + std::min(c, nr - 1)) * g.ldb + p0;
    if (nr == NR && NR % 16 == 0 && transposes_fast()) {
      for (int c = 0; c < NR; c += 16) transpose_pack(cols + c, 16, kc, dst + c, NR);
      continue;
    }
    for (long p = 0; p < kc; p++) {
      float* d = dst + p * NR;
      if (nr == NR) {
        for (int c = 0; c < NR; c++) d[c] = cols[c][p];
      } else {
        for (int c = 0; c < NR; c++) d[c] = c < nr ? cols[c][p] : 0.0f;
      }
    }
  }
}

}  // namespace tg
