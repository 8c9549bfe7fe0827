// Scalar special functions used by the reference kernels. Each works in float64 (JS numbers); kernels store
// the result in the output's dtype.

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const INV_SQRT_PI = 0.5641895835477563;
// Below this |x| erf's positive-term series converges in under 40 terms; above it the continued fraction does.
const SERIES_LIMIT = 2.5;
// erfc switches to the continued fraction earlier (57 terms at 2), where 1 - erf would cancel more digits.
const ERFC_FRACTION_FROM = 2;

/** erf by the series (2/sqrt(pi)) e^{-x^2} sum (2x^2)^n x / (1*3*...*(2n+1)): every term positive, no cancellation. */
function erfSeries(x: number): number {
  const x2 = 2 * x * x;
  let term = x, sum = x;
  for (let n = 0; n < 200; n++) {
    term *= x2 / (2 * n + 3);
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
}

/** erfc for x >= ERFC_FRACTION_FROM by its continued fraction (modified Lentz): keeps full relative accuracy in the tail. */
function erfcFraction(x: number): number {
  if (x > 27.3) return 0; // erfc underflows below the smallest double
  const tiny = 1e-300;
  let f = x, c = x, d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return INV_SQRT_PI * Math.exp(-x * x) / f;
}

/**
 * The error function erf(x) = 2/sqrt(pi) * integral_0^x e^{-t^2} dt, to about one part in 1e-15.
 * @example erf(1) // 0.8427007929497149
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < SERIES_LIMIT) return erfSeries(x);
  const r = 1 - erfcFraction(ax);
  return x < 0 ? -r : r;
}

/**
 * The complementary error function 1 - erf(x), accurate relative to its value (about 1e-13) even in the right tail.
 * @example erfc(5) // 1.5374597944280349e-12
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x >= ERFC_FRACTION_FROM) return erfcFraction(x);
  return 1 - erf(x);
}

/**
 * Rounds to the nearest integer, ties to even (as PyTorch, NumPy and TensorFlow round).
 * @example roundHalfEven(2.5) // 2; roundHalfEven(-1.5) // -2
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x); // ties toward +infinity
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The logistic function 1 / (1 + e^{-x}), without overflow for large |x|.
 * @example sigmoid(0) // 0.5
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * log(1 + e^x) computed as max(x, 0) + log1p(e^{-|x|}), so it neither overflows nor loses small values.
 * @example softplus(0) // 0.6931471805599453
 */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * GELU with the exact normal CDF: x * Phi(x), written with erfc so the negative tail keeps relative accuracy.
 * @example geluErf(1) // 0.8413447460685429
 */
export function geluErf(x: number): number {
  return 0.5 * x * erfc(-x * Math.SQRT1_2);
}

/** sqrt(2 / pi), the scale of GELU's tanh approximation. */
export const GELU_TANH_SCALE = 0.7978845608028654;
/** The cubic coefficient of GELU's tanh approximation. */
export const GELU_TANH_CUBIC = 0.044715;

/**
 * GELU's tanh approximation 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
 * @example geluTanh(1) // 0.8411919906082768
 */
export function geluTanh(x: number): number {
  return 0.5 * x * (1 + Math.tanh(GELU_TANH_SCALE * (x + GELU_TANH_CUBIC * x * x * x)));
}
