import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DType } from '../core/dtype.js';
import { tensor } from '../ops/convert.js';
import type { Tensor } from '../core/tensor.js';

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
