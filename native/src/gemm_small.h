// GEMM for products with at most kSmallM rows, without packing (see gemm_small.cc).
#pragma once
#include "gemm.h"

namespace tg {

/** Products with at most this many rows take gemm_small_m. */
constexpr long kSmallM = 4;

/** C[0:m, j0:j1] (+)= op(A) op(B)[:, j0:j1] for g.m <= kSmallM, on the calling thread. */
void gemm_small_m(const Gemm& g, long j0, long j1);

}  // namespace tg
