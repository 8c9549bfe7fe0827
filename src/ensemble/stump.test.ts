import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '../ops/convert.js';
import { DecisionStump } from './stump.js';

const ids = (t: { storage: ArrayLike<number> }): number[] => Array.from(t.storage);

test('DecisionStump finds the separating feature and the midpoint threshold', async () => {
  // Feature 0 is noise; feature 1 separates the classes between 2 and 4.
  const x = tensor([[5, 1], [0, 2], [3, 4], [1, 6], [4, 0]]);
  const y = tensor([0, 0, 1, 1, 0], undefined, 'int32');
  const s = await new DecisionStump().fit(x, y);
  assert.equal(s.feature, 1);
  assert.equal(s.threshold, 3);
  assert.deepEqual([...s.leftProba], [1, 0]);
  assert.deepEqual([...s.rightProba], [0, 1]);
  assert.deepEqual(ids(s.predict(x)), [0, 0, 1, 1, 0]);
  assert.equal(s.score(x, y), 1);
  const p = s.predictProba(tensor([[9, 2.9], [9, 3.1]]));
  assert.deepEqual(p.shape, [2, 2]);
  assert.equal(p.dtype, 'float32');
  assert.deepEqual(ids(p), [1, 0, 0, 1]);
});

test('DecisionStump leaves hold the weighted class distribution; sampleWeight moves the split', async () => {
  const x = tensor([[0], [1], [2], [3]]);
  const y = tensor([[0], [1], [0], [1]]); // float [n, 1] labels are accepted
  const plain = await new DecisionStump().fit(x, y);
  // Unweighted, x <= 0.5 and x <= 2.5 tie (one pure leaf each); the first is kept.
  assert.equal(plain.threshold, 0.5);
  // A heavy sample at x = 2 makes {0, 1, 2} | {3} the better split; leaves hold weighted class shares.
  const heavy = await new DecisionStump().fit(x, y, { sampleWeight: [1, 1, 5, 1] });
  assert.equal(heavy.threshold, 2.5);
  assert.deepEqual([...heavy.leftProba], [6 / 7, 1 / 7]);
  assert.deepEqual([...heavy.rightProba], [0, 1]);
  // Weighted: zero weights remove samples entirely.
  const masked = await new DecisionStump().fit(x, y, { sampleWeight: [1, 1, 0, 0] });
  assert.equal(masked.threshold, 0.5);
  assert.deepEqual(ids(masked.predict(tensor([[0], [1], [2], [3]]))), [0, 1, 1, 1]);
});

test('DecisionStump: entropy criterion, multi-class, nClasses padding, constant features', async () => {
  const x = tensor([[0], [1], [2], [3], [4], [5]]);
  const y = tensor([0, 0, 1, 1, 2, 2], undefined, 'int32');
  const s = await new DecisionStump({ criterion: 'entropy' }).fit(x, y);
  assert.ok(s.threshold === 1.5 || s.threshold === 3.5);
  assert.equal(s.nClasses, 3);
  const padded = await new DecisionStump().fit(tensor([[0], [1]]), tensor([0, 1]), { nClasses: 4 });
  assert.deepEqual(padded.predictProba(tensor([[0]])).shape, [1, 4]);
  const flat = await new DecisionStump().fit(tensor([[1], [1], [1]]), tensor([1, 1, 0]));
  assert.equal(flat.feature, -1);
  assert.deepEqual(ids(flat.predict(tensor([[7], [-7]]))), [1, 1]);
  const c = s.clone();
  assert.equal(c.criterion, 'entropy');
  assert.equal(c.nClasses, 0);
});

test('DecisionStump rejects bad arguments with clear messages', async () => {
  const x = tensor([[0], [1]]);
  assert.throws(() => new DecisionStump().predict(x), /DecisionStump\.predict: this DecisionStump is not fitted yet: call fit\(x, y\) first/);
  await assert.rejects(new DecisionStump().fit(x, tensor([0, 1, 1])), /DecisionStump\.fit: x and y must have the same number of samples, received 2 and 3/);
  await assert.rejects(new DecisionStump().fit(x, tensor([0, 0.5])), /y must hold class ids \(integers >= 0\), received 0\.5 at sample 1/);
  await assert.rejects(new DecisionStump().fit(x, tensor([[0, 1], [1, 0]])), /y must hold one class id per sample, shape \[n\] or \[n, 1\], received \[2,2\]/);
  await assert.rejects(new DecisionStump().fit(tensor([0, 1]), tensor([0, 1])), /x must have shape \[samples, features\], received \[2\]/);
  await assert.rejects(new DecisionStump().fit(x, tensor([0, 1]), { sampleWeight: [1] }), /sampleWeight must have one weight per sample \(2\), received 1/);
  await assert.rejects(new DecisionStump().fit(x, tensor([0, 1]), { sampleWeight: [0, 0] }), /sampleWeight must not be all zero/);
  await assert.rejects(new DecisionStump().fit(x, tensor([0, 1]), { sampleWeight: [1, -1] }), /sampleWeight must hold finite numbers >= 0, received number -1 at sample 1/);
  await assert.rejects(new DecisionStump().fit(x, tensor([0, 3]), { nClasses: 2 }), /nClasses is 2 but y holds class id 3/);
  assert.throws(() => new DecisionStump({ criterion: 'mse' as 'gini' }), /DecisionStump: criterion must be 'gini' or 'entropy', received 'mse'/);
  const s = await new DecisionStump().fit(x, tensor([0, 1]));
  assert.throws(() => s.predict(tensor([[0, 1]])), /DecisionStump\.predictProba: x must have samples of shape \[1\] as in fit, received \[1,2\]/);
});
