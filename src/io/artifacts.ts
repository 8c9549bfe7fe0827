// The in-memory form of a saved model that IO handlers exchange (TensorFlow.js `ModelArtifacts`: topology,
// flat weight specs and one weight buffer), and its conversion to and from model.json plus shard files.
import { checkWeightsManifest, LAYERS_MODEL_FORMAT } from './model-json.js';
import type { JSONObject, ModelJSON, TrainingConfig, WeightsManifestEntry, WeightsManifestGroupConfig } from './model-json.js';
import { concatBuffers, DEFAULT_SHARD_BYTES, shardNames, splitShards, weightByteLength } from './weights.js';

/** A saved model in memory: what `IOHandler.save` receives and `IOHandler.load` returns. */
export interface ModelArtifacts {
  /** `{class_name, config, keras_version, backend}` of the model. */
  modelTopology?: JSONObject;
  /** One entry per weight, in the order of `weightData`. */
  weightSpecs?: WeightsManifestEntry[];
  /** The weight values concatenated (or shards to concatenate, in order). */
  weightData?: ArrayBuffer | ArrayBuffer[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: TrainingConfig;
  userDefinedMetadata?: Record<string, unknown>;
}

/** Sizes and date of a save, as TensorFlow.js reports them. */
export interface ModelArtifactsInfo {
  dateSaved: Date;
  modelTopologyType: 'JSON';
  modelTopologyBytes?: number;
  weightSpecsBytes?: number;
  weightDataBytes?: number;
}

/** What `IOHandler.save` resolves to. */
export interface SaveResult {
  modelArtifactsInfo: ModelArtifactsInfo;
  responses?: unknown[];
  errors?: unknown[];
}

/** Where a model is saved to or loaded from (TensorFlow.js `IOHandler`: TensorFlow.js handlers work here too). */
export interface IOHandler {
  save?(artifacts: ModelArtifacts): Promise<SaveResult>;
  load?(): Promise<ModelArtifacts>;
}

/** A model.json and the shard files it names, ready to be written. */
export interface ModelFiles {
  modelJSON: ModelJSON;
  shards: { path: string; data: ArrayBuffer }[];
}

const sources = new WeakMap<object, string>();

/**
 * Records where artifacts were read from, so that loading errors name the file (handlers call this).
 * @example setArtifactsSource(artifacts, 'models/a/model.json')
 */
export function setArtifactsSource(artifacts: ModelArtifacts, source: string): void {
  sources.set(artifacts, source);
}

/**
 * Where artifacts were read from, if their handler said so.
 * @example artifactsSource(artifacts) // 'models/a/model.json'
 */
export function artifactsSource(artifacts: ModelArtifacts): string | undefined {
  return sources.get(artifacts);
}

/**
 * The sizes of `artifacts`, as `SaveResult.modelArtifactsInfo`.
 * @example getModelArtifactsInfo(artifacts).weightDataBytes
 */
export function getModelArtifactsInfo(artifacts: ModelArtifacts): ModelArtifactsInfo {
  const data = artifacts.weightData;
  return {
    dateSaved: new Date(),
    modelTopologyType: 'JSON',
    modelTopologyBytes: artifacts.modelTopology ? new TextEncoder().encode(JSON.stringify(artifacts.modelTopology)).byteLength : 0,
    weightSpecsBytes: artifacts.weightSpecs ? new TextEncoder().encode(JSON.stringify(artifacts.weightSpecs)).byteLength : 0,
    weightDataBytes: data === undefined ? 0 : Array.isArray(data) ? data.reduce((n, b) => n + b.byteLength, 0) : (data as ArrayBuffer).byteLength,
  };
}

function weightDataOf(artifacts: ModelArtifacts): ArrayBuffer {
  const d = artifacts.weightData;
  if (d === undefined) return new ArrayBuffer(0);
  return Array.isArray(d) ? concatBuffers(d) : d as ArrayBuffer;
}

/**
 * Lays artifacts out as files: model weights in group 1, optimizer weights (entries with `group: 'optimizer'`)
 * in group 2, each split into shards of `shardBytes` (4 MiB, as the TensorFlow.js converter) named
 * group1-shard1ofN.bin.
 * @example const { modelJSON, shards } = artifactsToFiles(artifacts)
 */
export function artifactsToFiles(artifacts: ModelArtifacts, shardBytes = DEFAULT_SHARD_BYTES): ModelFiles {
  if (!artifacts.modelTopology) throw new Error('artifactsToFiles: the artifacts have no modelTopology');
  const specs = artifacts.weightSpecs ?? [];
  const data = new Uint8Array(weightDataOf(artifacts));
  const needed = specs.reduce((n, s) => n + weightByteLength(s), 0);
  if (needed !== data.byteLength) throw new Error(`artifactsToFiles: size mismatch: the weight specs need ${needed} bytes, the weight data has ${data.byteLength}`);
  const groups: { specs: WeightsManifestEntry[]; parts: Uint8Array[] }[] = [{ specs: [], parts: [] }, { specs: [], parts: [] }];
  let offset = 0;
  for (const s of specs) {
    const n = weightByteLength(s);
    const g = groups[s.group === 'optimizer' ? 1 : 0];
    g.specs.push(s);
    g.parts.push(data.subarray(offset, offset + n));
    offset += n;
  }
  const manifest: WeightsManifestGroupConfig[] = [];
  const shards: ModelFiles['shards'] = [];
  groups.filter((g, i) => i === 0 || g.specs.length > 0).forEach((g, i) => {
    const pieces = splitShards(concatBuffers(g.parts), shardBytes);
    const names = shardNames(i + 1, pieces.length);
    manifest.push({ paths: names, weights: g.specs });
    pieces.forEach((p, j) => shards.push({ path: names[j], data: p }));
  });
  const modelJSON: ModelJSON = {
    modelTopology: artifacts.modelTopology,
    weightsManifest: manifest,
    format: artifacts.format ?? LAYERS_MODEL_FORMAT,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
  };
  if (artifacts.trainingConfig) modelJSON.trainingConfig = artifacts.trainingConfig;
  if (artifacts.userDefinedMetadata) modelJSON.userDefinedMetadata = artifacts.userDefinedMetadata;
  return { modelJSON, shards };
}

/**
 * Rebuilds artifacts from a parsed model.json, reading each group's shards with `readShards` (paths as written
 * in the manifest). Checks each group's size: errors name the shard files, `source` and the byte counts.
 * @example const artifacts = await artifactsFromModelJSON(json, (paths) => Promise.all(paths.map(read)), 'dir/model.json')
 */
export async function artifactsFromModelJSON(modelJSON: ModelJSON,
  readShards: (paths: string[]) => Promise<ArrayBuffer[]>, source = 'model.json'): Promise<ModelArtifacts> {
  const manifest = checkWeightsManifest(modelJSON.weightsManifest ?? [], source);
  const specs: WeightsManifestEntry[] = [];
  const data: ArrayBuffer[] = [];
  for (const [i, group] of manifest.entries()) {
    const buffers = await readShards(group.paths);
    const received = buffers.reduce((n, b) => n + b.byteLength, 0);
    const expected = group.weights.reduce((n, s) => n + weightByteLength(s), 0);
    if (received !== expected) {
      let offset = 0;
      const cut = group.weights.find((s) => (offset += weightByteLength(s)) > received);
      const why = cut ? `, too short for weight '${cut.name}' (ends at byte ${offset})` : '';
      throw new Error(`${group.paths.join(', ')}: shard size mismatch in weight group ${i + 1} of ${source}: expected ${expected} bytes, received ${received}${why}`);
    }
    specs.push(...group.weights);
    data.push(...buffers);
  }
  const artifacts: ModelArtifacts = {
    modelTopology: modelJSON.modelTopology,
    weightSpecs: specs,
    weightData: concatBuffers(data),
    format: modelJSON.format,
    generatedBy: modelJSON.generatedBy,
    convertedBy: modelJSON.convertedBy,
  };
  if (modelJSON.trainingConfig) artifacts.trainingConfig = modelJSON.trainingConfig;
  if (modelJSON.userDefinedMetadata) artifacts.userDefinedMetadata = modelJSON.userDefinedMetadata;
  setArtifactsSource(artifacts, source);
  return artifacts;
}

/**
 * A handler that loads the given in-memory artifacts (TensorFlow.js `io.fromMemory`).
 * @example const model = await loadLayersModel(fromMemory(artifacts))
 */
export function fromMemory(artifacts: ModelArtifacts): IOHandler {
  if (typeof artifacts !== 'object' || artifacts === null) throw new Error(`fromMemory: expected model artifacts, received ${String(artifacts)}`);
  return { load: async () => artifacts };
}

/**
 * A handler whose save calls `saveFn` with the artifacts (TensorFlow.js `io.withSaveHandler`).
 * @example let saved; await saveModel(model, withSaveHandler(async (a) => { saved = a; return { modelArtifactsInfo: getModelArtifactsInfo(a) }; }))
 */
export function withSaveHandler(saveFn: (artifacts: ModelArtifacts) => Promise<SaveResult>): IOHandler {
  if (typeof saveFn !== 'function') throw new Error('withSaveHandler: expected a function');
  return { save: saveFn };
}

/**
 * A handler that keeps the saved artifacts in memory, for tests and copies: `handler.artifacts` after saving.
 * @example const mem = memoryHandler(); await saveModel(model, mem); const copy = await loadLayersModel(mem)
 */
export function memoryHandler(): IOHandler & { artifacts: ModelArtifacts | null } {
  const h = {
    artifacts: null as ModelArtifacts | null,
    async save(a: ModelArtifacts): Promise<SaveResult> {
      h.artifacts = a;
      return { modelArtifactsInfo: getModelArtifactsInfo(a) };
    },
    async load(): Promise<ModelArtifacts> {
      if (!h.artifacts) throw new Error('memoryHandler: nothing has been saved to this handler yet');
      return h.artifacts;
    },
  };
  return h;
}
