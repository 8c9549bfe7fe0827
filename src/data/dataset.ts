// A lazily composed, re-iterable async stream of elements: each `for await` (one epoch) restarts it from its source.
import { ArgumentError, describe } from '../core/errors.js';
import { Random, globalRandom } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { stackElements } from './batch.js';
import type { Batched } from './batch.js';
import { asRowsTensor, rowView } from './rows.js';

/** Options of `Dataset.batch`. */
export interface BatchOptions {
  /** Drop the last batch when it is smaller than `size` (default false). */
  dropRemainder?: boolean;
}

/** Options of `Dataset.shuffle`. */
export interface ShuffleOptions {
  /** Use a new order on every iteration (epoch), derived from the seed (default true). */
  reshuffleEachIteration?: boolean;
}

/** An element of `Dataset.fromArrays(x, y)`: one sample and its target, as TensorFlow.js `fitDataset` expects. */
export interface Sample {
  xs: Tensor;
  ys: Tensor;
}

type Source<T> = () => AsyncIterator<T>;

function checkCount(fn: string, arg: string, n: unknown, min = 0): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) {
    throw new ArgumentError(fn, `${arg} must be an integer >= ${min}, received ${describe(n)}`);
  }
  return n;
}

function checkFunction(fn: string, arg: string, f: unknown): void {
  if (typeof f !== 'function') throw new ArgumentError(fn, `${arg} must be a function, received ${describe(f)}`);
}

/** Mixes a seed and an epoch number into an unrelated seed (murmur3 finalizer), so epochs do not share streams. */
function deriveSeed(seed: number, epoch: number): number {
  let h = (seed ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A lazily composed, re-iterable asynchronous sequence of elements (samples, batches, records), like `tf.data`.
 * Each `for await` pass is one epoch and restarts from the source; nothing runs before iteration.
 * @example const ds = Dataset.fromArrays(x, y).shuffle(100, 1).batch(32); for await (const { xs, ys } of ds) { ... }
 */
export class Dataset<T> implements AsyncIterable<T> {
  /** Number of elements per iteration when known (`Infinity` for endless repeats), else null (after `filter`). */
  readonly size: number | null;
  private readonly source: Source<T>;

  private constructor(source: Source<T>, size: number | null) {
    this.source = source;
    this.size = size;
  }

  /**
   * A dataset over the rows of `x` (split along the first axis), paired with the rows of `y` as `{ xs, ys }` when given.
   * @example Dataset.fromArrays(tensor([[0, 0], [1, 1]]), tensor([0, 1])) // yields { xs: [0, 0], ys: 0 }, ...
   */
  static fromArrays(x: unknown): Dataset<Tensor>;
  static fromArrays(x: unknown, y: unknown): Dataset<Sample>;
  static fromArrays(x: unknown, y?: unknown): Dataset<Tensor> | Dataset<Sample> {
    const fn = 'Dataset.fromArrays';
    const xt = asRowsTensor(fn, 'x', x);
    const n = xt.shape[0];
    if (y === undefined) {
      return new Dataset<Tensor>(async function* () {
        for (let i = 0; i < n; i++) yield rowView(xt, i);
      }, n);
    }
    const yt = asRowsTensor(fn, 'y', y);
    if (yt.shape[0] !== n) {
      throw new ArgumentError(fn, `x and y must have the same number of rows, received ${n} and ${yt.shape[0]}`);
    }
    return new Dataset<Sample>(async function* () {
      for (let i = 0; i < n; i++) yield { xs: rowView(xt, i), ys: rowView(yt, i) };
    }, n);
  }

  /**
   * A dataset over a fixed list of elements.
   * @example await Dataset.fromItems([1, 2, 3]).batch(2).toArray() // [tensor([1, 2]), tensor([3])]
   */
  static fromItems<T>(items: readonly T[]): Dataset<T> {
    if (!Array.isArray(items)) throw new ArgumentError('Dataset.fromItems', `items must be an array, received ${describe(items)}`);
    const copy = [...items];
    return new Dataset<T>(async function* () { yield* copy; }, copy.length);
  }

  /**
   * A dataset whose elements come from `make()`, called once per iteration (a generator function, sync or async).
   * @example Dataset.fromGenerator(function* () { for (let i = 0; i < 3; i++) yield tensor([i]); })
   */
  static fromGenerator<T>(make: () => Iterable<T> | AsyncIterable<T>, size: number | null = null): Dataset<T> {
    const fn = 'Dataset.fromGenerator';
    checkFunction(fn, 'make', make);
    if (size !== null && size !== Infinity) checkCount(fn, 'size', size);
    return new Dataset<T>(async function* () {
      const it = make();
      if (it === null || typeof it !== 'object' || (!(Symbol.asyncIterator in it) && !(Symbol.iterator in it))) {
        throw new ArgumentError(fn, `make() must return an iterable or async iterable (call a generator function), received ${describe(it)}`);
      }
      yield* it;
    }, size);
  }

  /** Starts one pass (epoch) over the elements. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.source();
  }

  /**
   * Applies `fn` (sync or async) to every element.
   * @example ds.map(({ xs, ys }) => ({ xs: xs.div(255), ys }))
   */
  map<U>(fn: (x: T) => U | Promise<U>): Dataset<U> {
    checkFunction('Dataset.map', 'fn', fn);
    return new Dataset<U>(() => mapIter(this, fn), this.size);
  }

  /**
   * Keeps the elements for which `predicate` (sync or async) is true.
   * @example ds.filter((s) => s.ys.item() !== 0)
   */
  filter(predicate: (x: T) => boolean | Promise<boolean>): Dataset<T> {
    checkFunction('Dataset.filter', 'predicate', predicate);
    return new Dataset<T>(() => filterIter(this, predicate), this.size === 0 || this.size === Infinity ? this.size : null);
  }

  /**
   * Shuffles through a buffer of `bufferSize` elements (a buffer as large as the dataset gives a uniform shuffle).
   * The order is fixed by `seed` (drawn from the global seed when omitted) and changes every epoch by default.
   * @example ds.shuffle(1000, 42)
   */
  shuffle(bufferSize: number, seed?: number, options: ShuffleOptions = {}): Dataset<T> {
    const fn = 'Dataset.shuffle';
    checkCount(fn, 'bufferSize', bufferSize, 1);
    if (seed !== undefined && !Number.isFinite(seed)) throw new ArgumentError(fn, `seed must be a finite number, received ${describe(seed)}`);
    const base = seed ?? globalRandom.nextU32();
    const reshuffle = options.reshuffleEachIteration ?? true;
    let epoch = 0;
    return new Dataset<T>(() => shuffleIter(this, bufferSize, new Random(deriveSeed(base, reshuffle ? epoch++ : 0))), this.size);
  }

  /**
   * Groups consecutive elements into batches, stacking tensors and numbers along a new first axis
   * (records and arrays are stacked leaf by leaf).
   * @example Dataset.fromArrays(x, y).batch(32) // yields { xs: [32, ...], ys: [32, ...] }, the last one smaller
   */
  batch(size: number, options: BatchOptions = {}): Dataset<Batched<T>> {
    checkCount('Dataset.batch', 'size', size, 1);
    const drop = options.dropRemainder ?? false;
    const n = this.size;
    return new Dataset<Batched<T>>(() => batchIter(this, size, drop), n === null || n === Infinity ? n : drop ? Math.floor(n / size) : Math.ceil(n / size));
  }

  /**
   * The first `count` elements.
   * @example ds.take(10)
   */
  take(count: number): Dataset<T> {
    checkCount('Dataset.take', 'count', count);
    return new Dataset<T>(() => takeIter(this, count), this.size === null ? (count === 0 ? 0 : null) : Math.min(this.size, count));
  }

  /**
   * All but the first `count` elements.
   * @example ds.skip(10)
   */
  skip(count: number): Dataset<T> {
    checkCount('Dataset.skip', 'count', count);
    return new Dataset<T>(() => skipIter(this, count), this.size === null ? null : Math.max(0, this.size - count));
  }

  /**
   * Repeats the dataset `count` times (forever when omitted); each repetition is a new epoch of the source
   * (so an upstream `shuffle` gives a new order each time).
   * @example ds.repeat(3)
   */
  repeat(count?: number): Dataset<T> {
    if (count !== undefined) checkCount('Dataset.repeat', 'count', count);
    const n = this.size;
    return new Dataset<T>(() => repeatIter(this, count), n === null ? null : count === undefined ? (n === 0 ? 0 : Infinity) : n * count);
  }

  /**
   * Computes up to `count` elements ahead of the consumer, overlapping slow (I/O-bound) sources with training.
   * @example ds.batch(32).prefetch(2)
   */
  prefetch(count: number): Dataset<T> {
    checkCount('Dataset.prefetch', 'count', count);
    if (count === 0) return this;
    return new Dataset<T>(() => prefetchIter(this, count), this.size);
  }

  /**
   * Collects all elements of one iteration into an array.
   * @example await Dataset.fromItems([1, 2]).toArray() // [1, 2]
   */
  async toArray(): Promise<T[]> {
    if (this.size === Infinity) throw new ArgumentError('Dataset.toArray', 'the dataset is infinite (repeat() without a count); take(n) first');
    const out: T[] = [];
    for await (const x of this) out.push(x);
    return out;
  }
}

async function* mapIter<T, U>(src: AsyncIterable<T>, fn: (x: T) => U | Promise<U>): AsyncGenerator<U> {
  for await (const x of src) yield await fn(x);
}

async function* filterIter<T>(src: AsyncIterable<T>, predicate: (x: T) => boolean | Promise<boolean>): AsyncGenerator<T> {
  for await (const x of src) if (await predicate(x)) yield x;
}

async function* shuffleIter<T>(src: AsyncIterable<T>, bufferSize: number, rng: Random): AsyncGenerator<T> {
  const buffer: T[] = [];
  for await (const x of src) {
    if (buffer.length < bufferSize) { buffer.push(x); continue; }
    const j = rng.int(bufferSize);
    const out = buffer[j];
    buffer[j] = x;
    yield out;
  }
  rng.shuffle(buffer);
  yield* buffer;
}

async function* batchIter<T>(src: AsyncIterable<T>, size: number, drop: boolean): AsyncGenerator<Batched<T>> {
  let group: T[] = [];
  for await (const x of src) {
    group.push(x);
    if (group.length === size) { yield stackElements(group); group = []; }
  }
  if (group.length > 0 && !drop) yield stackElements(group);
}

async function* takeIter<T>(src: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  if (count === 0) return;
  let i = 0;
  for await (const x of src) {
    yield x;
    if (++i >= count) return;
  }
}

async function* skipIter<T>(src: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  let i = 0;
  for await (const x of src) if (i++ >= count) yield x;
}

async function* repeatIter<T>(src: AsyncIterable<T>, count: number | undefined): AsyncGenerator<T> {
  for (let r = 0; count === undefined || r < count; r++) {
    let any = false;
    for await (const x of src) { any = true; yield x; }
    if (!any) return; // an empty source would otherwise spin forever
  }
}

async function* prefetchIter<T>(src: AsyncIterable<T>, count: number): AsyncGenerator<T> {
  const it = src[Symbol.asyncIterator]();
  const queue: Promise<IteratorResult<T>>[] = [];
  const pull = (): void => {
    const p = it.next();
    p.catch(() => undefined); // a rejection surfaces when the consumer reaches it, not as unhandled
    queue.push(p);
  };
  let finished = false;
  try {
    for (let i = 0; i < count; i++) pull();
    while (true) {
      const r = await queue.shift()!;
      if (r.done) { finished = true; return; }
      pull();
      yield r.value;
    }
  } finally {
    if (!finished) await it.return?.();
  }
}
