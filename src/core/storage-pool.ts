// Reuse of op output storage that is known to be dead. Allocating a large typed array costs many times more
// than zeroing one (V8 external backing stores, fresh pages from the OS, later sweeping), and a training step
// allocates the same sizes at every step, so storage given back during one step serves the next.
// Storage is given back only where nothing can still reference it:
// - `withRecycling`: what a scope allocated and does not return (the backward pass and the update of a step);
// - `withInternal`: what a library function allocated and does not return (the gate activations inside an LSTM
//   cell, a layer's pre-activation): at once without gradient recording, else when the enclosing `withStep` (a
//   training step, whose graph holds those tensors until its update) ends.
import type { DataArray, DType } from './dtype.js';
import { dtypeOfArray } from './dtype.js';
import { isGradEnabled } from './grad-mode.js';
import type { Tensor } from './tensor.js';

// Small arrays are pooled too: V8 keeps arrays of up to 64 bytes on its heap, where allocation is cheap, but
// handing one to the native addon moves it to a fresh off-heap backing store (malloc, registration, sweeping),
// which cost about 1 us per call in batch-1 profiles; a pooled array was moved once.
const MIN_ELEMENTS = 1;
/** Storage kept for reuse at most, in bytes, per backend. */
const MAX_POOLED_BYTES = 256 * 2 ** 20;

interface Pool {
  /** Free arrays by dtype and length (see keyOf). */
  readonly free: Map<number, DataArray[]>;
  bytes: number;
}

/** Storage with the backend that allocated it. */
export type Owned = [object, DataArray];

const pools = new WeakMap<object, Pool>();
/** Storage allocated in the current recording scope (null outside any). */
let allocated: Owned[] | null = null;
/** Internal storage of the current training step, given back when it ends (null outside a step). */
let deferred: Owned[] | null = null;

const DTYPE_CODE: Record<DType, number> = { float32: 0, float64: 1, int32: 2, bool: 3 };
const keyOf = (dtype: DType, size: number): number => size * 4 + DTYPE_CODE[dtype];

/** An array given back earlier to `owner`'s pool (zeroed when `zero`), or undefined. */
export function takePooled(owner: object, dtype: DType, size: number, zero = true): DataArray | undefined {
  if (size < MIN_ELEMENTS) return undefined;
  const pool = pools.get(owner);
  const list = pool?.free.get(keyOf(dtype, size));
  const s = list?.pop();
  if (!s) return undefined;
  pool!.bytes -= s.byteLength;
  if (zero) s.fill(0);
  return s;
}

/** Records storage `owner` allocated for an op output, so the enclosing scope can give it back. */
export function noteAllocated(owner: object, s: DataArray): void {
  if (allocated && s.length >= MIN_ELEMENTS) allocated.push([owner, s]);
}

function giveBack([owner, s]: Owned): void {
  // Only arrays that own their whole buffer: giving one back then affects no other array.
  if (s.byteOffset !== 0 || s.byteLength !== s.buffer.byteLength) return;
  const dtype = dtypeOfArray(s);
  if (!dtype) return;
  let pool = pools.get(owner);
  if (!pool) pools.set(owner, pool = { free: new Map(), bytes: 0 });
  if (pool.bytes + s.byteLength > MAX_POOLED_BYTES) return;
  const key = keyOf(dtype, s.length);
  let list = pool.free.get(key);
  if (!list) pool.free.set(key, list = []);
  list.push(s);
  pool.bytes += s.byteLength;
}

/**
 * Gives the storage of a disposed op output back to `owner`'s pool (the caller guarantees nothing else
 * references it). Inside a recording scope it does nothing: the scope may hold the same storage in its list and
 * give it back when it ends, and an array pooled twice would serve two outputs at once.
 */
export function releaseStorage(owner: object, s: DataArray): void {
  if (allocated === null && s.length >= MIN_ELEMENTS) giveBack([owner, s]);
}

/**
 * Runs `fn` recording the storage it allocates into a fresh list; returns its result and that list. The caller
 * decides what an enclosing scope sees (`passOn`); on an exception the enclosing scope sees everything.
 */
export function recording<T>(fn: () => T): [T, Owned[]] {
  const outer = allocated;
  const mine: Owned[] = [];
  allocated = mine;
  try {
    return [fn(), mine];
  } catch (e) {
    passOn(mine, outer);
    throw e;
  } finally {
    allocated = outer;
  }
}

/** Lets the enclosing recording scope (if any) see storage that a nested scope did not give back. */
export function passOn(list: readonly Owned[], outer: Owned[] | null = allocated): void {
  if (outer) for (let i = 0; i < list.length; i++) outer.push(list[i]);
}

/** Gives back the recorded storage whose buffer is not in `live`; returns the rest. */
export function giveBackUnless(list: readonly Owned[], live: ReadonlySet<ArrayBufferLike>): Owned[] {
  const rest: Owned[] = [];
  for (const o of list) {
    if (live.has(o[1].buffer)) rest.push(o);
    else giveBack(o);
  }
  return rest;
}

/** The recorded storage that shares no memory with the tensors kept. */
function dead(list: readonly Owned[], keep: Iterable<Tensor>): Owned[] {
  if (list.length === 0) return [];
  const kept: ArrayBufferLike[] = [];
  for (const t of keep) kept.push(t.storage.buffer);
  const out: Owned[] = [];
  for (let i = 0; i < list.length; i++) if (!kept.includes(list[i][1].buffer)) out.push(list[i]);
  return out;
}

/**
 * Runs `fn`; then the op output storage allocated during it, except that shared with the tensors `keep` picks
 * from its result, returns to the pool of the backend that allocated it (a nested scope leaves that to the
 * outermost one). Only for code that keeps no other reference to the tensors it creates. On an exception
 * nothing is given back.
 * @example const grads = withRecycling(() => sweep(), (gs) => gs)
 */
export function withRecycling<T>(fn: () => T, keep: (result: T) => Iterable<Tensor>): T {
  if (allocated) return fn();
  const [result, mine] = recording(fn);
  for (const o of dead(mine, keep(result))) giveBack(o);
  return result;
}

/**
 * Runs `fn`, a pure function of library code (it keeps no reference to the tensors it creates, nor passes them
 * to user code), and marks the storage it allocated and does not return as dead once no autograd graph needs
 * it: given back at once without gradient recording, at the end of the enclosing training step otherwise.
 * @example const [h, c] = withInternal(() => lstmCell(...), (r) => r)
 */
export function withInternal<T>(fn: () => T, keep: (result: T) => Iterable<Tensor>): T {
  // Inside a recycling scope (a backward pass) everything is given back anyway.
  if (allocated) return fn();
  const [result, mine] = recording(fn);
  if (!isGradEnabled()) {
    for (const o of dead(mine, keep(result))) giveBack(o);
  } else if (deferred) {
    for (const o of dead(mine, keep(result))) deferred.push(o);
  }
  return result;
}

/**
 * Runs one training step (forward pass, backward pass and update): internal storage of its forward pass
 * (`withInternal`) is given back when it ends, the graph that referenced it being dead by then.
 * @example withStep(() => trainStep(model, c, batch))
 */
export function withStep<T>(fn: () => T): T {
  if (deferred) return fn();
  const mine: Owned[] = [];
  deferred = mine;
  let result: T;
  try {
    result = fn();
  } finally {
    deferred = null;
  }
  for (const o of mine) giveBack(o);
  return result;
}
