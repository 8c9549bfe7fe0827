// Loading model.json and its shards over HTTP with fetch, and saving by POSTing them as a multipart form, as
// TensorFlow.js's `io.http` does (fields 'model.json' and 'model.weights.bin').
import { artifactsFromModelJSON, getModelArtifactsInfo } from './artifacts.js';
import type { IOHandler, ModelArtifacts, SaveResult } from './artifacts.js';
import { parseModelJSON } from './model-json.js';
import type { ModelJSON } from './model-json.js';
import { concatBuffers } from './weights.js';

/** Options of `http`. */
export interface HTTPOptions {
  /** The fetch function (default: the global fetch). */
  fetchFunc?: typeof fetch;
  /** Extra request options (headers, credentials); saving uses method POST unless `requestInit.method` says otherwise. */
  requestInit?: RequestInit;
}

/**
 * A handler that loads a model from the URL of its model.json (shards are fetched relative to it), or saves by
 * POSTing model.json and the weights to the URL.
 * @example const model = await loadLayersModel(http('https://example.com/model/model.json'))
 */
export function http(url: string, options: HTTPOptions = {}): IOHandler {
  if (typeof url !== 'string' || url.length === 0) throw new Error(`http: expected a URL string, received ${String(url)}`);
  const fetchFunc = (): typeof fetch => {
    const f = options.fetchFunc ?? globalThis.fetch;
    if (typeof f !== 'function') throw new Error('http: no fetch function is available; pass options.fetchFunc');
    return f;
  };
  const get = async (u: string): Promise<Response> => {
    const res = await fetchFunc()(u, options.requestInit);
    if (!res.ok) throw new Error(`${u}: HTTP request failed with status ${res.status} ${res.statusText}`);
    return res;
  };
  return {
    async load(): Promise<ModelArtifacts> {
      const json = parseModelJSON(await (await get(url)).text(), url);
      return artifactsFromModelJSON(json,
        (paths) => Promise.all(paths.map(async (p) => (await get(new URL(p, new URL(url, baseOf()))
          .toString())).arrayBuffer())), url);
    },
    async save(artifacts: ModelArtifacts): Promise<SaveResult> {
      const data = artifacts.weightData === undefined ? new ArrayBuffer(0)
        : Array.isArray(artifacts.weightData) ? concatBuffers(artifacts.weightData) : artifacts.weightData as ArrayBuffer;
      const modelJSON: ModelJSON = {
        modelTopology: artifacts.modelTopology ?? {},
        weightsManifest: [{ paths: ['./model.weights.bin'], weights: artifacts.weightSpecs ?? [] }],
        format: artifacts.format, generatedBy: artifacts.generatedBy, convertedBy: artifacts.convertedBy ?? null,
      };
      if (artifacts.trainingConfig) modelJSON.trainingConfig = artifacts.trainingConfig;
      if (artifacts.userDefinedMetadata) modelJSON.userDefinedMetadata = artifacts.userDefinedMetadata;
      const form = new FormData();
      form.append('model.json', new Blob([JSON.stringify(modelJSON)], { type: 'application/json' }), 'model.json');
      form.append('model.weights.bin', new Blob([data], { type: 'application/octet-stream' }), 'model.weights.bin');
      const res = await fetchFunc()(url, { method: 'POST', ...options.requestInit, body: form });
      if (!res.ok) throw new Error(`${url}: saving failed with HTTP status ${res.status} ${res.statusText}`);
      return { modelArtifactsInfo: getModelArtifactsInfo(artifacts), responses: [res] };
    },
  };
}

function baseOf(): string {
  const loc = (globalThis as { location?: { href?: string } }).location;
  return loc?.href ?? 'http://localhost/';
}
