// Optimizers race: SGD, Momentum, Nesterov, AdaGrad, RMSprop, AdaDelta, Adam and Nadam on 2-D loss surfaces
// (their paths drawn over the surface) and on a real task (a small MLP on handwritten digits), plus gradient
// descent from several starting points on a surface with two minima.
import { linspace, lineChart, loadDigits, setSeed, tensor } from '../../src/node.js';
import type { Tensor } from '../../src/node.js';
import { layers, sequential } from '../../src/node.js';
import { train } from '../../src/node.js';
const { sgd } = train;
import type { ExampleOptions } from '../catalog.js';
import { plotWriter } from '../plots.js';
import { surfacePlot } from './surface-plot.js';
import type { SurfacePath } from './surface-plot.js';
import { ENTRANTS, ROSENBROCK, SADDLE, TWO_MINIMA, VALLEY, race } from './surfaces.js';
import type { Race, Surface } from './surfaces.js';

/** How one optimizer did on one surface. */
export interface SurfaceOutcome {
  optimizer: string;
  learningRate: number;
  initialLoss: number;
  finalLoss: number;
  finalPoint: [number, number];
}

/** Where gradient descent from one start ended on the two-minima surface. */
export interface StartOutcome {
  optimizer: string;
  start: [number, number];
  end: [number, number];
  finalLoss: number;
}

/** The result of the optimizers example. */
export interface OptimizersResult {
  /** Per surface name, one outcome per optimizer. */
  surfaces: Record<string, SurfaceOutcome[]>;
  twoMinima: StartOutcome[];
  /** Per optimizer, the digits training loss before training and after each epoch. */
  digits: Record<string, number[]>;
  plots: string[];
}

/** Updates per surface: quick (the test) and full. */
const STEPS: Record<string, [number, number]> = { rosenbrock: [150, 3000], saddle: [150, 400], valley: [100, 200] };

const f64 = (v: number[]): Tensor => tensor(v, [v.length], 'float64');

/** The surface on a grid: xs, ys and values[i][j] = f(xs[j], ys[i]). */
function grid(s: Surface, n: number): { xs: number[]; ys: number[]; values: number[][] } {
  const xs = Array.from(linspace(s.xRange[0], s.xRange[1], n, 'float64').dataSync());
  const ys = Array.from(linspace(s.yRange[0], s.yRange[1], n, 'float64').dataSync());
  const gx = xs.flatMap(() => xs), gy = ys.flatMap((y) => xs.map(() => y));
  const f = Array.from(s.f(f64(gx), f64(gy)).dataSync());
  return { xs, ys, values: ys.map((_, i) => f.slice(i * n, (i + 1) * n)) };
}

const fmtPoint = ([x, y]: readonly number[]): string => `(${x.toFixed(3)}, ${y.toFixed(3)})`;

/**
 * Races every optimizer on Rosenbrock, a saddle and a narrow valley, runs gradient descent from several starts on
 * a surface with two minima, and trains the same MLP on digits with each optimizer; plots paths and loss curves.
 * @example const r = await run({ quick: true }); r.surfaces.rosenbrock.every((o) => o.finalLoss < o.initialLoss)
 */
export async function run(opts: ExampleOptions = {}): Promise<OptimizersResult> {
  const log = opts.log ?? console.log;
  const outDir = opts.outDir ?? 'tensorgrad-out/examples/optimizers';
  const quick = opts.quick ?? false;
  const { plots, save } = plotWriter(outDir);
  setSeed(1);

  const surfaces: Record<string, SurfaceOutcome[]> = {};
  for (const s of [ROSENBROCK, SADDLE, VALLEY]) {
    const steps = STEPS[s.name][quick ? 0 : 1];
    const best = s.f(f64([s.minima[0][0]]), f64([s.minima[0][1]])).item();
    const runs: Race[] = [];
    log(`${s.title}, start ${fmtPoint(s.start)}, ${steps} updates, minimum ${s.minima.map(fmtPoint).join(' and ')}:`);
    surfaces[s.name] = ENTRANTS.map((e) => {
      const lr = e.learningRate[s.name];
      const r = race(s, e.make(lr), steps);
      runs.push(r);
      const o = { optimizer: e.name, learningRate: lr, initialLoss: r.losses[0], finalLoss: r.losses.at(-1)!, finalPoint: r.path.at(-1)! };
      log(`  ${e.name.padEnd(9)} lr ${String(lr).padEnd(6)} loss ${o.initialLoss.toFixed(3)} -> ${o.finalLoss.toExponential(2).padStart(9)} at ${fmtPoint(o.finalPoint)}`);
      return o;
    });
    const g = grid(s, quick ? 60 : 120);
    await save(`${s.name}-paths.svg`, surfacePlot({
      title: `${s.title}: ${steps} updates`, ...g, minima: s.minima,
      paths: ENTRANTS.map((e, k) => ({ name: e.name, points: runs[k].path })),
    }));
    await save(`${s.name}-loss.svg`, await lineChart({
      title: `${s.title}: distance to the minimum loss`, xLabel: 'Update', yLabel: 'loss − minimum loss', logY: true, points: false, width: 480,
      series: ENTRANTS.map((e, k) => ({ name: e.name, x: runs[k].losses.map((_, i) => i), y: runs[k].losses.map((l) => l - best) })),
    }));
  }

  const starts: [number, number][] = [[-1.8, 1.3], [0, 1.2], [0.2, -1.2], [1.5, 1.3]];
  const gdSteps = quick ? 150 : 300;
  const twoMinima: StartOutcome[] = [];
  const paths: SurfacePath[] = [];
  log(`${TWO_MINIMA.title}: gradient descent (lr 0.05, ${gdSteps} updates) from four starts, and Momentum (lr 0.02, 0.9) from (1.8, -1.2):`);
  for (const [name, make, start] of [
    ...starts.map((st) => ['GD', () => sgd({ learningRate: 0.05 }), st] as const),
    ['Momentum', () => sgd({ learningRate: 0.02, momentum: 0.9 }), [1.8, -1.2]] as const,
  ]) {
    const r = race(TWO_MINIMA, make(), gdSteps, [start[0], start[1]]);
    const o = { optimizer: name, start: [start[0], start[1]] as [number, number], end: r.path.at(-1)!, finalLoss: r.losses.at(-1)! };
    twoMinima.push(o);
    paths.push({ name: `${name} from (${start[0]}, ${start[1]})`, points: r.path });
    log(`  ${name.padEnd(8)} from ${fmtPoint(start)} ends at ${fmtPoint(o.end)}, loss ${o.finalLoss.toFixed(4)} (${o.end[0] < 0 ? 'global' : 'local'} minimum)`);
  }
  log('  Gradient descent ends in the valley it starts in; momentum can carry a path over the ridge.');
  await save('two-minima-paths.svg', surfacePlot({
    title: 'Where you start decides which minimum you reach', ...grid(TWO_MINIMA, quick ? 60 : 120),
    minima: TWO_MINIMA.minima, paths,
  }));

  const s = quick ? { n: 256, epochs: 2, hidden: 16 } : { n: 3000, epochs: 10, hidden: 64 };
  const data = await loadDigits({ flatten: true });
  const x = data.x.slice([0, 0], [s.n, 784]), y = data.y.slice([0], [s.n]);
  const digits: Record<string, number[]> = {};
  log(`Digits: ${s.n} images, MLP 784-${s.hidden}-10, batch 32, ${s.epochs} epochs, the same initial weights for every optimizer:`);
  for (const e of ENTRANTS) {
    setSeed(42);
    const model = sequential({ layers: [
      layers.dense({ units: s.hidden, inputShape: [784], activation: 'relu' }),
      layers.dense({ units: 10, activation: 'softmax' }),
    ] });
    model.compile({ optimizer: e.make(e.learningRate.digits), loss: 'sparseCategoricalCrossentropy' });
    const initial = (model.evaluate(x, y, { batchSize: 256 }) as Tensor).item();
    const history = await model.fit(x, y, { epochs: s.epochs, batchSize: 32, verbose: 0 });
    digits[e.name] = [initial, ...history.history.loss];
    log(`  ${e.name.padEnd(9)} lr ${String(e.learningRate.digits).padEnd(6)} loss ${initial.toFixed(3)} -> ${digits[e.name].at(-1)!.toFixed(3)}`);
  }
  await save('digits-loss.svg', await lineChart({
    title: 'Digits MLP: training loss per epoch', xLabel: 'Epoch', yLabel: 'Cross-entropy loss', width: 480,
    series: ENTRANTS.map((e) => ({ name: e.name, x: digits[e.name].map((_, i) => i), y: digits[e.name] })),
  }));
  return { surfaces, twoMinima, digits, plots };
}
