// Native kernels of matrix products, elementwise arithmetic, comparisons and where, activations, sums and
// softmax (float32 operands).
import type { Buf } from '../../core/op.js';
import type { FusedMatMulAttrs, PrimitiveActivation } from '../../ops/fused-matmul.js';
import type { LstmGatesAttrs } from '../../ops/lstm-gates.js';
import type { MatMulAttrs } from '../../ops/matmul.js';
import type { AdamStepAttrs } from '../../optimizers/adam-step.js';
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

const FUSED_ACTIVATION: Readonly<Record<PrimitiveActivation, number>> = { linear: -1, relu: 0, sigmoid: 1, tanh: 2 };

const fusedMatMulKernel: KernelFactory = (addon, reference) => float32Only(reference, ({ inputs, outputs, attrs }) => {
  // Indexed, not destructured: batch-1 inference runs this per layer and array patterns iterate.
  const a = inputs[0], b = inputs[1], bias = inputs[2] as Buf | undefined, c = outputs[0];
  const { transposeA, transposeB, activation } = attrs as FusedMatMulAttrs;
  const [m, n] = c.shape, k = a.shape[transposeA ? 0 : 1];
  addon.fusedMatMul(f32(a), f32(b), bias ? f32(bias) : null, f32(c), m, n, k, transposeA, transposeB, FUSED_ACTIVATION[activation]);
  return true;
});

const lstmGatesKernel: KernelFactory = (addon, reference) => float32Only(reference, ({ inputs: [z, c], outputs: [h2, c2, acts], attrs }) => {
  const [b, u] = c.shape;
  addon.lstmGates(f32(z), f32(c), f32(h2), f32(c2), f32(acts), b, u, (attrs as LstmGatesAttrs).recurrentActivation === 'sigmoid' ? 0 : 1);
  return true;
});

const lstmGatesGradKernel: KernelFactory = (addon, reference) => float32Only(reference, ({ inputs: [z, c, acts, dh, dc], outputs: [dz, dcPrev], attrs }) => {
  const [b, u] = c.shape;
  addon.lstmGatesGrad(f32(z), f32(c), f32(acts), f32(dh), f32(dc), f32(dz), f32(dcPrev), b, u,
    (attrs as LstmGatesAttrs).recurrentActivation === 'sigmoid' ? 0 : 1);
  return true;
});

function binaryKernel(op: number): KernelFactory {
  return (addon, reference) => float32Only(reference, ({ inputs: [a, b], outputs: [c] }) => {
    addon.binary(op, f32(a), f32(b), f32(c), pairGeometry(a, b, c));
    return true;
  });
}

// Reused Float64Arrays by length: the addon reads a geometry during the call only, and kernels run one at a time.
const scratch: Float64Array[] = [];

/** [shape, then each operand's strides] in a reused Float64Array. */
function geometry(shape: readonly number[], strides: readonly (readonly number[])[]): Float64Array {
  const rank = shape.length, len = rank * (strides.length + 1);
  const g = scratch[len] ??= new Float64Array(len);
  g.set(shape);
  strides.forEach((s, k) => g.set(s, (k + 1) * rank));
  return g;
}

/** A one-dimensional geometry: n elements, each operand with stride 1 or 0 (a scalar). */
function flatGeometry(n: number, ...strides: number[]): Float64Array {
  const len = strides.length + 1;
  const g = scratch[len] ??= new Float64Array(len);
  g[0] = n;
  for (let k = 0; k < strides.length; k++) g[k + 1] = strides[k];
  return g;
}

/** The geometry of two operands (flat fast paths for equal sizes and scalars, broadcast strides otherwise). */
function pairGeometry(a: Buf, b: Buf, out: Buf): Float64Array {
  const n = out.data.length, na = a.data.length, nb = b.data.length;
  if (na === n && (nb === n || nb === 1)) return flatGeometry(n, 1, nb === n ? 1 : 0);
  if (na === 1 && nb === n) return flatGeometry(n, 0, 1);
  return geometry(out.shape, [broadcastStrides(a.shape, out.shape), broadcastStrides(b.shape, out.shape)]);
}

/** Comparisons of two float32 tensors into a bool tensor. */
function compareKernel(op: number): KernelFactory {
  return (addon, reference) => (args) => {
    const { inputs: [a, b], outputs: [c] } = args;
    if (!(a.data instanceof Float32Array && b.data instanceof Float32Array && c.data instanceof Uint8Array)) {
      reference(args);
      return;
    }
    addon.compare(op, a.data, b.data, c.data, pairGeometry(a, b, c));
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
    addon.where(c.data, a.data, b.data, y.data, flatGeometry(n, 1, 1, b.data.length === n ? 1 : 0));
  } else {
    addon.where(c.data, a.data, b.data, y.data, geometry(y.shape,
      [broadcastStrides(c.shape, y.shape), broadcastStrides(a.shape, y.shape), broadcastStrides(b.shape, y.shape)]));
  }
};

/** x * x as the product of x with itself (the same bits as the reference). */
const squareKernel: KernelFactory = (addon, reference) => float32Only(reference, ({ inputs: [x], outputs: [y] }) => {
  addon.binary(2, f32(x), f32(x), f32(y), flatGeometry(y.data.length, 1, 1));
  return true;
});

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

function activationGradKernel(op: number): KernelFactory {
  return (addon, reference) => float32Only(reference, ({ inputs: [x, dy], outputs: [y] }) => {
    addon.activationGrad(op, f32(x), f32(dy), f32(y));
    return true;
  });
}

/** Adam's in-place step on distinct arrays (AMSGrad, with its fourth array, stays on the reference loop). */
const adamKernel: KernelFactory = (addon, reference) => {
  const constants = new Float64Array(7);
  return float32Only(reference, ({ inputs: [g], outputs, attrs }) => {
    if (outputs.length !== 3) return false;
    const buffers = new Set([g.data.buffer, outputs[0].data.buffer, outputs[1].data.buffer, outputs[2].data.buffer]);
    if (buffers.size !== 4) return false;
    const { beta1, beta2, epsilon, step, invSqrtBc2 } = attrs as AdamStepAttrs;
    constants[0] = beta1; constants[1] = 1 - beta1; constants[2] = beta2; constants[3] = 1 - beta2;
    constants[4] = step; constants[5] = invSqrtBc2; constants[6] = epsilon;
    addon.adam(f32(outputs[0]), f32(g), f32(outputs[1]), f32(outputs[2]), constants);
    return true;
  });
};

/** Native kernels of this family, by op name. */
export const MATH_KERNELS: Readonly<Record<string, KernelFactory>> = {
  MatMul: matmulKernel,
  FusedMatMul: fusedMatMulKernel,
  LstmGates: lstmGatesKernel,
  LstmGatesGrad: lstmGatesGradKernel,
  Add: binaryKernel(0),
  Sub: binaryKernel(1),
  Mul: binaryKernel(2),
  Div: binaryKernel(3),
  Square: squareKernel,
  Equal: compareKernel(0),
  NotEqual: compareKernel(1),
  Less: compareKernel(2),
  LessEqual: compareKernel(3),
  Greater: compareKernel(4),
  GreaterEqual: compareKernel(5),
  Where: whereKernel,
  Relu: unaryKernel(0),
  ReluGrad: activationGradKernel(0),
  Sigmoid: unaryKernel(1),
  Tanh: unaryKernel(2),
  HardSigmoid: unaryKernel(3),
  HardSigmoidGrad: activationGradKernel(1),
  Sum: sumKernel,
  Softmax: softmaxKernel(false),
  LogSoftmax: softmaxKernel(true),
  AdamStep: adamKernel,
};
