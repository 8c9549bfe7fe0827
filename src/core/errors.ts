/** Formats a shape as `[2,3]` for error messages. */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/**
 * The error every public function throws for a bad argument: it names the function and says what was
 * expected and what was received.
 * @example throw new ArgumentError('matmul', 'inner dimensions differ, received a=[2,3], b=[4,5]')
 */
export class ArgumentError extends Error {
  /** The function or op that rejected its input. */
  readonly fn: string;
  constructor(fn: string, message: string) {
    super(`${fn}: ${message}`);
    this.name = 'ArgumentError';
    this.fn = fn;
  }
}

/**
 * Throws an ArgumentError naming `fn` unless `cond` holds; `message` is built lazily.
 * @example check(x.rank === 2, 'dense', () => `expected a 2-D input, received ${fmtShape(x.shape)}`)
 */
export function check(cond: unknown, fn: string, message: () => string): asserts cond {
  if (!cond) throw new ArgumentError(fn, message());
}

/** Describes any value briefly for "received ..." messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return `array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name} of length ${(v as unknown as ArrayLike<unknown>).length}`;
  if (typeof v === 'object') {
    const shape = (v as { shape?: unknown }).shape;
    if (Array.isArray(shape)) return `tensor of shape ${fmtShape(shape as number[])}`;
    return (v as object).constructor?.name ?? 'object';
  }
  if (typeof v === 'string') return `'${v}'`;
  return `${typeof v} ${String(v)}`;
}
