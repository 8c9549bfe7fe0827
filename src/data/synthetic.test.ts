import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../core/random.js';
import { circles, moons, oysters, regressionLine, spirals, xor } from './synthetic.js';

test('xor defaults to the truth table; noise jitters and n repeats corners', () => {
  const { x, y } = xor();
  assert.deepEqual(x.arraySync(), [[0, 0], [0, 1], [1, 0], [1, 1]]);
  assert.deepEqual(y.arraySync(), [[0], [1], [1], [0]]);
  const noisy = xor({ n: 400, noise: 0.1, seed: 1 });
  assert.deepEqual(noisy.x.shape, [400, 2]);
  let far = 0;
  for (let i = 0; i < 400; i++) far += Math.abs(noisy.x.storage[2 * i] - ((i >> 1) & 1)) > 0.5 ? 1 : 0;
  assert.ok(far < 4);
  assert.deepEqual(xor({ n: 8, noise: 0.1, seed: 3 }).x.storage, xor({ n: 8, noise: 0.1, seed: 3 }).x.storage);
});

test('circles and moons: balanced, shuffled, seeded, geometry right without noise', () => {
  const c = circles({ n: 101, noise: 0, seed: 0 });
  assert.deepEqual(c.x.shape, [101, 2]);
  assert.deepEqual(c.y.shape, [101, 1]);
  let inner = 0;
  for (let i = 0; i < 101; i++) {
    const r = Math.hypot(c.x.storage[2 * i], c.x.storage[2 * i + 1]);
    const label = c.y.storage[i];
    inner += label;
    assert.ok(Math.abs(r - (label ? 0.5 : 1)) < 1e-6);
  }
  assert.equal(inner, 51);
  assert.notDeepEqual(Array.from(c.y.storage.slice(0, 50)), new Array(50).fill(0));
  const m = moons({ n: 200, noise: 0, seed: 0 });
  for (let i = 0; i < 200; i++) {
    const px = m.x.storage[2 * i], py = m.x.storage[2 * i + 1];
    const r = m.y.storage[i] ? Math.hypot(px - 1, py - 0.5) : Math.hypot(px, py);
    assert.ok(Math.abs(r - 1) < 1e-6);
  }
  assert.deepEqual(moons({ seed: 4 }).x.storage, moons({ seed: 4 }).x.storage);
  assert.notDeepEqual(moons({ seed: 4 }).x.storage, moons({ seed: 5 }).x.storage);
  setSeed(9); const a = circles(); setSeed(9); const b = circles();
  assert.deepEqual(a.x.storage, b.x.storage);
});

test('spirals gives int32 class ids with equal counts', () => {
  const s = spirals({ n: 301, classes: 3, seed: 0 });
  assert.equal(s.y.dtype, 'int32');
  assert.deepEqual(s.x.shape, [301, 2]);
  const counts = [0, 0, 0];
  for (const v of s.y.storage) counts[v]++;
  assert.deepEqual(counts, [101, 100, 100]);
  assert.deepEqual(s.classNames, ['arm 0', 'arm 1', 'arm 2']);
  for (let i = 0; i < 301; i++) assert.ok(Math.hypot(s.x.storage[2 * i], s.x.storage[2 * i + 1]) <= 1 + 1e-6);
  assert.throws(() => spirals({ classes: 1 }), /spirals: classes must be an integer >= 2, received number 1/);
});

test('regressionLine follows the line with the requested noise', () => {
  const { x, y, slope, intercept } = regressionLine({ n: 2000, noise: 0.1, slope: 3, intercept: -1, seed: 0 });
  assert.deepEqual([slope, intercept], [3, -1]);
  let sse = 0;
  for (let i = 0; i < 2000; i++) {
    assert.ok(x.storage[i] >= -1 && x.storage[i] < 1);
    sse += (y.storage[i] - (3 * x.storage[i] - 1)) ** 2;
  }
  assert.ok(Math.abs(Math.sqrt(sse / 2000) - 0.1) < 0.01);
  const exact = regressionLine({ n: 5, noise: 0, seed: 0 });
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(exact.y.storage[i] - (2 * exact.x.storage[i] + 1)) < 1e-6);
});

test('oysters: ripe above the threshold, label noise only near it', () => {
  const { x, y, threshold, featureNames } = oysters({ n: 2000, seed: 0 });
  assert.equal(threshold, 7.5);
  assert.deepEqual(featureNames, ['diameter (cm)']);
  let agree = 0;
  for (let i = 0; i < 2000; i++) {
    const d = x.storage[i];
    assert.ok(d >= 4 && d <= 11);
    const expected = d >= 7.5 ? 1 : 0;
    if (Math.abs(d - 7.5) > 2.5) assert.equal(y.storage[i], expected);
    agree += y.storage[i] === expected ? 1 : 0;
  }
  assert.ok(agree > 1800 && agree < 2000, `agreement ${agree}`);
  const clean = oysters({ n: 500, noise: 0, seed: 1 });
  for (let i = 0; i < 500; i++) assert.equal(clean.y.storage[i], clean.x.storage[i] >= 7.5 ? 1 : 0);
});

test('generators validate options', () => {
  assert.throws(() => moons({ n: 0 }), /moons: n must be an integer >= 1, received number 0/);
  assert.throws(() => circles({ noise: -1 }), /circles: noise must be a finite number >= 0, received number -1/);
  assert.throws(() => circles({ factor: 2 }), /circles: factor must be in \(0, 1\)/);
  assert.throws(() => xor({ seed: Number.NaN }), /xor: seed must be a finite number/);
  assert.throws(() => regressionLine({ xRange: [1, 0] }), /regressionLine: xRange must be \[min, max\] with min < max/);
});
