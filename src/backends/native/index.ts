// Node entry point of the native backend: load the addon, register the backend, select it.
import { getBackend, listBackends, registerBackend, setBackend } from '../../core/backend.js';
import type { NativeAddon, NativeInfo } from './addon.js';
import { loadAddon } from './addon.js';
import { createNativeBackend } from './backend.js';

export type { NativeInfo } from './addon.js';

let addon: NativeAddon | undefined;
let failure: string | undefined;
let warned = false;

function env(name: string): string | undefined {
  const v = typeof process === 'undefined' ? undefined : process.env[name];
  return v === undefined || v === '' ? undefined : v;
}

/**
 * Loads the addon and registers the 'native' backend without selecting it or printing anything; returns whether
 * it is available (tests use this to run every backend).
 * @example if (registerNativeBackend()) setBackend('native')
 */
export function registerNativeBackend(): boolean {
  if (!addon && failure === undefined) {
    const r = loadAddon();
    if ('addon' in r) {
      addon = r.addon;
      registerBackend(createNativeBackend(addon));
    } else {
      failure = r.error;
    }
  }
  return addon !== undefined;
}

/** Why the addon could not be loaded, or undefined when it is loaded or was never tried. */
export function nativeUnavailableReason(): string | undefined {
  return addon ? undefined : failure;
}

/**
 * Loads the native addon, registers the 'native' backend and selects it (unless TENSORGRAD_BACKEND names
 * another backend, e.g. 'cpu'). Returns false when the addon is unavailable: then a one-line notice goes to
 * stderr (silenced by TENSORGRAD_QUIET=1) and the reference backend stays active; with
 * TENSORGRAD_BACKEND=native it throws instead.
 * @example loadNativeBackend() // true when build/Release/tensorgrad.node loads
 */
export function loadNativeBackend(): boolean {
  const wanted = env('TENSORGRAD_BACKEND');
  if (!registerNativeBackend()) {
    if (wanted === 'native') {
      throw new Error(`tensorgrad: TENSORGRAD_BACKEND=native but the native backend is unavailable (${failure}). ` +
        'Install a C++ compiler and run `node scripts/build-native.mjs` in the tensorgrad package, or unset TENSORGRAD_BACKEND.');
    }
    if (!warned && env('TENSORGRAD_QUIET') !== '1') {
      process.stderr.write(`tensorgrad: native backend unavailable (${failure}); using the reference backend\n`);
    }
    warned = true;
    return false;
  }
  if (wanted === undefined || wanted === 'native') {
    setBackend('native');
  } else if (listBackends().includes(wanted) && getBackend().name !== wanted) {
    setBackend(wanted);
  }
  return true;
}

function loaded(fn: string): NativeAddon {
  if (!addon) throw new Error(`${fn}: the native backend is not loaded${failure ? ` (${failure})` : ''}; call loadNativeBackend() first`);
  return addon;
}

/**
 * Sets the number of threads the native kernels use (default: every hardware thread, or TENSORGRAD_NUM_THREADS).
 * @example setNumThreads(1) // single-threaded, e.g. for benchmarks
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 4096) {
    throw new RangeError(`setNumThreads: n must be an integer between 1 and 4096, received ${String(n)}`);
  }
  loaded('setNumThreads').setNumThreads(n);
}

/**
 * The number of threads the native kernels use (the calling thread included).
 * @example getNumThreads() // 2 on a 2-core machine
 */
export function getNumThreads(): number {
  return loaded('getNumThreads').getNumThreads();
}

/**
 * The native addon's GEMM micro-kernel and thread counts, or undefined when it is not loaded.
 * @example nativeInfo()?.kernel // 'avx512'
 */
export function nativeInfo(): NativeInfo | undefined {
  return addon?.info();
}

/**
 * Forces a GEMM micro-kernel ('avx512', 'avx2' or 'generic'), for tests and benchmarks; returns false when this
 * CPU cannot run it.
 * @example setGemmKernel('avx2')
 */
export function setGemmKernel(name: string): boolean {
  return loaded('setGemmKernel').setGemmKernel(name);
}
