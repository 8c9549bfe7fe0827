import type { FloatArray } from '../core/dtype.js';
import { allocArray } from '../core/dtype.js';
import { allocPersistentStorage } from '../core/backend.js';
import { ArgumentError, check, describe, fmtShape } from '../core/errors.js';
import { shapesEqual } from '../core/shape.js';
import { Tensor } from '../core/tensor.js';
import { Variable } from '../core/variable.js';
import { variableGrads } from '../train/variable-grads.js';
import { clipByGlobalNormInPlace, clipByNormInPlace, clipByValueInPlace } from './clip.js';
import { LearningRateSchedule, getSchedule } from './schedules.js';
import type { ScheduleConfig } from './schedules.js';

/** A tensor with a name, as optimizer weights are saved (TensorFlow.js `NamedTensor`). */
export interface NamedTensor {
  name: string;
  tensor: Tensor;
}

/** Per-variable optimizer state: named arrays ("slots") of the variable's size and dtype. */
export type Slots = Record<string, FloatArray>;

/** What one update step knows besides the weight, gradient and state. */
export interface UpdateStep {
  /** Learning rate of this step (a schedule already evaluated). */
  readonly lr: number;
  /** 1 for the first update, as `t` in the Adam paper. */
  readonly t: number;
}

/** Options every optimizer accepts (Keras names, camelCase). */
export interface OptimizerOptions {
  /** A number or a schedule evaluated at each step. */
  learningRate?: number | LearningRateSchedule;
  /** Rescale each gradient so its norm is at most this. */
  clipnorm?: number;
  /** Rescale all gradients together so their joint norm is at most this. */
  globalClipnorm?: number;
  /** Clamp each gradient element to [-clipvalue, clipvalue]. */
  clipvalue?: number;
  /** Decoupled weight decay: `w -= lr * weightDecay * w` before each update (Keras 3, AdamW). */
  weightDecay?: number;
}

/** Gradients as `applyGradients` accepts them. */
export type GradientsInput =
  | Map<Variable, Tensor | null | undefined>
  | readonly { variable: Variable; grad: Tensor | null | undefined }[]
  | readonly [Tensor | null | undefined, Variable][]
  | readonly NamedTensor[]
  | Record<string, Tensor | null | undefined>;

/** The serialized form of an optimizer: class name plus config (Keras/TensorFlow.js style). */
export interface OptimizerConfig {
  className: string;
  config: Record<string, unknown>;
}

/**
 * The base of every optimizer: subclasses only say how to create a variable's state (`initState`) and how to
 * update one weight array from its gradient (`update`, a plain loop over typed arrays). The base handles
 * gradient formats, clipping, weight decay, learning-rate schedules, the step counter and state save/restore.
 * @example const opt = adam({ learningRate: 0.01 }); opt.applyGradients(grads); opt.iterations // 1
 */
export abstract class Optimizer {
  /** Number of `applyGradients` calls so far. */
  iterations = 0;
  /** A number, or a schedule evaluated at `iterations`; callbacks such as ReduceLROnPlateau overwrite it. */
  learningRate: number | LearningRateSchedule;
  readonly clipnorm: number | undefined;
  readonly globalClipnorm: number | undefined;
  readonly clipvalue: number | undefined;
  readonly weightDecay: number;
  private readonly states = new Map<Variable, Slots>();
  private readonly pending = new Map<string, Tensor>();
  /** Restored slots by slot name, in saved variable order: the fallback when variable names differ. */
  private readonly pendingBySlot = new Map<string, Tensor[]>();

  protected constructor(options: OptimizerOptions, defaultLearningRate: number) {
    const fn = this.getClassName();
    const lr = options.learningRate ?? defaultLearningRate;
    check(lr instanceof LearningRateSchedule || (typeof lr === 'number' && Number.isFinite(lr) && lr >= 0), fn,
      () => `learningRate must be a non-negative number or a LearningRateSchedule, received ${describe(lr)}`);
    this.learningRate = lr;
    const positive = (name: string, v: number | undefined): number | undefined => {
      check(v === undefined || (typeof v === 'number' && v > 0), fn, () => `${name} must be a positive number, received ${describe(v)}`);
      return v;
    };
    this.clipnorm = positive('clipnorm', options.clipnorm);
    this.globalClipnorm = positive('globalClipnorm', options.globalClipnorm);
    this.clipvalue = positive('clipvalue', options.clipvalue);
    const set = [this.clipnorm, this.globalClipnorm, this.clipvalue].filter((v) => v !== undefined).length;
    check(set <= 1, fn, () => 'only one of clipnorm, globalClipnorm and clipvalue may be set');
    this.weightDecay = options.weightDecay ?? 0;
    check(typeof this.weightDecay === 'number' && this.weightDecay >= 0, fn,
      () => `weightDecay must be a non-negative number, received ${describe(options.weightDecay)}`);
  }

  /** The class name used in configs ('Adam', 'SGD', ...). */
  abstract getClassName(): string;
  /** The slots `initState` creates, in the order `getWeights` lists them. */
  protected abstract slotNames(): readonly string[];
  /** The optimizer's own hyperparameters, for `getConfig`. */
  protected abstract hyperparameters(): Record<string, number | boolean>;
  /** Creates a variable's state (zeroed slots of its size; see `zerosFor`). */
  abstract initState(variable: Variable): Slots;
  /** Updates the weights `w` in place from the gradient `g` and the variable's state. */
  abstract update(w: FloatArray, g: FloatArray, state: Slots, step: UpdateStep): void;
  /**
   * True when `update` never writes into `g` nor keeps it after returning: then, without clipping,
   * `applyGradients` hands it the gradient tensor's own storage instead of a copy (a copy of every weight per
   * step is a large part of a small model's step). Subclasses that do not declare it get a private copy.
   */
  protected readonly readsGradientOnly: boolean = false;

  /** A zeroed slot with the variable's size and dtype. */
  protected zerosFor(variable: Variable, fill = 0): FloatArray {
    const a = allocPersistentStorage(variable.dtype === 'float64' ? 'float64' : 'float32', variable.value.size);
    if (fill !== 0) a.fill(fill);
    return a;
  }

  /**
   * The learning rate the next update will use.
   * @example adam({ learningRate: 0.01 }).currentLearningRate() // 0.01
   */
  currentLearningRate(): number {
    return this.learningRate instanceof LearningRateSchedule ? this.learningRate.call(this.iterations) : this.learningRate;
  }

  /**
   * Updates each variable from its gradient (a `Map`, `{variable, grad}` pairs, `[grad, variable]` pairs,
   * TensorFlow.js `{name, tensor}` pairs or a name-keyed record; names are looked up in `varList`, else among
   * the variables this optimizer has already updated). Null gradients are skipped.
   * @example opt.applyGradients(new Map([[w, dw]]))
   */
  applyGradients(grads: GradientsInput, varList?: readonly Variable[]): void {
    const pairs = this.normalize(grads, varList);
    const clipping = this.globalClipnorm !== undefined || this.clipnorm !== undefined || this.clipvalue !== undefined;
    // A gradient sharing memory with a weight updated in this call must be copied before any update writes.
    const weightBuffers = new Set<ArrayBufferLike>();
    for (const [v] of pairs) weightBuffers.add(v.value.storage.buffer);
    const arrays = pairs.map(([v, g]) => this.gradArray(v, g, clipping || !this.readsGradientOnly, weightBuffers));
    if (this.globalClipnorm !== undefined) clipByGlobalNormInPlace(arrays, this.globalClipnorm);
    for (const a of arrays) {
      if (this.clipnorm !== undefined) clipByNormInPlace(a, this.clipnorm);
      if (this.clipvalue !== undefined) clipByValueInPlace(a, this.clipvalue);
    }
    const step: UpdateStep = { lr: this.currentLearningRate(), t: this.iterations + 1 };
    for (let i = 0; i < pairs.length; i++) {
      const v = pairs[i][0];
      const w = v.value.storage as FloatArray;
      if (this.weightDecay > 0) {
        const f = 1 - step.lr * this.weightDecay;
        for (let k = 0; k < w.length; k++) w[k] *= f;
      }
      this.update(w, arrays[i], this.stateOf(v), step);
    }
    this.iterations++;
  }

  /**
   * Computes the gradients of the scalar `f()` with respect to `varList` and applies them; returns the loss.
   * Accepts TensorFlow.js's `minimize(f, returnCost, varList)` form too.
   * @example const loss = opt.minimize(() => model.apply(x).sub(y).square().mean(), model.trainableWeights)
   */
  minimize(f: () => Tensor, varListOrReturnCost?: readonly Variable[] | boolean, varList?: readonly Variable[]): Tensor {
    const vars = Array.isArray(varListOrReturnCost) ? varListOrReturnCost : varList;
    const { value, grads } = variableGrads(f, vars);
    this.applyGradients(grads);
    return value;
  }

  /**
   * The state to save: `iter` (the step count) then each slot of each variable, named `<variable>/<slot>`
   * (TensorFlow.js order and names, e.g. `dense/kernel/m`). Tensors are copies.
   * @example const saved = opt.getWeights(); later.setWeights(saved)
   */
  getWeights(): NamedTensor[] {
    const out: NamedTensor[] = [{ name: 'iter', tensor: Tensor.fromStorage(Int32Array.of(this.iterations), [], 'int32') }];
    for (const slot of this.slotNames()) {
      for (const [v, s] of this.states) {
        out.push({ name: `${v.name}/${slot}`, tensor: Tensor.fromStorage(s[slot].slice(), v.shape, v.dtype === 'float64' ? 'float64' : 'float32') });
      }
    }
    return out;
  }

  /**
   * Restores state saved by `getWeights`. A variable's slots are matched by its name, else by its position among
   * the variables (the order they were first updated in, which TensorFlow.js relies on), so state saved from one
   * model instance restores into a rebuilt one whose layers got other names. Slots of variables not seen yet are
   * kept until their first update.
   * @example opt.setWeights(saved)
   */
  setWeights(weights: readonly NamedTensor[]): void {
    check(Array.isArray(weights), 'setWeights', () => `expected an array of {name, tensor}, received ${describe(weights)}`);
    this.pending.clear();
    this.pendingBySlot.clear();
    for (const w of weights) {
      check(w && typeof w.name === 'string' && w.tensor instanceof Tensor, 'setWeights', () => `each entry needs a name and a tensor, received ${describe(w)}`);
      if (w.name === 'iter') { this.iterations = Number(w.tensor.storage[0]); continue; }
      this.pending.set(w.name, w.tensor);
      const slot = w.name.slice(w.name.lastIndexOf('/') + 1);
      let list = this.pendingBySlot.get(slot);
      if (!list) this.pendingBySlot.set(slot, list = []);
      list.push(w.tensor);
    }
    let i = 0;
    for (const [v, s] of this.states) this.restore(v, s, i++);
  }

  /**
   * The optimizer's class name and options; `getOptimizer(config)` rebuilds it.
   * @example adam().getConfig() // { className: 'Adam', config: { learningRate: 0.001, beta1: 0.9, ... } }
   */
  getConfig(): OptimizerConfig {
    const lr = this.learningRate instanceof LearningRateSchedule ? this.learningRate.getConfig() : this.learningRate;
    const config: Record<string, unknown> = { learningRate: lr, ...this.hyperparameters() };
    if (this.clipnorm !== undefined) config.clipnorm = this.clipnorm;
    if (this.globalClipnorm !== undefined) config.globalClipnorm = this.globalClipnorm;
    if (this.clipvalue !== undefined) config.clipvalue = this.clipvalue;
    if (this.weightDecay !== 0 || 'weightDecay' in config) config.weightDecay = this.weightDecay;
    return { className: this.getClassName(), config };
  }

  /** Drops all per-variable state and the step count. */
  reset(): void {
    this.states.clear();
    this.pending.clear();
    this.pendingBySlot.clear();
    this.iterations = 0;
  }

  private stateOf(v: Variable): Slots {
    let s = this.states.get(v);
    if (!s) {
      s = this.initState(v);
      this.states.set(v, s);
      if (this.pending.size > 0) this.restore(v, s, this.states.size - 1);
    }
    return s;
  }

  private restore(v: Variable, s: Slots, position: number): void {
    for (const slot of Object.keys(s)) {
      const t = this.pending.get(`${v.name}/${slot}`) ?? this.pendingBySlot.get(slot)?.[position];
      if (!t) continue;
      check(t.size === s[slot].length, 'setWeights',
        () => `state ${v.name}/${slot} needs ${s[slot].length} values (shape ${fmtShape(v.shape)}), received shape ${fmtShape(t.shape)}`);
      s[slot].set(t.storage);
    }
  }

  /**
   * The gradient as a float array in the variable's dtype: the tensor's own storage when `copy` is false, the
   * dtype agrees and it shares no memory with a weight being updated; else a private copy (clipping writes into it).
   */
  private gradArray(v: Variable, g: Tensor, copy: boolean, weightBuffers: ReadonlySet<ArrayBufferLike>): FloatArray {
    const fn = `${this.getClassName()}.applyGradients`;
    check(g instanceof Tensor, fn, () => `the gradient of ${v.name} must be a tensor, received ${describe(g)}`);
    check(shapesEqual(g.shape, v.shape), fn, () => `the gradient of ${v.name} must have shape ${fmtShape(v.shape)}, received ${fmtShape(g.shape)}`);
    const dtype = v.dtype === 'float64' ? 'float64' : 'float32';
    if (!copy && g.dtype === dtype && !weightBuffers.has(g.storage.buffer)) return g.storage as FloatArray;
    const a = allocArray(dtype, g.size);
    a.set(g.storage);
    return a;
  }

  private normalize(grads: GradientsInput, varList?: readonly Variable[]): [Variable, Tensor][] {
    const fn = `${this.getClassName()}.applyGradients`;
    const byName = (name: string): Variable => {
      const v = varList?.find((x) => x.name === name) ?? [...this.states.keys()].find((x) => x.name === name);
      if (!v) throw new ArgumentError(fn, `no variable named '${name}' in varList${varList ? '' : ' (pass varList to apply gradients by name)'}`);
      return v;
    };
    const raw: [Variable, Tensor | null | undefined][] = [];
    if (grads instanceof Map) {
      for (const [v, g] of grads) raw.push([v, g]);
    } else if (Array.isArray(grads)) {
      for (const item of grads as readonly unknown[]) {
        if (Array.isArray(item) && item[1] instanceof Variable) raw.push([item[1], item[0] as Tensor | null]);
        else if (item && typeof item === 'object' && 'variable' in item) {
          const p = item as { variable: Variable; grad: Tensor | null };
          raw.push([p.variable, p.grad]);
        } else if (item && typeof item === 'object' && 'name' in item && 'tensor' in item) {
          const p = item as NamedTensor;
          raw.push([byName(p.name), p.tensor]);
        } else throw new ArgumentError(fn, `expected {variable, grad}, [grad, variable] or {name, tensor} items, received ${describe(item)}`);
      }
    } else if (grads && typeof grads === 'object') {
      for (const [name, g] of Object.entries(grads)) raw.push([byName(name), g]);
    } else throw new ArgumentError(fn, `expected a Map, an array or a record of gradients, received ${describe(grads)}`);
    const out: [Variable, Tensor][] = [];
    for (const [v, g] of raw) {
      check(v instanceof Variable, fn, () => `expected a Variable, received ${describe(v)}`);
      if (g !== null && g !== undefined) out.push([v, g]);
    }
    return out;
  }
}

/** Rebuilds the `learningRate` of a config (a number or a schedule config). */
export function learningRateFromConfig(lr: unknown): number | LearningRateSchedule | undefined {
  if (lr === undefined || typeof lr === 'number') return lr;
  return getSchedule(lr as ScheduleConfig);
}
