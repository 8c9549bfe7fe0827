// The IDX format of MNIST and Fashion-MNIST (uncompressed bytes; gzip is handled by the Node loader).
// Layout: 0x00 0x00, a type byte, a rank byte, one big-endian uint32 per dimension, then big-endian values.
import type { DType } from '../core/dtype.js';
import { allocArray } from '../core/dtype.js';
import { ArgumentError, describe } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import { checkDType } from '../ops/convert.js';
import { DataFormatError } from './errors.js';

/** The IDX element types: type byte -> name, size in bytes, and the dtype they load as by default. */
const IDX_TYPES: Record<number, { name: string; bytes: number; dtype: DType }> = {
  0x08: { name: 'uint8', bytes: 1, dtype: 'int32' },
  0x09: { name: 'int8', bytes: 1, dtype: 'int32' },
  0x0b: { name: 'int16', bytes: 2, dtype: 'int32' },
  0x0c: { name: 'int32', bytes: 4, dtype: 'int32' },
  0x0d: { name: 'float32', bytes: 4, dtype: 'float32' },
  0x0e: { name: 'float64', bytes: 8, dtype: 'float64' },
};

/** Options of `parseIdx` and `loadIdx`. */
export interface IdxOptions {
  /** Result dtype (default: int32 for integer files, float32 / float64 for float files). */
  dtype?: DType;
  /** Divide every value by this (for example 255 to map pixels to [0, 1]; default 1). Needs a float dtype. */
  scale?: number;
}

/** Validates `IdxOptions` (shared by the Node loader). */
export function checkIdxOptions(fn: string, options: IdxOptions): void {
  if (options === null || typeof options !== 'object') throw new ArgumentError(fn, `options must be an object, received ${describe(options)}`);
  if (options.dtype !== undefined) checkDType(fn, options.dtype);
  const { scale, dtype } = options;
  if (scale !== undefined) {
    if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0) throw new ArgumentError(fn, `scale must be a positive number, received ${describe(scale)}`);
    if (dtype === 'int32' || dtype === 'bool') throw new ArgumentError(fn, `scale needs a float dtype, received dtype ${dtype}`);
  }
}

const hex = (b: ArrayLike<number>): string => Array.from(b, (v) => `0x${v.toString(16).padStart(2, '0')}`).join(' ');

/**
 * Decodes an uncompressed IDX file into a tensor; `file` names it in errors (wrong magic number, truncation,
 * trailing bytes), which give the byte offset.
 * @example parseIdx(bytes, 't10k-labels-idx1-ubyte').shape // [10000]
 */
export function parseIdx(bytes: Uint8Array, file: string, options: IdxOptions = {}, fn = 'parseIdx'): Tensor {
  const fail = (pos: number, msg: string): never => { throw new DataFormatError(fn, file, `byte ${pos}`, msg); };
  checkIdxOptions(fn, options);
  if (!(bytes instanceof Uint8Array)) throw new ArgumentError(fn, `bytes must be a Uint8Array, received ${describe(bytes)}`);
  if (bytes.length < 4) fail(0, `file is ${bytes.length} bytes long, too short for the 4-byte IDX header`);
  const type = IDX_TYPES[bytes[2]];
  if (bytes[0] !== 0 || bytes[1] !== 0 || !type || bytes[3] === 0) {
    fail(0, `wrong magic number: expected 0x00 0x00, a type byte (0x08 uint8, 0x09 int8, 0x0b int16, 0x0c int32, 0x0d float32, 0x0e float64) and a rank >= 1, received ${hex(bytes.subarray(0, 4))}${bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (gzip data: decompress it first)' : ''}`);
  }
  const rank = bytes[3], start = 4 + 4 * rank;
  if (bytes.length < start) fail(bytes.length, `the header declares ${rank} dimensions (${start} header bytes) but the file ends at byte ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) shape.push(view.getUint32(4 + 4 * i, false));
  const count = shape.reduce((a, b) => a * b, 1);
  const need = count * type.bytes;
  const dims = `${shape.join('x')} ${type.name}`;
  if (bytes.length < start + need) {
    fail(bytes.length, `truncated: the header declares ${dims} (${need} data bytes from byte ${start}) but the file ends at byte ${bytes.length}, ${start + need - bytes.length} bytes short`);
  }
  if (bytes.length > start + need) {
    fail(start + need, `${bytes.length - start - need} unexpected bytes after the ${dims} data, which ends at byte ${start + need}`);
  }
  const dtype = options.dtype ?? (options.scale !== undefined ? 'float32' : type.dtype);
  const out = allocArray(dtype, count);
  if (type.bytes === 1) {
    const src = bytes.subarray(start, start + count);
    out.set(type.name === 'int8' ? new Int8Array(src.buffer, src.byteOffset, count) : src);
  } else {
    const get = type.name === 'int16' ? (o: number) => view.getInt16(o, false)
      : type.name === 'int32' ? (o: number) => view.getInt32(o, false)
        : type.name === 'float32' ? (o: number) => view.getFloat32(o, false)
          : (o: number) => view.getFloat64(o, false);
    for (let i = 0; i < count; i++) out[i] = get(start + i * type.bytes);
  }
  if (options.scale !== undefined && options.scale !== 1) {
    const s = options.scale;
    for (let i = 0; i < count; i++) out[i] /= s;
  }
  return Tensor.fromStorage(out, shape, dtype);
}

/**
 * Encodes a tensor as an uncompressed IDX file (uint8 for int32 / bool values in 0..255, else int32 / float32 / float64).
 * @example writeFileSync('labels-idx1-ubyte', encodeIdx(labels))
 */
export function encodeIdx(t: Tensor): Uint8Array {
  if (!(t instanceof Tensor) || t.rank < 1 || t.rank > 255) {
    throw new ArgumentError('encodeIdx', `t must be a tensor of rank 1 to 255, received ${describe(t)}`);
  }
  const d = t.storage;
  let bytesType = 0x0e;
  if (t.dtype === 'float32') bytesType = 0x0d;
  else if (t.dtype === 'int32' || t.dtype === 'bool') {
    let small = true;
    for (let i = 0; i < d.length && small; i++) small = d[i] >= 0 && d[i] <= 255;
    bytesType = small ? 0x08 : 0x0c;
  }
  const type = IDX_TYPES[bytesType], start = 4 + 4 * t.rank;
  const out = new Uint8Array(start + t.size * type.bytes);
  const view = new DataView(out.buffer);
  out[2] = bytesType; out[3] = t.rank;
  t.shape.forEach((s, i) => view.setUint32(4 + 4 * i, s, false));
  if (bytesType === 0x08) out.set(d, start);
  else for (let i = 0; i < d.length; i++) {
    const o = start + i * type.bytes;
    if (bytesType === 0x0c) view.setInt32(o, d[i], false);
    else if (bytesType === 0x0d) view.setFloat32(o, d[i], false);
    else view.setFloat64(o, d[i], false);
  }
  return out;
}
