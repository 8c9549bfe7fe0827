// Base of the layers that wrap another layer (TimeDistributed, Bidirectional): the wrapped layer comes as an
// instance or as its `{className, config}`, and the wrapper reports, freezes and regularizes its inner layers' weights.
import { check, describe } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Variable } from '../../core/variable.js';
import { Layer } from '../layer.js';
import type { LayerArgs } from '../layer.js';
import { deserialize } from '../registry.js';
import { isSerializedObject } from '../serialization.js';
import type { ConfigDict, SerializedObject } from '../serialization.js';

/** Arguments of a wrapper layer. */
export interface WrapperArgs extends LayerArgs {
  /** The wrapped layer, or its `{className, config}`. */
  layer: Layer | SerializedObject;
}

/**
 * A wrapper: a layer around `layer`, whose weights are those of `innerLayers`.
 * @example class Twice extends Wrapper { protected get innerLayers() { return [this.layer]; } call(x) { return this.layer.apply(this.layer.apply(x)); } }
 */
export abstract class Wrapper extends Layer {
  /** The layer given to the constructor. */
  readonly layer: Layer;

  constructor(args: WrapperArgs) {
    super(args);
    check(typeof args === 'object' && args !== null, this.name, () => `expected a config object, received ${describe(args)}`);
    const layer = isSerializedObject(args.layer) ? deserialize<Layer>('layer', args.layer) : args.layer;
    check(layer instanceof Layer, this.name, () => `layer must be a Layer or {className, config}, received ${describe(args.layer)}`);
    this.layer = layer;
  }

  /** The layers that hold this wrapper's weights, in weight order. */
  protected abstract get innerLayers(): Layer[];

  override get trainable(): boolean { return super.trainable; }
  override set trainable(on: boolean) {
    super.trainable = on;
    for (const l of this.innerLayers ?? []) l.trainable = on;
  }

  override get trainableWeights(): Variable[] {
    return this.trainable ? this.innerLayers.flatMap((l) => l.trainableWeights) : [];
  }

  override get nonTrainableWeights(): Variable[] {
    return this.innerLayers.flatMap((l) => (this.trainable ? l.nonTrainableWeights : l.weights));
  }

  override calculateLosses(): Tensor[] {
    return [...super.calculateLosses(), ...this.innerLayers.flatMap((l) => l.calculateLosses())];
  }

  override getConfig(): ConfigDict {
    return { layer: { className: this.layer.getClassName(), config: this.layer.getConfig() }, ...super.getConfig() };
  }
}
