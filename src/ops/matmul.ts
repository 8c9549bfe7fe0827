import { isFloat, upcast } from '../core/dtype.js';
import type { DType } from '../core/dtype.js';
import { ArgumentError, check, fmtShape } from '../core/errors.js';
import { op, run } from '../core/op.js';
import type { TensorInfo } from '../core/op.js';
import { sizeOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { cast } from './cast.js';
import { toTensors2 } from './convert.js';
import type { TensorLike } from './convert.js';
import { broadcastStrides } from './kernels/elementwise.js';
import { gemm } from './kernels/gemm.js';
import { matmulGrads } from './matmul-grad.js';
import type { FloatArray } from './kernels/gemm.js';
import { reshape } from './reshape.js';

/**
 * Attributes of the MatMul primitive. Inputs a [...batchA, M, K] and b [...batchB, K, N] (rank >= 2; the last
 * two dimensions swapped where a flag is set); output [...broadcast(batchA, batchB), M, N], same float dtype.
 */
export interface MatMulAttrs {
  /** Use a's last two dimensions transposed: a is [..., K, M]. */
  readonly transposeA: boolean;
  /** Use b's last two dimensions transposed: b is [..., N, K]. */
  readonly transposeB: boolean;
}

function flags({ transposeA, transposeB }: MatMulAttrs): string {
  const set = [transposeA && 'transposeA=true', transposeB && 'transposeB=true'].filter(Boolean);
  return set.length ? ` (${set.join(', ')})` : '';
}

function innerMismatch(a: readonly number[], b: readonly number[], attrs: MatMulAttrs): ArgumentError {
  return new ArgumentError('matmul', `inner dimensions differ, received a=${fmtShape(a)}, b=${fmtShape(b)}${flags(attrs)}`);
}

function matmulInfo([a, b]: readonly TensorInfo[], attrs: MatMulAttrs): TensorInfo {
  const ra = a.shape.length, rb = b.shape.length;
  check(ra >= 2 && rb >= 2, 'matmul', () => `operands must have rank >= 2, received a=${fmtShape(a.shape)}, b=${fmtShape(b.shape)}`);
  check(isFloat(a.dtype) && a.dtype === b.dtype, 'matmul',
    () => `operands must share a float dtype, received ${a.dtype} and ${b.dtype}`);
  const m = a.shape[attrs.transposeA ? ra - 1 : ra - 2], ka = a.shape[attrs.transposeA ? ra - 2 : ra - 1];
  const kb = b.shape[attrs.transposeB ? rb - 1 : rb - 2], n = b.shape[attrs.transposeB ? rb - 2 : rb - 1];
  if (ka !== kb) throw innerMismatch(a.shape, b.shape, attrs);
  if (ra === 2 && rb === 2) return { shape: [m, n], dtype: a.dtype };
  const ba = a.shape.slice(0, ra - 2), bb = b.shape.slice(0, rb - 2);
  const rank = Math.max(ba.length, bb.length);
  const batch: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = i < rank - ba.length ? 1 : ba[i - (rank - ba.length)];
    const db = i < rank - bb.length ? 1 : bb[i - (rank - bb.length)];
    check(da === db || da === 1 || db === 1, 'matmul',
      () => `batch dimensions cannot be broadcast, received a=${fmtShape(a.shape)}, b=${fmtShape(b.shape)}`);
    batch.push(da === 1 ? db : da);
  }
  return { shape: [...batch, m, n], dtype: a.dtype };
}

const MatMul = op<MatMulAttrs>({
  name: 'MatMul', api: 'matmul',
  // Every product writes all of C (zeros when k = 0), natively too.
  writesAll: true,
  infer: matmulInfo,
  kernel: ({ inputs: [a, b], outputs: [c], attrs: { transposeA, transposeB } }) => {
    const ra = a.shape.length, rb = b.shape.length, rc = c.shape.length;
    const m = c.shape[rc - 2], n = c.shape[rc - 1];
    const k = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
    const lda = a.shape[ra - 1], ldb = b.shape[rb - 1];
    const A = a.data as FloatArray, B = b.data as FloatArray, C = c.data as FloatArray;
    const batchShape = c.shape.slice(0, rc - 2);
    const batches = sizeOf(batchShape);
    // A shared right operand and a plain left one: the batch folds into M, one large product.
    if (rb === 2 && !transposeA) {
      gemm(batches * m, n, k, A, 0, lda, false, B, 0, ldb, transposeB, C, 0, n, 0);
      return;
    }
    const sa = broadcastStrides(a.shape.slice(0, ra - 2), batchShape);
    const sb = broadcastStrides(b.shape.slice(0, rb - 2), batchShape);
    const matA = m * k, matB = k * n, nd = batchShape.length;
    const idx = new Array<number>(nd).fill(0);
    let ia = 0, ib = 0;
    for (let t = 0; t < batches; t++) {
      gemm(m, n, k, A, ia * matA, lda, transposeA, B, ib * matB, ldb, transposeB, C, t * m * n, n, 0);
      for (let d = nd - 1; d >= 0; d--) {
        idx[d]++; ia += sa[d]; ib += sb[d];
        if (idx[d] < batchShape[d]) break;
        ia -= sa[d] * batchShape[d]; ib -= sb[d] * batchShape[d]; idx[d] = 0;
      }
    }
  },
  // Each cotangent is one product with transpose flags (no explicit transposes), so it differentiates again;
  // autograd's sumTo folds broadcast batch dimensions back. Inputs without a gradient cost nothing.
  grad: ({ dys: [dy], inputs: [a, b], attrs: { transposeA, transposeB } }) => matmulGrads(dy, a, b, transposeA, transposeB),
});

/**
 * The matrix product of the last two dimensions, batch dimensions broadcast by NumPy rules; a 1-D operand is a
 * row (left) or column (right) vector whose unit dimension is dropped from the result, as in NumPy.
 * @example matmul(tensor([[1, 2], [3, 4]]), tensor([[5], [6]])) // [[17], [39]]
 */
export function matmul(a: TensorLike, b: TensorLike, transposeA = false, transposeB = false): Tensor {
  let [ta, tb] = toTensors2('matmul', a, b);
  check(typeof transposeA === 'boolean' && typeof transposeB === 'boolean', 'matmul',
    () => `transposeA and transposeB must be booleans, received ${typeof transposeA} and ${typeof transposeB}`);
  check(ta.rank >= 1 && tb.rank >= 1, 'matmul',
    () => `operands must have rank >= 1, received a=${fmtShape(ta.shape)}, b=${fmtShape(tb.shape)}`);
  check(isFloat(ta.dtype) && isFloat(tb.dtype), 'matmul',
    () => `operands must be float32 or float64, received ${ta.dtype} and ${tb.dtype}`);
  const attrs = { transposeA, transposeB };
  const vecA = ta.rank === 1, vecB = tb.rank === 1;
  const ka = vecA ? ta.shape[0] : ta.shape[ta.rank - (transposeA ? 2 : 1)];
  const kb = vecB ? tb.shape[0] : tb.shape[tb.rank - (transposeB ? 1 : 2)];
  if (ka !== kb) throw innerMismatch(ta.shape, tb.shape, attrs);
  const dtype: DType = upcast(ta.dtype, tb.dtype);
  ta = cast(ta, dtype); tb = cast(tb, dtype);
  // Transposing a vector changes nothing, so the promoted operands drop their flag.
  if (vecA) ta = reshape(ta, [1, ka]);
  if (vecB) tb = reshape(tb, [kb, 1]);
  const y = run(MatMul, [ta, tb], { transposeA: transposeA && !vecA, transposeB: transposeB && !vecB });
  if (!vecA && !vecB) return y;
  const r = y.rank;
  return reshape(y, [...y.shape.slice(0, r - 2), ...(vecA ? [] : [y.shape[r - 2]]), ...(vecB ? [] : [y.shape[r - 1]])]);
}
