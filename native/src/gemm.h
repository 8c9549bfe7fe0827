// Single-precision GEMM in the BLIS style: C = op(A) op(B) or C += op(A) op(B), row-major.
#pragma once

#include <cstdint>

namespace tg {

/** One matrix product. op(A) is m x k, op(B) is k x n, C is m x n with leading dimension ldc. */
struct Gemm {
  long m, n, k;
  const float* a;
  long lda;
  bool ta;  // A stored as k x m (read A[p*lda + i])
  const float* b;
  long ldb;
  bool tb;  // B stored as n x k (read B[j*ldb + p])
  float* c;
  long ldc;
  bool accumulate;  // beta 1 (C +=) instead of beta 0 (C =, C never read)
};

// The product of a m x k (k x m when ta) and b k x n (n x k when tb) into c (m x n, leading dimension n).
inline Gemm gemm_of(const float* a, const float* b, float* c, int64_t m, int64_t n, int64_t k, bool ta, bool tb, bool acc) {
  Gemm g;
  g.m = m;
  g.n = n;
  g.k = k;
  g.a = a;
  g.lda = ta ? m : k;
  g.ta = ta;
  g.b = b;
  g.ldb = tb ? k : n;
  g.tb = tb;
  g.c = c;
  g.ldc = n;
  g.accumulate = acc;
  return g;
}

/** Runs `g` on the calling thread only. */
void gemm_serial(const Gemm& g);

/** Runs `g`, splitting C over the thread pool when the product is large enough. */
void gemm(const Gemm& g);

/**
 * Runs `count` products of equal shape whose operands start at the given element offsets (batched matmul);
 * parallel over the batch when each product is small, inside each product otherwise.
 */
void gemm_batched(const Gemm& shape, long count, const double* a_off, const double* b_off, const double* c_off);

/** The micro-kernel in use: "avx512", "avx2" or "generic". */
const char* gemm_kernel_name();

/** Selects a micro-kernel by name (for tests and benchmarks); returns false when this CPU cannot run it. */
bool set_gemm_kernel(const char* name);

/** Names of the micro-kernels this CPU can run, best first, separated by commas. */
const char* gemm_available_kernels();

}  // namespace tg
