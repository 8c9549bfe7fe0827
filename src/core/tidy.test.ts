import { test } from 'node:test';
import assert from 'node:assert/strict';
import { add, mul } from '../ops/arithmetic.js';
import { tensor } from '../ops/convert.js';
import { randomNormal } from '../ops/creation.js';
import { matmul } from '../ops/matmul.js';
import { reshape } from '../ops/reshape.js';
import { sum } from '../ops/reduce-sum.js';
import { tanh } from '../ops/activations.js';
import { forEachBackend } from '../testing/for-each-backend.js';
import { sliceRows } from '../train/data.js';
import { backward } from './autograd.js';
import { setSeed } from './random.js';
import { Variable } from './variable.js';
import { dispose, keep, tidy } from './tidy.js';
import { Tensor } from './tensor.js';

// Lengths no other test of this file allocates, so the pool's contents are known per test.
const ones = (n: number): Tensor => tensor(new Float32Array(n).fill(1));

test('tidy disposes what it created and did not return; the storage serves the next output of its size', () => {
  const x = ones(1001);
  let tmp: Tensor | null = null, tmpStorage: unknown = null;
  const y = tidy(() => {
    tmp = add(x, 1);
    tmpStorage = tmp.storage;
    return mul(tmp, 3);
  });
  assert.equal(tmp!.isDisposed, true);
  assert.equal(y.isDisposed, false);
  assert.equal(x.isDisposed, false, 'tensors created outside are left alone');
  const next = mul(x, 5);
  assert.equal(next.storage, tmpStorage, 'the dead storage is reused');
  assert.ok(next.storage.every((v) => v === 5));
  assert.ok(y.storage.every((v) => v === 6), 'the returned tensor keeps its values');
});

test('tidy returns tensors nested in arrays and plain objects, and passes them to an enclosing tidy', () => {
  const x = ones(1002);
  let inner: { a: Tensor; list: Tensor[] } | null = null;
  let dropped: Tensor | null = null;
  const outer = tidy('outer', () => {
    inner = tidy(() => {
      dropped = add(x, 0);
      return { a: add(x, 1), list: [add(x, 2), add(x, 3)] };
    });
    return inner.list[1];
  });
  assert.equal(dropped!.isDisposed, true);
  assert.equal(inner!.a.isDisposed, true, 'returned by the inner tidy only: the outer one disposes it');
  assert.equal(inner!.list[0].isDisposed, true);
  assert.equal(outer.isDisposed, false);
  assert.ok(outer.storage.every((v) => v === 4));
});

test('keep and variables survive tidy; using a disposed tensor throws naming the op', () => {
  const x = ones(1003);
  let kept: Tensor | null = null, lost: Tensor | null = null, v: Variable | null = null;
  tidy(() => {
    kept = keep(add(x, 1));
    lost = add(x, 2);
    v = new Variable(add(x, 3));
  });
  assert.equal(kept!.isDisposed, false);
  assert.ok(v!.value.storage.every((e) => e === 4));
  assert.equal(lost!.isDisposed, true);
  assert.throws(() => add(lost!, 1), /^ArgumentError: add: input 0 \(shape \[1003\]\) is disposed/);
  assert.throws(() => lost!.dataSync(), /Tensor #\d+ \(shape \[1003\], float32\) is disposed/);
  assert.match(String(lost), /disposed/);
});

test('tidy keeps what backward() needs for a returned tensor, and gradients computed inside it', () => {
  setSeed(3);
  const w = randomNormal([40, 30]).requiresGrad_(), x = randomNormal([20, 40]);
  const f = (): Tensor => sum(mul(tanh(matmul(x, w)), 2));
  backward(f());
  const expected = Array.from(w.grad!.storage);
  w.grad = null;
  const loss = tidy(() => f());
  backward(loss);
  assert.deepEqual(Array.from(w.grad!.storage), expected, 'the graph of the returned loss survived');
  w.grad = null;
  tidy(() => { backward(f()); });
  assert.equal(w.grad!.isDisposed, false);
  assert.deepEqual(Array.from(w.grad!.storage), expected);
});

test('tidy rejects a Promise and a non-function, and disposes nothing when the function throws', () => {
  const x = ones(1004);
  let made: Tensor | null = null;
  assert.throws(() => tidy(() => { made = add(x, 1); throw new Error('boom'); }), /boom/);
  assert.equal(made!.isDisposed, false);
  assert.throws(() => tidy((async () => add(x, 1)) as unknown as () => Tensor), /^ArgumentError: tidy: the function returned a Promise/);
  assert.throws(() => tidy('name' as unknown as () => void), /^ArgumentError: tidy: expected a function/);
});

forEachBackend('dispose reuses storage only when no other tensor shares it', () => {
  setSeed(5);
  const a = randomNormal([33, 31]), b = randomNormal([31, 29]);
  const c = matmul(a, b);
  const storage = c.storage;
  c.dispose();
  c.dispose(); // idempotent: pooled once, or two outputs would share it
  const d = matmul(a, b), e = matmul(a, b);
  assert.equal(d.storage, storage);
  assert.notEqual(e.storage, storage);

  // A view shares the storage: disposing the source must not hand it to the next output.
  const view = reshape(d, [29, 33]);
  const before = Array.from(view.storage);
  d.dispose();
  const f = mul(matmul(a, b), 0);
  assert.notEqual(f.storage, storage);
  assert.deepEqual(Array.from(view.storage), before);
  // Detached tensors share storage too.
  const g = matmul(a, b), gd = g.detach();
  g.dispose();
  assert.notEqual(matmul(a, b).storage, gd.storage);
  // Row slices (batches) view the storage too.
  const src = matmul(a, b), rows = sliceRows(src, 1, 3), rowValues = Array.from(rows.storage);
  src.dispose();
  assert.notEqual(matmul(mul(a, 2), b).storage.buffer, rows.storage.buffer);
  assert.deepEqual(Array.from(rows.storage), rowValues);
  // Tensors wrapping arrays made elsewhere (datasets, user arrays) never give them to the pool.
  const user = new Float32Array(33 * 29);
  const t = Tensor.fromStorage(user, [33, 29]);
  t.dispose();
  assert.notEqual(matmul(a, b).storage, user);
});

test('a tensor disposed inside tidy is pooled once, by the tidy, so two later outputs never share it', () => {
  const x = ones(1006);
  let storage: unknown = null;
  tidy(() => {
    const t = add(x, 1);
    storage = t.storage;
    t.dispose();
    assert.notEqual(add(x, 2).storage, storage, 'inside the scope the storage is not reused yet');
  });
  const a = add(x, 3), b = add(x, 4);
  assert.ok(a.storage === storage || b.storage === storage, 'the tidy gave it back');
  assert.notEqual(a.storage, b.storage);
  assert.ok(a.storage.every((v) => v === 4) && b.storage.every((v) => v === 5));
});

test('dispose accepts nested containers', () => {
  const x = ones(1005);
  const parts = { a: add(x, 1), list: [add(x, 2)] };
  dispose([parts, 'label', 3]);
  assert.equal(parts.a.isDisposed, true);
  assert.equal(parts.list[0].isDisposed, true);
  assert.equal(x.isDisposed, false);
});
