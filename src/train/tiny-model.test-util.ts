// A minimal TrainableModel for the training tests: a stack of layers applied in order (test-only).
import type { Tensor } from '../core/tensor.js';
import type { Variable } from '../core/variable.js';
import type { Layer } from '../nn/layer.js';
import { Dense } from '../nn/layers/dense.js';
import type { TrainableModel } from './types.js';

/** Layers applied one after the other, with the members the training loop reads. */
export class TinyModel implements TrainableModel {
  readonly name = 'tiny';
  readonly outputNames = ['output'];
  stopTraining = false;
  optimizer?: unknown;
  loss?: unknown;
  metricsNames?: string[];
  compiled?: boolean;
  constructor(readonly layers: Layer[]) {}
  get trainableWeights(): Variable[] { return this.layers.flatMap((l) => l.trainableWeights); }
  get weights(): Variable[] { return this.layers.flatMap((l) => l.weights); }
  apply(x: Tensor | Tensor[], kwargs: { training?: boolean } = {}): Tensor {
    let h = x as Tensor;
    for (const l of this.layers) h = l.apply(h, kwargs) as Tensor;
    return h;
  }
  calculateLosses(): Tensor[] { return this.layers.flatMap((l) => l.calculateLosses()); }
}

/** A model of Dense layers with the given units (and activations), built for `inputDim` features in float64. */
export function denseModel(inputDim: number, units: number[], activations: (string | null)[] = [], dtype: 'float32' | 'float64' = 'float64'): TinyModel {
  const layers = units.map((u, i) => new Dense({ units: u, activation: activations[i] ?? null, dtype, ...(i === 0 ? { inputDim } : {}) }));
  const m = new TinyModel(layers);
  let dim = inputDim;
  for (const l of layers) { l.build([null, dim]); dim = (l as Dense).units; }
  return m;
}
