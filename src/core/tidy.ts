// Deterministic memory reuse, as TensorFlow.js users know it: `tidy` disposes the tensors a function creates and
// does not return, `dispose` releases tensors at once, `keep` exempts one from any enclosing tidy. Tensors are
// garbage-collected either way; what disposal adds is that their storage serves the next op output of its size
// at once, instead of fresh pages from the OS after the next GC (a fresh 4 MB product costs a page fault per
// 4 KiB, measurably slower than the product itself on small machines).
//
// Unlike TensorFlow.js's tidy, this one is graph-aware: what backward() needs for a returned tensor (the inputs
// and outputs of every recorded op it depends on) survives, so `tidy(() => model.apply(x).sum())` can still be
// differentiated afterwards.
import { ArgumentError } from './errors.js';
import { giveBackUnless, passOn, recording } from './storage-pool.js';
import type { Owned } from './storage-pool.js';
import { Tensor } from './tensor.js';
import { setTrackingList } from './tensor-scope.js';

/** What `tidy` may return and `dispose` accepts: tensors, possibly nested in arrays and plain objects. */
export type TensorContainer =
  | void | Tensor | string | number | boolean | null | undefined
  | readonly TensorContainer[] | { readonly [key: string]: TensorContainer };

/** Calls `visit` on every tensor in `c` (arrays and plain objects, any depth; other objects are opaque). */
function forEachTensor(c: unknown, visit: (t: Tensor) => void, seen = new Set<object>()): void {
  if (c instanceof Tensor) { visit(c); return; }
  if (c === null || typeof c !== 'object' || seen.has(c)) return;
  seen.add(c);
  if (Array.isArray(c)) {
    for (const x of c) forEachTensor(x, visit, seen);
    return;
  }
  const proto: unknown = Object.getPrototypeOf(c);
  if (proto !== Object.prototype && proto !== null) return;
  for (const x of Object.values(c)) forEachTensor(x, visit, seen);
}

/** The tensors `roots` need later: themselves, their gradients, and whatever backward() reads for them. */
function reachable(roots: Iterable<Tensor>): Set<Tensor> {
  const out = new Set<Tensor>();
  const stack = [...roots];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (out.has(t)) continue;
    out.add(t);
    if (t.grad) stack.push(t.grad);
    const node = t.node;
    // A gradient rule reads only its op's inputs, outputs and attributes (GradArgs).
    if (node) stack.push(...node.inputs, ...node.outputs);
  }
  return out;
}

function isPromise(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/**
 * Runs `fn` and disposes every tensor it created except those in its result (arrays and plain objects are
 * searched), those marked with `keep`, variables' values, gradients stored in `.grad`, and what backward()
 * needs for the returned tensors. Their storage is reused by later ops at once. Using a disposed tensor throws.
 * `fn` must be synchronous. Nested tidies pass what they return on to the enclosing one.
 * @example const probs = tidy(() => model.predict(x).mul(100).round())
 */
export function tidy<T extends TensorContainer>(nameOrFn: string | (() => T), fn?: () => T): T {
  const f = typeof nameOrFn === 'function' ? nameOrFn : fn;
  if (typeof f !== 'function') {
    throw new ArgumentError('tidy', `expected a function (optionally after a name), received ${typeof f}`);
  }
  const created: Tensor[] = [];
  const outerTracked = setTrackingList(created);
  // On failure nothing is disposed: the enclosing scope (if any) decides about everything created here.
  const handOverTensors = (): void => { if (outerTracked) outerTracked.push(...created); };
  let result: T, storage: Owned[];
  try {
    [result, storage] = recording(f); // on an exception `recording` hands its storage over itself
  } catch (e) {
    handOverTensors();
    throw e;
  } finally {
    setTrackingList(outerTracked);
  }
  if (isPromise(result)) {
    handOverTensors();
    passOn(storage);
    throw new ArgumentError('tidy', 'the function returned a Promise; tidy runs synchronous code only (await outside it, dispose() inside)');
  }
  const roots: Tensor[] = [];
  forEachTensor(result, (t) => roots.push(t));
  for (const t of created) if (t.isKept) roots.push(t);
  const live = reachable(roots);
  const liveBuffers = new Set<ArrayBufferLike>();
  for (const t of live) if (!t.isDisposed) liveBuffers.add(t.storage.buffer);
  for (const t of created) {
    if (live.has(t)) outerTracked?.push(t);
    else t.markDisposed();
  }
  passOn(giveBackUnless(storage, liveBuffers));
  return result;
}

/**
 * Exempts `t` from disposal by every enclosing `tidy` (an explicit `dispose()` still releases it); returns it.
 * @example let w; tidy(() => { w = keep(randomNormal([3, 3])); })
 */
export function keep<T extends Tensor>(t: T): T {
  if (!(t instanceof Tensor)) throw new ArgumentError('keep', `expected a tensor, received ${typeof t}`);
  return t.markKept();
}

/**
 * Disposes every tensor in `container` (a tensor, or arrays and plain objects of them): see `Tensor.dispose`.
 * @example dispose([a, b, { c }])
 */
export function dispose(container: TensorContainer): void {
  forEachTensor(container, (t) => t.dispose());
}
