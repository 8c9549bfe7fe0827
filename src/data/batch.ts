// Stacking of dataset elements into batches: tensors, numbers, and arrays or records of them.
import { ArgumentError, describe } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import { stackRows } from './rows.js';

/** What `Dataset.batch` can stack: tensors, numbers, and arrays or records of them (nested freely). */
export type Stackable = Tensor | number | readonly Stackable[] | { readonly [key: string]: Stackable };

/** The type of a batch of elements of type `T`: every tensor or number leaf becomes one stacked tensor. */
export type Batched<T> = T extends Tensor ? Tensor
  : T extends number ? Tensor
    : T extends readonly unknown[] ? { -readonly [K in keyof T]: Batched<T[K]> }
      : T extends object ? { -readonly [K in keyof T]: Batched<T[K]> }
        : never;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Tensor) && !ArrayBuffer.isView(v);
}

/**
 * Stacks elements of the same structure into one batch: leaves are stacked along a new first axis.
 * @example stackElements([{ xs: tensor([1]), ys: 0 }, { xs: tensor([2]), ys: 1 }]) // { xs: [[1], [2]], ys: [0, 1] }
 */
export function stackElements<T>(items: readonly T[], path = ''): Batched<T> {
  const fn = 'batch';
  const first: unknown = items[0];
  if (first instanceof Tensor || typeof first === 'number') {
    return stackRows(fn, items as readonly (Tensor | number)[], path ? ` at ${path}` : '') as Batched<T>;
  }
  if (Array.isArray(first)) {
    const out: unknown[] = [];
    for (let k = 0; k < first.length; k++) {
      const column = items.map((it, i) => {
        if (!Array.isArray(it) || it.length !== first.length) {
          throw new ArgumentError(fn, `element ${i}${path ? ` at ${path}` : ''} is ${describe(it)} but element 0 is an array of length ${first.length}`);
        }
        return it[k] as unknown;
      });
      out.push(stackElements(column, `${path}[${k}]`));
    }
    return out as Batched<T>;
  }
  if (isRecord(first)) {
    const out: Record<string, unknown> = {};
    const keys = Object.keys(first);
    for (const key of keys) {
      const column = items.map((it, i) => {
        if (!isRecord(it) || !(key in it)) {
          throw new ArgumentError(fn, `element ${i}${path ? ` at ${path}` : ''} has no key '${key}' but element 0 has`);
        }
        return it[key];
      });
      out[key] = stackElements(column, `${path}.${key}`);
    }
    return out as Batched<T>;
  }
  throw new ArgumentError(fn, `elements must be tensors, numbers, or arrays or records of them, received ${describe(first)}${path ? ` at ${path}` : ''}`);
}
