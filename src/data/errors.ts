// The error loaders throw for malformed, truncated or wrong-format files: it names the file and the position.

/**
 * A file's content is not what the loader expected; the message names the function, the file and the position
 * (a byte offset, or a row and column), so the problem can be found in the file.
 * @example loadCsv: data.csv row 7, column "age": expected a number, received "abc"
 */
export class DataFormatError extends Error {
  /** The loader that rejected the file. */
  readonly fn: string;
  /** The file as the caller named it. */
  readonly file: string;
  /** Where in the file: 'byte 16', 'row 7, column "age"', ... */
  readonly position: string;

  constructor(fn: string, file: string, position: string, message: string) {
    super(`${fn}: ${file}${position ? ` ${position}` : ''}: ${message}`);
    this.name = 'DataFormatError';
    this.fn = fn;
    this.file = file;
    this.position = position;
  }
}
