// Which models may give their intermediate outputs' storage back for reuse during inference. Allocating a fresh
// typed array per layer output costs microseconds in V8 (an external backing store, later swept), as much as
// the rest of a small layer's call; inference without gradient recording can reuse that storage at the next
// call, but only when no code keeps a reference to those tensors. Library layers without state keep none; a
// user's layer class, a user-registered activation or a stateful RNN might.
import { Tensor } from '../core/tensor.js';
import { isBuiltInActivation } from './activations.js';
import type { Activation } from './activations.js';
import { Container } from './container.js';
import { InputLayer } from './input-layer.js';
import type { Layer } from './layer.js';
import { getMask } from './layer-utils.js';
import { toList } from './symbolic.js';
import { Activation as ActivationLayer } from './layers/activation.js';
import { BatchNormalization } from './layers/batch-normalization.js';
import { Concatenate } from './layers/concatenate.js';
import { Conv1D } from './layers/conv1d.js';
import { Conv2D } from './layers/conv2d.js';
import { Conv2DTranspose } from './layers/conv2d-transpose.js';
import { Dense } from './layers/dense.js';
import { DepthwiseConv2D } from './layers/depthwise-conv2d.js';
import { Dropout } from './layers/dropout.js';
import { ELU } from './layers/elu.js';
import { Embedding } from './layers/embedding.js';
import { Flatten } from './layers/flatten.js';
import { GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D } from './layers/global-pooling.js';
import { GRU, GRUCell } from './layers/gru.js';
import { LayerNormalization } from './layers/layer-normalization.js';
import { LeakyReLU } from './layers/leaky-relu.js';
import { LSTM, LSTMCell } from './layers/lstm.js';
import { Add, Average, Maximum, Minimum, Multiply, Subtract } from './layers/merge.js';
import { MultiHeadAttention } from './layers/multi-head-attention.js';
import { Permute } from './layers/permute.js';
import { AveragePooling1D, AveragePooling2D, MaxPooling1D, MaxPooling2D } from './layers/pooling.js';
import { PReLU } from './layers/prelu.js';
import { ReLU } from './layers/relu.js';
import { RepeatVector } from './layers/repeat-vector.js';
import { Reshape } from './layers/reshape.js';
import { SeparableConv2D } from './layers/separable-conv2d.js';
import { SimpleRNN, SimpleRNNCell } from './layers/simple-rnn.js';
import { Softmax } from './layers/softmax.js';
import { UpSampling2D } from './layers/upsampling2d.js';
import { ZeroPadding2D } from './layers/zero-padding2d.js';

// Exact classes (a subclass may override `call`): layers whose `call` keeps no tensor it computes.
const STATELESS: ReadonlySet<unknown> = new Set<unknown>([
  InputLayer, ActivationLayer, BatchNormalization, Concatenate, Conv1D, Conv2D, Conv2DTranspose, Dense, DepthwiseConv2D,
  Dropout, ELU, Embedding, Flatten, GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D,
  GlobalMaxPooling2D, GRU, LayerNormalization, LeakyReLU, LSTM, Add, Average, Maximum, Minimum, Multiply, Subtract,
  MultiHeadAttention, Permute, AveragePooling1D, AveragePooling2D, MaxPooling1D, MaxPooling2D, PReLU, ReLU,
  RepeatVector, Reshape, SeparableConv2D, SimpleRNN, Softmax, UpSampling2D, ZeroPadding2D,
]);
const CELLS: ReadonlySet<unknown> = new Set<unknown>([GRUCell, LSTMCell, SimpleRNNCell]);

/** True when every activation `o` holds is one of tensorgrad's own (user code sees no intermediate tensor). */
function builtInActivations(o: object): boolean {
  for (const key of ['activation', 'recurrentActivation']) {
    const a = (o as Record<string, unknown>)[key] as Activation | undefined;
    if (a !== undefined && a !== null && !isBuiltInActivation(a.apply)) return false;
  }
  return true;
}

/**
 * True when running `layer` (a model: all its layers, nested models included) without gradient recording keeps
 * no reference to any tensor it creates other than its outputs.
 * @example recyclesIntermediates(sequential({layers: [layers.dense({units: 2, inputShape: [3]})]})) // true
 */
export function recyclesIntermediates(layer: Layer): boolean {
  if (layer instanceof Container) return layer.layers.every(recyclesIntermediates);
  if (!STATELESS.has(layer.constructor) || layer.stateful || !builtInActivations(layer)) return false;
  const cell = (layer as { cell?: object }).cell;
  return cell === undefined || (CELLS.has(cell.constructor) && builtInActivations(cell));
}

/**
 * What an inference scope keeps: the model's outputs and their masks (everything else it computed is recycled).
 * @example withInternal(() => model.apply(x, {training: false}), keptOutputs)
 */
export function keptOutputs(result: Tensor | Tensor[]): Tensor[] {
  const outs = toList<Tensor>(result);
  const keep = [...outs];
  for (const o of outs) {
    const m = getMask(o);
    if (m instanceof Tensor) keep.push(m);
  }
  return keep;
}
