let enabled = true;

/** Whether ops currently record themselves for autograd. */
export function isGradEnabled(): boolean {
  return enabled;
}

/** Runs `fn` with recording set to `on`, restoring the previous setting afterwards. */
export function withGradMode<T>(on: boolean, fn: () => T): T {
  const prev = enabled;
  enabled = on;
  try {
    return fn();
  } finally {
    enabled = prev;
  }
}

/**
 * Runs `fn` without recording operations for autograd (inference, optimizer updates).
 * @example const y = noGrad(() => model.predict(x))
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}
