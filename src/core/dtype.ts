/** The element types a tensor can hold. */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

/** The typed array that stores each dtype (bool is stored as 0/1 bytes). */
export interface DTypeArrays {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  bool: Uint8Array;
}

/** Any storage array a tensor may own. */
export type DataArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** Floating-point storage, the only kind gradients flow through. */
export type FloatArray = Float32Array | Float64Array;

/** Every dtype name, for validation. */
export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

/**
 * Allocates zeroed storage for `size` elements of `dtype`.
 * @example allocArray('float32', 4) // Float32Array(4) [0, 0, 0, 0]
 */
export function allocArray<D extends DType>(dtype: D, size: number): DTypeArrays[D] {
  switch (dtype) {
    case 'float32': return new Float32Array(size) as DTypeArrays[D];
    case 'float64': return new Float64Array(size) as DTypeArrays[D];
    case 'int32': return new Int32Array(size) as DTypeArrays[D];
    case 'bool': return new Uint8Array(size) as DTypeArrays[D];
    default: throw new TypeError(`allocArray: unknown dtype '${String(dtype)}'`);
  }
}

/** True for float32 and float64. */
export function isFloat(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

/** The dtype whose storage a typed array is, if it is one tensorgrad uses. */
export function dtypeOfArray(a: ArrayBufferView): DType | undefined {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Uint8Array) return 'bool';
  return undefined;
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/**
 * The dtype two operands are computed in (NumPy-like: bool < int32 < float32 < float64).
 * @example upcast('int32', 'float32') // 'float32'
 */
export function upcast(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}
