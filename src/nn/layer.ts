// The Layer base class: weights, build-on-first-call, eager and symbolic application, configs, regularization.
import type { DType } from '../core/dtype.js';
import { ArgumentError, check, describe, fmtShape } from '../core/errors.js';
import { shapesEqual } from '../core/shape.js';
import { Tensor } from '../core/tensor.js';
import { Variable } from '../core/variable.js';
import { checkDType } from '../ops/convert.js';
import { clone } from '../ops/cast.js';
import { div } from '../ops/arithmetic.js';
import { getInitializer } from './initializers.js';
import type { InitializerIdentifier } from './initializers.js';
import { getRegularizer } from './regularizers.js';
import type { Regularizer, RegularizerIdentifier } from './regularizers.js';
import { classNameOf } from './registry.js';
import type { RegistryKind } from './registry.js';
import type { ConfigDict } from './serialization.js';
import { forwardPassId, getMask, inForwardPass, setMask, uniqueName, withForwardPass } from './layer-utils.js';
import { toSnakeCase } from './serialization.js';
import { Node, SymbolicTensor, allConcrete, allSymbolic, isShapeList, singletonOrArray, toList } from './symbolic.js';
import type { AnyTensor, CallKwargs, LayerShape, ShapeOrShapes } from './symbolic.js';
import { checkInputSpec } from './input-spec.js';
import type { InputSpec } from './input-spec.js';

/** Constructor arguments every layer accepts (TensorFlow.js names). */
export interface LayerArgs {
  /** Unique name; default `<snake_class>_<n>` such as 'dense_1'. */
  name?: string;
  /** Whether the layer's weights are updated by training (default true). */
  trainable?: boolean;
  /** Input shape without the batch dimension; lets the layer start a Sequential model. */
  inputShape?: readonly (number | null)[];
  /** Input shape including the batch dimension (null for any). */
  batchInputShape?: readonly (number | null)[];
  /** Batch size combined with `inputShape`. */
  batchSize?: number;
  /** dtype of the layer's weights and computations (default float32; float64 for gradient checks). */
  dtype?: DType;
  /** Initial weight values, set when the layer is built. */
  weights?: Tensor[];
}

/** Keyword arguments of `call` and `apply`. */
export interface CallArgs {
  /** Training mode (dropout active, batch statistics used and moving averages updated). Default false. */
  training?: boolean;
  /** Mask of the input (per timestep), propagated from Embedding(maskZero) or given explicitly. */
  mask?: Tensor | null | (Tensor | null)[];
  [key: string]: unknown;
}

let nextLayerId = 0;

/**
 * Base class of layers and models. A layer is a config (constructor arguments, `getConfig()`), a `build(inputShape)`
 * that creates weights with `addWeight`, and a `call(inputs, {training, mask})` that computes. `apply` builds on
 * first use and works both on tensors (eager) and on symbolic tensors (building a functional model).
 * @example class Scale extends Layer { static className = 'Scale'; build(s) { this.w = this.addWeight('w', [s.at(-1)], 'ones'); } call(x) { return mul(x, this.w.value); } }
 */
export class Layer {
  /** Registry of this class family. */
  static readonly registryKind: RegistryKind = 'layer';
  /** A process-unique id. */
  readonly id: number;
  /** The layer's name (unique within a model). */
  name: string;
  /** dtype of weights and outputs. */
  dtype: DType;
  /** The input shape given at construction (with batch dimension), used to start Sequential models. */
  batchInputShape: LayerShape | null = null;
  /** Constraints on inputs checked by `apply` (rank, fixed axes). */
  inputSpec: (InputSpec | null)[] | null = null;
  /** Whether the layer passes masks through (or computes them); other layers drop masks. */
  supportsMasking = false;
  /** Penalty on the layer's outputs, added to the training loss. */
  activityRegularizer: Regularizer | null = null;
  /** Calls of this layer in functional graphs, in order. */
  inboundNodes: Node[] = [];
  /** Graph calls that consume this layer's outputs. */
  outboundNodes: Node[] = [];
  /** Stateful layers (RNNs with `stateful`) keep state between batches. */
  stateful = false;
  protected _trainableWeights: Variable[] = [];
  protected _nonTrainableWeights: Variable[] = [];
  private weightNames = new Set<string>();
  private weightPenalties: { variable: Variable; regularizer: Regularizer }[] = [];
  private lossFns: (() => Tensor)[] = [];
  private activityLosses: Tensor[] = [];
  private lastPass = -1;
  private isTrainable: boolean;
  private isBuilt = false;
  private initialWeights: Tensor[] | null;

  constructor(args: LayerArgs = {}) {
    const a = args ?? {};
    check(typeof a === 'object', this.getClassName(), () => `expected a config object, received ${describe(args)}`);
    this.id = nextLayerId++;
    this.name = a.name ?? uniqueName(toSnakeCase(this.getClassName()));
    check(typeof this.name === 'string' && this.name.length > 0, this.getClassName(), () => `name must be a non-empty string, received ${describe(a.name)}`);
    this.isTrainable = a.trainable ?? true;
    this.dtype = a.dtype === undefined || a.dtype === null ? 'float32' : checkDType(this.name, a.dtype);
    if (a.batchInputShape !== undefined && a.batchInputShape !== null) {
      this.batchInputShape = [...a.batchInputShape];
    } else if (a.inputShape !== undefined && a.inputShape !== null) {
      check(Array.isArray(a.inputShape), this.name, () => `inputShape must be an array, received ${describe(a.inputShape)}`);
      this.batchInputShape = [a.batchSize ?? null, ...a.inputShape];
    }
    this.initialWeights = a.weights ?? null;
  }

  /** The registered class name, e.g. 'Dense'. */
  getClassName(): string { return classNameOf(this.constructor); }

  /** Whether `build` has run (weights exist). */
  get built(): boolean { return this.isBuilt; }
  set built(on: boolean) { this.isBuilt = on; }

  /** Whether training updates this layer's weights; setting false freezes all of them. */
  get trainable(): boolean { return this.isTrainable; }
  set trainable(on: boolean) {
    for (const w of this._trainableWeights) w.trainable = on;
    this.isTrainable = on;
  }

  /** The weights training updates. */
  get trainableWeights(): Variable[] {
    return this.isTrainable ? this._trainableWeights.filter((w) => w.trainable) : [];
  }

  /** Weights training does not update (moving statistics, frozen weights). */
  get nonTrainableWeights(): Variable[] {
    return this.isTrainable
      ? [...this._trainableWeights.filter((w) => !w.trainable), ...this._nonTrainableWeights]
      : [...this._trainableWeights, ...this._nonTrainableWeights];
  }

  /** All weights: trainable first, then non-trainable (the order of `getWeights`/`setWeights`). */
  get weights(): Variable[] { return [...this.trainableWeights, ...this.nonTrainableWeights]; }

  /**
   * Creates a weight named `<layer>/<name>` initialized by `initializer`, optionally regularized. Also accepts the
   * TensorFlow.js order `addWeight(name, shape, dtype, initializer, regularizer, trainable)` when the third
   * argument is a dtype or null.
   * @example this.kernel = this.addWeight('kernel', [inDim, this.units], 'glorotUniform', this.kernelRegularizer)
   */
  addWeight(name: string, shape: readonly number[], ...rest: unknown[]): Variable {
    let [init, reg, trainable, dtype] = rest;
    if (rest[0] === null || (typeof rest[0] === 'string' && ['float32', 'float64', 'int32', 'bool'].includes(rest[0]))) {
      [dtype, init, reg, trainable] = rest;
    }
    const fn = `${this.name}.addWeight`;
    check(typeof name === 'string' && name.length > 0, fn, () => `name must be a non-empty string, received ${describe(name)}`);
    check(!this.weightNames.has(name), fn, () => `duplicate weight name '${name}' in layer ${this.name}`);
    check(Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d >= 0), fn,
      () => `shape of weight '${name}' must be non-negative integers, received ${JSON.stringify(shape)}; is an input dimension unknown (null)?`);
    const initializer = getInitializer((init ?? 'glorotUniform') as InitializerIdentifier, fn);
    const regularizer = getRegularizer(reg as RegularizerIdentifier | null | undefined, fn);
    const dt = dtype === null || dtype === undefined ? this.dtype : checkDType(fn, dtype);
    const isTrainable = trainable === undefined || trainable === null ? true : Boolean(trainable);
    this.weightNames.add(name);
    const variable = new Variable(initializer.apply(shape, dt), `${this.name}/${name}`, isTrainable && this.isTrainable);
    if (isTrainable) this._trainableWeights.push(variable);
    else this._nonTrainableWeights.push(variable);
    if (regularizer) this.weightPenalties.push({ variable, regularizer });
    return variable;
  }

  /** Creates the weights for inputs of `inputShape` (null for unknown dimensions). Subclasses call addWeight here. */
  build(_inputShape: ShapeOrShapes): void {
    this.built = true;
  }

  /** The computation. The default returns its input (identity). */
  call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor | Tensor[] {
    return inputs;
  }

  /** Output shape(s) for input shape(s); the default is the identity. */
  computeOutputShape(inputShape: ShapeOrShapes): ShapeOrShapes {
    return inputShape;
  }

  /** The mask of the outputs: layers that support masking pass it through; others drop it. */
  computeMask(_inputs: Tensor | Tensor[], mask: Tensor | null | (Tensor | null)[] | undefined): Tensor | null | (Tensor | null)[] {
    return this.supportsMasking ? mask ?? null : null;
  }

  /** dtype of the outputs of a call on `inputs` (the layer's dtype by default). */
  protected outputDType(_inputs: readonly AnyTensor[]): DType {
    return this.dtype;
  }

  /**
   * Applies the layer: on tensors it computes (building first if needed); on symbolic tensors it records the
   * call in the graph and returns symbolic outputs with the shapes of `computeOutputShape`.
   * @example const y = layers.dense({units: 3}).apply(tensor([[1, 2]])) as Tensor
   */
  apply(inputs: SymbolicTensor | SymbolicTensor[], kwargs?: CallArgs): SymbolicTensor | SymbolicTensor[];
  apply(inputs: Tensor | Tensor[], kwargs?: CallArgs): Tensor | Tensor[];
  apply(inputs: AnyTensor | AnyTensor[], kwargs?: CallArgs): AnyTensor | AnyTensor[];
  apply(inputs: AnyTensor | AnyTensor[], kwargs: CallArgs = {}): AnyTensor | AnyTensor[] {
    // A single tensor, the common eager case, skips the list checks below.
    const xs = inputs instanceof Tensor ? [inputs] : toList<AnyTensor>(inputs);
    if (!(inputs instanceof Tensor)) {
      if (allSymbolic(xs)) return this.applySymbolic(xs, kwargs);
      if (!allConcrete(xs)) {
        throw new ArgumentError(this.name, `inputs must be all tensors or all symbolic tensors, received ${xs.map(describe).join(', ')}`);
      }
    }
    // Inside a model's pass (every layer but the outermost) no closure is made: batch-1 inference is that cheap.
    if (inForwardPass()) return this.applyEager(inputs as Tensor | Tensor[], xs as Tensor[], kwargs);
    return withForwardPass(() => this.applyEager(inputs as Tensor | Tensor[], xs as Tensor[], kwargs));
  }

  private ensureBuilt(xs: readonly AnyTensor[]): void {
    if (this.built) return;
    checkInputSpec(this, xs);
    this.build(singletonOrArray(xs.map((x) => x.shape)) as ShapeOrShapes);
    this.built = true;
    if (this.initialWeights) {
      this.setWeights(this.initialWeights);
      this.initialWeights = null;
    }
  }

  private applyEager(inputs: Tensor | Tensor[], xs: Tensor[], kwargs: CallArgs): Tensor | Tensor[] {
    this.ensureBuilt(xs);
    checkInputSpec(this, xs);
    let mask = kwargs.mask;
    if (mask === undefined) {
      let masked = false;
      for (const x of xs) if (getMask(x) !== null) { masked = true; break; }
      if (masked) {
        const ms = xs.map(getMask);
        mask = Array.isArray(inputs) ? ms : ms[0];
      }
    }
    const out = this.call(inputs, mask === undefined ? kwargs : { ...kwargs, mask });
    const outMask = this.computeMask(inputs, mask);
    // The common case (one output, no masks in or out, nothing to record) returns at once.
    if (out instanceof Tensor && mask === undefined && !this.activityRegularizer && (outMask === null || outMask === undefined)) return out;
    let outs = toList(out);
    check(allConcrete(outs), this.name, () => `call must return a tensor or a list of tensors, received ${describe(out)}`);
    const outMasks = toList<Tensor | null>(outMask);
    if (outMasks.some((m) => m !== null) || mask !== undefined) {
      // Keep an input's own mask intact when the layer returns it unchanged under a different mask.
      outs = outs.map((o) => (xs.includes(o) ? clone(o) : o));
      outs.forEach((o, i) => setMask(o, outMasks[i] ?? null));
    }
    if (this.activityRegularizer) this.recordActivityLoss(outs);
    return Array.isArray(out) ? outs : outs[0];
  }

  private recordActivityLoss(outs: readonly Tensor[]): void {
    const pass = forwardPassId();
    if (pass !== this.lastPass) { this.activityLosses = []; this.lastPass = pass; }
    for (const o of outs) {
      // Keras divides the activity penalty by the batch size, so it does not grow with the batch.
      const batch = o.rank > 0 ? Math.max(o.shape[0], 1) : 1;
      this.activityLosses.push(div(this.activityRegularizer!.apply(o), batch));
    }
  }

  private applySymbolic(xs: SymbolicTensor[], kwargs: CallArgs): SymbolicTensor | SymbolicTensor[] {
    this.ensureBuilt(xs);
    checkInputSpec(this, xs);
    const inputShape = singletonOrArray(xs.map((x) => x.shape)) as ShapeOrShapes;
    const outputShape = this.computeOutputShape(inputShape);
    const outShapes = isShapeList(outputShape) ? [...outputShape] : [outputShape];
    const dtype = this.outputDType(xs);
    const nodeIndex = this.inboundNodes.length;
    const outs = outShapes.map((s, i) =>
      new SymbolicTensor(dtype, s, this, outShapes.length > 1 ? `${this.name}/${i}` : this.name, nodeIndex, i));
    const callArgs: CallKwargs = {};
    for (const [k, v] of Object.entries(kwargs)) if (k !== 'training' && k !== 'mask' && v !== undefined) callArgs[k] = v;
    new Node({
      outboundLayer: this,
      inboundLayers: xs.map((x) => x.sourceLayer),
      nodeIndices: xs.map((x) => x.nodeIndex),
      tensorIndices: xs.map((x) => x.tensorIndex),
      inputTensors: xs,
      outputTensors: outs,
      inputShapes: xs.map((x) => x.shape),
      outputShapes: outShapes,
    }, callArgs);
    return isShapeList(outputShape) ? outs : outs[0];
  }

  /** The output shape of the layer's graph calls (when they all agree). */
  get outputShape(): ShapeOrShapes {
    check(this.inboundNodes.length > 0, this.name, () => 'the layer has never been called on symbolic tensors, so its output shape is not defined');
    const all = new Set(this.inboundNodes.map((n) => JSON.stringify(n.outputShapes)));
    check(all.size === 1, this.name, () => 'the layer has several inbound nodes with different output shapes');
    const s = this.inboundNodes[0].outputShapes;
    return s.length === 1 ? s[0] : s;
  }

  /** The symbolic input of the layer's only graph call. */
  get input(): SymbolicTensor | SymbolicTensor[] {
    check(this.inboundNodes.length === 1, this.name, () => `the layer has ${this.inboundNodes.length} inbound nodes; use inboundNodes[i].inputTensors`);
    return singletonOrArray(this.inboundNodes[0].inputTensors);
  }

  /** The symbolic output of the layer's only graph call. */
  get output(): SymbolicTensor | SymbolicTensor[] {
    check(this.inboundNodes.length === 1, this.name, () => `the layer has ${this.inboundNodes.length} inbound nodes; use inboundNodes[i].outputTensors`);
    return singletonOrArray(this.inboundNodes[0].outputTensors);
  }

  /** The number of weight values (the layer must be built). */
  countParams(): number {
    check(this.built, this.name, () => 'countParams: the layer is not built yet; call it on an input first');
    return this.weights.reduce((n, w) => n + w.value.size, 0);
  }

  /**
   * Copies of the weight values, trainable first.
   * @example const [kernel, bias] = dense.getWeights()
   */
  getWeights(trainableOnly = false): Tensor[] {
    return (trainableOnly ? this.trainableWeights : this.weights)
      .map((w) => Tensor.fromStorage(w.value.storage.slice(), w.shape, w.dtype));
  }

  /**
   * Overwrites the weights in place, in the order of `weights` (shapes must match).
   * @example dense.setWeights([kernel, bias])
   */
  setWeights(values: readonly Tensor[]): void {
    const params = this.weights;
    check(Array.isArray(values) && values.length === params.length, `${this.name}.setWeights`,
      () => `expected ${params.length} tensors (${params.map((p) => p.name).join(', ')}), received ${describe(values)}`);
    values.forEach((v, i) => {
      check(v instanceof Tensor && shapesEqual(v.shape, params[i].shape), `${this.name}.setWeights`,
        () => `weight ${params[i].name} has shape ${fmtShape(params[i].shape)}, received ${describe(v)}`);
    });
    values.forEach((v, i) => params[i].assign(v));
  }

  /**
   * The layer's regularization penalties: weight penalties on the current values, plus activity penalties of the
   * last forward pass. Scalars, differentiable with respect to the weights.
   * @example const penalty = dense.calculateLosses()
   */
  calculateLosses(): Tensor[] {
    return [
      ...this.weightPenalties.map(({ variable, regularizer }) => regularizer.apply(variable.value)),
      ...this.lossFns.map((f) => f()),
      ...this.activityLosses,
    ];
  }

  /**
   * Adds loss terms: functions are evaluated at every `calculateLosses()` (penalties on weights, as TensorFlow.js
   * `addLoss`); tensors, computed inside `call`, count for the current forward pass only.
   * @example this.addLoss(() => mul(sum(square(this.w.value)), 1e-3))
   */
  addLoss(losses: Tensor | (() => Tensor) | (Tensor | (() => Tensor))[]): void {
    for (const l of Array.isArray(losses) ? losses : [losses]) {
      if (typeof l === 'function') {
        this.lossFns.push(l);
      } else {
        check(l instanceof Tensor && l.size === 1, `${this.name}.addLoss`, () => `expected a scalar tensor or a function, received ${describe(l)}`);
        const pass = forwardPassId();
        if (pass !== this.lastPass) { this.activityLosses = []; this.lastPass = pass; }
        this.activityLosses.push(l);
      }
    }
  }

  /** Resets the state of stateful layers; others throw. */
  resetStates(): void {
    throw new ArgumentError(`${this.name}.resetStates`, 'the layer is not stateful');
  }

  /** No-op kept for TensorFlow.js compatibility: weights are garbage-collected. */
  dispose(): void { /* memory is garbage-collected */ }

  /**
   * The constructor arguments as JSON (TensorFlow.js camelCase form); `fromConfig(getConfig())` rebuilds the layer.
   * @example dense.getConfig() // {units: 3, activation: 'linear', useBias: true, ..., name: 'dense_1', trainable: true}
   */
  getConfig(): ConfigDict {
    const config: ConfigDict = { name: this.name, trainable: this.trainable };
    if (this.batchInputShape) config.batchInputShape = [...this.batchInputShape];
    config.dtype = this.dtype;
    return config;
  }

  /**
   * Creates a layer of class `cls` from a config (TensorFlow.js signature).
   * @example Dense.fromConfig(Dense, dense.getConfig())
   */
  static fromConfig<T>(cls: new (config: never) => T, config: ConfigDict): T {
    return new cls(config as never);
  }

  /** `Dense(dense_1)`. */
  toString(): string { return `${this.getClassName()}(${this.name})`; }
}
