import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DType } from '../core/dtype.js';
import { cast } from '../ops/cast.js';
import { tensor } from '../ops/convert.js';
import type { Tensor } from '../core/tensor.js';
import { expectClose } from './expect-close.js';
import type { CloseOptions } from './expect-close.js';

interface Encoded { shape: number[]; dtype: DType; data: number[] }
interface RawCase { name: string; fn: string; attrs: Record<string, unknown>; inputs: Encoded[]; outputs: Encoded[] }

/** One golden case: inputs and the outputs PyTorch computed for them. */
export interface GoldenCase {
  name: string;
  fn: string;
  attrs: Record<string, unknown>;
  inputs: Tensor[];
  outputs: Tensor[];
}

const decode = (e: Encoded): Tensor => tensor(e.data, e.shape, e.dtype);

/**
 * Loads `test/fixtures/golden/<family>.json`, written by `test/fixtures/generate.py` from PyTorch.
 * @example for (const c of loadGolden('elementwise')) expectClose(run(c), c.outputs[0])
 */
export function loadGolden(family: string): GoldenCase[] {
  const path = fileURLToPath(new URL(`../../test/fixtures/golden/${family}.json`, import.meta.url));
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { cases: RawCase[] };
  return raw.cases.map((c) => ({ ...c, inputs: c.inputs.map(decode), outputs: c.outputs.map(decode) }));
}

/**
 * Asserts that every function in `ops` has a golden case and every case names a function in `ops`.
 * @example assertGoldenCoverage(loadGolden('reduce'), { sum: ([x]) => sum(x) })
 */
export function assertGoldenCoverage(cases: readonly GoldenCase[], ops: Readonly<Record<string, unknown>>): void {
  const used = new Set(cases.map((c) => c.fn));
  for (const fn of Object.keys(ops)) assert.ok(used.has(fn), `no golden case for ${fn}`);
  for (const fn of used) assert.ok(fn in ops, `unknown fn ${fn} in the fixture`);
}

/**
 * `expectClose(actual, expected, options)` with the failure's message prefixed by `label` (the case's name).
 * @example expectGoldenClose(`${c.name} (float32)`, y, c.outputs[0], REFERENCE_TOLERANCE)
 */
export function expectGoldenClose(label: string, actual: Tensor, expected: Tensor, options?: CloseOptions): void {
  try {
    expectClose(actual, expected, options);
  } catch (err) {
    throw new Error(`${label}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * A case's inputs with every float64 tensor cast to float32 (the others as they are), to rerun it in float32.
 * @example OPS[c.fn](float32Inputs(c.inputs), c.attrs)
 */
export function float32Inputs(inputs: readonly Tensor[]): Tensor[] {
  return inputs.map((x) => (x.dtype === 'float64' ? cast(x, 'float32') : x));
}
