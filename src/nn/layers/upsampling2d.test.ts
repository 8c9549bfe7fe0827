import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { tensor } from '../../ops/convert.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { UpSampling2D } from './upsampling2d.js';

test('UpSampling2D passes testLayer, nearest and bilinear', () => {
  testLayer({ make: (e) => new UpSampling2D({ ...e }), inputShape: [2, 2, 3, 2], expectedOutputShape: [2, 4, 6, 2], weightNames: [] });
  testLayer({ make: (e) => new UpSampling2D({ size: [3, 2], interpolation: 'bilinear', ...e }), inputShape: [1, 2, 3, 2], expectedOutputShape: [1, 6, 6, 2] });
});

test('UpSampling2D nearest repeats pixels; bilinear interpolates as resizeBilinear without half-pixel centers', () => {
  const x = tensor([[[[1], [2]]]]);
  expectClose(new UpSampling2D({ size: [2, 2] }).apply(x) as Tensor, [[[[1], [1], [2], [2]], [[1], [1], [2], [2]]]]);
  // Columns read input positions 0, 0.5, 1, 1.5 (clamped to the last pixel).
  expectClose(new UpSampling2D({ size: [1, 2], interpolation: 'bilinear' }).apply(x) as Tensor, [[[[1], [1.5], [2], [2]]]]);
  assert.deepEqual(new UpSampling2D({ size: 3 }).getConfig().size, [3, 3]);
  assert.deepEqual(new UpSampling2D({}).computeOutputShape([null, null, 5, 1]), [null, null, 10, 1]);
});

test('UpSampling2D rejects bad arguments', () => {
  assert.throws(() => new UpSampling2D({ size: 0 }), /size must be an integer >= 1/);
  assert.throws(() => new UpSampling2D({ interpolation: 'cubic' as never }), /interpolation must be 'nearest' or 'bilinear', received 'cubic'/);
});
