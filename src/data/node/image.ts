// Decodes PNG and JPEG files into [H, W, C] tensors, and folder-per-class image collections into datasets.
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { ArgumentError, describe } from '../../core/errors.js';
import { Tensor } from '../../core/tensor.js';
import { DataFormatError } from '../errors.js';
import { checkJpegStructure, checkPngStructure, detectImageFormat } from '../image-format.js';
import { resizeImages, rgbaToChannels } from '../images.js';
import type { Channels } from '../images.js';
import { stackRows } from '../rows.js';
import { checkPath, fsReason, readBytes } from './read.js';

/** The part of pngjs used here (it ships no types). */
interface PngMetadata { width: number; height: number; data: Uint8Array; color: boolean; alpha: boolean; palette: boolean }
interface PngModule { PNG: { sync: { read(buffer: Uint8Array): PngMetadata } } }
const { PNG } = createRequire(import.meta.url)('pngjs') as PngModule;

/** Options of `loadImage` and `decodeImage`. */
export interface LoadImageOptions {
  /** Channels of the result: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA (default: the file's own). */
  channels?: Channels;
  /** int32 (default) or float32; values stay 0..255 either way (see `normalizeImages`). */
  dtype?: 'int32' | 'float32';
}

interface Decoded { width: number; height: number; rgba: Uint8Array; channels: Channels }

function decodePng(fn: string, file: string, bytes: Uint8Array): Decoded {
  const problem = checkPngStructure(bytes);
  if (problem) throw new DataFormatError(fn, file, `byte ${problem.byte}`, `PNG: ${problem.message}`);
  let png: PngMetadata;
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)); // pngjs needs Buffer methods
  } catch (e) {
    throw new DataFormatError(fn, file, '', `corrupt PNG image data (${e instanceof Error ? e.message : String(e)})`);
  }
  const channels: Channels = png.color || png.palette ? (png.alpha ? 4 : 3) : png.alpha ? 2 : 1;
  return { width: png.width, height: png.height, rgba: png.data, channels };
}

function decodeJpeg(fn: string, file: string, bytes: Uint8Array): Decoded {
  const problem = checkJpegStructure(bytes);
  if (problem) throw new DataFormatError(fn, file, `byte ${problem.byte}`, `JPEG: ${problem.message}`);
  try {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, tolerantDecoding: false });
    // jpeg-js fills RGBA either way; a gray file has equal R, G and B, and JPEG has no alpha.
    const gray = isGray(img.data);
    return { width: img.width, height: img.height, rgba: img.data, channels: gray ? 1 : 3 };
  } catch (e) {
    throw new DataFormatError(fn, file, '', `corrupt JPEG image data (${e instanceof Error ? e.message : String(e)})`);
  }
}

function isGray(rgba: Uint8Array): boolean {
  for (let i = 0; i < rgba.length; i += 4) if (rgba[i] !== rgba[i + 1] || rgba[i] !== rgba[i + 2]) return false;
  return true;
}

function checkImageOptions(fn: string, o: LoadImageOptions): void {
  if (o === null || typeof o !== 'object') throw new ArgumentError(fn, `options must be an object, received ${describe(o)}`);
  if (o.channels !== undefined && ![1, 2, 3, 4].includes(o.channels)) throw new ArgumentError(fn, `channels must be 1, 2, 3 or 4, received ${describe(o.channels)}`);
  if (o.dtype !== undefined && o.dtype !== 'int32' && o.dtype !== 'float32') throw new ArgumentError(fn, `dtype must be 'int32' or 'float32', received ${describe(o.dtype)}`);
}

/**
 * Decodes PNG or JPEG bytes (recognized by their first bytes) into a [height, width, channels] tensor of 0..255
 * values; `file` names the data in errors.
 * @example decodeImage(bytes, 'cat.png', { channels: 3 }).shape // [32, 32, 3]
 */
export function decodeImage(bytes: Uint8Array, file: string, options: LoadImageOptions = {}, fn = 'decodeImage'): Tensor {
  checkImageOptions(fn, options);
  if (!(bytes instanceof Uint8Array)) throw new ArgumentError(fn, `bytes must be a Uint8Array, received ${describe(bytes)}`);
  const format = detectImageFormat(bytes);
  if (typeof format !== 'string') throw new DataFormatError(fn, file, 'byte 0', `unsupported image format: expected PNG or JPEG, received ${format.unsupported}`);
  const img = format === 'png' ? decodePng(fn, file, bytes) : decodeJpeg(fn, file, bytes);
  const c = options.channels ?? img.channels;
  const out = options.dtype === 'float32' ? new Float32Array(img.width * img.height * c) : new Int32Array(img.width * img.height * c);
  rgbaToChannels(img.rgba, c, out);
  return Tensor.fromStorage(out, [img.height, img.width, c]);
}

/**
 * Reads a PNG or JPEG file into a [height, width, channels] tensor of 0..255 values (int32 unless dtype float32).
 * Errors name the file and, for damaged files, the byte offset.
 * @example const img = await loadImage('digit.png', { channels: 1 }) // [28, 28, 1]
 */
export async function loadImage(path: string, options: LoadImageOptions = {}): Promise<Tensor> {
  const fn = 'loadImage';
  checkPath(fn, path);
  checkImageOptions(fn, options);
  return decodeImage(await readBytes(fn, path), path, options, fn);
}

/** Options of `imageFolderDataset`. */
export interface ImageFolderOptions extends LoadImageOptions {
  /** Resize every image to [height, width] (bilinear); without it all images must have the first one's size. */
  size?: readonly [number, number];
  /** File extensions read (default png, jpg, jpeg; case-insensitive); other files are ignored. */
  extensions?: readonly string[];
}

/** What `imageFolderDataset` returns. */
export interface ImageFolderData {
  /** Images [n, height, width, channels]. */
  x: Tensor;
  /** Class ids [n] (int32), indices into `classNames`. */
  y: Tensor;
  /** Subfolder names, sorted: the classes. */
  classNames: string[];
  /** The file of each image, in order. */
  files: string[];
}

async function listDir(fn: string, dir: string): Promise<{ name: string; isDir: boolean }[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => !e.name.startsWith('.')).map((e) => ({ name: e.name, isDir: e.isDirectory() }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    throw new Error(`${fn}: ${dir}: ${fsReason(e)}`, { cause: e });
  }
}

/**
 * Loads a folder with one subfolder per class (as Keras' image_dataset_from_directory): classes are the sorted
 * subfolder names, images are read in sorted order. Channels default to the first image's.
 * @example const { x, y, classNames } = await imageFolderDataset('flowers/', { size: [64, 64], channels: 3 })
 */
export async function imageFolderDataset(dir: string, options: ImageFolderOptions = {}): Promise<ImageFolderData> {
  const fn = 'imageFolderDataset';
  checkPath(fn, dir, 'dir');
  checkImageOptions(fn, options);
  const { size } = options;
  if (size !== undefined && (!Array.isArray(size) || size.length !== 2 || !size.every((d) => Number.isInteger(d) && d >= 1))) {
    throw new ArgumentError(fn, `size must be [height, width] with positive integers, received ${describe(size)}`);
  }
  const exts = (options.extensions ?? ['png', 'jpg', 'jpeg']).map((e) => e.toLowerCase().replace(/^\./, ''));
  const classNames = (await listDir(fn, dir)).filter((e) => e.isDir).map((e) => e.name);
  if (classNames.length === 0) throw new Error(`${fn}: ${dir}: no class subfolders found (expected one folder per class)`);
  const images: Tensor[] = [], labels: number[] = [], files: string[] = [];
  let channels = options.channels;
  let firstFile = '';
  for (const [label, cls] of classNames.entries()) {
    for (const entry of await listDir(fn, join(dir, cls))) {
      const ext = entry.name.includes('.') ? entry.name.slice(entry.name.lastIndexOf('.') + 1).toLowerCase() : '';
      if (entry.isDir || !exts.includes(ext)) continue;
      const file = join(dir, cls, entry.name);
      let img = decodeImage(await readBytes(fn, file), file, { channels, dtype: options.dtype }, fn);
      channels ??= img.shape[2] as Channels;
      if (size) img = resizeImages(img, size);
      else if (images.length && (img.shape[0] !== images[0].shape[0] || img.shape[1] !== images[0].shape[1])) {
        throw new DataFormatError(fn, file, '', `image is ${img.shape[0]}x${img.shape[1]} but the first image (${firstFile}) is ${images[0].shape[0]}x${images[0].shape[1]}; pass size: [height, width] to resize`);
      }
      if (!images.length) firstFile = file;
      images.push(img); labels.push(label); files.push(file);
    }
  }
  if (images.length === 0) throw new Error(`${fn}: ${dir}: no images with extensions ${exts.join(', ')} in the class folders`);
  return { x: stackRows(fn, images), y: Tensor.fromStorage(Int32Array.from(labels), [labels.length], 'int32'), classNames, files };
}
