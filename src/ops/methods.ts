// Chainable methods on Tensor (x.add(y).relu()), each delegating to the op function of the same name.
import { backward } from '../core/autograd.js';
import type { BackwardOptions } from '../core/autograd.js';
import type { DType } from '../core/dtype.js';
import { Tensor } from '../core/tensor.js';
import * as o from './index.js';
import type { TensorLike } from './convert.js';

declare module '../core/tensor.js' {
  interface Tensor {
    /** Accumulates gradients of this tensor into `.grad` of the leaves; see `backward`. */
    backward(dy?: Tensor, options?: BackwardOptions): void;
    /** See `add`. */ add(b: TensorLike): Tensor;
    /** See `sub`. */ sub(b: TensorLike): Tensor;
    /** See `mul`. */ mul(b: TensorLike): Tensor;
    /** See `div`. */ div(b: TensorLike): Tensor;
    /** See `neg`. */ neg(): Tensor;
    /** See `sum`. */ sum(axis?: number | readonly number[], keepDims?: boolean): Tensor;
    /** See `reshape`. */ reshape(shape: readonly number[]): Tensor;
    /** See `broadcastTo`. */ broadcastTo(shape: readonly number[]): Tensor;
    /** See `cast`. */ cast(dtype: DType): Tensor;
    /** See `clone`. */ clone(): Tensor;
  }
}

const p = Tensor.prototype;
p.backward = function (this: Tensor, dy?: Tensor, options?: BackwardOptions) { backward(this, dy, options); };
p.add = function (this: Tensor, b: TensorLike) { return o.add(this, b); };
p.sub = function (this: Tensor, b: TensorLike) { return o.sub(this, b); };
p.mul = function (this: Tensor, b: TensorLike) { return o.mul(this, b); };
p.div = function (this: Tensor, b: TensorLike) { return o.div(this, b); };
p.neg = function (this: Tensor) { return o.neg(this); };
p.sum = function (this: Tensor, axis?: number | readonly number[], keepDims?: boolean) { return o.sum(this, axis, keepDims); };
p.reshape = function (this: Tensor, shape: readonly number[]) { return o.reshape(this, shape); };
p.broadcastTo = function (this: Tensor, shape: readonly number[]) { return o.broadcastTo(this, shape); };
p.cast = function (this: Tensor, dtype: DType) { return o.cast(this, dtype); };
p.clone = function (this: Tensor) { return o.clone(this); };
