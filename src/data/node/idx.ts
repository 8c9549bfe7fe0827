// Loads IDX files (MNIST / Fashion-MNIST), gzipped or not.
import type { Tensor } from '../../core/tensor.js';
import { checkIdxOptions, parseIdx } from '../idx.js';
import type { IdxOptions } from '../idx.js';
import { checkPath, gunzipBytes, isGzip, readBytes } from './read.js';

/**
 * Reads an IDX file (gzipped or not, recognized by its first bytes) into a tensor: uint8 images become int32
 * (or `dtype`, optionally divided by `scale`). Errors name the file and the byte offset.
 * @example const x = await loadIdx('t10k-images-idx3-ubyte.gz', { dtype: 'float32', scale: 255 }) // [10000, 28, 28]
 */
export async function loadIdx(path: string, options: IdxOptions = {}): Promise<Tensor> {
  const fn = 'loadIdx';
  checkPath(fn, path);
  checkIdxOptions(fn, options);
  const bytes = await readBytes(fn, path);
  if (!isGzip(bytes)) return parseIdx(bytes, path, options, fn);
  // Offsets in IDX errors then count bytes of the decompressed data.
  return parseIdx(await gunzipBytes(fn, path, bytes), `${path} (decompressed)`, options, fn);
}
