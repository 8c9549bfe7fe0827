// Runs a test body once per available backend (the reference 'cpu' backend and, in Node when its addon is
// built, 'native'), so every op case is checked on every backend.
import { test } from 'node:test';
import { getBackend, listBackends, setBackend } from '../core/backend.js';
import { registerNativeBackend } from '../backends/native/index.js';

/**
 * Runs `fn` with backend `name` active, restoring the previously active backend afterwards (also on throw).
 * @example const y = withBackend('cpu', () => matmul(a, b))
 */
export function withBackend<T>(name: string, fn: () => T): T {
  const previous = getBackend().name;
  setBackend(name);
  try {
    return fn();
  } finally {
    setBackend(previous);
  }
}

/**
 * The backends tests should cover: every registered one, after registering the native backend when it loads.
 * @example availableBackends() // ['cpu', 'native']
 */
export function availableBackends(): string[] {
  registerNativeBackend();
  return listBackends();
}

/**
 * Registers one `node:test` test per available backend, named `${name} [${backend}]`, running `fn(backend)`
 * with that backend active and restoring the previous backend afterwards.
 * @example forEachBackend('matmul of odd sizes', () => { expectClose(matmul(a, b), expected) })
 */
export function forEachBackend(name: string, fn: (backend: string) => void | Promise<void>): void {
  for (const backend of availableBackends()) {
    test(`${name} [${backend}]`, async () => {
      const previous = getBackend().name;
      setBackend(backend);
      try {
        await fn(backend);
      } finally {
        setBackend(previous);
      }
    });
  }
}
