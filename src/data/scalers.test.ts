import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '../ops/convert.js';
import { expectClose } from '../testing/expect-close.js';
import { MinMaxScaler, StandardScaler } from './scalers.js';

const train = tensor([[1, 10, 5], [3, 20, 5], [5, 30, 5]], undefined, 'float64');
const testSet = tensor([[7, 0, 6]], undefined, 'float64');

test('StandardScaler uses the training statistics (population std) for every set', () => {
  const s = new StandardScaler();
  const a = s.fitTransform(train);
  const sd0 = Math.sqrt(8 / 3), sd1 = Math.sqrt(200 / 3);
  expectClose(a, [[-2 / sd0, -10 / sd1, 0], [0, 0, 0], [2 / sd0, 10 / sd1, 0]]);
  assert.deepEqual([...s.mean!], [3, 20, 5]);
  expectClose(tensor(s.std!), [sd0, sd1, 1]);
  // Test data is scaled with the training mean and std, not its own.
  expectClose(s.transform(testSet), [[4 / sd0, -20 / sd1, 1]]);
  expectClose(s.inverseTransform(s.transform(testSet)), testSet);
  assert.equal(a.dtype, 'float64');
  assert.equal(s.transform(tensor([[1, 2, 3]], undefined, 'int32')).dtype, 'float32');
});

test('MinMaxScaler maps the training range to featureRange; test data may fall outside', () => {
  const s = new MinMaxScaler();
  expectClose(s.fitTransform(train), [[0, 0, 0], [0.5, 0.5, 0], [1, 1, 0]]);
  expectClose(s.transform(testSet), [[1.5, -0.5, 1]]);
  assert.deepEqual([...s.min!], [1, 10, 5]);
  assert.deepEqual([...s.max!], [5, 30, 5]);
  const r = new MinMaxScaler({ featureRange: [-1, 1] });
  expectClose(r.fitTransform(train), [[-1, -1, -1], [0, 0, -1], [1, 1, -1]]);
  expectClose(r.inverseTransform(r.transform(testSet)), testSet);
});

test('scalers handle 1-D and image-shaped rows per feature', () => {
  const s = new StandardScaler().fit(tensor([1, 2, 3]));
  expectClose(s.transform(tensor([2, 4])), [0, 2 / Math.sqrt(2 / 3)]);
  const img = tensor([[[0, 1], [2, 3]], [[4, 5], [6, 7]]]);
  const m = new MinMaxScaler().fit(img);
  expectClose(m.transform(img), [[[0, 0], [0, 0]], [[1, 1], [1, 1]]]);
});

test('scalers reject use before fit, wrong feature counts and bad input', () => {
  assert.throws(() => new StandardScaler().transform(train), /StandardScaler\.transform: the scaler is not fitted; call fit\(xTrain\) first/);
  assert.throws(() => new MinMaxScaler().inverseTransform(train), /MinMaxScaler\.inverseTransform: the scaler is not fitted/);
  const s = new StandardScaler().fit(train);
  assert.throws(() => s.transform(tensor([[1, 2]])), /StandardScaler\.transform: x must have 3 features per row as when fitted \(rows of shape \[3\]\), received shape \[1,2\]/);
  assert.throws(() => new StandardScaler().fit(tensor([[1], [Number.NaN]])), /StandardScaler\.fit: x must be finite, received NaN at row 1, feature 0/);
  assert.throws(() => new StandardScaler().fit(tensor(new Float32Array(0), [0, 2])), /StandardScaler\.fit: x must have at least one row/);
  assert.throws(() => new MinMaxScaler({ featureRange: [1, 0] }), /MinMaxScaler: featureRange must be \[min, max\] with min < max/);
});
