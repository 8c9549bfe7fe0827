// Model IO in the TensorFlow.js Layers format (browser-safe). File paths need './node/index.js' as well.
export { saveModel, loadLayersModel, getModelArtifacts, modelFromArtifacts, GENERATED_BY } from './model-io.js';
export type { SaveOptions, LoadOptions, SaveableModel } from './model-io.js';
export {
  fromMemory, withSaveHandler, memoryHandler, getModelArtifactsInfo, artifactsToFiles, artifactsFromModelJSON,
  setArtifactsSource, artifactsSource,
} from './artifacts.js';
export type { IOHandler, ModelArtifacts, ModelArtifactsInfo, SaveResult, ModelFiles } from './artifacts.js';
export { http } from './http.js';
export type { HTTPOptions } from './http.js';
export { registerSaveRouter, registerLoadRouter, getSaveHandler, getLoadHandler } from './router.js';
export type { IORouter } from './router.js';
export { parseModelJSON, checkWeightsManifest, LAYERS_MODEL_FORMAT } from './model-json.js';
export type {
  ModelJSON, WeightsManifestEntry, WeightsManifestGroupConfig, Quantization, QuantizationDType, WeightDType, WeightGroup,
  TrainingConfig, JSONObject,
} from './model-json.js';
export {
  encodeWeights, decodeWeights, quantizeWeight, splitShards, shardNames, weightByteLength, concatBuffers, DEFAULT_SHARD_BYTES,
} from './weights.js';
export type { NamedTensor } from './weights.js';
export { encodeFloat16, decodeFloat16, toFloat16Bits, fromFloat16Bits } from './float16.js';
export { assignWeights } from './load-weights.js';
export { trainingConfigOf, compileArgsFromConfig, optimizerFromConfig, tfjsOptimizerConfig } from './training-config.js';
