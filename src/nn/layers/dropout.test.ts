import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../../core/random.js';
import type { Tensor } from '../../core/tensor.js';
import { ones } from '../../ops/creation.js';
import { testLayer } from '../../testing/test-layer.js';
import { layers } from './index.js';

test('Dropout passes testLayer and drops only in training mode', () => {
  testLayer({
    make: (e) => layers.dropout({ rate: 0.5, ...e }), inputShape: [50, 40], weightNames: [],
    trainingBehavior: (layer, [x]) => {
      const y = layer.apply(x, { training: true }) as Tensor;
      const d = y.dataSync(), xd = x.dataSync();
      let zeros = 0;
      for (let i = 0; i < d.length; i++) {
        if (d[i] === 0) zeros++;
        else assert.ok(Math.abs(d[i] - 2 * xd[i]) < 1e-5, 'kept values are scaled by 1 / (1 - rate)');
      }
      assert.ok(zeros > 850 && zeros < 1150, `about half dropped, got ${zeros} of 2000`);
      assert.equal(layer.apply(x, { training: false }), x, 'the identity at inference');
    },
  });
});

test('Dropout noiseShape shares the mask along axes of size 1 (null takes the input size)', () => {
  setSeed(3);
  const y = layers.dropout({ rate: 0.5, noiseShape: [null, 1, 4] }).apply(ones([2, 5, 4]), { training: true }) as Tensor;
  const d = y.dataSync();
  for (let b = 0; b < 2; b++) for (let t = 1; t < 5; t++) for (let c = 0; c < 4; c++) {
    assert.equal(d[b * 20 + t * 4 + c], d[b * 20 + c]);
  }
});

test('Dropout with a seed is reproducible across layers but differs between calls', () => {
  const a = layers.dropout({ rate: 0.5, seed: 7 }), b = layers.dropout({ rate: 0.5, seed: 7 });
  const x = ones([1, 64]);
  const a1 = (a.apply(x, { training: true }) as Tensor).dataSync(), b1 = (b.apply(x, { training: true }) as Tensor).dataSync();
  const a2 = (a.apply(x, { training: true }) as Tensor).dataSync();
  assert.deepEqual(Array.from(a1), Array.from(b1));
  assert.notDeepEqual(Array.from(a1), Array.from(a2));
  assert.deepEqual(a.getConfig().seed, 7);
});

test('Dropout validates its rate; rate 0 is the identity, rate 1 gives zeros', () => {
  assert.throws(() => layers.dropout({ rate: 1.5 }), /rate must be a number in \[0, 1\], received number 1.5/);
  const x = ones([2, 2]);
  assert.equal(layers.dropout({ rate: 0 }).apply(x, { training: true }), x);
  assert.deepEqual(Array.from((layers.dropout({ rate: 1 }).apply(x, { training: true }) as Tensor).dataSync()), [0, 0, 0, 0]);
});
