// Categorical encoders: labels <-> class ids, class ids -> one-hot rows.
import { ArgumentError, describe, fmtShape } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';

/** A category value: a string or a number. */
export type Category = string | number;

function labelList(fn: string, labels: unknown): Category[] {
  if (labels instanceof Tensor) {
    if (labels.rank > 1) throw new ArgumentError(fn, `labels must be 1-D, received shape ${fmtShape(labels.shape)}`);
    return Array.from(labels.storage);
  }
  if (!Array.isArray(labels)) throw new ArgumentError(fn, `labels must be an array or a 1-D tensor, received ${describe(labels)}`);
  labels.forEach((v, i) => {
    if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) {
      throw new ArgumentError(fn, `labels must be strings or finite numbers, received ${describe(v)} at index ${i}`);
    }
  });
  return labels as Category[];
}

function compareCategories(a: Category, b: Category): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Maps category values to class ids 0..k-1 (classes sorted, as scikit-learn) and back.
 * @example const enc = new LabelEncoder().fit(['cat', 'dog', 'cat']); enc.transform(['dog']) // int32 [1]
 */
export class LabelEncoder {
  private classList: Category[] | null = null;
  private index = new Map<Category, number>();

  /** The sorted distinct classes learned by `fit` (null before). */
  get classes(): readonly Category[] | null { return this.classList ? [...this.classList] : null; }

  /** Number of classes (0 before `fit`). */
  get numClasses(): number { return this.classList?.length ?? 0; }

  /**
   * Learns the distinct classes of `labels`.
   * @example new LabelEncoder().fit(['b', 'a']).classes // ['a', 'b']
   */
  fit(labels: readonly Category[] | Tensor): this {
    const list = labelList('LabelEncoder.fit', labels);
    this.classList = [...new Set(list)].sort(compareCategories);
    this.index = new Map(this.classList.map((c, i) => [c, i]));
    return this;
  }

  /**
   * Class ids (int32, shape [n]) of `labels`; an unseen label is an error naming it and its position.
   * @example enc.transform(['cat', 'dog']) // tensor([0, 1], dtype=int32)
   */
  transform(labels: readonly Category[] | Tensor): Tensor {
    const fn = 'LabelEncoder.transform';
    if (!this.classList) throw new ArgumentError(fn, 'the encoder is not fitted; call fit(labels) first');
    const list = labelList(fn, labels);
    const out = new Int32Array(list.length);
    list.forEach((v, i) => {
      const id = this.index.get(v);
      if (id === undefined) {
        throw new ArgumentError(fn, `label ${JSON.stringify(v)} at index ${i} was not seen by fit (known: ${this.classList!.slice(0, 10).map((c) => JSON.stringify(c)).join(', ')}${this.classList!.length > 10 ? ', ...' : ''})`);
      }
      out[i] = id;
    });
    return Tensor.fromStorage(out, [list.length], 'int32');
  }

  /**
   * Fits on `labels` and returns their class ids.
   * @example new LabelEncoder().fitTransform(['b', 'a', 'b']) // [1, 0, 1]
   */
  fitTransform(labels: readonly Category[] | Tensor): Tensor {
    return this.fit(labels).transform(labels);
  }

  /**
   * The labels of class ids (1-D ids, or one-hot / probability rows decoded by their largest entry).
   * @example enc.inverseTransform(tensor([1, 0], [2], 'int32')) // ['dog', 'cat']
   */
  inverseTransform(ids: Tensor | readonly number[]): Category[] {
    const fn = 'LabelEncoder.inverseTransform';
    if (!this.classList) throw new ArgumentError(fn, 'the encoder is not fitted; call fit(labels) first');
    const classes = this.classList;
    const ints = ids instanceof Tensor && ids.rank === 2 ? argmaxRows(ids) : labelList(fn, ids);
    return ints.map((v, i) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= classes.length) {
        throw new ArgumentError(fn, `class id ${describe(v)} at index ${i} is not in 0..${classes.length - 1}`);
      }
      return classes[v];
    });
  }
}

function argmaxRows(t: Tensor): number[] {
  const [n, k] = t.shape, d = t.storage, out: number[] = [];
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (d[i * k + j] > d[i * k + best]) best = j;
    out.push(best);
  }
  return out;
}

/**
 * One-hot rows (float32, shape [n, numClasses]) of integer class ids; `numClasses` defaults to the largest id + 1.
 * @example oneHotEncode([0, 2], 3) // [[1, 0, 0], [0, 0, 1]]
 */
export function oneHotEncode(ids: Tensor | readonly number[], numClasses?: number): Tensor {
  const fn = 'oneHotEncode';
  if (ids instanceof Tensor && ids.rank > 1 && !(ids.rank === 2 && ids.shape[1] === 1)) {
    throw new ArgumentError(fn, `ids must be 1-D (or [n, 1]), received shape ${fmtShape(ids.shape)}`);
  }
  const list = ids instanceof Tensor ? Array.from(ids.storage) : labelList(fn, ids);
  list.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new ArgumentError(fn, `ids must be integers >= 0, received ${describe(v)} at index ${i}`);
    }
  });
  const ints = list as number[];
  const k = numClasses ?? ints.reduce((m, v) => (v > m ? v : m), -1) + 1;
  if (!Number.isInteger(k) || k < 1) throw new ArgumentError(fn, `numClasses must be an integer >= 1, received ${describe(numClasses)}`);
  const out = new Float32Array(ints.length * k);
  ints.forEach((v, i) => {
    if (v >= k) throw new ArgumentError(fn, `id ${v} at index ${i} is out of range for numClasses ${k}`);
    out[i * k + v] = 1;
  });
  return Tensor.fromStorage(out, [ints.length, k], 'float32');
}

/**
 * Encodes category values as one-hot rows (a LabelEncoder followed by `oneHotEncode`) and decodes them back.
 * @example const enc = new OneHotEncoder().fit(['red', 'blue']); enc.transform(['red']) // [[0, 1]]
 */
export class OneHotEncoder {
  private readonly labels = new LabelEncoder();

  /** The sorted distinct categories learned by `fit` (null before). */
  get categories(): readonly Category[] | null { return this.labels.classes; }

  /**
   * Learns the distinct categories.
   * @example new OneHotEncoder().fit(['a', 'b'])
   */
  fit(values: readonly Category[] | Tensor): this {
    this.labels.fit(values);
    return this;
  }

  /**
   * One-hot rows (float32, [n, categories]); an unseen value is an error naming it and its position.
   * @example enc.transform(['b', 'a']) // [[0, 1], [1, 0]]
   */
  transform(values: readonly Category[] | Tensor): Tensor {
    if (!this.labels.classes) throw new ArgumentError('OneHotEncoder.transform', 'the encoder is not fitted; call fit(values) first');
    return oneHotEncode(this.labels.transform(values), this.labels.numClasses);
  }

  /**
   * Fits and transforms in one step.
   * @example new OneHotEncoder().fitTransform(['x', 'y'])
   */
  fitTransform(values: readonly Category[] | Tensor): Tensor {
    return this.fit(values).transform(values);
  }

  /**
   * The categories of one-hot (or probability) rows, by their largest entry.
   * @example enc.inverseTransform(model.predict(x))
   */
  inverseTransform(rows: Tensor): Category[] {
    if (!(rows instanceof Tensor) || rows.rank !== 2) {
      throw new ArgumentError('OneHotEncoder.inverseTransform', `rows must be a 2-D tensor, received ${describe(rows)}`);
    }
    return this.labels.inverseTransform(rows);
  }
}
