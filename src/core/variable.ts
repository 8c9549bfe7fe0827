import { check, fmtShape } from './errors.js';
import { isFloat } from './dtype.js';
import type { DType } from './dtype.js';
import { shapesEqual } from './shape.js';
import { Tensor } from './tensor.js';
import { allocPersistentStorage } from './backend.js';

let counter = 0;

/**
 * A named, mutable weight: a leaf tensor that requires a gradient when trainable, updated in place by
 * optimizers and by `assign` (so graphs and layers keep pointing at the same storage).
 * @example const w = new Variable(randomNormal([3, 2]), 'dense/kernel'); w.assign(zeros([3, 2]))
 */
export class Variable {
  /** Unique name, e.g. 'dense_1/kernel'. */
  readonly name: string;
  private current: Tensor;
  private isTrainable: boolean;

  constructor(initial: Tensor, name?: string, trainable = true) {
    check(initial instanceof Tensor, 'Variable', () => 'initial value must be a tensor');
    this.name = name ?? `variable_${counter++}`;
    this.isTrainable = trainable && isFloat(initial.dtype);
    // A copy in long-lived storage (the native backend aligns large ones and puts them in huge pages).
    const storage = allocPersistentStorage(initial.dtype, initial.size);
    storage.set(initial.storage);
    // Kept: a variable created inside tidy() outlives it.
    this.current = Tensor.fromStorage(storage, initial.shape, initial.dtype).markKept();
    if (this.isTrainable) this.current.requiresGrad_();
  }

  /** The current value (a leaf tensor; requires a gradient when trainable). */
  get value(): Tensor { return this.current; }
  /** Same as `value`, named like TensorFlow.js's `read()`. */
  read(): Tensor { return this.current; }
  /** Shape of the value. */
  get shape(): readonly number[] { return this.current.shape; }
  /** dtype of the value. */
  get dtype(): DType { return this.current.dtype; }

  /** Whether optimizers update this variable (freezing keeps its value fixed). */
  get trainable(): boolean { return this.isTrainable; }
  set trainable(on: boolean) {
    this.isTrainable = on && isFloat(this.current.dtype);
    this.current.requiresGrad = this.isTrainable;
  }

  /**
   * Overwrites the value in place with `t` (same shape; cast to the variable's dtype).
   * @example w.assign(w.value.mul(0.5))
   */
  assign(t: Tensor): void {
    check(t instanceof Tensor, 'Variable.assign', () => `expected a tensor for ${this.name}`);
    check(shapesEqual(t.shape, this.shape), 'Variable.assign',
      () => `shape of ${this.name} is ${fmtShape(this.shape)}, received ${fmtShape(t.shape)}`);
    if (t.storage !== this.current.storage) this.current.storage.set(t.storage);
  }
}
