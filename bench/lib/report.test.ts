import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Measurement } from './common.js';
import { median } from './common.js';
import type { Peer } from './peers.js';
import { accuracyCheck, addRecords, cellValue, fmt, formatTable, pairedRatio, speedRatio } from './report.js';
import type { Cells } from './report.js';

const peer = (name: string, family: Peer['family'], threads = 1): Peer =>
  ({ name, family, threads, command: () => ({ cmd: '', args: [] }), runs: () => true });
const m = (p: string, workload: string, unit: string, value: number, extra: Record<string, unknown> = {}): Measurement =>
  ({ peer: p, workload, unit, median: value, min: value, max: value, values: [value], ...extra });

test('median, fmt and speedRatio', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.equal(fmt(123456), '123k');
  assert.equal(fmt(2_500_000), '2.5M');
  assert.equal(fmt(0.012345), '0.0123');
  assert.equal(fmt(1234), '1234');
  assert.equal(speedRatio({ value: 10, rounds: [10], unit: 'samples/s' }, { value: 5, rounds: [5], unit: 'samples/s' }), 2);
  // Per-call times: lower is faster, so the ratio is inverted.
  assert.equal(speedRatio({ value: 10, rounds: [10], unit: 'us/call' }, { value: 40, rounds: [40], unit: 'us/call' }), 4);
});

test('formatTable: medians over rounds, % of peak for GEMM, ratios per tensorgrad/peer pair, noisy marker', () => {
  const cells: Cells = new Map();
  addRecords(cells, [m('tensorgrad-cpu', 'sgemm_128', 'GFLOP/s', 10), m('tensorgrad-cpu', 'sgemm_128', 'GFLOP/s', 12),
    m('tensorgrad-cpu', 'sgemm_128', 'GFLOP/s', 11), m('pytorch-1t', 'sgemm_128', 'GFLOP/s', 100),
    m('tensorgrad-cpu', 'w1_predict_b1', 'us/call', 100), m('tensorgrad-cpu', 'w1_predict_b1', 'us/call', 300),
    m('pytorch-1t', 'w1_predict_b1', 'us/call', 50)]);
  assert.deepEqual(cellValue(cells, 'sgemm_128', 'tensorgrad-cpu'), { value: 11, rounds: [10, 12, 11], unit: 'GFLOP/s' });
  const peers = [peer('tensorgrad-cpu', 'tensorgrad'), peer('tensorgrad-native-2t', 'tensorgrad', 2), peer('pytorch-1t', 'pytorch'), peer('hw-peak-1t', 'hw')];
  const t = formatTable({ cells, rows: ['sgemm_128', 'w1_mlp_b64_train', 'w1_predict_b1'], peers, peaks: new Map([[1, 110]]) });
  const lines = t.split('\n');
  assert.equal(lines[0], '| workload | unit | tensorgrad-cpu | pytorch-1t | tg-cpu / pytorch-1t |');
  assert.equal(lines[2], '| sgemm_128 | GFLOP/s | 11 (10%) | 100 (91%) | 0.11x |');
  assert.equal(lines[3], '| w1_predict_b1 | us/call | 200* | 50 | 0.25x |');
  assert.equal(lines.length, 4);
});

test('pairedRatio: the median of per-round ratios, so a slow round hitting one peer does not skew the ratio', () => {
  const cells: Cells = new Map();
  // Round 2 ran both in a slow minute, round 1 only tensorgrad: the medians' ratio says 0.62x, the rounds 1x.
  const tg = [100, 60, 62], torch = [100, 100, 62];
  addRecords(cells, tg.flatMap((v, round) => [m('tensorgrad-native-2t', 'sgemm_1024', 'GFLOP/s', v, { round }),
    m('pytorch-2t', 'sgemm_1024', 'GFLOP/s', torch[round], { round })]));
  assert.equal(pairedRatio(cells, 'sgemm_1024', 'tensorgrad-native-2t', 'pytorch-2t'), 1);
  assert.equal(speedRatio(cellValue(cells, 'sgemm_1024', 'tensorgrad-native-2t')!, cellValue(cells, 'sgemm_1024', 'pytorch-2t')!), 0.62);
  // Per-call times invert; without round numbers the medians are compared.
  addRecords(cells, [m('tensorgrad-cpu', 'b1', 'us/call', 50), m('pytorch-1t', 'b1', 'us/call', 100), m('pytorch-1t', 'b1', 'us/call', 120)]);
  assert.equal(pairedRatio(cells, 'b1', 'tensorgrad-cpu', 'pytorch-1t'), 2.2);
  assert.equal(pairedRatio(cells, 'b1', 'tensorgrad-cpu', 'nobody'), undefined);
});

test('accuracyCheck flags a tensorgrad accuracy more than max_drop below PyTorch, and falls back to the reference', () => {
  const peers = [peer('tensorgrad-cpu', 'tensorgrad'), peer('tensorgrad-native-2t', 'tensorgrad', 2), peer('pytorch-1t', 'pytorch')];
  const cells: Cells = new Map();
  addRecords(cells, [m('tensorgrad-cpu', 'acc', 'test acc', 0.874, { acc_per_epoch: [0.85, 0.874] }),
    m('tensorgrad-native-2t', 'acc', 'test acc', 0.85), m('pytorch-1t', 'acc', 'test acc', 0.875)]);
  const r = accuracyCheck(cells, 'acc', peers, 0.01, 0.8753);
  assert.equal(r.flagged, true);
  assert.match(r.lines[0], /^ok {3}tensorgrad-cpu: test accuracy 0\.8740 vs PyTorch \(this run\) 0\.8750 .*per epoch 0\.85, 0\.874/);
  assert.match(r.lines[1], /^FLAG tensorgrad-native-2t: test accuracy 0\.8500 .*0\.0250 below/);
  cells.get('acc')!.delete('pytorch-1t');
  cells.get('acc')!.delete('tensorgrad-native-2t');
  const ref = accuracyCheck(cells, 'acc', peers, 0.01, 0.8753);
  assert.equal(ref.flagged, false);
  assert.match(ref.lines[0], /recorded reference/);
});
