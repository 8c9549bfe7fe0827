// Rosenblatt's perceptron: a step neuron nudged toward each misclassified example. It learns AND and OR, which
// a line separates, and can never learn XOR, which no line separates; two layers trained by backpropagation can.
import { decisionBoundary, lineChart, matmul, setSeed, step, tensor, xor, zeros } from '../../src/node.js';
import type { Tensor } from '../../src/node.js';
import { layers, sequential } from '../../src/node.js';
import { train } from '../../src/node.js';
const { adam } = train;
import type { ExampleOptions } from '../catalog.js';
import { plotWriter } from '../plots.js';

/** The four inputs of a two-input truth table, in the order 00, 01, 10, 11. */
const INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];
/** Targets of each gate for INPUTS. */
export const GATES: Record<'AND' | 'OR' | 'XOR', number[]> = { AND: [0, 0, 0, 1], OR: [0, 1, 1, 1], XOR: [0, 1, 1, 0] };
type Gate = keyof typeof GATES;

/** A trained perceptron and its accuracy on the truth table after each epoch. */
export interface PerceptronRun {
  weights: number[];
  bias: number;
  accuracyPerEpoch: number[];
}

/** The result of the perceptron example. */
export interface PerceptronResult {
  /** Rosenblatt's rule on each gate. */
  perceptron: Record<Gate, PerceptronRun>;
  /** Accuracy of the two-layer MLP on XOR after training. */
  mlpXorAccuracy: number;
  /** The MLP's outputs for 00, 01, 10, 11. */
  mlpXorOutputs: number[];
  plots: string[];
}

function accuracy(predicted: ArrayLike<number>, targets: ArrayLike<number>): number {
  let right = 0;
  for (let i = 0; i < targets.length; i++) right += Math.round(predicted[i]) === targets[i] ? 1 : 0;
  return right / targets.length;
}

/**
 * Rosenblatt's learning rule, one example at a time: y = step(x·w + b); w += lr (t - y) x; b += lr (t - y).
 * Correct answers change nothing; a wrong one moves the line toward the example.
 * @example trainPerceptron(tensor([[0, 0], [1, 1]]), tensor([[0], [1]]), 10).accuracyPerEpoch.at(-1) // 1
 */
export function trainPerceptron(x: Tensor, t: Tensor, epochs: number, lr = 0.1): PerceptronRun & { predict: (p: Tensor) => Tensor } {
  let w = zeros([x.shape[1], 1]), b = zeros([1]);
  const predict = (p: Tensor): Tensor => step(matmul(p, w).add(b));
  const accuracyPerEpoch: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < x.shape[0]; i++) {
      const xi = x.slice([i, 0], [1, x.shape[1]]), ti = t.slice([i, 0], [1, 1]);
      const error = ti.sub(predict(xi)); // [1, 1]: -1, 0 or +1
      w = w.add(matmul(xi, error, true).mul(lr));
      b = b.add(error.reshape([1]).mul(lr));
    }
    accuracyPerEpoch.push(accuracy(predict(x).dataSync(), t.dataSync()));
  }
  return { weights: Array.from(w.dataSync()), bias: b.item(), accuracyPerEpoch, predict };
}

/** Grid points covering the unit square with a margin, rows [x1, x2] with x2 outermost (as decisionBoundary wants). */
function grid(n: number): { xs: number[]; points: Tensor } {
  const xs = Array.from({ length: n }, (_, i) => -0.5 + (2 * i) / (n - 1));
  return { xs, points: tensor(xs.flatMap((b) => xs.map((a) => [a, b]))) };
}

/**
 * Trains Rosenblatt's perceptron on AND, OR and XOR and a 2-4-1 MLP on XOR, prints the accuracies, and plots the
 * decision boundaries and the perceptron's accuracy per epoch.
 * @example const r = await run({ quick: true }); r.perceptron.XOR.accuracyPerEpoch // never above 0.75
 */
export async function run(opts: ExampleOptions = {}): Promise<PerceptronResult> {
  const log = opts.log ?? console.log;
  const outDir = opts.outDir ?? 'tensorgrad-out/examples/perceptron';
  const s = opts.quick ? { perceptronEpochs: 20, mlpEpochs: 200, grid: 31 } : { perceptronEpochs: 100, mlpEpochs: 500, grid: 61 };
  setSeed(3);
  const x = tensor(INPUTS);
  const g = grid(s.grid);
  const { plots, save } = plotWriter(outDir);
  const points = { x: INPUTS.map((p) => p[0]), y: INPUTS.map((p) => p[1]) };

  log(`Rosenblatt's perceptron (step activation), ${s.perceptronEpochs} epochs:`);
  const perceptron = {} as Record<Gate, PerceptronRun>;
  for (const gate of Object.keys(GATES) as Gate[]) {
    const { predict, ...result } = trainPerceptron(x, tensor(GATES[gate].map((v) => [v])), s.perceptronEpochs);
    perceptron[gate] = result;
    const best = Math.max(...result.accuracyPerEpoch);
    log(`  ${gate.padEnd(3)}: accuracy ${result.accuracyPerEpoch.at(-1)!.toFixed(2)} (best over all epochs ${best.toFixed(2)}), w = [${result.weights.map((v) => v.toFixed(2)).join(', ')}], b = ${result.bias.toFixed(2)}`);
    await save(`perceptron-${gate.toLowerCase()}.svg`, await decisionBoundary({
      title: `Perceptron on ${gate}: accuracy ${result.accuracyPerEpoch.at(-1)!.toFixed(2)}`,
      xs: g.xs, ys: g.xs, values: Array.from(predict(g.points).dataSync()), mode: 'class', classNames: ['0', '1'],
      points: { ...points, labels: GATES[gate] }, xLabel: 'x1', yLabel: 'x2',
    }));
  }
  log('  XOR needs two lines; one step neuron draws one, so at least one of the four corners is always wrong.');

  const data = xor();
  const mlp = sequential({ layers: [
    layers.dense({ units: 4, inputShape: [2], activation: 'tanh' }),
    layers.dense({ units: 1, activation: 'sigmoid' }),
  ] });
  mlp.compile({ optimizer: adam({ learningRate: 0.1 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const history = await mlp.fit(data.x, data.y, { epochs: s.mlpEpochs, batchSize: 4, verbose: 0 });
  const outputs = Array.from((mlp.predict(data.x) as Tensor).dataSync());
  const mlpXorAccuracy = accuracy(outputs, GATES.XOR);
  log(`Two-layer MLP (2-4-1, tanh then sigmoid) trained by backpropagation on XOR for ${s.mlpEpochs} epochs:`);
  log(`  outputs for 00, 01, 10, 11: ${outputs.map((v) => v.toFixed(3)).join(', ')}; accuracy ${mlpXorAccuracy.toFixed(2)}, loss ${history.history.loss.at(-1)!.toFixed(4)}`);
  await save('mlp-xor.svg', await decisionBoundary({
    title: `MLP on XOR: accuracy ${mlpXorAccuracy.toFixed(2)}`,
    xs: g.xs, ys: g.xs, values: Array.from((mlp.predict(g.points) as Tensor).dataSync()), mode: 'probability',
    classNames: ['0', '1'], points: { ...points, labels: GATES.XOR }, xLabel: 'x1', yLabel: 'x2',
  }));
  const epochs = Array.from({ length: s.perceptronEpochs }, (_, i) => i + 1);
  await save('perceptron-accuracy.svg', await lineChart({
    title: 'Perceptron accuracy per epoch', xLabel: 'Epoch', yLabel: 'Accuracy on the truth table', zero: true,
    series: (Object.keys(GATES) as Gate[]).map((gate) => ({ name: gate, x: epochs, y: perceptron[gate].accuracyPerEpoch })),
  }));
  return { perceptron, mlpXorAccuracy, mlpXorOutputs: outputs, plots };
}
