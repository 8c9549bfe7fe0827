import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../core/random.js';
import { gemm } from './gemm.js';

function randomArray(n: number, rng: Random): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal();
  return a;
}

/** op(A)[i, p] read with the same conventions as gemm, summed naively. */
function naive(m: number, n: number, k: number, a: Float64Array, aOff: number, lda: number, ta: boolean,
  b: Float64Array, bOff: number, ldb: number, tb: boolean): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        s += a[aOff + (ta ? p * lda + i : i * lda + p)] * b[bOff + (tb ? j * ldb + p : p * ldb + j)];
      }
      c[i * n + j] = s;
    }
  }
  return c;
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol * (1 + Math.abs(expected[i])), `element ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

test('gemm matches a naive product for every transpose flag, across block boundaries', () => {
  const rng = new Random(1);
  // 67 rows cross the 64-row A panel, 300 cross the 256-deep k panel, 517 the 512-wide B panel; odd sizes hit edge tiles.
  for (const [m, n, k] of [[1, 1, 1], [3, 5, 7], [67, 9, 300], [5, 517, 3], [4, 4, 4]]) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        const a = randomArray(m * k, rng), b = randomArray(k * n, rng);
        const lda = ta ? m : k, ldb = tb ? k : n;
        const c = new Float64Array(m * n).fill(NaN);
        gemm(m, n, k, a, 0, lda, ta, b, 0, ldb, tb, c, 0, n, 0);
        assertClose(c, naive(m, n, k, a, 0, lda, ta, b, 0, ldb, tb), 1e-12);
      }
    }
  }
});

test('gemm works on sub-matrices (offsets, leading dimensions) and accumulates with beta 1', () => {
  const rng = new Random(2);
  const m = 5, n = 6, k = 7;
  const a = randomArray(3 + m * 10, rng), b = randomArray(2 + k * 9, rng);
  const c = randomArray(1 + m * 8, rng);
  const before = c.slice();
  gemm(m, n, k, a, 3, 10, false, b, 2, 9, false, c, 1, 8, 1);
  const ref = naive(m, n, k, a, 3, 10, false, b, 2, 9, false);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < 8; j++) {
      const at = 1 + i * 8 + j;
      const expected = j < n ? before[at] + ref[i * n + j] : before[at];
      assert.ok(Math.abs(c[at] - expected) < 1e-12, `c[${i}, ${j}]`);
    }
  }
  assert.equal(c[0], before[0]);
});

test('gemm with k = 0 writes zeros (beta 0) or leaves C (beta 1); float32 rounds once at the store', () => {
  const c = new Float32Array([5, 5, 5, 5]);
  gemm(2, 2, 0, new Float32Array(0), 0, 0, false, new Float32Array(0), 0, 2, false, c, 0, 2, 1);
  assert.deepEqual([...c], [5, 5, 5, 5]);
  gemm(2, 2, 0, new Float32Array(0), 0, 0, false, new Float32Array(0), 0, 2, false, c, 0, 2, 0);
  assert.deepEqual([...c], [0, 0, 0, 0]);
  const a = new Float32Array([1, 2, 3]), b = new Float32Array([4, 5, 6]), out = new Float32Array(1);
  gemm(1, 1, 3, a, 0, 3, false, b, 0, 1, false, out, 0, 1, 0);
  assert.equal(out[0], 32);
});
