// The CLI's main path, run as a user would (child processes, tiny settings): train on the digits and on XOR, then
// predict (PNG, CSV, IDX), evaluate, summary and report on the results.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Tensor } from '../core/tensor.js';
import { encodeIdx } from '../data/idx.js';
import { loadDigits } from '../data/node/digits.js';
import { entries, runTensorgrad, tempDir } from './testing.js';
import type { CliRun } from './testing.js';

const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: { sync: { write(png: { width: number; height: number; data: Uint8Array }): Uint8Array } } };

let dir = '';
let digitsRun: CliRun;
const DIGITS_OUT = join('tensorgrad-out', 'digits-cnn');

/** A 28x28 gray digit as a PNG (inverted: dark on white, as drawn on paper). */
function digitPng(pixels: ArrayLike<number>, inverted: boolean): Uint8Array {
  const data = new Uint8Array(28 * 28 * 4);
  for (let i = 0; i < 28 * 28; i++) {
    const v = Math.round(255 * (inverted ? 1 - pixels[i] : pixels[i]));
    data.set([v, v, v, 255], 4 * i);
  }
  return PNG.sync.write({ width: 28, height: 28, data });
}

before(async () => {
  dir = tempDir('cli-train');
  digitsRun = await runTensorgrad(['train', 'digits', '--limit', '300', '--epochs', '1'], dir);
  const { x, y } = await loadDigits({ normalize: true });
  writeFileSync(join(dir, 'digit.png'), digitPng(x.storage.subarray(0, 784), false));
  writeFileSync(join(dir, 'paper.png'), digitPng(x.storage.subarray(0, 784), true));
  writeFileSync(join(dir, 'label.txt'), String(y.storage[0]));
  const five = Tensor.fromStorage(Int32Array.from(x.storage.subarray(0, 5 * 784), (v) => Math.round(v * 255)), [5, 28, 28], 'int32');
  writeFileSync(join(dir, 'five-images-idx3-ubyte'), encodeIdx(five));
  writeFileSync(join(dir, 'points.csv'), 'x1,x2\n0,0\n0,1\n1,1\n');
  const flowers = Array.from({ length: 60 }, (_, i) => `${(i % 3) * 2 + (i % 7) / 10},${(i % 5) / 4},${['small', 'medium', 'large'][i % 3]}`);
  writeFileSync(join(dir, 'flowers.csv'), `length,width,size\n${flowers.join('\n')}\n`);
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('train digits: progress per epoch, closing summary, model, report and history in the output folder', () => {
  const r = digitsRun;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^backend: (native|cpu)/m);
  assert.match(r.stdout, /^data: 240 training samples \(10% of them for validation\), 60 test samples, 10 classes$/m);
  assert.match(r.stdout, /^Epoch 1\/1$/m);
  assert.match(r.stdout, /^Test accuracy: \d+\.\d\d% \(\d+\/60 held-out samples\), test loss \d/m);
  assert.match(r.stdout, /^Time: .* in all, of which training .* \(1 epoch\)$/m);
  assert.match(r.stdout, /^Open the report: (xdg-open|open|start) /m);
  const out = join(dir, DIGITS_OUT);
  for (const f of ['model/model.json', 'model/group1-shard1of1.bin', 'model/preprocessing.json', 'report.html', 'report.json', 'history.csv', 'loss.svg', 'confusion.svg']) {
    assert.ok(existsSync(join(out, f)), `${f} written`);
  }
  assert.deepEqual(entries(join(dir, 'tensorgrad-out')), ['digits-cnn'], 'no temporary folder left');
  const history = readFileSync(join(out, 'history.csv'), 'utf8').trim().split('\n');
  assert.equal(history[0], 'epoch,loss,accuracy,val_loss,val_accuracy,seconds');
  assert.equal(history.length, 2);
  const meta = JSON.parse(readFileSync(join(out, 'model/preprocessing.json'), 'utf8')) as { inputShape: number[]; darkBackground: boolean };
  assert.deepEqual(meta.inputShape, [28, 28, 1]);
  assert.equal(meta.darkBackground, true);
  assert.match(readFileSync(join(out, 'report.html'), 'utf8'), /<html/i);
});

test('train xor twice into the same folder: the second run replaces the first', async () => {
  for (let i = 0; i < 2; i++) {
    const r = await runTensorgrad(['train', 'xor', '--epochs', '1', '--quiet', '--seed', String(i)], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /Epoch 1/, '--quiet: no progress');
  }
  assert.ok(existsSync(join(dir, 'tensorgrad-out', 'xor-mlp', 'model', 'model.json')));
  assert.deepEqual(entries(join(dir, 'tensorgrad-out')), ['digits-cnn', 'xor-mlp']);
});

test('train further from a saved model (its folder as --model)', async () => {
  const r = await runTensorgrad(['train', 'xor', '--model', join('tensorgrad-out', 'xor-mlp'), '--epochs', '1', '--quiet'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^model: xor-mlp \(3 layers/m);
  assert.ok(existsSync(join(dir, 'tensorgrad-out', 'xor-xor-mlp', 'report.html')));
});

test('train on a CSV file with class names, then predict its rows (the label column is ignored)', async () => {
  const r = await runTensorgrad(['train', 'flowers.csv', '--epochs', '2', '--quiet'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^data: 48 training samples .* 12 test samples, 3 classes$/m);
  const p = await runTensorgrad(['predict', join('tensorgrad-out', 'flowers-mlp'), 'flowers.csv'], dir);
  assert.equal(p.code, 0, p.stderr);
  assert.match(p.stdout, /^row 60\s+(small|medium|large)\s+\d+\.\d\d%$/m);
});

test('predict a PNG digit, and a digit drawn dark on white (inverted first)', async () => {
  const r = await runTensorgrad(['predict', DIGITS_OUT, 'digit.png', 'paper.png', '--top', '3'], dir);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^input\s+prediction\s+probability\s+next most likely$/);
  assert.match(lines[1], /^digit\.png\s+\d\s+\d+\.\d\d%\s+\d \d+\.\d%, \d \d+\.\d%$/);
  assert.match(lines[2], /^paper\.png\s+\d\s+/);
  assert.equal(lines.length, 3);
  assert.match(r.stderr, /^backend: /m);
  assert.match(r.stderr, /^note: paper\.png: inverted/m);
  assert.doesNotMatch(r.stderr, /digit\.png: inverted/);
});

test('predict the images of an IDX file and the rows of a CSV file', async () => {
  const idx = await runTensorgrad(['predict', DIGITS_OUT, 'five-images-idx3-ubyte'], dir);
  assert.equal(idx.code, 0, idx.stderr);
  assert.equal(idx.stdout.trim().split('\n').length, 6);
  assert.match(idx.stdout, /^image 5\s+\d\s+\d+\.\d\d%$/m);
  const csv = await runTensorgrad(['predict', join('tensorgrad-out', 'xor-mlp'), 'points.csv'], dir);
  assert.equal(csv.code, 0, csv.stderr);
  assert.match(csv.stdout, /^row 3\s+[01]\s+\d+\.\d\d%$/m);
});

test('evaluate scores the part held out in training and prints the confusion matrix', async () => {
  const r = await runTensorgrad(['evaluate', DIGITS_OUT], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /the test part held out in training, 60 samples \(seed 42\)/);
  assert.match(r.stdout, /^accuracy \d+\.\d\d% \(\d+\/60\), loss /m);
  assert.match(r.stdout, /confusion matrix/);
  const all = await runTensorgrad(['evaluate', DIGITS_OUT, 'digits', '--all', '--limit', '100'], dir);
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout, /all 100 samples/);
});

test('summary of a preset and of a saved model', async () => {
  const preset = await runTensorgrad(['summary', 'mlp', '--dataset', 'spirals'], dir);
  assert.equal(preset.code, 0, preset.stderr);
  assert.match(preset.stdout, /preset mlp for spirals \(samples of shape \[2\], 3 classes\)/);
  assert.match(preset.stdout, /Total params/i);
  const saved = await runTensorgrad(['summary', DIGITS_OUT], dir);
  assert.equal(saved.code, 0, saved.stderr);
  assert.match(saved.stdout, /trained on digits: 10 classes/);
  assert.match(saved.stdout, /Conv2D/);
});

test('report renders the report again, into another folder', async () => {
  const r = await runTensorgrad(['report', DIGITS_OUT, '--out', 'again'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Report: again\/report\.html \(\d+ charts\)$/m);
  assert.ok(existsSync(join(dir, 'again', 'report.html')));
  assert.ok(existsSync(join(dir, 'again', 'loss.svg')));
});
