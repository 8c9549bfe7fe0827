import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '../ops/convert.js';
import { LabelEncoder, OneHotEncoder, oneHotEncode } from './encoders.js';

test('LabelEncoder sorts classes and maps labels both ways', () => {
  const enc = new LabelEncoder().fit(['dog', 'cat', 'bird', 'cat']);
  assert.deepEqual(enc.classes, ['bird', 'cat', 'dog']);
  const ids = enc.transform(['cat', 'dog', 'bird']);
  assert.equal(ids.dtype, 'int32');
  assert.deepEqual([...ids.storage], [1, 2, 0]);
  assert.deepEqual(enc.inverseTransform(ids), ['cat', 'dog', 'bird']);
  assert.deepEqual(enc.inverseTransform(tensor([[0.1, 0.7, 0.2]])), ['cat']);
  assert.deepEqual([...new LabelEncoder().fitTransform(tensor([10, 3, 10])).storage], [1, 0, 1]);
  assert.deepEqual(new LabelEncoder().fit([10, 9, 100]).classes, [9, 10, 100]);
});

test('LabelEncoder errors name the label and its position', () => {
  const enc = new LabelEncoder();
  assert.throws(() => enc.transform(['a']), /LabelEncoder\.transform: the encoder is not fitted/);
  enc.fit(['a', 'b']);
  assert.throws(() => enc.transform(['a', 'z']), /LabelEncoder\.transform: label "z" at index 1 was not seen by fit \(known: "a", "b"\)/);
  assert.throws(() => enc.inverseTransform([0, 5]), /class id number 5 at index 1 is not in 0\.\.1/);
  assert.throws(() => enc.fit([{}] as unknown as string[]), /LabelEncoder\.fit: labels must be strings or finite numbers, received Object at index 0/);
});

test('oneHotEncode and OneHotEncoder', () => {
  const t = oneHotEncode([0, 2, 1], 3);
  assert.deepEqual(t.shape, [3, 3]);
  assert.deepEqual(t.arraySync(), [[1, 0, 0], [0, 0, 1], [0, 1, 0]]);
  assert.deepEqual(oneHotEncode(tensor([1, 0], undefined, 'int32')).shape, [2, 2]);
  assert.deepEqual(oneHotEncode(tensor([[1], [0]])).shape, [2, 2]);
  assert.deepEqual(oneHotEncode([], 4).shape, [0, 4]);
  assert.throws(() => oneHotEncode([0, 3], 3), /oneHotEncode: id 3 at index 1 is out of range for numClasses 3/);
  assert.throws(() => oneHotEncode([0.5]), /oneHotEncode: ids must be integers >= 0, received number 0\.5 at index 0/);
  const enc = new OneHotEncoder().fit(['red', 'blue', 'green']);
  assert.deepEqual(enc.categories, ['blue', 'green', 'red']);
  assert.deepEqual(enc.transform(['red', 'blue']).arraySync(), [[0, 0, 1], [1, 0, 0]]);
  assert.deepEqual(enc.inverseTransform(tensor([[0.2, 0.5, 0.3]])), ['green']);
  assert.throws(() => new OneHotEncoder().transform(['a']), /OneHotEncoder\.transform: the encoder is not fitted/);
});
