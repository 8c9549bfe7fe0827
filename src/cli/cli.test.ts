// The CLI as a user meets it: --help of every command, and each kind of bad input answered with one line on
// stderr, exit code 2 and no output folder left behind.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { entries, runTensorgrad, tempDir } from './testing.js';
import type { CliRun } from './testing.js';

const COMMANDS = ['train', 'evaluate', 'predict', 'summary', 'report'];

let dir = '';
let xorModel = '';

before(async () => {
  dir = tempDir('cli');
  writeFileSync(join(dir, 'bad-cell.csv'), 'a,b,label\n1,2,0\n3,abc,1\n5,6,0\n');
  writeFileSync(join(dir, 'negative-label.csv'), 'a,b,label\n1,2,0\n3,4,-1\n5,6,1\n');
  writeFileSync(join(dir, 'four-classes.csv'), `a,b,label\n${Array.from({ length: 40 }, (_, i) => `${i % 7},${i % 5},${i % 4}`).join('\n')}\n`);
  writeFileSync(join(dir, 'three-features.csv'), 'a,b,c,label\n1,2,3,0\n4,5,6,1\n');
  writeFileSync(join(dir, 'not-a-report.json'), '{"title": 3}');
  const r = await runTensorgrad(['train', 'xor', '--epochs', '1', '--quiet', '--out', 'models/xor'], dir);
  assert.equal(r.code, 0, r.stderr);
  xorModel = join(dir, 'models', 'xor');
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** Asserts a bad-input answer: exit code 2, one stderr line "tensorgrad: ..." matching `pattern`, nothing written. */
function assertBadInput(r: CliRun, pattern: RegExp): void {
  assert.equal(r.code, 2, `exit code, stderr: ${r.stderr}`);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `one line on stderr, received:\n${r.stderr}`);
  assert.match(lines[0], /^tensorgrad: /);
  assert.match(lines[0], pattern);
  assert.equal(r.stdout, '', 'nothing on stdout');
  assert.deepEqual(entries(dir).filter((e) => !e.endsWith('.csv') && !e.endsWith('.json')), ['models'], 'no output folder and no temporary folder');
  assert.deepEqual(entries(join(dir, 'models')), ['xor']);
}

describe('help', { concurrency: 3 }, () => {
  test('tensorgrad --help lists every command', async () => {
    const r = await runTensorgrad(['--help'], dir);
    assert.equal(r.code, 0);
    for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`^  ${c} `, 'm'));
  });
  for (const c of COMMANDS) {
    test(`tensorgrad ${c} --help shows usage, options and examples`, async () => {
      const r = await runTensorgrad([c, '--help'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^Usage: tensorgrad ${c} `, 'm'));
      assert.match(r.stdout, /-h, --help/);
      assert.match(r.stdout, /Examples?:/);
      assert.equal(r.stderr, '');
    });
  }
  test('no command prints the help on stderr with exit code 2', async () => {
    const r = await runTensorgrad([], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Usage: tensorgrad/);
  });
});

describe('usage errors', { concurrency: 3 }, () => {
  test('an unknown command is one line with a suggestion', async () => {
    assertBadInput(await runTensorgrad(['trian', 'digits'], dir), /unknown command 'trian'.*train/);
  });
  test('an unknown option', async () => {
    assertBadInput(await runTensorgrad(['train', 'xor', '--epoch', '3'], dir), /unknown option '--epoch'/);
  });
  test('a bad option value', async () => {
    assertBadInput(await runTensorgrad(['train', 'xor', '--epochs', '0'], dir), /--epochs <n>.*'0' is invalid.*whole number >= 1/);
    assertBadInput(await runTensorgrad(['train', 'xor', '--optimizer', 'adamm'], dir), /--optimizer.*'adamm' is invalid/);
  });
  test('a missing argument', async () => {
    assertBadInput(await runTensorgrad(['predict', xorModel], dir), /missing required argument 'inputs'/);
  });
  test('an unknown preset', async () => {
    assertBadInput(await runTensorgrad(['train', 'xor', '--model', 'resnet'], dir), /unknown model 'resnet'; expected a preset \(mlp, cnn, lstm\), a model\.json file or a folder/);
  });
});

describe('bad input', { concurrency: 3 }, () => {
  test('an unknown dataset', async () => {
    assertBadInput(await runTensorgrad(['train', 'digitz', '--out', 'a/b/out'], dir), /unknown dataset 'digitz'; expected a built-in dataset \(digits, /);
  });
  test('a missing file', async () => {
    assertBadInput(await runTensorgrad(['train', 'missing.csv'], dir), /missing\.csv: no such file or folder/);
    assertBadInput(await runTensorgrad(['predict', xorModel, 'missing.png'], dir), /missing\.png: no such file or directory/);
    assertBadInput(await runTensorgrad(['evaluate', 'no-model-here'], dir), /no-model-here: no such file or folder/);
    assertBadInput(await runTensorgrad(['report', join(dir, 'models')], dir), /no report\.json here/);
  });
  test('data whose shape does not fit the model', async () => {
    assertBadInput(await runTensorgrad(['train', 'digits', '--limit', '50', '--model', join(xorModel, 'model', 'model.json'), '--out', 'a/out'], dir),
      /digits: data does not fit the model: samples of shape \[28,28,1\], but the model takes \[2\]/);
    assertBadInput(await runTensorgrad(['evaluate', xorModel, 'three-features.csv'], dir), /data does not fit the model: rows of 3 values, but the model takes 2 features/);
    assertBadInput(await runTensorgrad(['predict', xorModel, 'three-features.csv'], dir), /data does not fit the model/);
  });
  test('labels out of range', async () => {
    assertBadInput(await runTensorgrad(['train', 'four-classes.csv', '--model', join(xorModel, 'model', 'model.json')], dir),
      /four-classes\.csv: labels out of range: sample \d+ has label 3, but the model has 2 classes \(0\.\.1\)/);
    assertBadInput(await runTensorgrad(['evaluate', xorModel, 'four-classes.csv'], dir), /labels out of range/);
    assertBadInput(await runTensorgrad(['train', 'negative-label.csv'], dir), /negative-label\.csv row 3: label -1 in column "label" is not a class id/);
  });
  test('non-numeric CSV cells', async () => {
    assertBadInput(await runTensorgrad(['train', 'bad-cell.csv', '--out', 'x/y'], dir), /bad-cell\.csv row 3, column "b": expected a number, received "abc"$/);
  });
  test('a CSV label column that does not exist', async () => {
    assertBadInput(await runTensorgrad(['train', 'bad-cell.csv', '--label', 'target'], dir), /--label "target" is not a column of bad-cell\.csv \(columns: a, b, label\)/);
  });
  test('an output folder that is not a tensorgrad run is not replaced', async () => {
    const r = await runTensorgrad(['train', 'xor', '--out', '.'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^tensorgrad: --out \.: folder exists and is not a tensorgrad output folder/);
    assert.ok(existsSync(join(dir, 'bad-cell.csv')));
  });
  test('a file that is not a report', async () => {
    assertBadInput(await runTensorgrad(['report', 'not-a-report.json'], dir), /not-a-report\.json: not a training report \(renderReport: title must be a string/);
  });
});
