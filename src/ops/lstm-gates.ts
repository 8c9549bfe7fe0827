// The elementwise part of an LSTM step as one primitive: from the gate pre-activations z = [i, f, c, o] (each
// `units` wide) and the cell state c, the new state c' = f(z_f) c + f(z_i) tanh(z_c) and output
// h' = f(z_o) tanh(c'), f the gate activation. Written as separate ops a step makes ten tensors forward and
// about fifteen backward, each a dispatch; with 28 steps per sequence that dispatching outweighed the arithmetic.
// Not a public op: the LSTM layer calls it (src/nn/layers/lstm.ts).
import { isFloat } from '../core/dtype.js';
import { check, fmtShape } from '../core/errors.js';
import { isGradEnabled } from '../core/grad-mode.js';
import { op, runOp } from '../core/op.js';
import type { TensorInfo } from '../core/op.js';
import type { Tensor } from '../core/tensor.js';
import { hardSigmoid, sigmoid, tanh } from './activations.js';
import { add, mul, sub } from './arithmetic.js';
import { greaterEqual, lessEqual, where } from './compare.js';
import { concat, split } from './concat.js';
import { sigmoid as sigmoidScalar } from './kernels/special.js';
import { logicalAnd } from './logical.js';
import { square } from './unary-math.js';

/** The gate activations the primitive computes itself (tanh is the candidate and output activation). */
export type GateActivation = 'sigmoid' | 'hardSigmoid';

/** Attributes of the LstmGates primitives. */
export interface LstmGatesAttrs {
  readonly recurrentActivation: GateActivation;
}

const API = 'lstm';
const F32_POINT_2 = Math.fround(0.2);

function gatesInfo([z, c]: readonly TensorInfo[]): TensorInfo[] {
  const [b, u] = c.shape;
  check(c.shape.length === 2 && z.shape.length === 2 && z.shape[0] === b && z.shape[1] === 4 * u && z.dtype === c.dtype && isFloat(z.dtype), API,
    () => `gates must be [batch, 4 units] and the state [batch, units] of one float dtype, received ${fmtShape(z.shape)} and ${fmtShape(c.shape)}`);
  return [c, c, { shape: [b, 5 * u], dtype: c.dtype }];
}

/**
 * The gate activation on one value, rounded like the HardSigmoid / Sigmoid ops (`r` rounds to the dtype).
 * hardSigmoid rounds 0.2 x, then adds 0.5, as its op does.
 */
function gate(kind: GateActivation, x: number, r: (v: number) => number): number {
  if (kind === 'sigmoid') return r(sigmoidScalar(x));
  const u = r(r(x * (r === Math.fround ? F32_POINT_2 : 0.2)) + 0.5);
  return u < 0 ? 0 : u > 1 ? 1 : u;
}

const identity = (v: number): number => v;

// Outputs h', c' and, saved for the gradient, each row's activations [i, f, tanh(z_c), o, tanh(c')] (5 units).
const LstmGates = op<LstmGatesAttrs>({
  name: 'LstmGates', api: API,
  writesAll: true,
  savedOutputs: 1,
  infer: gatesInfo,
  // Every product and sum rounds to the dtype, as the separate ops do, so both give the same bits.
  kernel: ({ inputs: [z, c], outputs: [h2, c2, acts], attrs: { recurrentActivation: kind } }) => {
    const [b, u] = c.shape, Z = z.data, C = c.data, H2 = h2.data, C2 = c2.data, A = acts.data;
    const r = Z instanceof Float32Array ? Math.fround : identity;
    for (let n = 0; n < b; n++) {
      const zr = n * 4 * u, sr = n * u, ar = n * 5 * u;
      for (let j = 0; j < u; j++) {
        const i = gate(kind, Z[zr + j], r), f = gate(kind, Z[zr + u + j], r);
        const g = r(Math.tanh(Z[zr + 2 * u + j])), o = gate(kind, Z[zr + 3 * u + j], r);
        const cn = r(r(f * C[sr + j]) + r(i * g));
        const t = r(Math.tanh(cn));
        C2[sr + j] = cn;
        H2[sr + j] = r(o * t);
        A[ar + j] = i;
        A[ar + u + j] = f;
        A[ar + 2 * u + j] = g;
        A[ar + 3 * u + j] = o;
        A[ar + 4 * u + j] = t;
      }
    }
  },
  grad: ({ dys: [dh, dc], inputs: [z, c], outputs: [, c2, acts], attrs }) => {
    // A plain backward pass (no graph of the gradient recorded) uses the one-pass gradient primitive on the saved
    // activations; gradients of gradients need a differentiable rule, written with public ops.
    if (!isGradEnabled()) return runOp(LstmGatesGrad, [z, c, acts, dh, dc], attrs);
    return composedGrad(z, c, c2, dh, dc, attrs.recurrentActivation);
  },
});

/**
 * The derivative of the gate activation at z (whose activation is y) times d, element by element (as
 * HardSigmoid's / Sigmoid's grads).
 */
function gateGrad(kind: GateActivation, z: number, y: number, d: number, r: (v: number) => number): number {
  if (kind === 'sigmoid') return d * y * (1 - y);
  const u = r(r(z * (r === Math.fround ? F32_POINT_2 : 0.2)) + 0.5);
  return u >= 0 && u <= 1 ? d * (r === Math.fround ? F32_POINT_2 : 0.2) : 0;
}

/**
 * [dz, dc] from z, c, the saved activations and the cotangents of h' and c'; each result rounded once to the
 * dtype. (The hard sigmoid's derivative reads z: at the ends of its linear part its output cannot tell.)
 */
const LstmGatesGrad = op<LstmGatesAttrs>({
  name: 'LstmGatesGrad', api: API,
  writesAll: true,
  infer: ([z, c]) => [z, c],
  kernel: ({ inputs: [z, c, acts, dh, dc], outputs: [dz, dcPrev], attrs: { recurrentActivation: kind } }) => {
    const [b, u] = c.shape, Z = z.data, C = c.data, A = acts.data, DH = dh.data, DC = dc.data, DZ = dz.data, DCP = dcPrev.data;
    const r = Z instanceof Float32Array ? Math.fround : identity;
    for (let n = 0; n < b; n++) {
      const zr = n * 4 * u, sr = n * u, ar = n * 5 * u;
      for (let j = 0; j < u; j++) {
        const zi = Z[zr + j], zf = Z[zr + u + j], zo = Z[zr + 3 * u + j];
        const i = A[ar + j], f = A[ar + u + j], g = A[ar + 2 * u + j], o = A[ar + 3 * u + j];
        const t = A[ar + 4 * u + j], d = DH[sr + j];
        const dcT = DC[sr + j] + d * o * (1 - t * t);
        DZ[zr + j] = gateGrad(kind, zi, i, dcT * g, r);
        DZ[zr + u + j] = gateGrad(kind, zf, f, dcT * C[sr + j], r);
        DZ[zr + 2 * u + j] = dcT * i * (1 - g * g);
        DZ[zr + 3 * u + j] = gateGrad(kind, zo, o, d * t, r);
        DCP[sr + j] = dcT * f;
      }
    }
  },
});

/** The same gradient from differentiable public ops. */
function composedGrad(z: Tensor, c: Tensor, c2: Tensor, dh: Tensor, dc: Tensor, kind: GateActivation): Tensor[] {
  const [zi, zf, zc, zo] = split(z, 4, -1);
  const act = kind === 'sigmoid' ? sigmoid : hardSigmoid;
  const i = act(zi), f = act(zf), g = tanh(zc), o = act(zo), t = tanh(c2);
  const dcT = add(dc, mul(mul(dh, o), sub(1, square(t))));
  const through = (x: Tensor, y: Tensor, d: Tensor): Tensor => {
    if (kind === 'sigmoid') return mul(d, mul(y, sub(1, y)));
    const u = add(mul(x, 0.2), 0.5);
    return where(logicalAnd(greaterEqual(u, 0), lessEqual(u, 1)), mul(d, 0.2), 0);
  };
  const dz = [through(zi, i, mul(dcT, g)), through(zf, f, mul(dcT, c)), mul(mul(dcT, i), sub(1, square(g))), through(zo, o, mul(dh, t))];
  return [concat(dz, -1), mul(dcT, f)];
}

/**
 * One LSTM step after the gate pre-activations z [batch, 4 units] (gates i, f, c, o) and the cell state c: returns
 * [h', c'] with tanh as candidate and output activation and `recurrentActivation` on the gates.
 * @example const [h1, c1] = lstmGates(z, c0, 'hardSigmoid')
 */
export function lstmGates(z: Tensor, c: Tensor, recurrentActivation: GateActivation): [Tensor, Tensor] {
  // The saved activations stay with the graph (and are dead at once without one).
  const [h2, c2] = runOp(LstmGates, [z, c], { recurrentActivation });
  return [h2, c2];
}
