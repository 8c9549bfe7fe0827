import { check, describe } from '../../core/errors.js';

/** 'min', 'max', or 'auto' (max for accuracy-like names, else min). */
export type Mode = 'auto' | 'min' | 'max';

/** Resolves 'auto' from the monitored name, as Keras: accuracies, AUC, precision, recall, F1 and R² grow. */
export function resolveMode(fn: string, mode: Mode | undefined, monitor: string): 'min' | 'max' {
  const m = mode ?? 'auto';
  check(m === 'auto' || m === 'min' || m === 'max', fn, () => `mode must be 'auto', 'min' or 'max', received ${describe(mode)}`);
  if (m !== 'auto') return m;
  return /(^|_)(acc|accuracy|auc|precision|recall|f1|f1_score|r2|r2_score)$/.test(monitor) || /accuracy$/.test(monitor) ? 'max' : 'min';
}

/** True when `current` beats `reference` by more than `minDelta` in the direction of `mode`. */
export function improves(mode: 'min' | 'max', current: number, reference: number, minDelta: number): boolean {
  const d = Math.abs(minDelta);
  return mode === 'min' ? current + d < reference : current - d > reference;
}
