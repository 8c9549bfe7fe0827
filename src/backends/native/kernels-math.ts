// Native kernels of matrix products, elementwise arithmetic, comparisons and where, activations, sums and
// softmax (float32 operands).
import type { Buf } from '../../core/op.js';
import type { MatMulAttrs } from '../../ops/matmul.js';
import type { ReduceAttrs } from '../../ops/reduce-sum.js';
import { broadcastStrides } from '../../ops/kernels/elementwise.js';
import type { NativeAddon } from './addon.js';
import { f32, float32Only, product } from './bind.js';
import type { KernelFactory } from './bind.js';

function matmulKernel(addon: NativeAddon, reference: Parameters<KernelFactory>[1]) {
  return float32Only(reference, ({ inputs: [a, b], outputs: [c], attrs }) => {
    const { transposeA, transposeB } = attrs as MatMulAttrs;
    const ra = a.shape.length, rb = b.shape.length, rc = c.shape.length;
    const m = c.shape[rc - 2], n = c.shape[rc - 1];
    const k = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
    const batchShape = c.shape.slice(0, rc - 2);
    const batches = product(batchShape);
    // A shared right operand and a plain left one: the batch folds into M, one large product.
    if (batches === 1 || (rb === 2 && !transposeA)) {
      addon.matmul(f32(a), f32(b), f32(c), batches * m, n, k, transposeA, transposeB, false, null, null);
      return true;
    }
    const sa = broadcastStrides(a.shape.slice(0, ra - 2), batchShape);
    const sb = broadcastStrides(b.shape.slice(0, rb - 2), batchShape);
    const aOff = new Float64Array(batches), bOff = new Float64Array(batches);
    const nd = batchShape.length, idx = new Array<number>(nd).fill(0);
    const matA = m * k, matB = k * n;
    let ia = 0, ib = 0;
    for (let t = 0; t < batches; t++) {
      aOff[t] = ia * matA;
      bOff[t] = ib * matB;
      for (let d = nd - 1; d >= 0; d--) {
        idx[d]++; ia += sa[d]; ib += sb[d];
        if (idx[d] < batchShape[d]) break;
        ia -= sa[d] * batchShape[d]; ib -= sb[d] * batchShape[d]; idx[d] = 0;
      }
    }
    addon.matmul(f32(a), f32(b), f32(c), m, n, k, transposeA, transposeB, false, aOff, bOff);
    return true;
  });
}

function binaryKernel(op: number): KernelFactory {
  return (addon, reference) => float32Only(reference, ({ inputs: [a, b], outputs: [c] }) => {
    const [shape, sa, sb] = pairStrides(a, b, c);
    addon.binary(op, f32(a), f32(b), f32(c), shape, sa, sb);
    return true;
  });
}

/** Strides of the two operands (flat fast paths for equal sizes and scalars, broadcast strides otherwise). */
function pairStrides(a: Buf, b: Buf, out: Buf): [readonly number[], readonly number[], readonly number[]] {
  const n = out.data.length, na = a.data.length, nb = b.data.length;
  if (na === n && (nb === n || nb === 1)) return [[n], [1], [nb === n ? 1 : 0]];
  if (na === 1 && nb === n) return [[n], [0], [1]];
  return [out.shape, broadcastStrides(a.shape, out.shape), broadcastStrides(b.shape, out.shape)];
}

/** Comparisons of two float32 tensors into a bool tensor. */
function compareKernel(op: number): KernelFactory {
  return (addon, reference) => (args) => {
    const { inputs: [a, b], outputs: [c] } = args;
    if (!(a.data instanceof Float32Array && b.data instanceof Float32Array && c.data instanceof Uint8Array)) {
      reference(args);
      return;
    }
    const [shape, sa, sb] = pairStrides(a, b, c);
    addon.compare(op, a.data, b.data, c.data, shape, sa, sb);
  };
}

/** where(bool, float32, float32). */
const whereKernel: KernelFactory = (addon, reference) => (args) => {
  const { inputs: [c, a, b], outputs: [y] } = args;
  if (!(c.data instanceof Uint8Array && a.data instanceof Float32Array && b.data instanceof Float32Array && y.data instanceof Float32Array)) {
    reference(args);
    return;
  }
  const n = y.data.length;
  if (c.data.length === n && a.data.length === n && (b.data.length === n || b.data.length === 1)) {
    addon.where(c.data, a.data, b.data, y.data, [n], [1], [1], [b.data.length === n ? 1 : 0]);
  } else {
    addon.where(c.data, a.data, b.data, y.data, y.shape, broadcastStrides(c.shape, y.shape),
      broadcastStrides(a.shape, y.shape), broadcastStrides(b.shape, y.shape));
  }
};

function unaryKernel(op: number): KernelFactory {
  return (addon, reference) => float32Only(reference, ({ inputs: [x], outputs: [y] }) => {
    addon.unary(op, f32(x), f32(y));
    return true;
  });
}

/**
 * [outer, reduce, inner] when the reduced axes form one block once unit dimensions are ignored, else undefined.
 * @example reductionBlock([4, 1, 3, 5], [1, 2]) // [4, 3, 5]
 */
export function reductionBlock(shape: readonly number[], axes: readonly number[]): [number, number, number] | undefined {
  let outer = 1, reduce = 1, inner = 1, phase = 0; // 0: before the block, 1: in it, 2: after it
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const reduced = axes.includes(d);
    if (reduced) {
      if (phase === 2) return undefined;
      phase = 1;
      reduce *= shape[d];
    } else if (phase === 0) {
      outer *= shape[d];
    } else {
      phase = 2;
      inner *= shape[d];
    }
  }
  return [outer, reduce, inner];
}

const sumKernel: KernelFactory = (addon, reference) => float32Only(reference, ({ inputs: [x], outputs: [y], attrs }) => {
  const block = reductionBlock(x.shape, (attrs as ReduceAttrs).axes);
  if (!block || x.shape.includes(0)) return false;
  addon.sum(f32(x), f32(y), block[0], block[1], block[2]);
  return true;
});

function lineShape(x: Buf, axis: number): [number, number, number] {
  return [product(x.shape, 0, axis), x.shape[axis], product(x.shape, axis + 1)];
}

function softmaxKernel(log: boolean): KernelFactory {
  return (addon, reference) => float32Only(reference, ({ inputs: [x], outputs: [y], attrs }) => {
    const [outer, n, inner] = lineShape(x, (attrs as { axis: number }).axis);
    addon.softmax(f32(x), f32(y), outer, n, inner, log);
    return true;
  });
}

/** Native kernels of this family, by op name. */
export const MATH_KERNELS: Readonly<Record<string, KernelFactory>> = {
  MatMul: matmulKernel,
  Add: binaryKernel(0),
  Sub: binaryKernel(1),
  Mul: binaryKernel(2),
  Div: binaryKernel(3),
  Equal: compareKernel(0),
  NotEqual: compareKernel(1),
  Less: compareKernel(2),
  LessEqual: compareKernel(3),
  Greater: compareKernel(4),
  GreaterEqual: compareKernel(5),
  Where: whereKernel,
  Relu: unaryKernel(0),
  Sigmoid: unaryKernel(1),
  Tanh: unaryKernel(2),
  Sum: sumKernel,
  Softmax: softmaxKernel(false),
  LogSoftmax: softmaxKernel(true),
};
