import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './main.js';

test('rnn-timeseries: the LSTM forecasts daily births far better than the naive last-value forecast', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'rnn-timeseries-'));
  const r = await run({ quick: true, outDir, log: () => {} });
  const mse = Object.fromEntries(r.forecasters.map((f) => [f.name, f.testMse]));
  assert.ok(mse.LSTM < 0.5 * mse['naive (last value)'], `LSTM ${mse.LSTM} vs naive ${mse['naive (last value)']}`);
  assert.ok(mse['dense network'] < 0.5 * mse['naive (last value)'], `dense ${mse['dense network']}`);
  assert.ok(r.lstmLoss.at(-1)! < 0.5 * r.lstmLoss[0], `LSTM training loss ${r.lstmLoss}`);
  assert.equal(r.testDays, 731);
  assert.equal(r.plots.length, 3);
  for (const p of r.plots) assert.match(await readFile(p, 'utf8'), /^<svg/);
});
