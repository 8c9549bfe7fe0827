import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cast } from '../src/ops/cast.js';
import { matmul } from '../src/ops/matmul.js';
import { expectClose } from '../src/testing/expect-close.js';
import { loadGolden } from '../src/testing/golden.js';
import { REFERENCE_TOLERANCE } from '../src/testing/tolerance.js';

const cases = loadGolden('linalg');

test('golden linalg fixtures are present', () => {
  assert.ok(cases.length >= 15);
});

for (const c of cases) {
  test(`golden linalg: ${c.name}`, () => {
    assert.equal(c.fn, 'matmul');
    const { transposeA, transposeB } = c.attrs as { transposeA: boolean; transposeB: boolean };
    const [a, b] = c.inputs;
    // float64 inputs: agreement to rounding; float32: within the external-reference bounds.
    expectClose(matmul(a, b, transposeA, transposeB), c.outputs[0]);
    expectClose(matmul(cast(a, 'float32'), cast(b, 'float32'), transposeA, transposeB), c.outputs[0], REFERENCE_TOLERANCE);
  });
}
