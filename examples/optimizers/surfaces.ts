// The 2-D loss surfaces of the race, the optimizers entered, and one optimizer's run over a surface.
import { Variable, tensor, valueAndGrad } from '../../src/node.js';
import type { Tensor } from '../../src/node.js';
import { train } from '../../src/node.js';
const { adadelta, adagrad, adam, nadam, rmsprop, sgd } = train;
import type { Optimizer } from '../../src/node.js';

/** A loss surface f(x, y), written with tensor ops so that it works elementwise on grids and under autograd. */
export interface Surface {
  name: string;
  title: string;
  f: (x: Tensor, y: Tensor) => Tensor;
  /** Where every optimizer starts. */
  start: [number, number];
  xRange: [number, number];
  yRange: [number, number];
  minima: [number, number][];
}

/** Rosenbrock's banana: a curved, flat-bottomed valley with its minimum at (1, 1). */
export const ROSENBROCK: Surface = {
  name: 'rosenbrock', title: 'Rosenbrock: (1 - x)² + 100 (y - x²)²',
  f: (x, y) => x.neg().add(1).square().add(y.sub(x.square()).square().mul(100)),
  start: [-1.2, 1], xRange: [-2, 2], yRange: [-1, 3], minima: [[1, 1]],
};

/** A saddle at the origin (down along y, up along x), bounded by y⁴ so the descent ends in two minima. */
export const SADDLE: Surface = {
  name: 'saddle', title: 'Saddle: x² - y² + y⁴/4',
  f: (x, y) => x.square().sub(y.square()).add(y.pow(4).mul(0.25)),
  start: [-1.8, 1e-4], xRange: [-2, 2], yRange: [-2, 2], minima: [[0, Math.SQRT2], [0, -Math.SQRT2]],
};

/** A long narrow valley: 100 times steeper across (y) than along (x). */
export const VALLEY: Surface = {
  name: 'valley', title: 'Narrow valley: 0.05 x² + 5 y²',
  f: (x, y) => x.square().mul(0.05).add(y.square().mul(5)),
  start: [-4.5, 0.8], xRange: [-5, 5], yRange: [-1.25, 1.25], minima: [[0, 0]],
};

/** Two valleys of different depth: a global minimum near x = -1.04 and a local one near x = 0.96. */
export const TWO_MINIMA: Surface = {
  name: 'two-minima', title: 'Two minima: (x² - 1)² + 0.3 x + y²',
  f: (x, y) => x.square().sub(1).square().add(x.mul(0.3)).add(y.square()),
  start: [-2, 1.5], xRange: [-2, 2], yRange: [-1.6, 1.6], minima: [[-1.0369, 0], [0.9587, 0]],
};

/** An optimizer entered in the race, with its learning rate on each surface (each tuned to its own scale). */
export interface Entrant {
  name: string;
  make: (learningRate: number) => Optimizer;
  learningRate: Record<string, number>;
}

/**
 * The optimizers raced. Rosenbrock's steep walls need learning rates tuned to each method; on the saddle and
 * the valley all share one rate, except AdaDelta, whose rate only scales the step it computes itself (1 is its
 * usual value). On digits each uses a usual rate for a small MLP.
 */
export const ENTRANTS: Entrant[] = [
  { name: 'SGD', make: (lr) => sgd({ learningRate: lr }), learningRate: { rosenbrock: 1e-3, saddle: 0.02, valley: 0.1, digits: 0.1 } },
  { name: 'Momentum', make: (lr) => sgd({ learningRate: lr, momentum: 0.9 }), learningRate: { rosenbrock: 5e-4, saddle: 0.02, valley: 0.1, digits: 0.05 } },
  { name: 'Nesterov', make: (lr) => sgd({ learningRate: lr, momentum: 0.9, nesterov: true }), learningRate: { rosenbrock: 5e-4, saddle: 0.02, valley: 0.1, digits: 0.05 } },
  { name: 'AdaGrad', make: (lr) => adagrad({ learningRate: lr }), learningRate: { rosenbrock: 0.5, saddle: 0.02, valley: 0.1, digits: 0.05 } },
  { name: 'RMSprop', make: (lr) => rmsprop({ learningRate: lr }), learningRate: { rosenbrock: 0.002, saddle: 0.02, valley: 0.1, digits: 0.002 } },
  { name: 'AdaDelta', make: (lr) => adadelta({ learningRate: lr }), learningRate: { rosenbrock: 0.5, saddle: 1, valley: 1, digits: 1 } },
  { name: 'Adam', make: (lr) => adam({ learningRate: lr }), learningRate: { rosenbrock: 0.05, saddle: 0.02, valley: 0.1, digits: 0.002 } },
  { name: 'Nadam', make: (lr) => nadam({ learningRate: lr }), learningRate: { rosenbrock: 0.02, saddle: 0.02, valley: 0.1, digits: 0.002 } },
];

/** One optimizer's run on a surface. */
export interface Race {
  /** Points visited, the start first. */
  path: [number, number][];
  /** Loss at each point of the path. */
  losses: number[];
}

/**
 * Runs `optimizer` for `steps` updates on `surface` from `start`, with gradients from autograd.
 * @example race(ROSENBROCK, adam({ learningRate: 0.05 }), 3000).path.at(-1) // near [1, 1]
 */
export function race(surface: Surface, optimizer: Optimizer, steps: number, start = surface.start): Race {
  const v = new Variable(tensor(start, [2], 'float64'), `${surface.name}/xy`);
  const loss = (p: Tensor): Tensor => surface.f(p.slice([0], [1]), p.slice([1], [1])).sum();
  const path: [number, number][] = [], losses: number[] = [];
  for (let k = 0; k <= steps; k++) {
    const { value, grad } = valueAndGrad(loss)(v.value);
    const [x, y] = v.value.dataSync();
    path.push([x, y]);
    losses.push(value.item());
    if (k === steps || !Number.isFinite(value.item())) break;
    optimizer.applyGradients(new Map([[v, grad]]));
  }
  return { path, losses };
}
