import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setSeed } from '../../core/random.js';
import type { Tensor } from '../../core/tensor.js';
import { randomNormal } from '../../ops/creation.js';
import { tensor } from '../../ops/convert.js';
import { layers, sequential } from '../../nn/index.js';
import type { LayersModel } from '../../nn/index.js';
import { getModelArtifacts, loadLayersModel, saveModel } from '../model-io.js';
import { fileSystem } from './index.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tensorgrad-io-'));
}

function net(units = 4): LayersModel {
  return sequential({ layers: [layers.dense({ units, inputShape: [3], activation: 'relu' }), layers.dense({ units: 2 })] });
}

const out = (m: LayersModel, x: Tensor): number[] => [...(m.predict(x) as Tensor).storage];

test('save to a plain path and a file:// URL writes model.json and shards; loading gives the same predictions', async () => {
  const root = await tempDir();
  try {
    setSeed(1);
    const m = net();
    const x = randomNormal([2, 3]);
    await saveModel(m, join(root, 'a'));
    assert.deepEqual((await readdir(join(root, 'a'))).sort(), ['group1-shard1of1.bin', 'model.json']);
    const json = JSON.parse(await readFile(join(root, 'a', 'model.json'), 'utf8'));
    assert.deepEqual(Object.keys(json).sort(), ['convertedBy', 'format', 'generatedBy', 'modelTopology', 'weightsManifest']);
    assert.deepEqual(json.weightsManifest[0].paths, ['group1-shard1of1.bin']);
    for (const where of [join(root, 'a'), join(root, 'a', 'model.json'), `file://${join(root, 'a', 'model.json')}`]) {
      assert.deepEqual(out(await loadLayersModel(where), x), out(m, x), where);
    }
    await saveModel(m, `file://${join(root, 'b', 'nested')}`);
    assert.deepEqual(out(await loadLayersModel(fileSystem(join(root, 'b', 'nested'))), x), out(m, x));
    // Large weights are split into shards of the requested size.
    await fileSystem(join(root, 'c'), { shardBytes: 20 }).save!(getModelArtifacts(m));
    const shards = (await readdir(join(root, 'c'))).filter((f) => f.endsWith('.bin')).sort();
    assert.equal(shards.length, Math.ceil((3 * 4 + 4 + 4 * 2 + 2) * 4 / 20));
    assert.deepEqual(out(await loadLayersModel(join(root, 'c')), x), out(m, x));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('saving over an existing model replaces it as a whole and leaves no temporary directories', async () => {
  const root = await tempDir();
  try {
    setSeed(2);
    const dir = join(root, 'model');
    await fileSystem(dir, { shardBytes: 16 }).save!(getModelArtifacts(net(8)));
    assert.ok((await readdir(dir)).length > 3);
    const small = net(2);
    await saveModel(small, dir);
    // The old model's extra shards are gone with it.
    assert.deepEqual((await readdir(dir)).sort(), ['group1-shard1of1.bin', 'model.json']);
    assert.deepEqual(await readdir(root), ['model']);
    const x = randomNormal([1, 3]);
    assert.deepEqual(out(await loadLayersModel(dir), x), out(small, x));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a failure in the middle of saving leaves the previous model intact', async () => {
  const root = await tempDir();
  try {
    setSeed(3);
    const dir = join(root, 'model');
    const m = net();
    await saveModel(m, dir);
    const before = await readFile(join(dir, 'model.json'), 'utf8');
    // The shards get written, then serializing model.json throws.
    const bad = getModelArtifacts(net(5));
    (bad.modelTopology as Record<string, unknown>).oops = 1n;
    await assert.rejects(fileSystem(dir).save!(bad), /BigInt/);
    assert.equal(await readFile(join(dir, 'model.json'), 'utf8'), before);
    assert.deepEqual(await readdir(root), ['model']);
    const x = randomNormal([1, 3]);
    assert.deepEqual(out(await loadLayersModel(dir), x), out(m, x));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('refuses to replace a directory holding files that are not part of a model', async () => {
  const root = await tempDir();
  try {
    await writeFile(join(root, 'notes.txt'), 'keep me');
    await assert.rejects(saveModel(net(), root), /refusing to replace .*: it holds files that are not part of a saved model \(notes\.txt\)/);
    assert.deepEqual(await readdir(root), ['notes.txt']);
    await writeFile(join(root, 'file'), 'x');
    await assert.rejects(saveModel(net(), join(root, 'file')), /exists and is not a directory/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('malformed files give errors naming the file and the position or the weight', async () => {
  const root = await tempDir();
  try {
    setSeed(4);
    const dir = join(root, 'm');
    const m = net();
    await saveModel(m, dir);
    const jsonPath = join(dir, 'model.json');
    const good = await readFile(jsonPath, 'utf8');
    await assert.rejects(loadLayersModel(join(root, 'none')), /loadLayersModel: cannot read .*\/none: no such file/);

    await writeFile(jsonPath, good.slice(0, 40));
    await assert.rejects(loadLayersModel(dir), new RegExp(`${jsonPath}: invalid JSON at line 1 column 41 \\(position 40\\)`));

    const json = JSON.parse(good);
    const kernel = json.weightsManifest[0].weights[0].name;
    json.weightsManifest[0].weights.splice(0, 1);
    await writeFile(jsonPath, JSON.stringify(json));
    await assert.rejects(loadLayersModel(dir), /shard size mismatch in weight group 1 of .*model\.json: expected 56 bytes, received 104/);

    await writeFile(jsonPath, good);
    await truncate(join(dir, 'group1-shard1of1.bin'), 50);
    await assert.rejects(loadLayersModel(dir),
      /group1-shard1of1\.bin: shard size mismatch in weight group 1 of .*model\.json: expected 104 bytes, received 50, too short for weight 'dense_\d+\/bias' \(ends at byte 64\)/);

    await saveModel(m, dir);
    const renamed = JSON.parse(good);
    renamed.weightsManifest[0].weights[0].name = 'other/kernel';
    await writeFile(jsonPath, JSON.stringify(renamed));
    await assert.rejects(loadLayersModel(dir), new RegExp(`${jsonPath}: missing weight '${kernel}' \\[3,4\\] in the weights manifest`));

    const escaped = JSON.parse(good);
    escaped.weightsManifest[0].paths = ['../../etc/passwd'];
    await writeFile(jsonPath, JSON.stringify(escaped));
    await assert.rejects(loadLayersModel(dir), /weight path '\.\.\/\.\.\/etc\/passwd' points outside the model directory/);

    await rm(join(dir, 'group1-shard1of1.bin'));
    await writeFile(jsonPath, good);
    await assert.rejects(loadLayersModel(dir), /group1-shard1of1\.bin: cannot read the weight shard listed in .*model\.json: no such file/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('loads a Keras model converted by the TensorFlow.js converter (model_config wrapper, uint8 weights)', async () => {
  const root = await tempDir();
  try {
    const layer = (cls: string, config: object): object => ({ class_name: cls, config });
    const json = {
      format: 'layers-model', generatedBy: 'keras v2.13.1', convertedBy: 'TensorFlow.js Converter v4.22.0',
      modelTopology: {
        keras_version: '2.13.1', backend: 'tensorflow',
        model_config: layer('Sequential', { name: 'sequential', layers: [
          layer('InputLayer', { batch_input_shape: [null, 3], dtype: 'float32', sparse: false, ragged: false, name: 'dense_input' }),
          layer('Dense', { name: 'dense', trainable: true, dtype: 'float32', units: 2, activation: 'linear', use_bias: true,
            kernel_initializer: layer('GlorotUniform', { seed: null }), bias_initializer: layer('Zeros', {}),
            kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null }),
        ] }),
        training_config: { loss: 'mse', optimizer_config: layer('Adam', { learning_rate: 0.001 }) },
      },
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [
        { name: 'dense/kernel', shape: [3, 2], dtype: 'float32', quantization: { dtype: 'uint8', min: -1, scale: 0.01, original_dtype: 'float32' } },
        { name: 'dense/bias', shape: [2], dtype: 'float32' },
      ] }],
    };
    await writeFile(join(root, 'model.json'), JSON.stringify(json));
    const kernelQ = Uint8Array.of(0, 100, 200, 50, 150, 250);
    const bias = Float32Array.of(0.5, -0.25);
    const bin = new Uint8Array(6 + 8);
    bin.set(kernelQ, 0);
    bin.set(new Uint8Array(bias.buffer), 6);
    await writeFile(join(root, 'group1-shard1of1.bin'), bin);
    const m = await loadLayersModel(`file://${join(root, 'model.json')}`);
    const kernel = [...kernelQ].map((q) => q * 0.01 - 1);
    assert.deepEqual([...m.weights[0].value.storage], [...Float32Array.from(kernel)]);
    const y = (m.predict(tensor([[1, 2, 3]])) as Tensor).storage;
    const expected = [0, 1].map((j) => kernel[j] * 1 + kernel[2 + j] * 2 + kernel[4 + j] * 3 + bias[j]);
    assert.ok(Math.abs(y[0] - expected[0]) < 1e-5 && Math.abs(y[1] - expected[1]) < 1e-5, `${[...y]} vs ${expected}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
