// Word embeddings and clustering. Skip-gram Word2Vec learns a vector per word from State of the Union addresses:
// words that share contexts ("health" and "care", "tax" and "cuts") get nearby vectors. PCA, computed with tensor
// ops, flattens them to a 2-D map; k-means groups them into clusters. The same KMeans, run on raw pixels of
// handwritten digits without their labels, finds groups that mostly are the digits.
import {
  concat, heatmap, imageGrid, lineChart, loadDigits, matmul, norm, randomNormal, scatterChart, setSeed, takeRows,
} from '../../src/node.js';
import type { Tensor } from '../../src/node.js';
import { KMeans, adjustedRandScore } from '../../src/node.js';
import type { ExampleOptions } from '../catalog.js';
import { plotWriter } from '../plots.js';
import { loadSpeeches, nearestWords, neighbourRank, trainWord2Vec, unitRows } from './word2vec.js';
import type { SkipGramOptions } from './word2vec.js';

/** The result of the word-embeddings example. */
export interface WordEmbeddingsResult {
  /** Mean skip-gram loss per epoch. */
  losses: number[];
  /** Nearest words of a few probe words. */
  neighbours: Record<string, string[]>;
  /** Rank of a word's usual partner among its nearest words (1 = nearest), e.g. 'social' -> 'security'. */
  partnerRanks: { word: string; partner: string; rank: number }[];
  /** Vocabulary size the ranks are out of. */
  vocabulary: number;
  /** k-means clusters of word vectors: the words nearest each centroid. */
  wordClusters: string[][];
  /** k-means on digit pixels: fraction of digits whose cluster's majority label is their own, and the adjusted Rand index. */
  digits: { samples: number; purity: number; adjustedRand: number };
  plots: string[];
}

interface Settings { years: [number, number]; skipGram: SkipGramOptions; clusteredWords: number; wordClusters: number; digits: number; restarts: number }

const QUICK: Settings = {
  years: [1993, 2000], clusteredWords: 200, wordClusters: 6, digits: 600, restarts: 2,
  skipGram: { vocabulary: 1000, dimensions: 24, window: 2, negatives: 5, batchSize: 1024, epochs: 3, learningRate: 0.02, subsample: 1e-4 },
};
const FULL: Settings = {
  years: [1981, 2021], clusteredWords: 300, wordClusters: 8, digits: 3000, restarts: 10,
  skipGram: { vocabulary: 3000, dimensions: 48, window: 3, negatives: 5, batchSize: 1024, epochs: 4, learningRate: 0.01, subsample: 1e-4 },
};
const PROBES = ['health', 'tax', 'war', 'children', 'energy', 'crime'];
const PARTNERS: [string, string][] = [
  ['health', 'care'], ['social', 'security'], ['tax', 'cuts'], ['middle', 'class'], ['cold', 'war'],
  ['welfare', 'reform'], ['children', 'parents'], ['balanced', 'budget'], ['minimum', 'wage'],
];
/** Skipped when picking words to cluster: the most frequent words are mostly "the", "of", "and". */
const FUNCTION_WORDS = 60;

/**
 * The first `k` principal components of the rows of `x` [n, d] as coordinates [n, k]: the covariance matrix's
 * leading eigenvectors, found one at a time by power iteration and removed (deflation) before the next.
 * @example principalComponents(vectors, 2).shape // [n, 2]
 */
export function principalComponents(x: Tensor, k: number, iterations = 100): Tensor {
  const centered = x.sub(x.mean(0, true));
  let covariance = matmul(centered, centered, true, false).div(x.shape[0] - 1);
  const axes: Tensor[] = [];
  for (let c = 0; c < k; c++) {
    let v = randomNormal([x.shape[1], 1]);
    for (let i = 0; i < iterations; i++) {
      const w = matmul(covariance, v);
      v = w.div(norm(w));
    }
    const eigenvalue = matmul(matmul(v, covariance, true, false), v);
    covariance = covariance.sub(matmul(v, v, false, true).mul(eigenvalue));
    axes.push(v);
  }
  return matmul(centered, concat(axes, 1));
}

/** Column `c` of a 2-D tensor as numbers. */
function column(x: Tensor, c: number): number[] {
  const d = x.dataSync(), w = x.shape[1];
  return Array.from({ length: x.shape[0] }, (_, i) => d[i * w + c]);
}

/**
 * Trains Word2Vec on State of the Union addresses, prints nearest neighbours and how near usual partners are,
 * clusters the word vectors with k-means and maps them with PCA; then clusters handwritten digits by their
 * pixels alone and measures how well the clusters match the digits.
 * @example const r = await run({ quick: true }); r.losses.at(-1) < r.losses[0] // true
 */
export async function run(opts: ExampleOptions = {}): Promise<WordEmbeddingsResult> {
  const log = opts.log ?? console.log;
  const outDir = opts.outDir ?? 'tensorgrad-out/examples/word-embeddings';
  const s = opts.quick ? QUICK : FULL;
  const { plots, save } = plotWriter(outDir);

  setSeed(0);
  const speeches = await loadSpeeches(...s.years);
  log(`State of the Union addresses ${s.years[0]}-${s.years[1]}: ${speeches.names.length} speeches.`);
  const w2v = trainWord2Vec(speeches.texts, s.skipGram, log);
  const { tokenizer } = w2v;

  const neighbours: Record<string, string[]> = {};
  log('Nearest words (cosine similarity of the vectors):');
  for (const word of PROBES) {
    const near = nearestWords(w2v, word, 6);
    if (near.length === 0) continue;
    neighbours[word] = near.map((n) => n.word);
    log(`  ${word.padEnd(9)} ${near.map((n) => `${n.word} ${n.similarity.toFixed(2)}`).join(', ')}`);
  }
  const partnerRanks = PARTNERS.flatMap(([word, partner]) => {
    const rank = neighbourRank(w2v, word, partner);
    return rank === null ? [] : [{ word, partner, rank }];
  });
  log(`Rank of the usual partner among the ${s.skipGram.vocabulary - 2} other words (1 = nearest):`);
  log(`  ${partnerRanks.map((p) => `${p.word} -> ${p.partner}: ${p.rank}`).join(', ')}`);

  // k-means on unit-length vectors: squared distance between unit vectors is 2 - 2 cos, so it groups by cosine.
  const ids = Array.from({ length: s.clusteredWords }, (_, i) => FUNCTION_WORDS + 1 + i);
  const words = ids.map((i) => tokenizer.indexWord.get(i)!);
  const unit = unitRows(takeRows(w2v.vectors, ids));
  const km = new KMeans({ k: s.wordClusters, nInit: s.restarts, seed: 0 }).fit(unit);
  const distances = km.transform(unit).dataSync(), labels = Array.from(km.labels!.dataSync());
  const wordClusters = Array.from({ length: s.wordClusters }, (_, c) => ids.map((_, i) => i).filter((i) => labels[i] === c)
    .sort((a, b) => distances[a * s.wordClusters + c] - distances[b * s.wordClusters + c]).map((i) => words[i]));
  log(`k-means, ${s.wordClusters} clusters of the ${s.clusteredWords} words after the ${FUNCTION_WORDS} most frequent (words nearest each centre):`);
  wordClusters.forEach((c, i) => log(`  ${i + 1}. ${c.slice(0, 10).join(', ')}`));
  const map = principalComponents(unit, 2);
  await save('word-map.svg', await scatterChart({
    title: 'Word vectors, PCA to 2-D, coloured by k-means cluster', x: column(map, 0), y: column(map, 1), labels,
    classNames: wordClusters.map((c) => c.slice(0, 2).join(', ')), xLabel: 'Principal component 1', yLabel: 'Principal component 2',
  }));
  await save('loss.svg', await lineChart({
    title: 'Skip-gram loss per epoch', xLabel: 'Epoch', yLabel: 'Mean loss', points: true,
    series: [{ name: 'training loss', x: w2v.losses.map((_, i) => i + 1), y: w2v.losses }],
  }));

  // The same KMeans on digits: pixels only, labels used afterwards just to score the clusters.
  const all = await loadDigits({ flatten: true });
  const rows = Array.from({ length: s.digits }, (_, i) => i);
  const pixels = takeRows(all.x, rows), truth = Array.from(takeRows(all.y, rows).dataSync());
  const digitsKm = new KMeans({ k: 10, nInit: s.restarts, seed: 0 }).fit(pixels);
  const assigned = Array.from(digitsKm.labels!.dataSync());
  const table = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
  assigned.forEach((c, i) => { table[c][truth[i]]++; });
  const majority = table.map((row) => row.indexOf(Math.max(...row)));
  const purity = table.reduce((a, row) => a + Math.max(...row), 0) / s.digits;
  const adjustedRand = adjustedRandScore(truth, assigned);
  log(`k-means on ${s.digits} digits (784 pixels each, no labels): purity ${purity.toFixed(3)} (chance about 0.1), adjusted Rand index ${adjustedRand.toFixed(3)}.`);
  log(`  majority digit of each cluster: ${majority.join(', ')}`);
  const centroids = digitsKm.centroids!.dataSync();
  await save('digit-centroids.svg', imageGrid(majority.map((d, c) => ({
    pixels: centroids.slice(c * 784, (c + 1) * 784), width: 28, height: 28,
    caption: `cluster ${c + 1}: ${d}\n${(Math.max(...table[c]) / table[c].reduce((a, b) => a + b, 0) * 100).toFixed(0)}% pure`,
  })), { columns: 5, title: 'k-means centroids of digit images' }));
  await save('digit-clusters.svg', await heatmap({
    title: 'Digits per k-means cluster', matrix: table, rowLabels: table.map((_, c) => `cluster ${c + 1}`), colLabels: all.classNames,
    xLabel: 'True digit', yLabel: 'Cluster', valueLabel: 'digits', showValues: true,
  }));
  return {
    losses: w2v.losses, neighbours, partnerRanks, vocabulary: s.skipGram.vocabulary, wordClusters,
    digits: { samples: s.digits, purity, adjustedRand }, plots,
  };
}
