// Text to integer sequences, following Keras' Tokenizer and pad_sequences (same defaults and index order).
import type { DType } from '../core/dtype.js';
import { allocArray } from '../core/dtype.js';
import { ArgumentError, describe } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import { checkDType } from '../ops/convert.js';

/** Keras' default filters: punctuation, tab and newline are removed before splitting. */
export const DEFAULT_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n';

/** Options of `Tokenizer` (Keras names, camelCase). */
export interface TokenizerOptions {
  /** Keep only words with index < numWords when converting (the numWords - 1 most frequent); all when omitted. */
  numWords?: number;
  /** Token standing for unknown (and, with numWords, rare) words; it gets index 1. */
  oovToken?: string;
  /** Characters removed from texts (default: punctuation, tab, newline). */
  filters?: string;
  /** Lower-case texts first (default true). */
  lower?: boolean;
  /** Word separator (default ' '). */
  split?: string;
  /** Tokens are characters instead of words (default false). */
  charLevel?: boolean;
}

/** The JSON form of a fitted Tokenizer (`toJSON` / `Tokenizer.fromJSON`). */
export interface TokenizerJSON {
  config: TokenizerOptions;
  documentCount: number;
  wordCounts: [string, number][];
}

function checkTexts(fn: string, texts: unknown): readonly string[] {
  if (!Array.isArray(texts)) throw new ArgumentError(fn, `texts must be an array of strings, received ${describe(texts)}`);
  texts.forEach((t, i) => {
    if (typeof t !== 'string') throw new ArgumentError(fn, `texts must be strings, received ${describe(t)} at index ${i}`);
  });
  return texts as string[];
}

/**
 * Turns texts into sequences of word indices (1 = most frequent word, or the OOV token when set; 0 is padding).
 * @example const tok = new Tokenizer({ numWords: 1000, oovToken: '<OOV>' }); tok.fitOnTexts(texts); tok.textsToSequences(['hello world'])
 */
export class Tokenizer {
  readonly numWords: number | undefined;
  readonly oovToken: string | undefined;
  readonly filters: string;
  readonly lower: boolean;
  readonly split: string;
  readonly charLevel: boolean;
  /** Number of texts seen by `fitOnTexts`. */
  documentCount = 0;
  /** Occurrences of every token seen, in first-seen order. */
  readonly wordCounts = new Map<string, number>();
  /** Token -> index, most frequent first (ties in first-seen order), starting at 1. */
  wordIndex = new Map<string, number>();
  /** Index -> token. */
  indexWord = new Map<number, string>();

  constructor(options: TokenizerOptions = {}) {
    const fn = 'Tokenizer';
    const { numWords, oovToken } = options;
    if (numWords !== undefined && (!Number.isInteger(numWords) || numWords < 1)) {
      throw new ArgumentError(fn, `numWords must be an integer >= 1, received ${describe(numWords)}`);
    }
    if (oovToken !== undefined && (typeof oovToken !== 'string' || oovToken === '')) {
      throw new ArgumentError(fn, `oovToken must be a non-empty string, received ${describe(oovToken)}`);
    }
    for (const key of ['filters', 'split'] as const) {
      if (options[key] !== undefined && typeof options[key] !== 'string') throw new ArgumentError(fn, `${key} must be a string, received ${describe(options[key])}`);
    }
    if (options.split === '') throw new ArgumentError(fn, "split must not be empty (use charLevel: true for characters)");
    this.numWords = numWords;
    this.oovToken = oovToken;
    this.filters = options.filters ?? DEFAULT_FILTERS;
    this.lower = options.lower ?? true;
    this.split = options.split ?? ' ';
    this.charLevel = options.charLevel ?? false;
  }

  /**
   * The tokens of one text, after lower-casing and filtering (Keras' text_to_word_sequence).
   * @example new Tokenizer().tokenize('Hello, world!') // ['hello', 'world']
   */
  tokenize(text: string): string[] {
    const t = this.lower ? text.toLowerCase() : text;
    if (this.charLevel) return [...t];
    let cleaned = '';
    for (const ch of t) cleaned += this.filters.includes(ch) ? this.split : ch;
    return cleaned.split(this.split).filter((w) => w !== '');
  }

  /**
   * Counts the tokens of `texts` and (re)builds `wordIndex`; may be called again with more texts.
   * @example tok.fitOnTexts(['The cat sat.', 'The dog.']); tok.wordIndex.get('the') // 1
   */
  fitOnTexts(texts: readonly string[]): this {
    for (const text of checkTexts('Tokenizer.fitOnTexts', texts)) {
      this.documentCount++;
      for (const w of this.tokenize(text)) this.wordCounts.set(w, (this.wordCounts.get(w) ?? 0) + 1);
    }
    this.rebuildIndex();
    return this;
  }

  private rebuildIndex(): void {
    // Array.prototype.sort is stable, so ties keep first-seen order as Python's sort does in Keras.
    const words = [...this.wordCounts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w)
      .filter((w) => w !== this.oovToken);
    const vocab = this.oovToken !== undefined ? [this.oovToken, ...words] : words;
    this.wordIndex = new Map(vocab.map((w, i) => [w, i + 1]));
    this.indexWord = new Map(vocab.map((w, i) => [i + 1, w]));
  }

  /** Index of the OOV token, if any. */
  private get oovIndex(): number | undefined {
    return this.oovToken === undefined ? undefined : this.wordIndex.get(this.oovToken);
  }

  /**
   * Each text as a list of indices; unknown and (with numWords) rare tokens become the OOV index or are dropped.
   * @example tok.textsToSequences(['the cat']) // [[1, 2]]
   */
  textsToSequences(texts: readonly string[]): number[][] {
    const oov = this.oovIndex;
    return checkTexts('Tokenizer.textsToSequences', texts).map((text) => {
      const seq: number[] = [];
      for (const w of this.tokenize(text)) {
        const i = this.wordIndex.get(w);
        if (i !== undefined && (this.numWords === undefined || i < this.numWords)) seq.push(i);
        else if (oov !== undefined) seq.push(oov);
      }
      return seq;
    });
  }

  /**
   * Turns index sequences back into texts (tokens joined by spaces); padding (0) and unknown indices are skipped.
   * @example tok.sequencesToTexts([[1, 2]]) // ['the cat']
   */
  sequencesToTexts(sequences: readonly (readonly number[])[]): string[] {
    if (!Array.isArray(sequences)) throw new ArgumentError('Tokenizer.sequencesToTexts', `sequences must be an array of arrays, received ${describe(sequences)}`);
    const oov = this.oovIndex;
    return sequences.map((seq) => {
      const words: string[] = [];
      for (const i of seq) {
        const w = this.indexWord.get(i);
        if (w === undefined) continue;
        if (this.numWords !== undefined && i >= this.numWords) { if (oov !== undefined) words.push(this.oovToken!); } else words.push(w);
      }
      return words.join(this.charLevel ? '' : ' ');
    });
  }

  /**
   * A JSON-serializable form of the fitted tokenizer, to save alongside a model.
   * @example JSON.stringify(tok.toJSON())
   */
  toJSON(): TokenizerJSON {
    return {
      config: { numWords: this.numWords, oovToken: this.oovToken, filters: this.filters, lower: this.lower, split: this.split, charLevel: this.charLevel },
      documentCount: this.documentCount,
      wordCounts: [...this.wordCounts.entries()],
    };
  }

  /**
   * Rebuilds a tokenizer saved with `toJSON`.
   * @example const tok = Tokenizer.fromJSON(JSON.parse(text))
   */
  static fromJSON(json: TokenizerJSON): Tokenizer {
    if (!json || typeof json !== 'object' || !Array.isArray(json.wordCounts)) {
      throw new ArgumentError('Tokenizer.fromJSON', `expected the object toJSON() returns, received ${describe(json)}`);
    }
    const config = Object.fromEntries(Object.entries(json.config ?? {}).filter(([, v]) => v !== undefined && v !== null));
    const tok = new Tokenizer(config);
    tok.documentCount = json.documentCount ?? 0;
    for (const [w, c] of json.wordCounts) tok.wordCounts.set(String(w), Number(c));
    tok.rebuildIndex();
    return tok;
  }
}

/** Options of `padSequences` (Keras' pad_sequences). */
export interface PadOptions {
  /** Length of every row (default: the longest sequence). */
  maxlen?: number;
  /** Pad at the start ('pre', default, as Keras) or the end ('post'). */
  padding?: 'pre' | 'post';
  /** Cut long sequences at the start ('pre', default) or the end ('post'). */
  truncating?: 'pre' | 'post';
  /** Padding value (default 0). */
  value?: number;
  /** Result dtype (default int32). */
  dtype?: DType;
}

/**
 * Pads or truncates sequences to a common length, giving a tensor of shape [n, maxlen].
 * @example padSequences([[1, 2], [3]], { maxlen: 3 }) // [[0, 1, 2], [0, 0, 3]]
 */
export function padSequences(sequences: readonly (readonly number[])[], options: PadOptions = {}): Tensor {
  const fn = 'padSequences';
  if (!Array.isArray(sequences)) throw new ArgumentError(fn, `sequences must be an array of number arrays, received ${describe(sequences)}`);
  sequences.forEach((s, i) => {
    if (!Array.isArray(s) && !ArrayBuffer.isView(s)) throw new ArgumentError(fn, `sequence ${i} must be an array of numbers, received ${describe(s)}`);
  });
  const { padding = 'pre', truncating = 'pre', value = 0, dtype = 'int32' } = options;
  if (padding !== 'pre' && padding !== 'post') throw new ArgumentError(fn, `padding must be 'pre' or 'post', received ${describe(padding)}`);
  if (truncating !== 'pre' && truncating !== 'post') throw new ArgumentError(fn, `truncating must be 'pre' or 'post', received ${describe(truncating)}`);
  if (typeof value !== 'number' || Number.isNaN(value)) throw new ArgumentError(fn, `value must be a number, received ${describe(value)}`);
  checkDType(fn, dtype);
  const maxlen = options.maxlen ?? sequences.reduce((m, s) => Math.max(m, s.length), 0);
  if (!Number.isInteger(maxlen) || maxlen < 0) throw new ArgumentError(fn, `maxlen must be an integer >= 0, received ${describe(options.maxlen)}`);
  const out = allocArray(dtype, sequences.length * maxlen).fill(value);
  sequences.forEach((s, i) => {
    const len = Math.min(s.length, maxlen);
    const from = s.length > maxlen && truncating === 'pre' ? s.length - maxlen : 0;
    const start = i * maxlen + (padding === 'pre' ? maxlen - len : 0);
    for (let j = 0; j < len; j++) {
      const v = s[from + j];
      if (typeof v !== 'number') throw new ArgumentError(fn, `sequence ${i} holds ${describe(v)} at position ${from + j}, expected numbers`);
      out[start + j] = v;
    }
  });
  return Tensor.fromStorage(out, [sequences.length, maxlen], dtype);
}
