// Value parsers for command-line options: each rejects a bad value with commander's InvalidArgumentError, which
// commander turns into "option '--epochs <n>' argument 'x' is invalid. <reason>".
import { InvalidArgumentError } from 'commander';

/**
 * Parses a whole number >= `min`.
 * @example new Option('--epochs <n>').argParser(integer(1))
 */
export function integer(min: number): (value: string) => number {
  return (value) => {
    const v = Number(value);
    if (value.trim() === '' || !Number.isInteger(v) || v < min) throw new InvalidArgumentError(`expected a whole number >= ${min}`);
    return v;
  };
}

/**
 * Parses a finite number strictly between `lo` and `hi`, or from `lo` inclusive when `loInclusive`.
 * @example new Option('--validation-split <f>').argParser(fraction(0, 1, true))
 */
export function fraction(lo: number, hi: number, loInclusive = false): (value: string) => number {
  return (value) => {
    const v = Number(value);
    const ok = value.trim() !== '' && Number.isFinite(v) && (loInclusive ? v >= lo : v > lo) && v < hi;
    if (!ok) throw new InvalidArgumentError(`expected a number ${loInclusive ? '>=' : '>'} ${lo} and < ${hi}`);
    return v;
  };
}

/**
 * Parses a positive finite number.
 * @example new Option('--lr <x>').argParser(positive)
 */
export function positive(value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v) || v <= 0) throw new InvalidArgumentError('expected a positive number');
  return v;
}

/**
 * Parses an image size: 'HxW' or a single number for square images.
 * @example parseSize('28x28') // [28, 28]
 */
export function parseSize(value: string): [number, number] {
  const m = /^\s*(\d+)\s*(?:[x×,]\s*(\d+))?\s*$/i.exec(value);
  const h = m ? Number(m[1]) : NaN, w = m ? Number(m[2] ?? m[1]) : NaN;
  if (!(h >= 1 && w >= 1 && h <= 4096 && w <= 4096)) throw new InvalidArgumentError("expected HEIGHTxWIDTH such as '28x28' (or one number)");
  return [h, w];
}
