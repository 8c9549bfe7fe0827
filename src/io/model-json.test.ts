import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonErrorLocation } from './json-error.js';
import { parseModelJSON } from './model-json.js';
import { artifactsFromModelJSON, artifactsToFiles, memoryHandler } from './artifacts.js';
import { encodeWeights } from './weights.js';
import { Tensor } from '../core/tensor.js';
import { http } from './http.js';
import { getLoadHandler } from './router.js';

const topology = { class_name: 'Sequential', config: { name: 's', layers: [] } };

test('jsonErrorLocation finds the first syntax error, with line and column', () => {
  assert.deepEqual(jsonErrorLocation('{"a": }'), { position: 6, line: 1, column: 7 });
  assert.deepEqual(jsonErrorLocation('{\n  "a": 1,\n  "b": tru\n}'), { position: 19, line: 3, column: 8 });
  assert.equal(jsonErrorLocation('[1, 2').position, 5);
  assert.equal(jsonErrorLocation('{"a": 1} x').position, 9);
  assert.equal(jsonErrorLocation('"\\q"').position, 2);
  assert.equal(jsonErrorLocation('[1,]').position, 3);
  assert.equal(jsonErrorLocation('-').position, 0);
});

test('parseModelJSON names the file and the position of syntax errors', () => {
  assert.throws(() => parseModelJSON('{\n"modelTopology": {,\n}', 'dir/model.json'),
    /^Error: dir\/model\.json: invalid JSON at line 2 column 19 \(position 20\)/);
  assert.throws(() => parseModelJSON('', 'm.json'), /m\.json: invalid JSON at line 1 column 1 \(position 0\)/);
});

test('parseModelJSON checks the structure of the manifest', () => {
  const ok = { modelTopology: topology, weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'd/kernel', shape: [2, 3], dtype: 'float32' }] }] };
  assert.equal(parseModelJSON(JSON.stringify(ok)).weightsManifest[0].weights[0].name, 'd/kernel');
  assert.deepEqual(parseModelJSON(JSON.stringify({ modelTopology: topology })).weightsManifest, []);
  const bad = (m: unknown): string => JSON.stringify({ modelTopology: topology, weightsManifest: m });
  assert.throws(() => parseModelJSON('[]', 'x.json'), /x\.json: top level: expected a JSON object, received an array/);
  assert.throws(() => parseModelJSON('{}', 'x.json'), /x\.json: modelTopology: expected/);
  assert.throws(() => parseModelJSON(JSON.stringify({ modelTopology: topology, format: 'graph-model' })), /format: expected 'layers-model'/);
  assert.throws(() => parseModelJSON(bad({})), /weightsManifest: expected an array/);
  assert.throws(() => parseModelJSON(bad([{ paths: 'a.bin', weights: [] }])), /weightsManifest\[0\]: 'paths' must be an array/);
  assert.throws(() => parseModelJSON(bad([{ paths: ['a'], weights: [{ name: 'w', shape: [-1], dtype: 'float32' }] }])),
    /weightsManifest\[0\]\.weights\[0\] \('w'\): 'shape' must be an array of non-negative integers, received \[-1\]/);
  assert.throws(() => parseModelJSON(bad([{ paths: ['a'], weights: [{ name: 'w', shape: [1], dtype: 'string' }] }])), /'dtype' must be one of/);
  assert.throws(() => parseModelJSON(bad([{ paths: ['a'], weights: [{ name: 'w', shape: [1], dtype: 'float32', quantization: { dtype: 'uint8' } }] }])),
    /uint8 quantization needs numeric 'scale' and 'min'/);
  assert.throws(() => parseModelJSON(bad([{ paths: ['a'], weights: [{ name: 'w', shape: [1], dtype: 'float32', quantization: { dtype: 'int4' } }] }])),
    /quantization dtype must be one of uint8, uint16, float16/);
});

test('artifactsToFiles puts model weights in group 1 and optimizer weights in group 2, sharded', async () => {
  const t = (n: number): Tensor => Tensor.fromStorage(new Float32Array(n).map((_, i) => i), [n], 'float32');
  const m = encodeWeights([{ name: 'd/kernel', tensor: t(5) }, { name: 'd/bias', tensor: t(2) }]);
  const o = encodeWeights([{ name: 'iter', tensor: Tensor.fromStorage(Int32Array.of(3), [], 'int32') }, { name: 'd/kernel/m', tensor: t(5) }], 'optimizer');
  // Interleaved specs are regrouped with their data.
  const specs = [o.specs[0], m.specs[0], o.specs[1], m.specs[1]];
  const parts = [o.data.slice(0, 4), m.data.slice(0, 20), o.data.slice(4), m.data.slice(20)];
  const { modelJSON, shards } = artifactsToFiles({ modelTopology: topology, weightSpecs: specs, weightData: parts }, 16);
  assert.deepEqual(modelJSON.weightsManifest.map((g) => g.paths), [['group1-shard1of2.bin', 'group1-shard2of2.bin'], ['group2-shard1of2.bin', 'group2-shard2of2.bin']]);
  assert.deepEqual(modelJSON.weightsManifest[1].weights.map((w) => [w.name, w.group]), [['iter', 'optimizer'], ['d/kernel/m', 'optimizer']]);
  assert.equal(modelJSON.format, 'layers-model');
  assert.deepEqual(shards.map((s) => s.data.byteLength), [16, 12, 16, 8]);
  const files = new Map(shards.map((s) => [s.path, s.data]));
  const back = await artifactsFromModelJSON(modelJSON, async (paths) => paths.map((p) => files.get(p)!), 'mem/model.json');
  assert.deepEqual(back.weightSpecs!.map((s) => s.name), ['d/kernel', 'd/bias', 'iter', 'd/kernel/m']);
  assert.equal((back.weightData as ArrayBuffer).byteLength, 52);
  // A truncated shard: the error names the shard files, the group and the counts.
  files.set('group1-shard2of2.bin', new ArrayBuffer(4));
  await assert.rejects(artifactsFromModelJSON(modelJSON, async (paths) => paths.map((p) => files.get(p)!), 'mem/model.json'),
    /group1-shard1of2\.bin, group1-shard2of2\.bin: shard size mismatch in weight group 1 of mem\/model\.json: expected 28 bytes, received 20, too short for weight 'd\/bias' \(ends at byte 28\)/);
});

test('memoryHandler keeps what was saved; loading before saving fails clearly', async () => {
  const h = memoryHandler();
  await assert.rejects(h.load!(), /nothing has been saved/);
  await h.save!({ modelTopology: topology });
  assert.deepEqual((await h.load!()).modelTopology, topology);
});

test('http handler loads model.json and shards relative to its URL, and saves as a multipart POST', async () => {
  const { data, specs } = encodeWeights([{ name: 'd/bias', tensor: Tensor.fromStorage(Float32Array.of(1, 2), [2], 'float32') }]);
  const served = new Map<string, Response>();
  const requests: string[] = [];
  const fetchFunc = (async (url: string | URL | Request, init?: RequestInit) => {
    requests.push(`${init?.method ?? 'GET'} ${String(url)}`);
    if (init?.method === 'POST') {
      const form = init.body as FormData;
      assert.deepEqual([...form.keys()], ['model.json', 'model.weights.bin']);
      return new Response('ok');
    }
    return served.get(String(url)) ?? new Response('missing', { status: 404, statusText: 'Not Found' });
  }) as typeof fetch;
  served.set('https://x.org/m/model.json', new Response(JSON.stringify({ modelTopology: topology, weightsManifest: [{ paths: ['w/g1.bin'], weights: specs }] })));
  served.set('https://x.org/m/w/g1.bin', new Response(data));
  const a = await http('https://x.org/m/model.json', { fetchFunc }).load!();
  assert.deepEqual(a.weightSpecs, specs);
  await http('https://x.org/upload', { fetchFunc }).save!(a);
  assert.deepEqual(requests, ['GET https://x.org/m/model.json', 'GET https://x.org/m/w/g1.bin', 'POST https://x.org/upload']);
  await assert.rejects(http('https://x.org/none/model.json', { fetchFunc }).load!(), /https:\/\/x\.org\/none\/model\.json: HTTP request failed with status 404/);
});

test('URL routing: http(s) URLs are known, other schemes are rejected with a hint', () => {
  assert.equal(typeof getLoadHandler('https://example.com/model.json').load, 'function');
  assert.throws(() => getLoadHandler('indexeddb://m'), /loadLayersModel: no IO handler can load from 'indexeddb:\/\/m'; pass an IOHandler/);
  // Without the Node entry, plain paths are only meaningful relative to a web page.
  assert.throws(() => getLoadHandler('models/model.json'), /file paths need the Node entry/);
  Object.defineProperty(globalThis, 'location', { value: { href: 'https://x.org/app/' }, configurable: true });
  try {
    assert.equal(typeof getLoadHandler('models/model.json').load, 'function');
  } finally {
    Reflect.deleteProperty(globalThis, 'location');
  }
});
