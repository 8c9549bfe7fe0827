// Reading files for the loaders: Node errors (missing file, directory, permissions) become short messages naming
// the file, and gzip data is recognized by its magic bytes and decompressed.
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { ArgumentError, describe } from '../../core/errors.js';
import { DataFormatError } from '../errors.js';

const gunzipAsync = promisify(gunzip);

/** Validates a path argument. */
export function checkPath(fn: string, path: unknown, arg = 'path'): string {
  if (typeof path !== 'string' || path === '') throw new ArgumentError(fn, `${arg} must be a non-empty string, received ${describe(path)}`);
  return path;
}

/** Why a file system call failed, in a few words (no stack from Node). */
export function fsReason(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EISDIR') return 'is a directory, expected a file';
  if (code === 'ENOTDIR') return 'is not a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

/** The bytes of `path`, or an Error naming the function and the file. */
export async function readBytes(fn: string, path: string): Promise<Uint8Array> {
  try {
    const b = await readFile(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    throw new Error(`${fn}: ${path}: ${fsReason(e)}`, { cause: e });
  }
}

/** True when `bytes` start with the gzip magic number 0x1f 0x8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decompresses gzip data; corrupt or truncated data is a DataFormatError naming the file. */
export async function gunzipBytes(fn: string, path: string, bytes: Uint8Array): Promise<Uint8Array> {
  try {
    const b = await gunzipAsync(bytes);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const truncated = /unexpected end/i.test(msg);
    throw new DataFormatError(fn, path, truncated ? `byte ${bytes.length}` : '',
      truncated ? `gzip data ends early (truncated file of ${bytes.length} bytes)` : `corrupt gzip data (${msg})`);
  }
}
