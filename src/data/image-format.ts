// Byte-level checks of image files before decoding, so that a bad file is reported with the byte offset of the
// problem (decoders only say that something failed, or nothing at all for truncated JPEGs).

/** The image formats the loaders decode. */
export type ImageFormat = 'png' | 'jpeg';

/** A problem found in a file: its byte offset and what is wrong. */
export interface FormatProblem {
  byte: number;
  message: string;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const OTHER_FORMATS: [string, number[]][] = [
  ['GIF', [0x47, 0x49, 0x46, 0x38]], ['BMP', [0x42, 0x4d]], ['TIFF', [0x49, 0x49, 0x2a, 0x00]], ['TIFF', [0x4d, 0x4d, 0x00, 0x2a]],
  ['WebP', [0x52, 0x49, 0x46, 0x46]], ['gzip', [0x1f, 0x8b]], ['PDF', [0x25, 0x50, 0x44, 0x46]], ['IDX', [0x00, 0x00, 0x08]],
];

const startsWith = (b: Uint8Array, sig: readonly number[]): boolean => b.length >= sig.length && sig.every((v, i) => b[i] === v);

/** The format of an image file from its first bytes, or a description of what it is instead. */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | { unsupported: string } {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  for (const [name, sig] of OTHER_FORMATS) if (startsWith(bytes, sig)) return { unsupported: `${name} data` };
  if (bytes.length === 0) return { unsupported: 'an empty file' };
  const head = Array.from(bytes.subarray(0, 8), (v) => v.toString(16).padStart(2, '0')).join(' ');
  return { unsupported: `unknown data starting with bytes ${head}` };
}

let crcTable: Uint32Array | null = null;

function crc32(b: Uint8Array, start: number, end: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Walks the chunks of a PNG file (lengths, CRCs, IHDR first, IEND last) and returns the first problem, or null.
 * @example checkPngStructure(bytes) // { byte: 33, message: 'chunk IDAT: CRC mismatch (corrupt data)' }
 */
export function checkPngStructure(b: Uint8Array): FormatProblem | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let pos = 8, first = true;
  while (true) {
    if (pos + 8 > b.length) return { byte: b.length, message: `truncated: the file ends at byte ${b.length} inside a chunk header, before the IEND chunk` };
    const len = view.getUint32(pos, false);
    const type = String.fromCharCode(b[pos + 4], b[pos + 5], b[pos + 6], b[pos + 7]);
    if (!/^[A-Za-z]{4}$/.test(type)) return { byte: pos + 4, message: `invalid chunk type ${JSON.stringify(type)} (corrupt file)` };
    if (first && type !== 'IHDR') return { byte: pos + 4, message: `the first chunk must be IHDR, received ${type}` };
    first = false;
    const end = pos + 12 + len;
    if (end > b.length) return { byte: b.length, message: `truncated: chunk ${type} at byte ${pos} declares ${len} data bytes but the file ends at byte ${b.length}` };
    if (crc32(b, pos + 4, pos + 8 + len) !== view.getUint32(pos + 8 + len, false)) {
      return { byte: pos, message: `chunk ${type}: CRC mismatch (corrupt data)` };
    }
    if (type === 'IEND') return null;
    pos = end;
  }
}

/**
 * Walks the segments of a JPEG file up to the end-of-image marker and returns the first problem, or null.
 * @example checkJpegStructure(bytes) // { byte: 620, message: 'truncated: ...' }
 */
export function checkJpegStructure(b: Uint8Array): FormatProblem | null {
  const truncated = (where: string): FormatProblem => ({ byte: b.length, message: `truncated: the file ends at byte ${b.length} ${where}, before the end-of-image marker` });
  let pos = 2;
  while (true) {
    if (pos + 2 > b.length) return truncated('between segments');
    if (b[pos] !== 0xff) return { byte: pos, message: `expected a marker (0xff) at the start of a segment, received 0x${b[pos].toString(16).padStart(2, '0')}` };
    let m = b[pos + 1];
    while (m === 0xff && pos + 2 < b.length) { pos++; m = b[pos + 1]; } // fill bytes
    if (m === 0xd9) return null;
    if ((m >= 0xd0 && m <= 0xd7) || m === 0x01) { pos += 2; continue; }
    if (m === 0x00 || m === 0xd8) return { byte: pos, message: `invalid marker 0xff${m.toString(16).padStart(2, '0')}` };
    if (pos + 4 > b.length) return truncated('in a segment header');
    const len = (b[pos + 2] << 8) | b[pos + 3];
    if (len < 2) return { byte: pos + 2, message: `segment 0xff${m.toString(16)} declares an invalid length ${len}` };
    if (pos + 2 + len > b.length) return truncated(`inside segment 0xff${m.toString(16)} that starts at byte ${pos} and declares ${len} bytes`);
    pos += 2 + len;
    if (m !== 0xda) continue;
    // Entropy-coded scan data: runs until a marker other than a stuffed 0xff00 or a restart marker.
    while (pos + 1 < b.length && !(b[pos] === 0xff && b[pos + 1] !== 0 && !(b[pos + 1] >= 0xd0 && b[pos + 1] <= 0xd7))) pos++;
    if (pos + 1 >= b.length) return truncated('inside the compressed image data');
  }
}
