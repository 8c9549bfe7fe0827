// Activation functions and their derivatives, the derivatives taken by autograd; and why a step neuron cannot
// be trained by gradient descent: its derivative is zero everywhere, so the gradient never moves a weight.
import {
  concat, elu, gelu, leakyRelu, lineChart, relu, sigmoid, softmax, step, tanh, tensor, valueAndGrad, valueAndGrads,
  zerosLike,
} from '../../src/node.js';
import type { Tensor } from '../../src/node.js';
import type { ExampleOptions } from '../catalog.js';
import { plotWriter } from '../plots.js';

/** An activation as plotted: a name and an elementwise function of a float64 tensor. */
export interface ActivationCase {
  name: string;
  f: (x: Tensor) => Tensor;
}

/**
 * The activations of the texts. Softmax turns a vector into probabilities; to draw it as a curve it is applied
 * to the two scores [x, 0] and its first output shown (which equals sigmoid(x)).
 */
export const ACTIVATIONS: ActivationCase[] = [
  { name: 'step', f: (x) => step(x) },
  { name: 'sigmoid', f: (x) => sigmoid(x) },
  { name: 'tanh', f: (x) => tanh(x) },
  { name: 'ReLU', f: (x) => relu(x) },
  { name: 'Leaky ReLU (0.1)', f: (x) => leakyRelu(x, 0.1) },
  { name: 'ELU', f: (x) => elu(x) },
  { name: 'GELU', f: (x) => gelu(x) },
  { name: 'softmax([x, 0])[0]', f: (x) => softmax(concat([x.reshape([-1, 1]), zerosLike(x).reshape([-1, 1])], 1)).slice([0, 0], [-1, 1]).reshape([-1]) },
];

/** One activation's values and autograd derivative on the plotting grid. */
export interface ActivationCurve {
  name: string;
  values: number[];
  derivative: number[];
}

/** Gradient descent on one neuron: loss per step and how far the weights moved. */
export interface NeuronTraining {
  losses: number[];
  /** |gradient| at the start. */
  initialGradientNorm: number;
  /** Euclidean distance between the first and the last [w, b]. */
  weightChange: number;
}

/** The result of the activations example. */
export interface ActivationsResult {
  xs: number[];
  curves: ActivationCurve[];
  /** (step(h) - step(-h)) / 2h at x = 0 for h = 1e-5: no slope, a cliff. */
  stepFiniteDifferenceAtZero: number;
  stepNeuron: NeuronTraining;
  sigmoidNeuron: NeuronTraining;
  plots: string[];
}

/** The derivative of an elementwise f at every x, from one backward pass: d/dx_i sum_j f(x_j) = f'(x_i). */
function derivative(f: (x: Tensor) => Tensor, x: Tensor): Tensor {
  return valueAndGrad((t) => f(t).sum())(x).grad;
}

/** Step size of the neurons' gradient descent. */
const LEARNING_RATE = 2;

/** Full-batch gradient descent on y = act(w x + b) with squared error, starting from a wrong line. */
function trainNeuron(act: (z: Tensor) => Tensor, steps: number): NeuronTraining {
  const x = tensor([-2, -1, -0.5, 0.5, 1, 2], [6], 'float64'), t = tensor([0, 0, 0, 1, 1, 1], [6], 'float64');
  const lossOf = valueAndGrads((w, b) => act(x.mul(w).add(b)).sub(t).square().mean());
  let w = tensor(-0.5, [], 'float64'), b = tensor(0.2, [], 'float64');
  const start = [w.item(), b.item()];
  const losses: number[] = [];
  let initialGradientNorm = 0;
  for (let k = 0; k <= steps; k++) {
    const { value, grads: [dw, db] } = lossOf(w, b);
    losses.push(value.item());
    if (k === 0) initialGradientNorm = Math.hypot(dw.item(), db.item());
    if (k === steps) break;
    w = w.sub(dw.mul(LEARNING_RATE));
    b = b.sub(db.mul(LEARNING_RATE));
  }
  return { losses, initialGradientNorm, weightChange: Math.hypot(w.item() - start[0], b.item() - start[1]) };
}

/**
 * Plots every activation and its autograd derivative, shows the step's zero gradient numerically, and trains a
 * step neuron and a sigmoid neuron side by side with gradient descent.
 * @example const r = await run({ quick: true }); r.curves[0].derivative.every((d) => d === 0) // true: step
 */
export async function run(opts: ExampleOptions = {}): Promise<ActivationsResult> {
  const log = opts.log ?? console.log;
  const outDir = opts.outDir ?? 'tensorgrad-out/examples/activations';
  const n = opts.quick ? 81 : 401, steps = opts.quick ? 50 : 200;
  const xs = Array.from({ length: n }, (_, i) => -4 + (8 * i) / (n - 1));
  const x = tensor(xs, [n], 'float64');
  const curves = ACTIVATIONS.map(({ name, f }) => ({
    name, values: Array.from(f(x).dataSync()), derivative: Array.from(derivative(f, x).dataSync()),
  }));

  const probe = [-2, -0.5, 0.5, 2];
  const px = tensor(probe, [probe.length], 'float64');
  log(`Values and derivatives (from autograd) at x = ${probe.join(', ')}:`);
  log(`${'activation'.padEnd(20)} | ${probe.map((v) => `f(${v})`.padStart(8)).join(' ')} | ${probe.map((v) => `f'(${v})`.padStart(8)).join(' ')}`);
  for (const { name, f } of ACTIVATIONS) {
    const v = Array.from(f(px).dataSync()), d = Array.from(derivative(f, px).dataSync());
    log(`${name.padEnd(20)} | ${v.map((a) => a.toFixed(4).padStart(8)).join(' ')} | ${d.map((a) => a.toFixed(4).padStart(8)).join(' ')}`);
  }

  const h = 1e-5;
  const stepFiniteDifferenceAtZero = (step(tensor([h], [1], 'float64')).item() - step(tensor([-h], [1], 'float64')).item()) / (2 * h);
  const stepCurve = curves[0];
  log(`Step: autograd's derivative is ${stepCurve.derivative.every((d) => d === 0) ? 'exactly 0' : 'NOT 0'} at all ${n} points.`);
  log(`      Finite differences agree away from 0; at 0 they give 1/(2h) = ${stepFiniteDifferenceAtZero.toExponential(1)} for h = ${h}: a cliff, not a slope.`);

  const stepNeuron = trainNeuron((z) => step(z), steps);
  const sigmoidNeuron = trainNeuron((z) => sigmoid(z), steps);
  log(`Gradient descent, ${steps} steps, on one neuron that starts with the wrong line (w = -0.5, b = 0.2):`);
  for (const [name, r] of [['step', stepNeuron], ['sigmoid', sigmoidNeuron]] as const) {
    log(`  ${name.padEnd(7)} neuron: |gradient| ${r.initialGradientNorm.toExponential(2)}, loss ${r.losses[0].toFixed(4)} -> ${r.losses.at(-1)!.toFixed(4)}, weights moved ${r.weightChange.toFixed(4)}`);
  }
  log('  The step neuron is wrong, yet its gradient is zero: gradient descent has nothing to follow.');

  const { plots, save } = plotWriter(outDir);
  for (const c of curves) {
    const file = `${c.name.replace(/\(.*$/, '').trim().toLowerCase().replace(/[^a-z]+/g, '-')}.svg`;
    await save(file, await lineChart({
      title: `${c.name} and its derivative`, xLabel: 'x', yLabel: 'value', points: false,
      series: [{ name: 'f(x)', x: xs, y: c.values }, { name: "f'(x) from autograd", x: xs, y: c.derivative, dashed: true }],
    }));
  }
  await save('derivatives.svg', await lineChart({
    title: 'All derivatives: sigmoid never passes 0.25, ReLU passes 1 unchanged', xLabel: 'x', yLabel: "f'(x)",
    points: false, width: 420, height: 280,
    series: curves.map((c) => ({ name: c.name, x: xs, y: c.derivative, dashed: c.name.startsWith('softmax') })),
  }));
  const iters = Array.from({ length: steps + 1 }, (_, i) => i);
  await save('step-vs-sigmoid-training.svg', await lineChart({
    title: 'Gradient descent: a step neuron never moves', xLabel: 'Step', yLabel: 'Mean squared error', zero: true,
    series: [{ name: 'step neuron', x: iters, y: stepNeuron.losses }, { name: 'sigmoid neuron', x: iters, y: sigmoidNeuron.losses }],
  }));
  return { xs, curves, stepFiniteDifferenceAtZero, stepNeuron, sigmoidNeuron, plots };
}
