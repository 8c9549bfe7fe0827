import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '../ops/convert.js';
import { adjustedRandScore, silhouetteScore } from './metrics.js';

const close = (a: number, b: number, tol = 1e-12): void => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('adjustedRandScore: 1 up to renaming, scikit-learn documentation values, chance is 0', () => {
  assert.equal(adjustedRandScore([0, 0, 1, 1], [1, 1, 0, 0]), 1);
  assert.equal(adjustedRandScore(tensor([0, 0, 1, 1], undefined, 'int32'), Int32Array.from([5, 5, 3, 3])), 1);
  // Values from scikit-learn's adjusted_rand_score documentation.
  close(adjustedRandScore([0, 0, 1, 2], [0, 0, 1, 1]), 0.5714285714285715);
  close(adjustedRandScore([0, 0, 1, 1], [0, 0, 1, 2]), 0.5714285714285715);
  close(adjustedRandScore([0, 0, 0, 0], [0, 1, 2, 3]), 0);
  close(adjustedRandScore([0, 0, 1, 1], [0, 1, 0, 1]), -0.5);
  // Trivial labelings agree perfectly; one sample too.
  assert.equal(adjustedRandScore([0, 0, 0], [1, 1, 1]), 1);
  assert.equal(adjustedRandScore([3], [4]), 1);
  assert.equal(adjustedRandScore(tensor([[0], [1]]), [1, 0]), 1);
});

test('silhouetteScore matches a hand computation and rewards good clusterings', () => {
  const x = tensor([[0], [1], [10], [11]]);
  close(silhouetteScore(x, [0, 0, 1, 1]), (9.5 / 10.5 + 8.5 / 9.5) / 2);
  assert.ok(silhouetteScore(x, [0, 1, 0, 1]) < 0);
  // A sample alone in its cluster (11) counts 0; the others compare with it as the nearest other cluster.
  const s = silhouetteScore(tensor([[0], [1], [10], [11]]), Int32Array.from([0, 0, 0, 1]));
  const a0 = (1 + 10) / 2, a1 = (1 + 9) / 2, a10 = (10 + 9) / 2;
  close(s, ((11 - a0) / 11 + (10 - a1) / 10 + (1 - a10) / a10 + 0) / 4);
});

test('clustering metrics reject bad arguments', () => {
  assert.throws(() => adjustedRandScore([0, 1], [0, 1, 1]), /adjustedRandScore: labelsPred must have one label per sample \(2\), received 3/);
  assert.throws(() => adjustedRandScore([0, 0.5], [0, 1]), /labelsTrue must hold integer labels, received 0\.5 at sample 1/);
  assert.throws(() => silhouetteScore(tensor([[0], [1], [2]]), [0, 0, 0]), /silhouetteScore: needs between 2 and n - 1 \(2\) distinct labels, received 1/);
  assert.throws(() => silhouetteScore(tensor([[0], [1], [2]]), [0, 1, 2]), /distinct labels, received 3/);
  assert.throws(() => silhouetteScore(tensor([0, 1, 2]), [0, 1, 1]), /x must be 2-D/);
  assert.throws(() => silhouetteScore(tensor([[0], [1], [2]]), [0, 1]), /labels must have one label per sample \(3\), received 2/);
  assert.throws(() => silhouetteScore(tensor([[0], [1], [2]]), tensor([[0, 1], [1, 0], [1, 1]])), /labels must hold one label per sample, shape \[n\], received \[3,2\]/);
});
