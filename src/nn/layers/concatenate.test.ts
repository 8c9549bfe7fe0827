import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { tensor } from '../../ops/convert.js';
import { testLayer } from '../../testing/test-layer.js';
import { input } from '../input-layer.js';
import { SymbolicTensor } from '../symbolic.js';
import { layers } from './index.js';

test('Concatenate passes testLayer on the last and a middle axis', () => {
  testLayer({ make: (e) => layers.concatenate(e), inputShape: [[2, 3], [2, 4]], expectedOutputShape: [2, 7], weightNames: [] });
  testLayer({ make: (e) => layers.concatenate({ axis: 1, ...e }), inputShape: [[2, 1, 3], [2, 2, 3]], expectedOutputShape: [2, 3, 3] });
});

test('Concatenate joins values and handles unknown sizes symbolically', () => {
  const y = layers.concatenate().apply([tensor([[1], [2]]), tensor([[3, 4], [5, 6]])]) as Tensor;
  assert.deepEqual(y.arraySync(), [[1, 3, 4], [2, 5, 6]]);
  const s = layers.concatenate({ axis: 1 }).apply([input({ shape: [null, 3] }), input({ shape: [2, 3] })]);
  assert.ok(s instanceof SymbolicTensor);
  assert.deepEqual(s.shape, [null, null, 3]);
});

test('Concatenate rejects mismatched shapes and the batch axis', () => {
  assert.throws(() => layers.concatenate({ name: 'c' }).apply([input({ shape: [2, 3] }), input({ shape: [4, 3] })]),
    /c: inputs must have matching shapes except along axis -1, received \[null,2,3\], \[null,4,3\]/);
  assert.throws(() => layers.concatenate({ axis: 0, name: 'c0' }).apply([input({ shape: [3] }), input({ shape: [3] })]), /c0: axis 0 is out of range for inputs of rank 2 \(the batch axis cannot be joined\)/);
});
