// Loads the compiled N-API addon (build/Release/tensorgrad.node, built by node-gyp at `npm install`).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** What `info()` reports about the addon. */
export interface NativeInfo {
  /** The GEMM micro-kernel in use: 'avx512', 'avx2' or 'generic'. */
  readonly kernel: string;
  /** Micro-kernels this CPU can run, comma-separated, best first. */
  readonly kernels: string;
  /** Threads the kernels use (the calling thread included). */
  readonly threads: number;
  /** Hardware threads of this machine. */
  readonly hardwareThreads: number;
}

/**
 * The functions the C++ addon exports (native/src/addon.cc). Every array argument is a Float32Array used in
 * place; shapes, strides and offsets are in elements.
 */
export interface NativeAddon {
  info(): NativeInfo;
  setNumThreads(n: number): void;
  getNumThreads(): number;
  /** Selects a GEMM micro-kernel by name; false when this CPU cannot run it. */
  setGemmKernel(name: string): boolean;
  /**
   * For each batch item i: c[i*m*n ...] (+)= op(a at aOffsets[i]) op(b at bOffsets[i]); a is m x k (k x m when
   * transA), b is k x n (n x k when transB). Null offsets: one product at offset 0.
   */
  matmul(a: Float32Array, b: Float32Array, c: Float32Array, m: number, n: number, k: number,
    transA: boolean, transB: boolean, accumulate: boolean, aOffsets: Float64Array | null, bOffsets: Float64Array | null): void;
  /**
   * A zeroed ArrayBuffer of `bytes` for long-lived arrays: 64-byte aligned, in huge pages where the system has
   * them; null when none can be made.
   */
  allocPersistent(bytes: number): ArrayBuffer | null;
  /**
   * c = act(op(a) op(b) + bias): a is m x k (k x m when transA), b is k x n (n x k when transB), bias null or of
   * length n; act -1 linear, 0 relu, 1 sigmoid, 2 tanh.
   */
  fusedMatMul(a: Float32Array, b: Float32Array, bias: Float32Array | null, c: Float32Array, m: number, n: number, k: number,
    transA: boolean, transB: boolean, act: number): void;
  /**
   * One LSTM step after the gate pre-activations: z is b x 4u (gates i, f, c, o), c, h2, c2 are b x u; kind 0
   * sigmoid gates, 1 hard sigmoid. c2 = f c + i tanh(z_c), h2 = o tanh(c2); acts (b x 5u) receives each row's
   * i, f, tanh(z_c), o, tanh(c2).
   */
  lstmGates(z: Float32Array, c: Float32Array, h2: Float32Array, c2: Float32Array, acts: Float32Array, b: number, u: number, kind: number): void;
  /** The gradient of `lstmGates`: dz (b x 4u) and dcPrev (b x u) from the cotangents dh and dc of h2 and c2. */
  lstmGatesGrad(z: Float32Array, c: Float32Array, acts: Float32Array, dh: Float32Array, dc: Float32Array, dz: Float32Array,
    dcPrev: Float32Array, b: number, u: number, kind: number): void;
  /**
   * out = a (op) b, op 0..3 = add, sub, mul, div; geometry = [output shape, a's strides, b's strides] (strides
   * aligned to the output shape, 0 where broadcast), in one Float64Array.
   */
  binary(op: number, a: Float32Array, b: Float32Array, out: Float32Array, geometry: Float64Array): void;
  /** out (0/1 bytes) = a (op) b, op 0..5 = ==, !=, <, <=, >, >=; geometry as for `binary`. */
  compare(op: number, a: Float32Array, b: Float32Array, out: Uint8Array, geometry: Float64Array): void;
  /**
   * out = c ? a : b with c a bool (0/1 byte) array; geometry = [output shape, c's, a's and b's strides], one
   * Float64Array.
   */
  where(c: Uint8Array, a: Float32Array, b: Float32Array, out: Float32Array, geometry: Float64Array): void;
  /** out = f(x), op 0..3 = relu, sigmoid, tanh, hard sigmoid. */
  unary(op: number, x: Float32Array, out: Float32Array): void;
  /**
   * The gradient of an activation at its input x for the cotangent dy (all three of one length): op 0 relu
   * (x > 0 ? dy : 0), 1 hard sigmoid (0.2 dy where 0 <= 0.2 x + 0.5 <= 1, else 0).
   */
  activationGrad(op: number, x: Float32Array, dy: Float32Array, out: Float32Array): void;
  /**
   * One Adam step in place on w, m, v from g (all of one length, distinct arrays); constants = [beta1, 1 - beta1,
   * beta2, 1 - beta2, step, 1 / sqrt(1 - beta2^t), epsilon]. Float arithmetic, as PyTorch's.
   */
  adam(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, constants: Float64Array): void;
  /** Copies `rows` runs of `len` elements, run r from src[srcOffset + r srcStride] to dst[dstOffset + r dstStride]. */
  copyRows(src: Float32Array, srcOffset: number, srcStride: number, dst: Float32Array, dstOffset: number, dstStride: number,
    rows: number, len: number): void;
  /** out[o, j] = sum_i x[o, i, j] for x viewed as [outer, reduce, inner]. */
  sum(x: Float32Array, out: Float32Array, outer: number, reduce: number, inner: number): void;
  /** (Log-)softmax along the middle axis of x viewed as [outer, n, inner]. */
  softmax(x: Float32Array, out: Float32Array, outer: number, n: number, inner: number, log: boolean): void;
  /**
   * kind 0: (x, w) -> y; 1: (dy, w) -> dx; 2: (x, dy) -> dw. geometry = [batch, inH, inW, inC, kh, kw, strideH,
   * strideW, dilH, dilW, padTop, padLeft, outH, outW].
   */
  conv2d(kind: number, geometry: readonly number[], cout: number, p: Float32Array, q: Float32Array, out: Float32Array): void;
  /** kind 0 max (x), 1 max grad (x, dy), 2 max grad-grad (x, g), 3 avg (x), 4 avg grad (dy); unused q: an ignored placeholder array. */
  pool2d(kind: number, geometry: readonly number[], p: Float32Array, q: Float32Array, out: Float32Array): void;
}

/** The addon, or why it could not be loaded. */
export type AddonResult = { readonly addon: NativeAddon } | { readonly error: string };

/** Where node-gyp puts the addon, relative to the package root (this file is three levels below it). */
export const ADDON_PATH = fileURLToPath(new URL('../../../build/Release/tensorgrad.node', import.meta.url));

const REQUIRED: readonly (keyof NativeAddon)[] = [
  'info', 'allocPersistent', 'matmul', 'fusedMatMul', 'lstmGates', 'lstmGatesGrad', 'binary', 'compare', 'where', 'unary', 'activationGrad', 'adam', 'copyRows', 'sum', 'softmax', 'conv2d', 'pool2d',
];

/**
 * Loads the addon once; returns it, or the reason it is unavailable (not built, or built for another Node ABI).
 * @example const r = loadAddon(); if ('addon' in r) r.addon.info()
 */
export function loadAddon(): AddonResult {
  if (!existsSync(ADDON_PATH)) return { error: `${ADDON_PATH} not found; build it with \`node scripts/build-native.mjs\`` };
  try {
    const addon = createRequire(import.meta.url)(ADDON_PATH) as NativeAddon;
    const missing = REQUIRED.filter((name) => typeof addon[name] !== 'function');
    if (missing.length) return { error: `${ADDON_PATH} is outdated (missing ${missing.join(', ')}); rebuild it` };
    return { addon };
  } catch (e) {
    return { error: `cannot load ${ADDON_PATH}: ${(e as Error).message.split('\n')[0]}` };
  }
}
