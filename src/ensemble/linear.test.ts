import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '../ops/convert.js';
import { spirals } from '../data/synthetic.js';
import { LogisticRegression } from './linear.js';

test('LogisticRegression separates linearly separable classes with calibrated-looking probabilities', async () => {
  const x = tensor([[0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6]]);
  const y = tensor([0, 0, 0, 1, 1, 1]);
  const lr = await new LogisticRegression().fit(x, y);
  assert.deepEqual(Array.from(lr.predict(x).storage), [0, 0, 0, 1, 1, 1]);
  assert.equal(lr.score(x, y), 1);
  const p = lr.predictProba(tensor([[0, 0], [2.75, 2.75], [6, 6]]));
  assert.deepEqual(p.shape, [3, 2]);
  const v = p.storage;
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(v[2 * i] + v[2 * i + 1] - 1) < 1e-6);
  assert.ok(v[1] < 0.2 && v[5] > 0.8, `P(1) at the ends: ${v[1]}, ${v[5]}`);
  assert.ok(Math.abs(v[3] - 0.5) < 0.1, `P(1) at the midpoint: ${v[3]}`);
  assert.deepEqual(lr.coef!.shape, [2, 2]);
  assert.ok(lr.nIter > 0);
});

test('LogisticRegression: multi-class, stronger regularization shrinks weights, sampleWeight shifts the boundary', async () => {
  const { x, y } = spirals({ n: 90, classes: 3, noise: 0, seed: 1 });
  const lr = await new LogisticRegression().fit(x, y);
  assert.deepEqual(lr.predictProba(x).shape, [90, 3]);
  assert.ok(lr.score(x, y) > 0.4, 'better than chance (1/3) on spirals with a linear model');
  const strong = await new LogisticRegression({ c: 0.001 }).fit(x, y);
  const norm = (t: { storage: ArrayLike<number> }): number => Array.from(t.storage).reduce((a, b) => a + b * b, 0);
  assert.ok(norm(strong.coef!) < norm(lr.coef!));
  // Two overlapping points with opposite labels: the weighted one wins.
  const xs = tensor([[0], [0]]), ys = tensor([0, 1]);
  const w = await new LogisticRegression().fit(xs, ys, { sampleWeight: [1, 3] });
  assert.ok(w.predictProba(tensor([[0]])).storage[1] > 0.7);
  // Constant features are fine (no division by a zero spread); clone keeps options only.
  assert.equal(w.clone().c, 1);
  assert.equal(w.clone().coef, null);
});

test('LogisticRegression rejects bad arguments', async () => {
  assert.throws(() => new LogisticRegression({ c: 0 }), /LogisticRegression: c must be a finite number > 0, received number 0/);
  assert.throws(() => new LogisticRegression({ maxIter: 1.5 }), /maxIter must be an integer >= 1/);
  assert.throws(() => new LogisticRegression().predict(tensor([[1]])), /LogisticRegression\.predict: this LogisticRegression is not fitted yet/);
  await assert.rejects(new LogisticRegression().fit(tensor([[1], [2]]), tensor([0])), /x and y must have the same number of samples, received 2 and 1/);
  const lr = await new LogisticRegression().fit(tensor([[1, 2], [2, 1]]), tensor([0, 1]));
  assert.throws(() => lr.predictProba(tensor([[1]])), /x must have samples of shape \[2\] as in fit, received \[1,1\]/);
});
