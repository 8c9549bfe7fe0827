import type { DataArray, DType, DTypeArrays } from './dtype.js';
import { allocArray } from './dtype.js';
import type { Kernel, OpDef } from './op.js';
import { noteAllocated, takePooled } from './storage-pool.js';

/**
 * What a backend provides: storage allocation and, per op, a kernel faster than the reference one.
 * A backend with no kernels at all is complete: every op falls back to its reference kernel.
 *
 * CPU-resident backends (reference, native) store tensors in ordinary typed arrays, garbage-collected
 * like any JS value; the native backend's kernels work on those arrays in place.
 * @example registerBackend({ name: 'mine', alloc: allocArray, kernel: () => undefined })
 */
export interface Backend {
  /** The name used by `setBackend`. */
  readonly name: string;
  /** Zeroed storage for `size` elements of `dtype`. */
  alloc<D extends DType>(dtype: D, size: number): DTypeArrays[D];
  /**
   * Zeroed storage for a long-lived tensor (weights, optimizer state), where the backend places those better
   * than `alloc` does; `alloc` is used when absent or when it returns undefined.
   */
  allocPersistent?<D extends DType>(dtype: D, size: number): DTypeArrays[D] | undefined;
  /** This backend's kernel for `op`, or undefined to run `op`'s reference kernel. */
  kernel(op: OpDef): Kernel | undefined;
  /** Worker threads used by this backend's kernels (1 when single-threaded). */
  readonly threads?: number;
}

/** The reference backend: plain TypeScript kernels, runs everywhere. */
export const cpuBackend: Backend = {
  name: 'cpu',
  alloc: allocArray,
  kernel: () => undefined,
  threads: 1,
};

const backends = new Map<string, Backend>([[cpuBackend.name, cpuBackend]]);
let active: Backend = cpuBackend;

/**
 * Makes a backend available to `setBackend` (the native backend registers itself when loaded in Node).
 * @example registerBackend(myBackend); setBackend('mine')
 */
export function registerBackend(backend: Backend): void {
  backends.set(backend.name, backend);
}

/**
 * Selects the backend that runs every following op, by name ('cpu' or 'native').
 * @example setBackend('cpu')
 */
export function setBackend(name: string): void {
  const b = backends.get(name);
  if (!b) {
    throw new Error(`setBackend: unknown backend '${name}', available: ${[...backends.keys()].join(', ')}`);
  }
  active = b;
}

/**
 * The active backend.
 * @example getBackend().name // 'native' in Node when the addon is built, else 'cpu'
 */
export function getBackend(): Backend {
  return active;
}

/**
 * The names of the registered backends.
 * @example listBackends() // ['cpu', 'native']
 */
export function listBackends(): string[] {
  return [...backends.keys()];
}

/**
 * Zeroed storage for a long-lived tensor (a variable's value, an optimizer's state) from the active backend.
 * @example const m = allocPersistentStorage('float32', 1024)
 */
export function allocPersistentStorage<D extends DType>(dtype: D, size: number): DTypeArrays[D] {
  return active.allocPersistent?.(dtype, size) ?? active.alloc(dtype, size);
}

/**
 * Storage for a tensor: from the active backend, or given back to it by a recycling scope. Zeroed, unless
 * `overwritten` says the caller writes every element (then reused storage keeps its old values).
 */
export function allocStorage(dtype: DType, size: number, overwritten = false): DataArray {
  const s = takePooled(active, dtype, size, !overwritten) ?? active.alloc(dtype, size);
  noteAllocated(active, s);
  return s;
}
