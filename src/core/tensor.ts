import type { DataArray, DType } from './dtype.js';
import { dtypeOfArray } from './dtype.js';
import type { Node } from './op.js';
import { fmtShape } from './errors.js';
import { sizeOf } from './shape.js';
import { formatTensor } from './format.js';
import { getBackend } from './backend.js';
import { releaseStorage } from './storage-pool.js';
import { trackingList } from './tensor-scope.js';

let nextId = 0;

// Lifecycle flags (one small integer: a tensor is created per op, so its fields stay few and monomorphic).
/** The storage was allocated for this tensor by an op (not wrapped from elsewhere). */
const OWNED = 1;
/** Another tensor (a view, a detached copy) shares the storage. */
const SHARED = 2;
const DISPOSED = 4;
/** Exempt from disposal by `tidy` (see `keep`). */
const KEPT = 8;

// Tensors share frozen shape arrays: freezing a fresh array costs more than the rest of a small tensor's
// construction, and a program uses few distinct shapes. Shapes of rank <= 4 with dimensions < 4096 are interned
// under a numeric key; a frozen shape (an input's, often) is used as it is.
const interned = new Map<number, readonly number[]>();
const MAX_INTERNED = 4096;

function frozenShape(shape: readonly number[]): readonly number[] {
  if (Object.isFrozen(shape)) return shape;
  let key = shape.length;
  if (key > 4) return Object.freeze(shape.slice());
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (!(d >= 0 && d < 4096 && Number.isInteger(d))) return Object.freeze(shape.slice());
    key = key * 4096 + d;
  }
  let s = interned.get(key);
  if (!s) {
    if (interned.size >= MAX_INTERNED) interned.clear();
    s = Object.freeze(shape.slice());
    interned.set(key, s);
  }
  return s;
}

const DISPOSED_HINT = ' (by dispose(), or at the end of a tidy() that neither returned it nor kept it with keep())';

/** A nested array of numbers or booleans, as `array()` returns and `tensor()` accepts. */
export type NestedArray = number | boolean | NestedArray[];

/**
 * An n-dimensional array with a shape, a dtype and storage, that can record the ops applied to it
 * for reverse-mode differentiation. Create tensors with `tensor`, `zeros`, `randomNormal`, ...
 * @example const x = tensor([[1, 2], [3, 4]]); x.shape // [2, 2]
 */
export class Tensor {
  /** A process-unique id (stable identity for maps and debugging). */
  readonly id: number;
  /** Dimensions, outermost first. */
  readonly shape: readonly number[];
  /** Element type. */
  readonly dtype: DType;
  /** Number of elements. */
  readonly size: number;
  /** Whether gradients are computed for this tensor by `backward()`. */
  requiresGrad = false;
  /** The gradient accumulated by `backward()` (leaf tensors that require a gradient). */
  grad: Tensor | null = null;
  private readonly values: DataArray;
  private nodeRef: Node | null = null;
  private retain = false;
  private flags = 0;

  private constructor(storage: DataArray, shape: readonly number[], dtype: DType) {
    this.id = nextId++;
    this.values = storage;
    this.shape = frozenShape(shape);
    this.dtype = dtype;
    this.size = storage.length;
    const scope = trackingList();
    if (scope !== null) scope.push(this);
  }

  /** Row-major storage; kernels read and write it directly (internal, treat as read-only). */
  get storage(): DataArray {
    if (this.flags & DISPOSED) throw new Error(`${this.label()} is disposed${DISPOSED_HINT}`);
    return this.values;
  }

  /** Whether `dispose()` (or the end of a `tidy` that did not return it) released this tensor. */
  get isDisposed(): boolean { return (this.flags & DISPOSED) !== 0; }

  /**
   * Releases this tensor: every later use throws, and storage no other tensor shares is reused by the next op
   * output of its size (what PyTorch's caching allocator does when the last reference goes). Idempotent.
   * @example const c = matmul(a, b); use(c); c.dispose()
   */
  dispose(): void {
    if (this.flags & DISPOSED) return;
    this.flags |= DISPOSED;
    if ((this.flags & (OWNED | SHARED)) === OWNED) releaseStorage(getBackend(), this.values);
  }

  /** Marks this tensor disposed without releasing its storage (internal: `tidy` gives storage back itself). */
  markDisposed(): void {
    this.flags |= DISPOSED;
  }

  /** Marks the storage as allocated for this tensor by an op (internal, used by the dispatcher). */
  markOwned(): this {
    this.flags |= OWNED;
    return this;
  }

  /** Marks the storage as shared with another tensor: disposing this one then never reuses it (internal). */
  markShared(): this {
    this.flags |= SHARED;
    return this;
  }

  /** Exempts this tensor from disposal by enclosing `tidy` scopes (internal; the public form is `keep`). */
  markKept(): this {
    this.flags |= KEPT;
    return this;
  }

  /** Whether `keep` exempted this tensor from `tidy` (internal). */
  get isKept(): boolean { return (this.flags & KEPT) !== 0; }

  private label(): string {
    return `Tensor #${this.id} (shape ${fmtShape(this.shape)}, ${this.dtype})`;
  }

  /**
   * A tensor of `shape` over this one's storage, without copying (internal: callers guarantee the sizes agree).
   * @example const flat = Tensor.viewOf(images, [n, h * w])
   */
  static viewOf(t: Tensor, shape: readonly number[]): Tensor {
    return Tensor.fromStorage(t.storage, shape, t.dtype).markSharedWith(t);
  }

  private markSharedWith(source: Tensor): this {
    source.flags |= SHARED;
    this.flags |= SHARED;
    return this;
  }

  /** Wraps existing storage without copying (internal: callers guarantee length and dtype agree). */
  static fromStorage(storage: DataArray, shape: readonly number[], dtype?: DType): Tensor {
    const dt = dtype ?? dtypeOfArray(storage);
    if (!dt) throw new TypeError('Tensor.fromStorage: unsupported storage type');
    if (storage.length !== sizeOf(shape)) {
      throw new RangeError(`Tensor.fromStorage: storage has ${storage.length} elements, shape ${fmtShape(shape)} needs ${sizeOf(shape)}`);
    }
    return new Tensor(storage, shape, dt);
  }

  /** Number of dimensions. */
  get rank(): number { return this.shape.length; }

  /** The op application that produced this tensor, when it was recorded for autograd (internal). */
  get node(): Node | null { return this.nodeRef; }

  /** Attaches the producing op application (internal, used by the dispatcher). */
  setNode(node: Node): void {
    this.nodeRef = node;
    this.requiresGrad = true;
  }

  /** True for tensors not produced by a recorded op (parameters and inputs). */
  get isLeaf(): boolean { return this.nodeRef === null; }

  /** Whether `backward()` stores this non-leaf tensor's gradient in `.grad` too. */
  get retainsGrad(): boolean { return this.retain || this.isLeaf; }

  /**
   * Marks this tensor as needing a gradient (leaf tensors only) and returns it.
   * @example const w = randomNormal([3, 2]).requiresGrad_()
   */
  requiresGrad_(on = true): this {
    if (!this.isLeaf && !on) throw new Error('requiresGrad_: cannot turn off gradients of a non-leaf tensor; use detach()');
    if (on && this.dtype !== 'float32' && this.dtype !== 'float64') {
      throw new TypeError(`requiresGrad_: only floating-point tensors can require gradients, received dtype ${this.dtype}`);
    }
    this.requiresGrad = on;
    return this;
  }

  /**
   * Keeps this intermediate tensor's gradient in `.grad` after `backward()`.
   * @example const h = x.mul(w); h.retainGrad(); h.sum().backward(); h.grad
   */
  retainGrad(): this {
    this.retain = true;
    return this;
  }

  /**
   * A tensor sharing this one's storage but cut from the autograd graph.
   * @example const frozen = w.detach()
   */
  detach(): Tensor {
    return new Tensor(this.storage, this.shape, this.dtype).markSharedWith(this);
  }

  /**
   * A copy of the values, asynchronously (backends with device memory resolve after the transfer).
   * @example const values = await x.data()
   */
  async data(): Promise<DataArray> {
    return this.dataSync();
  }

  /**
   * A copy of the values as a typed array.
   * @example tensor([1, 2]).dataSync() // Float32Array [1, 2]
   */
  dataSync(): DataArray {
    return this.storage.slice();
  }

  /**
   * The values as nested arrays (booleans for bool tensors, a plain number for scalars).
   * @example tensor([[1, 2]]).arraySync() // [[1, 2]]
   */
  arraySync(): NestedArray {
    const d = this.storage;
    const isBool = this.dtype === 'bool';
    const build = (dim: number, offset: number): NestedArray => {
      if (dim === this.shape.length) return isBool ? d[offset] !== 0 : d[offset];
      const n = this.shape[dim];
      const stride = sizeOf(this.shape.slice(dim + 1));
      const out: NestedArray[] = new Array<NestedArray>(n);
      for (let i = 0; i < n; i++) out[i] = build(dim + 1, offset + i * stride);
      return out;
    };
    return build(0, 0);
  }

  /**
   * The values as nested arrays, asynchronously.
   * @example await tensor([1, 2]).array() // [1, 2]
   */
  async array(): Promise<NestedArray> {
    return this.arraySync();
  }

  /**
   * The single value of a one-element tensor.
   * @example tensor([[3]]).item() // 3
   */
  item(): number {
    if (this.size !== 1) throw new Error(`item: expected a tensor with one element, received shape ${fmtShape(this.shape)}`);
    return this.storage[0];
  }

  /**
   * A readable rendering: values (summarized when large), shape and dtype.
   * @example String(tensor([1, 2])) // 'tensor([1, 2], shape=[2], dtype=float32)'
   */
  toString(): string {
    if (this.isDisposed) return `${this.label()}, disposed`;
    return formatTensor(this.storage, this.shape, this.dtype, this.requiresGrad);
  }

  /**
   * Prints `toString()` to the console.
   * @example tensor([1, 2]).print()
   */
  print(): void {
    console.log(this.toString());
  }
}
