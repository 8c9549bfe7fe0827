// The texts' worked example of backpropagation, one neuron with three inputs, done by hand and by autograd:
// the error split in proportion to the weights (how the texts share out blame), the true gradient, and a few
// gradient-descent updates with the loss after each.
import { join } from 'node:path';
import { heatmap, lineChart, tensor, valueAndGrad, writeSvg } from '../../src/node.js';
import type { Tensor } from '../../src/node.js';
import type { ExampleOptions } from '../catalog.js';

/** The texts' inputs. */
export const INPUTS = [0.4, 0.3, 0.1];
/** The texts' starting weights. */
export const WEIGHTS = [0.1, 0.3, 0.2];
/** The texts' target output. */
export const TARGET = 0.2;
/** Step size of the gradient-descent updates. */
export const LEARNING_RATE = 1;

/** One row of the update table. */
export interface UpdateRow {
  /** 0 for the starting weights. */
  step: number;
  weights: number[];
  output: number;
  error: number;
  loss: number;
}

/** The result of the by-hand example. */
export interface BackpropResult {
  /** Weighted sum of the inputs: 0.04 + 0.09 + 0.02. */
  output: number;
  /** target - output. */
  error: number;
  /** The texts' split of the error: error * w_i / sum(w). */
  splitErrors: number[];
  /** dL/dw_i from autograd, L = (t - y)^2 / 2. */
  gradient: number[];
  /** The same gradient from the formula -(t - y) x_i. */
  gradientByFormula: number[];
  /** Starting weights, then the weights after each update. */
  updates: UpdateRow[];
  plots: string[];
}

const f64 = (values: number[]): Tensor => tensor(values, [values.length], 'float64');
const fmt = (v: number, digits = 5): string => v.toFixed(digits).padStart(digits + 4);

/** The neuron's output: the weighted sum of the inputs (no activation, as in the texts). */
function forward(w: Tensor): Tensor {
  return f64(INPUTS).mul(w).sum();
}

/** Squared-error loss of one example, halved so that its derivative has no factor 2. */
function loss(w: Tensor): Tensor {
  return forward(w).sub(TARGET).square().mul(0.5);
}

/**
 * Prints the worked example step by step, checks the hand-derived gradient against autograd, runs a few updates,
 * and plots the loss per update and the two ways of sharing out the error.
 * @example const r = await run({ quick: true }); r.output // 0.15; r.error // 0.05
 */
export async function run(opts: ExampleOptions = {}): Promise<BackpropResult> {
  const log = opts.log ?? console.log;
  const outDir = opts.outDir ?? 'tensorgrad-out/examples/backprop-by-hand';
  const steps = opts.quick ? 5 : 10;

  const w0 = f64(WEIGHTS);
  const output = forward(w0).item();
  const error = TARGET - output;
  log('1. Forward pass: output = sum of input x weight');
  log(`   ${INPUTS.map((x, i) => `${x} x ${WEIGHTS[i]}`).join(' + ')} = ${INPUTS.map((x, i) => +(x * WEIGHTS[i]).toFixed(10)).join(' + ')} = ${+output.toFixed(10)}`);
  log(`   error = target - output = ${TARGET} - ${+output.toFixed(10)} = ${+error.toFixed(10)}`);

  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  const splitErrors = WEIGHTS.map((w) => (error * w) / total);
  const { value, grad } = valueAndGrad(loss)(w0);
  const gradient = Array.from(grad.dataSync());
  const gradientByFormula = INPUTS.map((x) => -(TARGET - output) * x);
  log('2. Sharing out the error');
  log('   The texts split it in proportion to the weights: e_i = error * w_i / sum(w).');
  log('   The gradient of L = (t - y)^2 / 2 is dL/dw_i = -(t - y) x_i: it follows the inputs, not the weights.');
  log('   weight |   w_i | w_i/sum(w) | split error e_i |  x_i | dL/dw_i (autograd) | -(t - y) x_i');
  for (let i = 0; i < 3; i++) {
    log(`   w${i + 1}     | ${WEIGHTS[i].toFixed(2).padStart(5)} | ${`${WEIGHTS[i]}/${total.toFixed(1)}`.padStart(10)} | ${fmt(splitErrors[i]).padStart(15)} | ${INPUTS[i].toFixed(2)} | ${fmt(gradient[i]).padStart(18)} | ${fmt(gradientByFormula[i])}`);
  }
  log(`   loss at the start: (${TARGET} - ${+output.toFixed(10)})^2 / 2 = ${value.item().toPrecision(6)}`);

  log(`3. Gradient descent, w <- w - ${LEARNING_RATE} * dL/dw`);
  log('   step |      w1 |      w2 |      w3 |  output |   error |       loss');
  const updates: UpdateRow[] = [];
  let w = w0;
  for (let k = 0; k <= steps; k++) {
    const { value: l, grad: g } = valueAndGrad(loss)(w);
    const y = forward(w).item();
    const row = { step: k, weights: Array.from(w.dataSync()), output: y, error: TARGET - y, loss: l.item() };
    updates.push(row);
    log(`   ${String(k).padStart(4)} | ${row.weights.map((v) => v.toFixed(5)).join(' | ')} | ${row.output.toFixed(5)} | ${row.error.toFixed(5)} | ${row.loss.toExponential(3)}`);
    w = w.sub(g.mul(LEARNING_RATE));
  }
  const shrink = 1 - LEARNING_RATE * INPUTS.reduce((a, x) => a + x * x, 0);
  log(`   Each update multiplies the error by 1 - lr * |x|^2 = ${shrink.toFixed(2)}, so the loss by ${(shrink * shrink).toFixed(4)}.`);

  const plots = [join(outDir, 'loss.svg'), join(outDir, 'error-split.svg')];
  await writeSvg(plots[0], await lineChart({
    title: 'Loss after each gradient-descent update', xLabel: 'Update', yLabel: 'Loss (t - y)²/2', logY: true,
    series: [{ name: 'loss', x: updates.map((r) => r.step), y: updates.map((r) => r.loss) }],
  }));
  await writeSvg(plots[1], await heatmap({
    title: 'Who gets the blame for the error 0.05?', matrix: [splitErrors.map((e) => e * 1000), gradient.map((g) => -g * 1000)],
    rowLabels: ['texts (∝ w_i)', 'gradient (∝ x_i)'], colLabels: ['w1 = 0.1, x = 0.4', 'w2 = 0.3, x = 0.3', 'w3 = 0.2, x = 0.1'],
    xLabel: 'Weight', yLabel: '', valueLabel: 'Blame (× 0.001)',
  }));
  return { output, error, splitErrors, gradient, gradientByFormula, updates, plots };
}
