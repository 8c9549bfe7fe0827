// Loss functions for a classifier: mean squared error versus cross-entropy on the same logistic regression, and
// why accuracy, the number we care about, cannot itself be the loss.
import { join } from 'node:path';
import {
  StandardScaler, lineChart, oysters, setSeed, sigmoid, step, tensor, valueAndGrad, valueAndGrads, writeSvg,
} from '../../src/node.js';
import type { Tensor } from '../../src/node.js';
import { losses } from '../../src/node.js';
const { binaryCrossentropy, meanSquaredError } = losses;
import type { ExampleOptions } from '../catalog.js';

/** A loss of targets and predicted probabilities. */
type Loss = (t: Tensor, p: Tensor) => Tensor;
/** The two losses compared, by the names printed. */
export const LOSSES: Record<'MSE' | 'cross-entropy', Loss> = {
  'MSE': (t, p) => meanSquaredError(t, p),
  'cross-entropy': (t, p) => binaryCrossentropy(t, p),
};
type LossName = keyof typeof LOSSES;

/** dL/dz for one example of class 1 whose score (logit) is z. */
export interface GradientRow {
  z: number;
  probability: number;
  mse: number;
  crossEntropy: number;
}

/** Training curves of logistic regression under one loss. */
export interface TrainingRun {
  losses: number[];
  accuracies: number[];
  /** First epoch with accuracy >= 0.9, or null if never. */
  epochsTo90: number | null;
}

/** The result of the losses example. */
export interface LossesResult {
  gradients: GradientRow[];
  training: Record<LossName, TrainingRun>;
  /** Autograd's gradient of the error rate (1 - accuracy) with respect to [w, b] at the start. */
  accuracyGradient: number[];
  /** Central finite difference of the error rate in w at the start (h = 1e-3). */
  accuracyFiniteDifference: number;
  plots: string[];
}

const f64 = (v: number | number[]): Tensor => (typeof v === 'number' ? tensor(v, [], 'float64') : tensor(v, [v.length, 1], 'float64'));

/** dL/dz of each loss for one positive example with score z, from autograd. */
function gradientAt(z: number): GradientRow {
  const t = f64([1]);
  const d = (loss: Loss): number => valueAndGrad((s) => loss(t, sigmoid(s)))(f64([z])).grad.item();
  return { z, probability: 1 / (1 + Math.exp(-z)), mse: d(LOSSES.MSE), crossEntropy: d(LOSSES['cross-entropy']) };
}

/** Fraction of examples where step(w x + b) disagrees with the target: 1 - accuracy, written with tensor ops. */
function errorRate(x: Tensor, t: Tensor, w: Tensor, b: Tensor): Tensor {
  return step(x.mul(w).add(b)).sub(t).abs().mean();
}

/** Full-batch gradient descent on sigmoid(w x + b), starting confidently wrong (w = -4: big oysters unripe). */
function train(loss: Loss, x: Tensor, t: Tensor, epochs: number, lr: number): TrainingRun {
  const lossAndGrads = valueAndGrads((w, b) => loss(t, sigmoid(x.mul(w).add(b))));
  let w = f64(-4), b = f64(0);
  const losses: number[] = [], accuracies: number[] = [];
  let epochsTo90: number | null = null;
  for (let epoch = 0; epoch <= epochs; epoch++) {
    const { value, grads: [dw, db] } = lossAndGrads(w, b);
    losses.push(value.item());
    accuracies.push(1 - errorRate(x, t, w, b).item());
    if (epochsTo90 === null && accuracies.at(-1)! >= 0.9) epochsTo90 = epoch;
    w = w.sub(dw.mul(lr));
    b = b.sub(db.mul(lr));
  }
  return { losses, accuracies, epochsTo90 };
}

/**
 * Compares the gradients of MSE and cross-entropy on a confidently wrong prediction, trains the same logistic
 * regression with each, and shows that accuracy has a zero gradient.
 * @example const r = await run({ quick: true }); r.training['cross-entropy'].epochsTo90 // far fewer than MSE's
 */
export async function run(opts: ExampleOptions = {}): Promise<LossesResult> {
  const log = opts.log ?? console.log;
  const outDir = opts.outDir ?? 'tensorgrad-out/examples/losses';
  const epochs = opts.quick ? 60 : 200, lr = 0.5;
  setSeed(11);

  const gradients = [-8, -6, -4, -2, 0, 2, 4].map(gradientAt);
  log('1. One oyster that is ripe (target 1), predicted with score z, probability sigmoid(z). Gradient dL/dz:');
  log('       z | P(ripe) |      MSE dL/dz | cross-entropy dL/dz');
  for (const r of gradients) {
    log(`${String(r.z).padStart(8)} | ${r.probability.toFixed(4)} | ${r.mse.toExponential(3).padStart(14)} | ${r.crossEntropy.toExponential(3).padStart(19)}`);
  }
  log('   Confidently wrong (z = -8), MSE barely pushes: sigmoid\'s flat tail multiplies its gradient by p(1 - p).');
  log('   Cross-entropy\'s log cancels that factor: the gradient is p - t, largest exactly when the model is most wrong.');

  const data = oysters({ n: opts.quick ? 200 : 1000, seed: 5 });
  const x = new StandardScaler().fitTransform(data.x).cast('float64'), t = data.y.cast('float64');
  const training = {} as Record<LossName, TrainingRun>;
  log(`2. Logistic regression on ${t.shape[0]} oysters, full-batch gradient descent (lr ${lr}), starting from w = -4 (confidently wrong):`);
  for (const name of Object.keys(LOSSES) as LossName[]) {
    const r = train(LOSSES[name], x, t, epochs, lr);
    training[name] = r;
    log(`   ${name.padEnd(13)}: accuracy ${r.accuracies[0].toFixed(2)} -> ${r.accuracies.at(-1)!.toFixed(2)} after ${epochs} epochs; reached 0.9 ${r.epochsTo90 === null ? 'never' : `at epoch ${r.epochsTo90}`}`);
  }

  const w0 = f64(-4), b0 = f64(0);
  const accuracyGradient = valueAndGrads((w, b) => errorRate(x, t, w, b))(w0, b0).grads.map((g) => g.item());
  const h = 1e-3;
  const accuracyFiniteDifference = (errorRate(x, t, f64(-4 + h), b0).item() - errorRate(x, t, f64(-4 - h), b0).item()) / (2 * h);
  log('3. Accuracy as the loss: error rate = mean |t - step(w x + b)|');
  log(`   autograd gradient [dw, db] = [${accuracyGradient.join(', ')}]; finite difference in w = ${accuracyFiniteDifference}`);
  log('   Nudging a weight changes no prediction, so the error rate is flat almost everywhere and jumps where a');
  log('   prediction flips: its gradient is zero, and gradient descent cannot start.');

  // Sweeping the bias moves the decision threshold across the oysters one by one: a staircase for the error rate.
  const bs = Array.from({ length: 321 }, (_, i) => -8 + i * 0.05), w4 = f64(4);
  const at = (f: (b: Tensor) => Tensor): number[] => bs.map((b) => f(f64(b)).item());
  const plots = ['gradient-when-wrong.svg', 'training.svg', 'loss-vs-weight.svg'].map((f) => join(outDir, f));
  const zs = Array.from({ length: 81 }, (_, i) => -8 + i * 0.2), rows = zs.map(gradientAt);
  await writeSvg(plots[0], await lineChart({
    title: 'Push on a positive example with score z', xLabel: 'Score z (P = sigmoid(z))', yLabel: '|dL/dz|', logY: true,
    series: [{ name: 'MSE', x: zs, y: rows.map((r) => Math.abs(r.mse)) }, { name: 'cross-entropy', x: zs, y: rows.map((r) => Math.abs(r.crossEntropy)) }],
  }));
  const epochAxis = Array.from({ length: epochs + 1 }, (_, i) => i);
  await writeSvg(plots[1], await lineChart({
    title: 'Same model, same start, two losses', xLabel: 'Epoch', yLabel: 'Training accuracy', zero: true,
    series: (Object.keys(LOSSES) as LossName[]).map((name) => ({ name, x: epochAxis, y: training[name].accuracies })),
  }));
  await writeSvg(plots[2], await lineChart({
    title: 'Each loss as a function of the bias b (w = 4)', xLabel: 'b', yLabel: 'Loss', points: false,
    series: [
      { name: 'error rate', x: bs, y: at((b) => errorRate(x, t, w4, b)) },
      { name: 'MSE', x: bs, y: at((b) => LOSSES.MSE(t, sigmoid(x.mul(w4).add(b)))) },
      { name: 'cross-entropy', x: bs, y: at((b) => LOSSES['cross-entropy'](t, sigmoid(x.mul(w4).add(b)))) },
    ],
  }));
  return { gradients, training, accuracyGradient, accuracyFiniteDifference, plots };
}
