// Ensembles: several classifiers combined often beat each of them. Voting pools different models, bagging
// averages copies of one unstable model trained on bootstrap samples, boosting chains weak learners that each
// focus on the previous ones' mistakes, and stacking learns how much to trust each member.
import {
  argmax, cast, chartGrid, circles, decisionBoundary, equal, heatmap, lineChart, moons, setSeed, spirals, tensor, trainTestSplit,
} from '../../src/node.js';
import type { SyntheticData, Tensor } from '../../src/node.js';
import {
  AdaBoostClassifier, BaggingClassifier, DecisionStump, LogisticRegression, StackingClassifier, VotingClassifier, fromModel,
} from '../../src/node.js';
import type { Estimator } from '../../src/node.js';
import { layers, sequential } from '../../src/node.js';
import { train } from '../../src/node.js';
const { adam } = train;
import type { ExampleOptions } from '../catalog.js';
import { plotWriter } from '../plots.js';

/** One ensemble next to its own members, all scored on the same test set. */
export interface Comparison {
  ensemble: string;
  accuracy: number;
  members: { name: string; accuracy: number }[];
  meanMember: number;
  bestMember: number;
}

/** The comparisons on one data set, and accuracy as members are added. */
export interface DatasetResult {
  dataset: string;
  comparisons: Comparison[];
  /** AdaBoost's test accuracy after each boosting round. */
  boostingRounds: number[];
  /** Bagging's test accuracy with its first 1, 2, ... members. */
  baggingMembers: number[];
}

/** The result of the ensembles example. */
export interface EnsemblesResult {
  datasets: DatasetResult[];
  plots: string[];
}

interface Settings { datasets: string[]; n: number; epochs: number; baggingMembers: number; boostingRounds: number; folds: number; grid: number }

const QUICK: Settings = { datasets: ['moons'], n: 400, epochs: 60, baggingMembers: 4, boostingRounds: 50, folds: 3, grid: 31 };
const FULL: Settings = { datasets: ['moons', 'circles', 'spirals'], n: 600, epochs: 200, baggingMembers: 10, boostingRounds: 200, folds: 5, grid: 61 };

const DATASETS: Record<string, (n: number) => SyntheticData> = {
  moons: (n) => moons({ n, noise: 0.3, seed: 0 }),
  circles: (n) => circles({ n, noise: 0.15, seed: 0 }),
  spirals: (n) => spirals({ n, noise: 0.2, seed: 0 }),
};

/** Test accuracy of class probabilities [n, K] (or class ids [n]) against labels [n, 1]. */
function accuracyOf(predicted: Tensor, y: Tensor): number {
  const ids = predicted.rank === 2 ? argmax(predicted, 1) : cast(predicted, 'int32');
  return cast(equal(ids, cast(y.reshape([y.shape[0]]), 'int32')), 'float32').mean().item();
}

/** A small MLP (2-16-16-K, ReLU), trained full-batch by Adam, seen by the ensembles as an estimator. */
function mlp(classes: number, epochs: number): Estimator {
  return fromModel(() => {
    const m = sequential({ layers: [
      layers.dense({ units: 16, activation: 'relu', inputShape: [2] }),
      layers.dense({ units: 16, activation: 'relu' }),
      layers.dense({ units: classes, activation: 'softmax' }),
    ] });
    m.compile({ optimizer: adam({ learningRate: 0.03 }), loss: 'sparseCategoricalCrossentropy' });
    return m;
  }, { epochs, batchSize: 10_000 });
}

/** Three different kinds of classifier: a linear model, a one-split tree, and a network. */
function mixedMembers(classes: number, epochs: number): [string, Estimator][] {
  return [['logistic regression', new LogisticRegression()], ['decision stump', new DecisionStump()], ['MLP', mlp(classes, epochs)]];
}

function compare(ensemble: string, model: Estimator, names: string[], members: Estimator[], x: Tensor, y: Tensor): Comparison {
  const scored = members.map((m, i) => ({ name: names[i], accuracy: accuracyOf(m.predict(x), y) }));
  const accs = scored.map((m) => m.accuracy);
  return {
    ensemble, accuracy: accuracyOf(model.predict(x), y), members: scored,
    meanMember: accs.reduce((a, b) => a + b, 0) / accs.length, bestMember: Math.max(...accs),
  };
}

/** A grid over the data's range: coordinates along each axis and the points as rows [x1, x2] with x2 outermost. */
function gridOver(x: Tensor, n: number): { xs: number[]; ys: number[]; points: Tensor } {
  const d = x.dataSync(), range = (k: number): number[] => {
    let lo = Infinity, hi = -Infinity;
    for (let i = k; i < d.length; i += 2) { lo = Math.min(lo, d[i]); hi = Math.max(hi, d[i]); }
    const pad = 0.1 * (hi - lo);
    return Array.from({ length: n }, (_, i) => lo - pad + ((hi - lo + 2 * pad) * i) / (n - 1));
  };
  const xs = range(0), ys = range(1);
  return { xs, ys, points: tensor(ys.flatMap((b) => xs.map((a) => [a, b]))) };
}

/**
 * Fits hard and soft voting, bagging, AdaBoost and stacking on 2-D data sets, compares each with its own members
 * on a held-out half, prints the table, and plots decision boundaries, the accuracy table and accuracy as members
 * are added.
 * @example const r = await run({ quick: true }); r.datasets[0].comparisons.every((c) => c.accuracy >= c.meanMember) // true
 */
export async function run(opts: ExampleOptions = {}): Promise<EnsemblesResult> {
  const log = opts.log ?? console.log;
  const outDir = opts.outDir ?? 'tensorgrad-out/examples/ensembles';
  const s = opts.quick ? QUICK : FULL;
  const { plots, save } = plotWriter(outDir);
  const results: DatasetResult[] = [];
  for (const dataset of s.datasets) {
    setSeed(0);
    const data = DATASETS[dataset](s.n);
    const classes = data.classNames?.length ?? 2;
    const split = trainTestSplit(data.x, data.y, { testSize: 0.5, seed: 0, stratify: true });
    const [xTrain, yTrain, xTest, yTest] = [split.xTrain, split.yTrain!, split.xTest, split.yTest!];
    log(`\n${dataset}: ${xTrain.shape[0]} training and ${xTest.shape[0]} test points, ${classes} classes.`);

    const shown: [string, Estimator][] = [];
    const comparisons: Comparison[] = [];
    for (const voting of ['hard', 'soft'] as const) {
      const vote = new VotingClassifier({ estimators: mixedMembers(classes, s.epochs), voting });
      await vote.fit(xTrain, yTrain);
      comparisons.push(compare(`${voting} voting`, vote, vote.names, vote.estimators, xTest, yTest));
      if (voting === 'hard') shown.push(...vote.names.map((name, i): [string, Estimator] => [name, vote.estimators[i]]));
      shown.push([`${voting} voting`, vote]);
    }
    const bagging = new BaggingClassifier({ buildEstimator: () => mlp(classes, s.epochs), nEstimators: s.baggingMembers, seed: 1 });
    await bagging.fit(xTrain, yTrain);
    comparisons.push(compare(`bagging ${s.baggingMembers} MLPs`, bagging, bagging.estimators.map((_, i) => `MLP ${i + 1}`), bagging.estimators, xTest, yTest));
    shown.push(['bagging', bagging]);
    // Bagging with its first k members: the average of their probabilities.
    const probas = bagging.estimators.map((m) => m.predictProba!(xTest));
    const baggingMembers = probas.map((_, k) => accuracyOf(probas.slice(1, k + 1).reduce((a, b) => a.add(b), probas[0]), yTest));

    const boosting = new AdaBoostClassifier({ nEstimators: s.boostingRounds, seed: 1 });
    await boosting.fit(xTrain, yTrain);
    comparisons.push(compare(`AdaBoost ${boosting.estimators.length} stumps`, boosting, boosting.estimators.map((_, i) => `stump ${i + 1}`), boosting.estimators, xTest, yTest));
    shown.push(['AdaBoost', boosting]);
    const boostingRounds = boosting.stagedScore(xTest, yTest);

    const stacking = new StackingClassifier({ estimators: mixedMembers(classes, s.epochs), cv: s.folds, seed: 1 });
    await stacking.fit(xTrain, yTrain);
    comparisons.push(compare('stacking', stacking, stacking.names, stacking.estimators, xTest, yTest));
    shown.push(['stacking', stacking]);

    log(`${'ensemble'.padEnd(22)} ${'accuracy'.padStart(8)} ${'mean member'.padStart(11)} ${'best member'.padStart(11)}  members`);
    for (const c of comparisons) {
      const members = c.members.length <= 5 ? c.members.map((m) => `${m.name} ${m.accuracy.toFixed(3)}`).join(', ') : `${c.members.length} members`;
      log(`${c.ensemble.padEnd(22)} ${c.accuracy.toFixed(3).padStart(8)} ${c.meanMember.toFixed(3).padStart(11)} ${c.bestMember.toFixed(3).padStart(11)}  ${members}`);
    }
    results.push({ dataset, comparisons, boostingRounds, baggingMembers });
    const [hard, soft, bag, boost, stack] = comparisons;
    log(`AdaBoost: stumps of mean accuracy ${boost.meanMember.toFixed(3)}, together ${boost.accuracy.toFixed(3)}. Bagging: MLPs of mean accuracy ${bag.meanMember.toFixed(3)}, together ${bag.accuracy.toFixed(3)}.`);
    if (hard.accuracy < hard.bestMember && soft.accuracy > hard.accuracy) {
      log(`Hard voting (${hard.accuracy.toFixed(3)}) let the weak members outvote the best one (${hard.bestMember.toFixed(3)}); soft voting weighs their confidence (${soft.accuracy.toFixed(3)}).`);
    }
    if (stack.accuracy >= Math.max(hard.accuracy, soft.accuracy)) log(`Stacking learned how far to trust each member: ${stack.accuracy.toFixed(3)}, at least as good as either vote.`);

    const g = gridOver(data.x, s.grid);
    const xy = xTest.dataSync(), labels = Array.from(yTest.dataSync());
    const points = { x: labels.map((_, i) => xy[2 * i]), y: labels.map((_, i) => xy[2 * i + 1]), labels };
    const maps = await Promise.all(shown.map(([name, model]) => decisionBoundary({
      title: `${name}: ${accuracyOf(model.predict(xTest), yTest).toFixed(3)}`, width: 220, height: 220,
      xs: g.xs, ys: g.ys, values: Array.from(model.predict(g.points).dataSync()), mode: 'class', points, xLabel: 'x1', yLabel: 'x2',
    })));
    await save(`${dataset}-boundaries.svg`, chartGrid(maps, 4));
    await save(`${dataset}-accuracy.svg`, await heatmap({
      title: `${dataset}: each ensemble against its members (test accuracy)`,
      matrix: comparisons.map((c) => [c.accuracy, c.meanMember, c.bestMember]), rowLabels: comparisons.map((c) => c.ensemble),
      colLabels: ['ensemble', 'mean member', 'best member'], xLabel: 'Model', yLabel: 'Ensemble', valueLabel: 'accuracy', showValues: true,
    }));
    const members = await Promise.all([
      lineChart({
        title: `${dataset}: AdaBoost, rounds of boosting`, xLabel: 'Stumps', yLabel: 'Test accuracy', width: 300,
        series: [
          { name: 'AdaBoost', x: boostingRounds.map((_, i) => i + 1), y: boostingRounds },
          { name: 'best single stump', x: [1, boostingRounds.length], y: [boost.bestMember, boost.bestMember], dashed: true },
        ],
      }),
      lineChart({
        title: `${dataset}: bagging, members averaged`, xLabel: 'MLPs', yLabel: 'Test accuracy', width: 300, points: true,
        series: [
          { name: 'bagging', x: baggingMembers.map((_, i) => i + 1), y: baggingMembers },
          { name: 'mean single MLP', x: [1, baggingMembers.length], y: [bag.meanMember, bag.meanMember], dashed: true },
        ],
      }),
    ]);
    await save(`${dataset}-members-added.svg`, chartGrid(members, 2));
  }
  return { datasets: results, plots };
}
