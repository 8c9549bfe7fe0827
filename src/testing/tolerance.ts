import type { DType } from '../core/dtype.js';

/**
 * The one tolerance table of the test suite: |actual - expected| <= atol + rtol * |expected|.
 * A case that needs looser bounds passes its own, with a comment saying why.
 */
export const TOLERANCE: Record<DType, { rtol: number; atol: number }> = {
  float64: { rtol: 1e-10, atol: 1e-12 },
  float32: { rtol: 1e-5, atol: 1e-6 },
  int32: { rtol: 0, atol: 0 },
  bool: { rtol: 0, atol: 0 },
};

/** Bounds for comparing against an external reference computed in float32 (PyTorch, tfjs): accumulation order differs. */
export const REFERENCE_TOLERANCE = { rtol: 1e-4, atol: 1e-5 };

/** Bounds for finite-difference gradient checks in float64 (central differences, step 1e-6). */
export const GRADCHECK_TOLERANCE = { rtol: 1e-5, atol: 1e-7 };
