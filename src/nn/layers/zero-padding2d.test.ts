import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../core/tensor.js';
import { tensor } from '../../ops/convert.js';
import { expectClose } from '../../testing/expect-close.js';
import { testLayer } from '../../testing/test-layer.js';
import { ZeroPadding2D } from './zero-padding2d.js';

test('ZeroPadding2D passes testLayer for each padding form', () => {
  testLayer({ make: (e) => new ZeroPadding2D({ ...e }), inputShape: [2, 2, 3, 2], expectedOutputShape: [2, 4, 5, 2], weightNames: [] });
  testLayer({ make: (e) => new ZeroPadding2D({ padding: [2, 0], ...e }), inputShape: [1, 2, 2, 1], expectedOutputShape: [1, 6, 2, 1] });
  testLayer({ make: (e) => new ZeroPadding2D({ padding: [[1, 0], [0, 2]], ...e }), inputShape: [1, 2, 2, 1], expectedOutputShape: [1, 3, 4, 1] });
});

test('ZeroPadding2D adds rows and columns of zeros; config is [[top, bottom], [left, right]]', () => {
  const z = new ZeroPadding2D({ padding: [[1, 0], [0, 1]] });
  expectClose(z.apply(tensor([[[[1], [2]]]])) as Tensor, [[[[0], [0], [0]], [[1], [2], [0]]]]);
  assert.deepEqual(z.getConfig().padding, [[1, 0], [0, 1]]);
  assert.deepEqual(new ZeroPadding2D({ padding: 3 }).computeOutputShape([null, null, 4, 2]), [null, null, 10, 2]);
});

test('ZeroPadding2D rejects bad paddings', () => {
  assert.throws(() => new ZeroPadding2D({ padding: -1 as never }), /padding must be a non-negative integer, \[height, width\] or \[\[top, bottom\], \[left, right\]\], received number -1/);
  assert.throws(() => new ZeroPadding2D({ padding: [1, 2, 3] as never }), /received array of length 3 \[1,2,3\]/);
  assert.throws(() => new ZeroPadding2D({ dataFormat: 'channelsFirst' }), /channelsFirst' is not supported/);
});
