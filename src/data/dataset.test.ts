import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tensor } from '../core/tensor.js';
import { setSeed } from '../core/random.js';
import { tensor } from '../ops/convert.js';
import { Dataset } from './dataset.js';

const range = (n: number): Dataset<number> => Dataset.fromItems(Array.from({ length: n }, (_, i) => i));
const values = (t: Tensor): number[] => Array.from(t.storage);

test('fromArrays slices rows of x and y and pairs them as { xs, ys }', async () => {
  const x = tensor([[1, 2], [3, 4], [5, 6]]);
  const y = tensor([0, 1, 2], undefined, 'int32');
  const items = await Dataset.fromArrays(x, y).toArray();
  assert.equal(items.length, 3);
  assert.deepEqual(items[1].xs.shape, [2]);
  assert.deepEqual(values(items[1].xs), [3, 4]);
  assert.deepEqual(items[2].ys.shape, []);
  assert.equal(items[2].ys.dtype, 'int32');
  assert.equal(items[2].ys.item(), 2);
  const only = await Dataset.fromArrays([[1], [2]]).toArray();
  assert.deepEqual(only.map((t) => t.item()), [1, 2]);
});

test('fromArrays rejects mismatched rows and scalars', () => {
  assert.throws(() => Dataset.fromArrays(tensor([[1], [2]]), tensor([1, 2, 3])), /Dataset\.fromArrays: x and y must have the same number of rows, received 2 and 3/);
  assert.throws(() => Dataset.fromArrays(tensor(3)), /Dataset\.fromArrays: x must have at least one dimension/);
  assert.throws(() => Dataset.fromArrays('abc'), /Dataset\.fromArrays: x must be a tensor/);
});

test('batch stacks records, arrays and numbers, with and without the remainder', async () => {
  const ds = Dataset.fromArrays(tensor([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]), tensor([0, 1, 0, 1, 0]));
  const batches = await ds.batch(2).toArray();
  assert.equal(ds.batch(2).size, 3);
  assert.deepEqual(batches.map((b) => b.xs.shape), [[2, 2], [2, 2], [1, 2]]);
  assert.deepEqual(values(batches[1].xs), [5, 6, 7, 8]);
  assert.deepEqual(batches[2].ys.shape, [1]);
  const dropped = await ds.batch(2, { dropRemainder: true }).toArray();
  assert.equal(dropped.length, 2);
  assert.equal(ds.batch(2, { dropRemainder: true }).size, 2);
  const tuples = await Dataset.fromItems([[tensor([1]), 2], [tensor([3]), 4]] as [Tensor, number][]).batch(2).toArray();
  assert.deepEqual(tuples[0][0].shape, [2, 1]);
  assert.deepEqual(values(tuples[0][1]), [2, 4]);
  const nums = await range(5).batch(5).toArray();
  assert.deepEqual(values(nums[0]), [0, 1, 2, 3, 4]);
});

test('batch reports elements that cannot be stacked', async () => {
  const bad = Dataset.fromItems([tensor([1, 2]), tensor([1, 2, 3])]).batch(2);
  await assert.rejects(bad.toArray(), /batch: element 1 has shape \[3\] but element 0 has shape \[2\]/);
  const dt = Dataset.fromItems([{ a: tensor([1]) }, { a: tensor([1], undefined, 'int32') }]).batch(2);
  await assert.rejects(dt.toArray(), /batch: element 1 at \.a has dtype int32 but element 0 has dtype float32/);
  await assert.rejects(Dataset.fromItems(['a', 'b']).batch(2).toArray(), /batch: elements must be tensors, numbers, or arrays or records/);
  assert.throws(() => range(3).batch(0), /Dataset\.batch: size must be an integer >= 1, received number 0/);
});

test('shuffle is a permutation, fixed by the seed, and changes every epoch', async () => {
  const ds = range(50).shuffle(50, 7);
  const e1 = await ds.toArray(), e2 = await ds.toArray();
  assert.deepEqual([...e1].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
  assert.notDeepEqual(e1, e2);
  const again = range(50).shuffle(50, 7);
  assert.deepEqual(await again.toArray(), e1);
  assert.deepEqual(await again.toArray(), e2);
  assert.notDeepEqual(await range(50).shuffle(50, 8).toArray(), e1);
  const fixed = range(20).shuffle(20, 3, { reshuffleEachIteration: false });
  assert.deepEqual(await fixed.toArray(), await fixed.toArray());
  // repeat() restarts the source: each pass gets a new order.
  const rep = await range(10).shuffle(10, 1).repeat(2).toArray();
  assert.notDeepEqual(rep.slice(0, 10), rep.slice(10));
});

test('shuffle with a small buffer keeps every element and follows the global seed when unseeded', async () => {
  const out = await range(30).shuffle(4, 0).toArray();
  assert.deepEqual([...out].sort((a, b) => a - b), Array.from({ length: 30 }, (_, i) => i));
  assert.notDeepEqual(out, Array.from({ length: 30 }, (_, i) => i));
  setSeed(11); const a = await range(30).shuffle(30).toArray();
  setSeed(11); const b = await range(30).shuffle(30).toArray();
  assert.deepEqual(a, b);
  assert.throws(() => range(3).shuffle(0), /Dataset\.shuffle: bufferSize must be an integer >= 1/);
});

test('take, skip, repeat, map, filter compose lazily and track size', async () => {
  let pulled = 0;
  const ds = Dataset.fromGenerator(function* () { for (let i = 0; i < 100; i++) { pulled++; yield i; } }, 100);
  const firstThree = await ds.map((v) => v * 2).take(3).toArray();
  assert.deepEqual(firstThree, [0, 2, 4]);
  assert.ok(pulled <= 4, `pulled ${pulled} elements for take(3)`);
  assert.deepEqual(await range(6).skip(4).toArray(), [4, 5]);
  assert.equal(range(6).skip(10).size, 0);
  assert.deepEqual(await range(3).repeat(2).toArray(), [0, 1, 2, 0, 1, 2]);
  assert.equal(range(3).repeat(2).size, 6);
  assert.equal(range(3).repeat().size, Infinity);
  assert.deepEqual(await range(3).repeat().take(7).toArray(), [0, 1, 2, 0, 1, 2, 0]);
  assert.deepEqual(await range(0).repeat().toArray(), []);
  assert.deepEqual(await range(0).repeat().take(3).toArray(), []);
  const evens = range(10).filter(async (v) => v % 2 === 0);
  assert.equal(evens.size, null);
  assert.deepEqual(await evens.toArray(), [0, 2, 4, 6, 8]);
  assert.deepEqual(await range(3).map(async (v) => v + 1).toArray(), [1, 2, 3]);
  await assert.rejects(range(3).repeat().toArray(), /Dataset\.toArray: the dataset is infinite/);
});

test('prefetch keeps order, propagates errors and stops the source on break', async () => {
  assert.deepEqual(await range(10).prefetch(3).toArray(), Array.from({ length: 10 }, (_, i) => i));
  const failing = Dataset.fromGenerator(async function* () { yield 1; throw new Error('boom'); });
  await assert.rejects(failing.prefetch(2).toArray(), /boom/);
  let closed = false;
  const src = Dataset.fromGenerator(function* () { try { for (let i = 0; ; i++) yield i; } finally { closed = true; } });
  for await (const v of src.prefetch(2)) if (v === 3) break;
  assert.ok(closed);
});

test('fromGenerator restarts per iteration and checks its argument', async () => {
  const ds = Dataset.fromGenerator(async function* () { yield tensor([1]); yield tensor([2]); });
  assert.equal((await ds.toArray()).length, 2);
  assert.equal((await ds.toArray()).length, 2);
  assert.throws(() => Dataset.fromGenerator(42 as unknown as () => Iterable<number>), /Dataset\.fromGenerator: make must be a function/);
  await assert.rejects(Dataset.fromGenerator(() => 5 as unknown as Iterable<number>).toArray(), /make\(\) must return an iterable/);
  assert.throws(() => range(3).map(undefined as unknown as (x: number) => number), /Dataset\.map: fn must be a function/);
  assert.throws(() => range(3).take(-1), /Dataset\.take: count must be an integer >= 0, received number -1/);
});
