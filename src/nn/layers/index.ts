// The `layers` namespace: one factory per layer class, TensorFlow.js names (`layers.dense({units: 10})`).
import type { Tensor } from '../../core/tensor.js';
import { InputLayer } from '../input-layer.js';
import type { InputLayerArgs } from '../input-layer.js';
import { Layer } from '../layer.js';
import type { LayerArgs } from '../layer.js';
import type { SymbolicTensor } from '../symbolic.js';
import { Activation } from './activation.js';
import type { ActivationArgs } from './activation.js';
import { BatchNormalization } from './batch-normalization.js';
import type { BatchNormalizationArgs } from './batch-normalization.js';
import { Concatenate } from './concatenate.js';
import type { ConcatenateArgs } from './concatenate.js';
import { Dense } from './dense.js';
import type { DenseArgs } from './dense.js';
import { Dropout } from './dropout.js';
import type { DropoutArgs } from './dropout.js';
import { ELU } from './elu.js';
import type { ELUArgs } from './elu.js';
import { Embedding } from './embedding.js';
import type { EmbeddingArgs } from './embedding.js';
import { Flatten } from './flatten.js';
import type { FlattenArgs } from './flatten.js';
import { LayerNormalization } from './layer-normalization.js';
import type { LayerNormalizationArgs } from './layer-normalization.js';
import { LeakyReLU } from './leaky-relu.js';
import type { LeakyReLUArgs } from './leaky-relu.js';
import { Add, Average, Maximum, Minimum, Multiply, Subtract } from './merge.js';
import { Permute } from './permute.js';
import type { PermuteArgs } from './permute.js';
import { PReLU } from './prelu.js';
import type { PReLUArgs } from './prelu.js';
import { ReLU } from './relu.js';
import type { ReLUArgs } from './relu.js';
import { RepeatVector } from './repeat-vector.js';
import type { RepeatVectorArgs } from './repeat-vector.js';
import { Reshape } from './reshape.js';
import type { ReshapeArgs } from './reshape.js';
import { Softmax } from './softmax.js';
import type { SoftmaxArgs } from './softmax.js';

import { Conv1D } from './conv1d.js';
import type { Conv1DArgs } from './conv1d.js';
import { Conv2D } from './conv2d.js';
import type { Conv2DArgs } from './conv2d.js';
import { Conv2DTranspose } from './conv2d-transpose.js';
import type { Conv2DTransposeArgs } from './conv2d-transpose.js';
import { DepthwiseConv2D } from './depthwise-conv2d.js';
import type { DepthwiseConv2DArgs } from './depthwise-conv2d.js';
import { SeparableConv2D } from './separable-conv2d.js';
import type { SeparableConv2DArgs } from './separable-conv2d.js';
import { AveragePooling1D, AveragePooling2D, MaxPooling1D, MaxPooling2D } from './pooling.js';
import type { PoolingArgs } from './pooling.js';
import { GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D } from './global-pooling.js';
import type { GlobalPoolingArgs } from './global-pooling.js';
import { ZeroPadding2D } from './zero-padding2d.js';
import type { ZeroPadding2DArgs } from './zero-padding2d.js';
import { UpSampling2D } from './upsampling2d.js';
import type { UpSampling2DArgs } from './upsampling2d.js';
import { SimpleRNN, SimpleRNNCell } from './simple-rnn.js';
import type { SimpleRNNArgs, SimpleRNNCellArgs } from './simple-rnn.js';
import { LSTM, LSTMCell } from './lstm.js';
import type { LSTMArgs, LSTMCellArgs } from './lstm.js';
import { GRU, GRUCell } from './gru.js';
import type { GRUArgs, GRUCellArgs } from './gru.js';
import { RNN } from './rnn-base.js';
import type { RNNArgs } from './rnn-base.js';
import { Bidirectional } from './bidirectional.js';
import type { BidirectionalArgs } from './bidirectional.js';
import { TimeDistributed } from './time-distributed.js';
import type { TimeDistributedArgs } from './time-distributed.js';
import { MultiHeadAttention } from './multi-head-attention.js';
import type { MultiHeadAttentionArgs } from './multi-head-attention.js';

/** A merge factory: with a config it returns the layer; with a list of tensors it applies a new layer to them. */
export interface MergeFactory<L, A extends LayerArgs = LayerArgs> {
  (args?: A): L;
  (inputs: SymbolicTensor[]): SymbolicTensor;
  (inputs: Tensor[]): Tensor;
}

function mergeFactory<L extends { apply(xs: never): unknown }, A extends LayerArgs = LayerArgs>(
  make: (args: A) => L): MergeFactory<L, A> {
  return ((arg?: A | unknown[]) => (Array.isArray(arg) ? make({} as A).apply(arg as never) : make(arg ?? ({} as A)))) as MergeFactory<L, A>;
}

/**
 * Layer factories with TensorFlow.js names: `layers.dense({units: 10, activation: 'relu'})`.
 * @example const m = sequential({layers: [layers.dense({units: 8, inputShape: [4], activation: 'relu'}), layers.dense({units: 1})]})
 */
export const layers = {
  /** The base class, for custom layers written as TensorFlow.js code does: `class Mine extends layers.Layer`. */
  Layer,
  inputLayer: (args: InputLayerArgs) => new InputLayer(args),
  dense: (args: DenseArgs) => new Dense(args),
  activation: (args: ActivationArgs) => new Activation(args),
  dropout: (args: DropoutArgs) => new Dropout(args),
  flatten: (args?: FlattenArgs) => new Flatten(args),
  reshape: (args: ReshapeArgs) => new Reshape(args),
  permute: (args: PermuteArgs) => new Permute(args),
  repeatVector: (args: RepeatVectorArgs) => new RepeatVector(args),
  add: mergeFactory((a) => new Add(a)),
  subtract: mergeFactory((a) => new Subtract(a)),
  multiply: mergeFactory((a) => new Multiply(a)),
  average: mergeFactory((a) => new Average(a)),
  maximum: mergeFactory((a) => new Maximum(a)),
  minimum: mergeFactory((a) => new Minimum(a)),
  concatenate: mergeFactory((a: ConcatenateArgs) => new Concatenate(a)),
  reLU: (args?: ReLUArgs) => new ReLU(args),
  leakyReLU: (args?: LeakyReLUArgs) => new LeakyReLU(args),
  prelu: (args?: PReLUArgs) => new PReLU(args),
  elu: (args?: ELUArgs) => new ELU(args),
  softmax: (args?: SoftmaxArgs) => new Softmax(args),
  embedding: (args: EmbeddingArgs) => new Embedding(args),
  batchNormalization: (args?: BatchNormalizationArgs) => new BatchNormalization(args),
  layerNormalization: (args?: LayerNormalizationArgs) => new LayerNormalization(args),
  conv1d: (args: Conv1DArgs) => new Conv1D(args),
  conv2d: (args: Conv2DArgs) => new Conv2D(args),
  conv2dTranspose: (args: Conv2DTransposeArgs) => new Conv2DTranspose(args),
  depthwiseConv2d: (args: DepthwiseConv2DArgs) => new DepthwiseConv2D(args),
  separableConv2d: (args: SeparableConv2DArgs) => new SeparableConv2D(args),
  maxPooling1d: (args?: PoolingArgs) => new MaxPooling1D(args),
  maxPool1d: (args?: PoolingArgs) => new MaxPooling1D(args),
  maxPooling2d: (args?: PoolingArgs) => new MaxPooling2D(args),
  maxPool2d: (args?: PoolingArgs) => new MaxPooling2D(args),
  averagePooling1d: (args?: PoolingArgs) => new AveragePooling1D(args),
  avgPool1d: (args?: PoolingArgs) => new AveragePooling1D(args),
  averagePooling2d: (args?: PoolingArgs) => new AveragePooling2D(args),
  avgPool2d: (args?: PoolingArgs) => new AveragePooling2D(args),
  globalAveragePooling1d: (args?: GlobalPoolingArgs) => new GlobalAveragePooling1D(args),
  globalAveragePooling2d: (args?: GlobalPoolingArgs) => new GlobalAveragePooling2D(args),
  globalMaxPooling1d: (args?: GlobalPoolingArgs) => new GlobalMaxPooling1D(args),
  globalMaxPooling2d: (args?: GlobalPoolingArgs) => new GlobalMaxPooling2D(args),
  zeroPadding2d: (args?: ZeroPadding2DArgs) => new ZeroPadding2D(args),
  upSampling2d: (args?: UpSampling2DArgs) => new UpSampling2D(args),
  simpleRNN: (args: SimpleRNNArgs) => new SimpleRNN(args),
  lstm: (args: LSTMArgs) => new LSTM(args),
  gru: (args: GRUArgs) => new GRU(args),
  simpleRNNCell: (args: SimpleRNNCellArgs) => new SimpleRNNCell(args),
  lstmCell: (args: LSTMCellArgs) => new LSTMCell(args),
  gruCell: (args: GRUCellArgs) => new GRUCell(args),
  rnn: (args: RNNArgs) => new RNN(args),
  bidirectional: (args: BidirectionalArgs) => new Bidirectional(args),
  timeDistributed: (args: TimeDistributedArgs) => new TimeDistributed(args),
  multiHeadAttention: (args: MultiHeadAttentionArgs) => new MultiHeadAttention(args),
};

export {
  Activation, Add, Average, BatchNormalization, Concatenate, Dense, Dropout, ELU, Embedding, Flatten, InputLayer,
  LayerNormalization, LeakyReLU, Maximum, Minimum, Multiply, Permute, PReLU, ReLU, RepeatVector, Reshape, Softmax, Subtract,
  Conv1D, Conv2D, Conv2DTranspose, DepthwiseConv2D, SeparableConv2D, MaxPooling1D, MaxPooling2D, AveragePooling1D,
  AveragePooling2D, GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D, ZeroPadding2D,
  UpSampling2D, SimpleRNN, SimpleRNNCell, LSTM, LSTMCell, GRU, GRUCell, RNN, Bidirectional, TimeDistributed, MultiHeadAttention,
};
export type {
  ActivationArgs, BatchNormalizationArgs, ConcatenateArgs, DenseArgs, DropoutArgs, ELUArgs, EmbeddingArgs, FlattenArgs,
  InputLayerArgs, LayerNormalizationArgs, LeakyReLUArgs, PermuteArgs, PReLUArgs, ReLUArgs, RepeatVectorArgs, ReshapeArgs,
  SoftmaxArgs, Conv1DArgs, Conv2DArgs, Conv2DTransposeArgs, DepthwiseConv2DArgs, SeparableConv2DArgs, PoolingArgs,
  GlobalPoolingArgs, ZeroPadding2DArgs, UpSampling2DArgs, SimpleRNNArgs, SimpleRNNCellArgs, LSTMArgs, LSTMCellArgs, GRUArgs,
  GRUCellArgs, RNNArgs, BidirectionalArgs, TimeDistributedArgs, MultiHeadAttentionArgs,
};
export { Merge } from './merge.js';
