import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSeed } from '../core/random.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { mul } from './arithmetic.js';
import { tensor } from './convert.js';
import { randomNormal, zeros } from './creation.js';
import { pad } from './pad.js';

const rn = (shape: number[]) => randomNormal(shape, 0, 1, 'float64');

test('pad adds constant borders on each side', () => {
  expectClose(pad(tensor([1, 2]), [[1, 2]]), [0, 1, 2, 0, 0]);
  expectClose(pad(tensor([[1, 2], [3, 4]]), [[0, 1], [2, 0]], -1), [[-1, -1, 1, 2], [-1, -1, 3, 4], [-1, -1, -1, -1]]);
  const i = pad(tensor([5], undefined, 'int32'), [[1, 1]], 7);
  assert.equal(i.dtype, 'int32');
  assert.deepEqual([...i.dataSync()], [7, 5, 7]);
});

test('pad edge shapes: scalars, size-0 inputs, no padding returns the input', () => {
  const s = tensor(3);
  assert.equal(pad(s, []), s);
  expectClose(pad(zeros([0, 2]), [[1, 0], [0, 0]], 4), [[4, 4]]);
  assert.deepEqual(pad(zeros([0]), [[0, 0]]).shape, [0]);
  expectClose(pad(tensor([[9]]), [[1, 1], [1, 1]]), [[0, 0, 0], [0, 9, 0], [0, 0, 0]]);
});

test('pad gradients slice the cotangent (float64)', () => {
  setSeed(4);
  checkGrads((a) => pad(a, [[1, 2], [0, 3]], 2.5), [rn([2, 3])]);
  checkGrads((a) => pad(mul(a, a), [[0, 0], [1, 1], [2, 0]]), [rn([1, 2, 3])]);
});

test('pad rejects malformed paddings', () => {
  const x = zeros([2, 3]);
  assert.throws(() => pad(x, [[1, 1]]), /pad: paddings must be 2 pairs \[before, after\] of non-negative integers for x \[2,3\], received \[\[1,1\]\]/);
  assert.throws(() => pad(x, [[1, 1], [-1, 0]]), /pad: .*received \[\[1,1\],\[-1,0\]\]/);
  assert.throws(() => pad(x, [[1, 1], [0, 0]], 'a' as unknown as number), /pad: constantValue must be a number, received string/);
});
