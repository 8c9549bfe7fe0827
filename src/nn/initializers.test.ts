import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import {
  Constant, GlorotUniform, HeNormal, LeCunNormal, VarianceScaling, computeFans, getInitializer, initializers,
} from './initializers.js';
import { deserialize } from './registry.js';
import type { Initializer } from './initializers.js';

function stats(t: Tensor): { mean: number; std: number; min: number; max: number } {
  const d = t.dataSync();
  let s = 0, s2 = 0, min = Infinity, max = -Infinity;
  for (const v of d) { s += v; s2 += v * v; min = Math.min(min, v); max = Math.max(max, v); }
  const mean = s / d.length;
  return { mean, std: Math.sqrt(s2 / d.length - mean * mean), min, max };
}

test('variance-scaling presets have the Keras variances', () => {
  setSeed(0);
  const shape = [400, 200];
  const cases: [Initializer, number, 'normal' | 'uniform'][] = [
    [initializers.glorotUniform(), Math.sqrt(2 / 600), 'uniform'],
    [initializers.glorotNormal(), Math.sqrt(2 / 600), 'normal'],
    [initializers.heNormal(), Math.sqrt(2 / 400), 'normal'],
    [initializers.heUniform(), Math.sqrt(2 / 400), 'uniform'],
    [initializers.leCunNormal(), Math.sqrt(1 / 400), 'normal'],
    [initializers.lecunUniform(), Math.sqrt(1 / 400), 'uniform'],
  ];
  for (const [init, std, kind] of cases) {
    const s = stats(init.apply(shape));
    assert.ok(Math.abs(s.mean) < 0.01 * std * 10, `${init.getClassName()} mean ${s.mean}`);
    assert.ok(Math.abs(s.std / std - 1) < 0.03, `${init.getClassName()} std ${s.std} vs ${std}`);
    // Uniform within sqrt(3) std; the truncated normal (corrected stddev) within 2 / 0.8796 std.
    const bound = kind === 'uniform' ? Math.sqrt(3) * std : 2 * std / 0.87962566103423978;
    assert.ok(s.max <= bound + 1e-6 && s.min >= -bound - 1e-6, `${init.getClassName()} range`);
  }
});

test('fans follow Keras for dense and convolution kernels', () => {
  assert.deepEqual(computeFans([3, 5]), [3, 5]);
  assert.deepEqual(computeFans([3, 3, 16, 32]), [144, 288]);
  assert.deepEqual(computeFans([7]), [7, 7]);
  assert.deepEqual(computeFans([]), [1, 1]);
});

test('random initializers use their defaults and the global seed', () => {
  setSeed(1);
  const a = initializers.randomUniform().apply([1000]);
  const s = stats(a);
  assert.ok(s.min >= -0.05 && s.max < 0.05);
  setSeed(1);
  assert.deepEqual(Array.from(initializers.randomUniform().apply([1000]).dataSync()), Array.from(a.dataSync()));
  const n = stats(initializers.randomNormal({ mean: 1, stddev: 2 }).apply([20000]));
  assert.ok(Math.abs(n.mean - 1) < 0.05 && Math.abs(n.std - 2) < 0.05);
  const t = stats(initializers.truncatedNormal({ stddev: 0.1 }).apply([5000]));
  assert.ok(t.max <= 0.2 && t.min >= -0.2);
});

test('a seeded initializer gives the same values every time, independent of the global seed', () => {
  setSeed(5);
  const a = initializers.glorotNormal({ seed: 3 }).apply([4, 4]);
  setSeed(9);
  const b = new GlorotUniform({ seed: 3 }).apply([4, 4]);
  const c = initializers.glorotNormal({ seed: 3 }).apply([4, 4]);
  assert.deepEqual(Array.from(a.dataSync()), Array.from(c.dataSync()));
  assert.notDeepEqual(Array.from(a.dataSync()), Array.from(b.dataSync()));
});

test('constant, zeros, ones, identity and orthogonal', () => {
  assert.deepEqual(Array.from(initializers.constant({ value: 0.5 }).apply([3]).dataSync()), [0.5, 0.5, 0.5]);
  assert.deepEqual(Array.from(initializers.zeros().apply([2], 'int32').dataSync()), [0, 0]);
  assert.equal(initializers.ones().apply([2], 'float64').dtype, 'float64');
  assert.deepEqual(initializers.identity({ gain: 2 }).apply([2, 3]).arraySync(), [[2, 0, 0], [0, 2, 0]]);
  setSeed(2);
  for (const shape of [[6, 4], [4, 6], [3, 2, 5]]) {
    const q = initializers.orthogonal({ gain: 1 }).apply(shape, 'float64');
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1), cols = shape[shape.length - 1];
    const d = q.dataSync();
    // The smaller side is orthonormal: Q^T Q = I (tall) or Q Q^T = I (wide).
    const tall = rows >= cols, n = tall ? cols : rows, len = tall ? rows : cols;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let k = 0; k < len; k++) dot += tall ? d[k * cols + i] * d[k * cols + j] : d[i * cols + k] * d[j * cols + k];
      assert.ok(Math.abs(dot - (i === j ? 1 : 0)) < 1e-10, `orthogonality of ${JSON.stringify(shape)}`);
    }
  }
});

test('configs are in the TensorFlow.js format and deserialize back', () => {
  assert.deepEqual(initializers.glorotUniform().serialize(), { className: 'GlorotUniform', config: { seed: null } });
  assert.deepEqual(initializers.heNormal({ seed: 4 }).serialize(), { className: 'HeNormal', config: { seed: 4 } });
  assert.deepEqual(initializers.leCunNormal().serialize().className, 'LeCunNormal');
  assert.deepEqual(new Constant({ value: 2 }).serialize(), { className: 'Constant', config: { value: 2 } });
  assert.deepEqual(initializers.varianceScaling({ scale: 2, mode: 'fanOut', distribution: 'uniform' }).serialize(),
    { className: 'VarianceScaling', config: { scale: 2, mode: 'fanOut', distribution: 'uniform', seed: null } });
  assert.deepEqual(initializers.randomNormal().getConfig(), { mean: 0, stddev: 0.05, seed: null });
  for (const init of [initializers.orthogonal({ gain: 2 }), initializers.randomUniform({ minval: -1, maxval: 2, seed: 1 }), initializers.heNormal()]) {
    const back = deserialize<Initializer>('initializer', init.serialize());
    assert.deepEqual(back.serialize(), init.serialize());
  }
  // Keras spellings.
  assert.ok(deserialize('initializer', { className: 'LecunNormal', config: { seed: null } }) instanceof LeCunNormal);
  const vs = deserialize<VarianceScaling>('initializer', { className: 'VarianceScaling', config: { scale: 1, mode: 'fanAvg', distribution: 'normal', seed: null } });
  assert.equal(vs.distribution, 'normal');
});

test('getInitializer resolves camelCase, snake_case and class names, and lists valid names otherwise', () => {
  assert.ok(getInitializer('heNormal') instanceof HeNormal);
  assert.ok(getInitializer('he_normal') instanceof HeNormal);
  assert.ok(getInitializer('HeNormal') instanceof HeNormal);
  assert.ok(getInitializer({ className: 'Constant', config: { value: 1 } }) instanceof Constant);
  assert.throws(() => getInitializer('xavier'), /unknown initializer 'xavier', expected one of zeros, ones, constant/);
  assert.throws(() => initializers.varianceScaling({ mode: 'fanMiddle' as never }), /mode must be one of fanIn, fanOut, fanAvg/);
  assert.throws(() => initializers.randomUniform({ minval: 1, maxval: 0 }), /minval must not exceed maxval/);
  assert.throws(() => initializers.orthogonal().apply([3]), /shape must have at least 2 dimensions/);
  assert.throws(() => initializers.zeros().apply([2], 'bool'), /dtype must be float32, float64 or int32/);
});
