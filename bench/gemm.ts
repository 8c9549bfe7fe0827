// GEMM throughput: the native addon (1 thread and all threads) and the reference TypeScript GEMM (small sizes).
// Run: npx tsx bench/gemm.ts [sizes...]   e.g. npx tsx bench/gemm.ts 256 512 1024
// Square n x n x n products, C = A B (row-major, beta 0), operands filled once; each cell is the median of
// several timed windows after an untimed warm-up. GFLOP/s = 2 n^3 / seconds.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadAddon } from '../src/backends/native/addon.js';
import { getNumThreads, loadNativeBackend, nativeInfo, setNumThreads } from '../src/backends/native/index.js';
import { gemm as referenceGemm } from '../src/ops/kernels/gemm.js';

const WINDOWS = 5;
const WINDOW_SECONDS = 0.25;
const REFERENCE_MAX = 512;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median GFLOP/s of `run` (one n^3 product per call) over timed windows of about WINDOW_SECONDS. */
function measure(n: number, run: () => void): number {
  const flops = 2 * n * n * n;
  let t0 = performance.now();
  run();
  const once = Math.max((performance.now() - t0) / 1000, 1e-7);
  const reps = Math.max(1, Math.round(WINDOW_SECONDS / once));
  const rates: number[] = [];
  for (let w = 0; w < WINDOWS; w++) {
    t0 = performance.now();
    for (let r = 0; r < reps; r++) run();
    rates.push((flops * reps) / ((performance.now() - t0) / 1000) / 1e9);
  }
  return median(rates);
}

function filled(size: number, seed: number): Float32Array {
  const a = new Float32Array(size);
  let s = seed;
  for (let i = 0; i < size; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    a[i] = s / 2 ** 32 - 0.5;
  }
  return a;
}

function main(): void {
  const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const list = sizes.length ? sizes : [128, 256, 512, 1024, 2048];
  const loaded = loadAddon();
  const native = loadNativeBackend() && 'addon' in loaded ? loaded.addon : undefined;
  const all = native ? getNumThreads() : 1;
  const info = nativeInfo();
  console.log(native
    ? `native GEMM: micro-kernel ${info?.kernel} (available: ${info?.kernels}), ${all} threads`
    : 'native addon unavailable: reference GEMM only');
  // Other processes on the cores lower every number; the load average says whether they were there.
  console.log(`machine: ${cpus().length} hardware threads, load average ${loadavg()[0].toFixed(2)} at start`);
  console.log(`${'n'.padStart(5)} ${'native 1t'.padStart(10)} ${`native ${all}t`.padStart(10)} ${'ref TS'.padStart(8)}   (GFLOP/s)`);
  for (const n of list) {
    const a = filled(n * n, 1), b = filled(n * n, 2), c = new Float32Array(n * n);
    const cells: string[] = [];
    if (native) {
      for (const t of [1, all]) {
        setNumThreads(t);
        cells.push(measure(n, () => native.matmul(a, b, c, n, n, n, false, false, false, null, null)).toFixed(1));
      }
      setNumThreads(all);
    } else {
      cells.push('-', '-');
    }
    cells.push(n <= REFERENCE_MAX ? measure(n, () => referenceGemm(n, n, n, a, 0, n, false, b, 0, n, false, c, 0, n, 0)).toFixed(2) : '-');
    console.log(`${String(n).padStart(5)} ${cells[0].padStart(10)} ${cells[1].padStart(10)} ${cells[2].padStart(8)}`);
  }
}

main();
