// Vectorized double-precision exp and expm1 for arguments <= 0 (all that sigmoid and tanh need), accurate to a
// few units in the last place of a double, so the float results round exactly like the reference's Math.exp.
#pragma once

namespace tg {

typedef double v8d __attribute__((vector_size(64)));
typedef long long v8l __attribute__((vector_size(64)));

/** e^x for x <= 0 (NaN stays NaN; below -708 the result is e^-708, which rounds to float 0 like the exact one). */
inline v8d exp_nonpositive(v8d x) {
  const v8d lo = x < -708.0 ? v8d{} - 708.0 : x;  // NaN compares false and passes through
  const double magic = 6755399441055744.0;      // 1.5 * 2^52: adding it rounds to an integer in the low bits
  const v8d k = lo * 1.4426950408889634 + magic;
  const v8d n = k - magic;
  // Cody-Waite reduction: r = x - n ln2 with ln2 split so n * ln2_hi is exact.
  const v8d r = (lo - n * 6.93147180369123816490e-01) - n * 1.90821492927058770002e-10;
  // Taylor polynomial of e^r on |r| <= ln2/2 to degree 13 (truncation error < 1e-17 relative).
  v8d p = v8d{} + 1.0 / 6227020800.0;
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  // 2^n from the integer in k's low bits, placed in a double's exponent field.
  // (The bits of k minus the bits of the magic constant are n.)
  const v8l bits = ((v8l)k - 0x4338000000000000LL + 1023) << 52;
  const v8d scale = (v8d)bits;  // vector casts reinterpret the bits
  return p * scale;
}

/** e^x - 1 for x <= 0, without cancellation near 0. */
inline v8d expm1_nonpositive(v8d x) {
  // Near 0 the series itself (no 1 to subtract); elsewhere e^x - 1 >= 0.29 in magnitude, so no cancellation.
  v8d p = v8d{} + 1.0 / 6227020800.0;
  p = p * x + 1.0 / 479001600.0;
  p = p * x + 1.0 / 39916800.0;
  p = p * x + 1.0 / 3628800.0;
  p = p * x + 1.0 / 362880.0;
  p = p * x + 1.0 / 40320.0;
  p = p * x + 1.0 / 5040.0;
  p = p * x + 1.0 / 720.0;
  p = p * x + 1.0 / 120.0;
  p = p * x + 1.0 / 24.0;
  p = p * x + 1.0 / 6.0;
  p = p * x + 0.5;
  const v8d series = (p * x) * x + x;
  const v8d far = exp_nonpositive(x) - 1.0;
  return x > -0.34657359027997264 ? series : far;
}

}  // namespace tg
