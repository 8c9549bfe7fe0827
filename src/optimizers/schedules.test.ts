import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cosineDecay, exponentialDecay, getSchedule, inverseTimeDecay, piecewiseConstantDecay, polynomialDecay,
} from './schedules.js';

const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('exponentialDecay, continuous and staircase', () => {
  const s = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
  close(s.call(0), 0.1);
  close(s.call(5), 0.1 * Math.SQRT1_2);
  close(s.call(20), 0.025);
  const st = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true });
  close(st.call(9), 0.1);
  close(st.call(10), 0.05);
});

test('inverseTimeDecay', () => {
  const s = inverseTimeDecay({ initialLearningRate: 1, decaySteps: 2, decayRate: 0.5 });
  close(s.call(2), 1 / 1.5);
  close(inverseTimeDecay({ initialLearningRate: 1, decaySteps: 2, decayRate: 0.5, staircase: true }).call(3), 1 / 1.5);
});

test('piecewiseConstantDecay boundaries belong to the interval they end', () => {
  const s = piecewiseConstantDecay({ boundaries: [100, 200], values: [1, 0.5, 0.1] });
  assert.deepEqual([0, 100, 101, 200, 201, 1e9].map((t) => s.call(t)), [1, 1, 0.5, 0.5, 0.1, 0.1]);
  assert.throws(() => piecewiseConstantDecay({ boundaries: [1, 2], values: [1, 2] }),
    /piecewiseConstantDecay: values needs one more element than boundaries \(3\), received 2/);
  assert.throws(() => piecewiseConstantDecay({ boundaries: [2, 1], values: [1, 2, 3] }), /boundaries must be an increasing array/);
});

test('polynomialDecay, held at the end or cycling', () => {
  const s = polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, endLearningRate: 0.01, power: 2 });
  close(s.call(0), 0.1);
  close(s.call(5), 0.09 * 0.25 + 0.01);
  close(s.call(10), 0.01);
  close(s.call(50), 0.01);
  const c = polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, endLearningRate: 0, cycle: true });
  close(c.call(0), 0.1);
  close(c.call(15), 0.1 * (1 - 15 / 20));
  assert.equal(polynomialDecay({ initialLearningRate: 1, decaySteps: 1 }).getConfig().config.endLearningRate, 1e-4);
});

test('cosineDecay with alpha, and with a linear warmup', () => {
  const s = cosineDecay({ initialLearningRate: 0.1, decaySteps: 100, alpha: 0.1 });
  close(s.call(0), 0.1);
  close(s.call(50), 0.1 * (0.9 * 0.5 + 0.1));
  close(s.call(100), 0.01);
  close(s.call(1000), 0.01);
  const w = cosineDecay({ initialLearningRate: 0, warmupTarget: 1, warmupSteps: 10, decaySteps: 20 });
  close(w.call(0), 0);
  close(w.call(5), 0.5);
  close(w.call(10), 1);
  close(w.call(20), 0.5);
  close(w.call(30), 0);
  close(w.call(99), 0);
});

test('schedules round-trip through getConfig', () => {
  const all = [
    exponentialDecay({ initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.9, staircase: true }),
    inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.9 }),
    piecewiseConstantDecay({ boundaries: [3], values: [1, 2] }),
    polynomialDecay({ initialLearningRate: 0.1, decaySteps: 3, cycle: true }),
    cosineDecay({ initialLearningRate: 0.1, decaySteps: 3, warmupTarget: 0.2, warmupSteps: 2 }),
  ];
  for (const s of all) {
    const back = getSchedule(s.getConfig());
    assert.deepEqual(back.getConfig(), s.getConfig());
    for (const t of [0, 1, 2, 4, 7]) assert.equal(back.call(t), s.call(t));
  }
  assert.throws(() => getSchedule({ className: 'Nope', config: {} }), /getSchedule: className must be one of/);
  assert.throws(() => exponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 }),
    /exponentialDecay: decaySteps must be a positive number, received number 0/);
});
