// Helpers shared by layer implementations.
import { ArgumentError, check, describe } from '../../core/errors.js';

/**
 * Rejects weight constraints (not supported yet), which configs written by Keras may carry; null is accepted since
 * TensorFlow.js writes `kernelConstraint: null`.
 * @example checkNoConstraint('dense_1', args, ['kernelConstraint', 'biasConstraint'])
 */
export function checkNoConstraint(fn: string, args: object, keys: readonly string[]): void {
  for (const k of keys) {
    const v = (args as Record<string, unknown>)[k];
    if (v !== undefined && v !== null) {
      throw new ArgumentError(fn, `${k} is not supported yet (weight constraints), received ${describe(v)}`);
    }
  }
}

/**
 * Validates a number argument in a range.
 * @example checkRange('dropout_1', 'rate', 0.5, 0, 1)
 */
export function checkRange(fn: string, arg: string, v: unknown, lo: number, hi: number, hiOpen = false): number {
  check(typeof v === 'number' && Number.isFinite(v) && v >= lo && (hiOpen ? v < hi : v <= hi), fn,
    () => `${arg} must be a number in [${lo}, ${hi}${hiOpen ? ')' : ']'}, received ${describe(v)}`);
  return v as number;
}

/**
 * Validates an integer argument >= min.
 * @example checkInt('embedding_1', 'inputDim', 10, 1)
 */
export function checkInt(fn: string, arg: string, v: unknown, min: number): number {
  check(Number.isInteger(v) && (v as number) >= min, fn, () => `${arg} must be an integer >= ${min}, received ${describe(v)}`);
  return v as number;
}
