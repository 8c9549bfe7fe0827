// Weight values <-> the binary layout of the TensorFlow.js format: the values of every weight, little-endian,
// concatenated in manifest order (quantized weights take their quantized size), split into shard files.
import { fmtShape } from '../core/errors.js';
import type { DataArray } from '../core/dtype.js';
import { sizeOf } from '../core/shape.js';
import { Tensor } from '../core/tensor.js';
import { decodeFloat16, encodeFloat16 } from './float16.js';
import type { Quantization, QuantizationDType, WeightGroup, WeightsManifestEntry } from './model-json.js';

/** A named tensor, as weights are saved and loaded (TensorFlow.js `NamedTensor`). */
export interface NamedTensor {
  name: string;
  tensor: Tensor;
}

/** The shard size of the TensorFlow.js converter: 4 MiB. */
export const DEFAULT_SHARD_BYTES = 4 * 1024 * 1024;

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, float64: 8, uint8: 1, uint16: 2, float16: 2 };

if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) {
  throw new Error('tensorgrad io: weight files are little-endian and this platform is big-endian');
}

/**
 * Bytes one manifest entry takes in the weight data.
 * @example weightByteLength({name: 'w', shape: [2, 3], dtype: 'float32'}) // 24
 */
export function weightByteLength(spec: WeightsManifestEntry): number {
  const storage = spec.quantization ? spec.quantization.dtype : spec.dtype;
  const bytes = BYTES[storage];
  if (bytes === undefined) throw new Error(`weight '${spec.name}': unsupported dtype '${storage}'`);
  return sizeOf(spec.shape) * bytes;
}

/**
 * Concatenates buffers into one.
 * @example concatBuffers([a, b]).byteLength === a.byteLength + b.byteLength
 */
export function concatBuffers(buffers: readonly (ArrayBuffer | ArrayBufferView)[]): ArrayBuffer {
  const views = buffers.map((b) => (ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b)));
  const out = new Uint8Array(views.reduce((n, v) => n + v.byteLength, 0));
  let offset = 0;
  for (const v of views) { out.set(v, offset); offset += v.byteLength; }
  return out.buffer;
}

/**
 * Serializes named tensors to the concatenated weight data and its manifest entries (`group` marks optimizer
 * state as TensorFlow.js does).
 * @example const { data, specs } = encodeWeights(model.weights.map((v) => ({ name: v.name, tensor: v.value })))
 */
export function encodeWeights(tensors: readonly NamedTensor[], group?: WeightGroup): { data: ArrayBuffer; specs: WeightsManifestEntry[] } {
  const specs: WeightsManifestEntry[] = [];
  const parts: DataArray[] = [];
  for (const { name, tensor } of tensors) {
    if (!(tensor instanceof Tensor)) throw new Error(`encodeWeights: weight '${name}' is not a tensor`);
    const spec: WeightsManifestEntry = { name, shape: [...tensor.shape], dtype: tensor.dtype };
    if (group !== undefined) spec.group = group;
    specs.push(spec);
    parts.push(tensor.storage);
  }
  return { data: concatBuffers(parts), specs };
}

/**
 * Quantizes float values for storage: uint8/uint16 use the affine map of the TensorFlow.js converter (the
 * minimum nudged to a multiple of the scale), float16 rounds to half precision.
 * @example const { bytes, quantization } = quantizeWeight(Float32Array.of(-1, 0, 1), 'uint8')
 */
export function quantizeWeight(values: ArrayLike<number>, dtype: QuantizationDType): { bytes: Uint8Array; quantization: Quantization } {
  if (dtype === 'float16') {
    const h = encodeFloat16(values);
    return { bytes: new Uint8Array(h.buffer), quantization: { dtype, original_dtype: 'float32' } };
  }
  const qmax = dtype === 'uint8' ? 255 : 65535;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) { lo = Math.min(lo, values[i]); hi = Math.max(hi, values[i]); }
  if (values.length === 0) { lo = 0; hi = 0; }
  const scale = hi > lo ? (hi - lo) / qmax : 1;
  const min = hi > lo ? Math.round(lo / scale) * scale : lo;
  const q = dtype === 'uint8' ? new Uint8Array(values.length) : new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) q[i] = Math.min(qmax, Math.max(0, Math.round((values[i] - min) / scale)));
  return { bytes: new Uint8Array(q.buffer), quantization: { dtype, scale, min, original_dtype: 'float32' } };
}

function dequantize(spec: WeightsManifestEntry, bytes: Uint8Array): DataArray {
  const q = spec.quantization!;
  const aligned = bytes.slice();
  if (q.dtype === 'float16') {
    if (spec.dtype !== 'float32') throw new Error(`weight '${spec.name}': float16 quantization applies to float32 weights, received dtype ${spec.dtype}`);
    return decodeFloat16(new Uint16Array(aligned.buffer));
  }
  if (typeof q.scale !== 'number' || typeof q.min !== 'number') {
    throw new Error(`weight '${spec.name}': ${q.dtype} quantization needs 'scale' and 'min' in the manifest`);
  }
  const src = q.dtype === 'uint8' ? aligned : new Uint16Array(aligned.buffer);
  const { scale, min } = q;
  if (spec.dtype === 'int32') {
    const out = new Int32Array(src.length);
    for (let i = 0; i < src.length; i++) out[i] = Math.round(src[i] * scale + min);
    return out;
  }
  if (spec.dtype !== 'float32' && spec.dtype !== 'float64') {
    throw new Error(`weight '${spec.name}': ${q.dtype} quantization applies to float32 and int32 weights, received dtype ${spec.dtype}`);
  }
  const out = spec.dtype === 'float64' ? new Float64Array(src.length) : new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i] * scale + min;
  return out;
}

function decodeOne(spec: WeightsManifestEntry, bytes: Uint8Array): Tensor {
  if (spec.quantization) return Tensor.fromStorage(dequantize(spec, bytes), spec.shape, spec.dtype);
  const copy = bytes.slice().buffer;
  switch (spec.dtype) {
    case 'float32': return Tensor.fromStorage(new Float32Array(copy), spec.shape, 'float32');
    case 'float64': return Tensor.fromStorage(new Float64Array(copy), spec.shape, 'float64');
    case 'int32': return Tensor.fromStorage(new Int32Array(copy), spec.shape, 'int32');
    case 'bool': return Tensor.fromStorage(new Uint8Array(copy), spec.shape, 'bool');
    default: throw new Error(`weight '${spec.name}': unsupported dtype '${String(spec.dtype)}'`);
  }
}

/**
 * Decodes weight data (one buffer or shards in order) into named tensors in manifest order, dequantizing
 * quantized weights. Throws when the data is shorter or longer than the manifest says, naming `source`.
 * @example const tensors = decodeWeights(data, specs) // [{name: 'dense_1/kernel', tensor}, ...]
 */
export function decodeWeights(data: ArrayBuffer | readonly ArrayBuffer[], specs: readonly WeightsManifestEntry[], source = 'weight data'): NamedTensor[] {
  const bytes = new Uint8Array(Array.isArray(data) ? concatBuffers(data) : data as ArrayBuffer);
  const needed = specs.reduce((n, s) => n + weightByteLength(s), 0);
  if (bytes.byteLength !== needed) {
    let offset = 0;
    const cut = specs.find((s) => (offset += weightByteLength(s)) > bytes.byteLength);
    const detail = cut ? `; weight '${cut.name}' ${fmtShape(cut.shape)} ends at byte ${offset}` : '';
    throw new Error(`${source}: size mismatch: expected ${needed} bytes for ${specs.length} weights, received ${bytes.byteLength}${detail}`);
  }
  const out: NamedTensor[] = [];
  let offset = 0;
  for (const spec of specs) {
    const n = weightByteLength(spec);
    out.push({ name: spec.name, tensor: decodeOne(spec, bytes.subarray(offset, offset + n)) });
    offset += n;
  }
  return out;
}

/**
 * Splits weight data into shards of at most `shardBytes` bytes (the last one shorter), as the TensorFlow.js
 * converter writes group1-shard1ofN.bin files. Empty data gives one empty shard.
 * @example splitShards(data, 4 * 1024 * 1024).length
 */
export function splitShards(data: ArrayBuffer, shardBytes = DEFAULT_SHARD_BYTES): ArrayBuffer[] {
  if (!(Number.isInteger(shardBytes) && shardBytes > 0)) throw new Error(`splitShards: shardBytes must be a positive integer, received ${shardBytes}`);
  if (data.byteLength === 0) return [new ArrayBuffer(0)];
  const out: ArrayBuffer[] = [];
  for (let start = 0; start < data.byteLength; start += shardBytes) out.push(data.slice(start, Math.min(start + shardBytes, data.byteLength)));
  return out;
}

/**
 * The shard file names of weight group `group` (1-based) split into `count` shards: group1-shard1of2.bin, ...
 * @example shardNames(1, 2) // ['group1-shard1of2.bin', 'group1-shard2of2.bin']
 */
export function shardNames(group: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `group${group}-shard${i + 1}of${count}.bin`);
}
