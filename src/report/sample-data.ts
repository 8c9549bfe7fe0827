/**
 * Realistic, seeded fake training-report data (an MNIST-like run) for tests and for previewing the report.
 * Not part of the public API.
 */
import { Random } from '../core/random.js';
import type { ReportSample, TrainingReportData } from './report-data.js';

// Seven-segment strokes per digit, in a 0..1 box: [x0, y0, x1, y1].
const SEG: Record<string, [number, number, number, number]> = {
  a: [0, 0, 1, 0], b: [1, 0, 1, 0.5], c: [1, 0.5, 1, 1], d: [0, 1, 1, 1], e: [0, 0.5, 0, 1], f: [0, 0, 0, 0.5], g: [0, 0.5, 1, 0.5],
};
const DIGITS = ['abcdef', 'bc', 'abged', 'abgcd', 'fgbc', 'afgcd', 'afgedc', 'abc', 'abcdefg', 'abfgcd'];

/** A 28x28 grey digit drawn as slanted seven-segment strokes with jitter, values in [0, 1]. */
function digitImage(d: number, rnd: Random): Float32Array {
  const px = new Float32Array(28 * 28);
  const slant = (rnd.uniform() - 0.3) * 0.35, ox = 9 + rnd.uniform() * 3, oy = 5 + rnd.uniform() * 2;
  const w = 8 + rnd.uniform() * 3, h = 16 + rnd.uniform() * 2, thick = 1.1 + rnd.uniform() * 0.6;
  const segs = [...DIGITS[d]].map((s) => SEG[s].map((v, i) => (i % 2 === 0 ? v * w : v * h)));
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      let best = Infinity;
      for (const [x0, y0, x1, y1] of segs) {
        // Undo the slant so strokes lean like handwriting.
        const u = x - ox - slant * (h - (y - oy)), v = y - oy;
        const dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
        const t = Math.max(0, Math.min(1, ((u - x0) * dx + (v - y0) * dy) / len2));
        best = Math.min(best, Math.hypot(u - x0 - t * dx, v - y0 - t * dy));
      }
      px[y * 28 + x] = Math.max(0, Math.min(1, (thick + 0.8 - best) / 1.2));
    }
  }
  return px;
}

/**
 * A complete TrainingReportData for a 12-epoch MLP on 10 digit classes, with 40 samples of which some are
 * misclassified.
 * @example const html = await renderReport(fakeReportData());
 */
export function fakeReportData(seed = 1, epochs = 12): TrainingReportData {
  const rnd = new Random(seed);
  const epoch = Array.from({ length: epochs }, (_, i) => i + 1);
  const noise = (s: number): number => (rnd.uniform() - 0.5) * s;
  const loss = epoch.map((e) => 0.08 + 0.9 * Math.exp(-e / 2.2) + noise(0.02));
  const valLoss = epoch.map((e, i) => loss[i] + 0.03 + 0.004 * e + noise(0.02));
  const acc = loss.map((l) => Math.min(0.999, 1 - l * 0.32 + noise(0.004)));
  const valAcc = valLoss.map((l) => Math.min(0.999, 1 - l * 0.34 + noise(0.006)));
  const classNames = DIGITS.map((_, i) => String(i));
  const confusion = classNames.map((_, t) => classNames.map((__, p) => (t === p ? 940 + rnd.int(60) : rnd.int(8) < 5 ? rnd.int(4) : rnd.int(15))));
  const samples: ReportSample[] = Array.from({ length: 40 }, (_, i) => {
    const trueLabel = rnd.int(10);
    const predLabel = i % 6 === 2 ? (trueLabel + 1 + rnd.int(9)) % 10 : trueLabel;
    return { pixels: Array.from(digitImage(trueLabel, rnd), (v) => Math.round(v * 1000) / 1000), width: 28, height: 28, trueLabel, predLabel };
  });
  const perEpochSeconds = epoch.map(() => 3.1 + rnd.uniform() * 0.8);
  return {
    title: 'MNIST digits: MLP 784-128-10',
    dataset: { name: 'MNIST', trainSize: 54000, testSize: 10000, classNames },
    hyperparameters: { optimizer: 'adam', learningRate: 0.001, batchSize: 64, epochs, validationSplit: 0.1, shuffle: true, seed },
    history: { epoch, loss, accuracy: acc, val_loss: valLoss, val_accuracy: valAcc },
    confusion,
    samples,
    summary: [
      'Model: "sequential"',
      '┌─────────────────────────┬─────────────┬──────────┐',
      '│ Layer (type)            │ Output shape│  Params  │',
      '├─────────────────────────┼─────────────┼──────────┤',
      '│ flatten (Flatten)       │ [null,784]  │        0 │',
      '│ dense (Dense)           │ [null,128]  │  100,480 │',
      '│ dropout (Dropout)       │ [null,128]  │        0 │',
      '│ dense_1 (Dense)         │ [null,10]   │    1,290 │',
      '└─────────────────────────┴─────────────┴──────────┘',
      'Total params: 101,770 (397.54 KB)',
      'Trainable params: 101,770',
    ].join('\n'),
    timings: { totalSeconds: perEpochSeconds.reduce((a, b) => a + b, 0) + 1.4, perEpochSeconds },
    testMetrics: { loss: valLoss[epochs - 1] - 0.01, accuracy: valAcc[epochs - 1] + 0.002 },
    createdAt: '2025-01-15T10:42:07Z',
  };
}
