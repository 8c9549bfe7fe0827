import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../src/core/tensor.js';
import { cast } from '../src/ops/cast.js';
import { fusedMatMul } from '../src/ops/fused-matmul.js';
import type { FusedActivation } from '../src/ops/fused-matmul.js';
import { matmul } from '../src/ops/matmul.js';
import { expectClose } from '../src/testing/expect-close.js';
import { loadGolden } from '../src/testing/golden.js';
import { REFERENCE_TOLERANCE } from '../src/testing/tolerance.js';

const cases = loadGolden('linalg');

test('golden linalg fixtures are present', () => {
  assert.ok(cases.filter((c) => c.fn === 'matmul').length >= 15);
  assert.ok(cases.filter((c) => c.fn === 'fused.matMul').length >= 10);
});

interface FusedAttrs {
  transposeA: boolean;
  transposeB: boolean;
  activation: FusedActivation;
  hasBias: boolean;
  leakyreluAlpha: number | null;
}

function fused(inputs: readonly Tensor[], attrs: FusedAttrs): Tensor {
  const [a, b, ...rest] = inputs;
  return fusedMatMul({
    a, b, transposeA: attrs.transposeA, transposeB: attrs.transposeB, activation: attrs.activation,
    bias: attrs.hasBias ? rest[0] : undefined,
    preluActivationWeights: attrs.activation === 'prelu' ? rest[rest.length - 1] : undefined,
    leakyreluAlpha: attrs.leakyreluAlpha ?? undefined,
  });
}

for (const c of cases) {
  test(`golden linalg: ${c.name}`, () => {
    // float64 inputs: agreement to rounding; float32: within the external-reference bounds.
    const f32 = c.inputs.map((t) => cast(t, 'float32'));
    if (c.fn === 'fused.matMul') {
      const attrs = c.attrs as unknown as FusedAttrs;
      expectClose(fused(c.inputs, attrs), c.outputs[0]);
      expectClose(fused(f32, attrs), c.outputs[0], REFERENCE_TOLERANCE);
      return;
    }
    assert.equal(c.fn, 'matmul');
    const { transposeA, transposeB } = c.attrs as { transposeA: boolean; transposeB: boolean };
    expectClose(matmul(c.inputs[0], c.inputs[1], transposeA, transposeB), c.outputs[0]);
    expectClose(matmul(f32[0], f32[1], transposeA, transposeB), c.outputs[0], REFERENCE_TOLERANCE);
  });
}
