import { readFileSync, readlinkSync, statSync } from 'node:fs';
import type { ReadProblem } from './types.js';

export interface ReadResult {
  text?: string;
  problems: ReadProblem[];
  /** Bytes read, for the cache key and the benchmark. */
  bytes?: Buffer;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function lineOfByte(bytes: Buffer, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

/** Index of the first byte that breaks UTF-8, for a message that says where. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

/** Turns the bytes of a file into text, or into a clear problem: never throws. */
export function decode(bytes: Buffer): ReadResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const littleEndian = bytes[0] === 0xff;
    const text = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
    return {
      text,
      bytes,
      problems: [
        {
          kind: 'utf16',
          fatal: false,
          message: `File is UTF-16 (${littleEndian ? 'little' : 'big'}-endian, with a byte order mark); it was read, but save it as UTF-8 so that other tools and diffs read it too.`,
        },
      ],
    };
  }
  const probe = bytes.subarray(0, 8000);
  if (probe.includes(0)) {
    return {
      bytes,
      problems: [
        {
          kind: 'binary',
          fatal: true,
          message: 'File looks binary (it contains NUL bytes), not a Markdown document; it was skipped.',
        },
      ],
    };
  }
  const body =
    bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(body), bytes, problems: [] };
  } catch {
    const index = firstInvalidUtf8(body);
    const at = lineOfByte(body, Math.max(index, 0));
    const byte = index >= 0 ? `0x${body[index]!.toString(16).toUpperCase().padStart(2, '0')}` : 'a byte';
    return {
      text: new TextDecoder('utf-8').decode(body),
      bytes,
      problems: [
        {
          kind: 'invalid-utf8',
          fatal: false,
          message: `File is not valid UTF-8: byte ${byte} at line ${at.line} cannot start or continue a character; it was read with replacement characters (U+FFFD). Re-save the file as UTF-8.`,
          range: { start: at, end: { line: at.line, column: at.column + 1 } },
        },
      ],
    };
  }
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'File disappeared before it could be read (it was deleted or renamed during the run); it was skipped.';
    case 'EACCES':
    case 'EPERM':
      return 'File cannot be read: permission denied; it was skipped.';
    case 'EISDIR':
      return 'Path is a directory, not a file; it was skipped.';
    case 'ELOOP':
      return 'Path is a symbolic link loop; it was skipped.';
    default:
      return `File cannot be read (${code ?? (error as Error).message}); it was skipped.`;
  }
}

export type ReadBytesResult = { bytes: Buffer; problems?: undefined } | { bytes?: undefined; problems: ReadProblem[] };

/** The bytes of a file, or why there are none (missing, unreadable, not a file, too large): never throws. */
export function readBytes(file: string, maxFileSize: number): Promise<ReadBytesResult> {
  return Promise.resolve(readBytesSync(file, maxFileSize));
}

/**
 * `readBytes`, without waiting on the thread pool: reading a folder's files one after the other
 * this way takes a third of the time that reading them concurrently through `fs.promises` does,
 * the files being small and usually in the operating system's cache.
 */
export function readBytesSync(file: string, maxFileSize: number): ReadBytesResult {
  try {
    const stat = statSync(file);
    if (!stat.isFile())
      return {
        problems: [{ kind: 'unreadable', fatal: true, message: 'Path is not a regular file; it was skipped.' }],
      };
    if (stat.size > maxFileSize) return tooLarge(stat.size, maxFileSize);
    const bytes = readFileSync(file);
    // It may have grown between stat and read.
    if (bytes.length > maxFileSize) return tooLarge(bytes.length, maxFileSize);
    return { bytes };
  } catch (error) {
    return { problems: [{ kind: 'unreadable', fatal: true, message: describeReadError(file, error) }] };
  }
}

/** A missing file behind a symbolic link is a broken link, not a file deleted during the run. */
function describeReadError(file: string, error: unknown): string {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    let target: string | undefined;
    try {
      target = readlinkSync(file);
    } catch {
      target = undefined;
    }
    if (target !== undefined) return `Path is a symbolic link to "${target}", which does not exist; it was skipped.`;
  }
  return describeError(error);
}

function tooLarge(size: number, maxFileSize: number): ReadBytesResult {
  return {
    problems: [
      {
        kind: 'too-large',
        fatal: true,
        message: `File is ${formatBytes(size)}, over the ${formatBytes(maxFileSize)} limit (config "maxFileSize"); it was skipped.`,
      },
    ],
  };
}

export async function readDocument(file: string, maxFileSize: number): Promise<ReadResult> {
  const read = await readBytes(file, maxFileSize);
  return read.bytes ? decode(read.bytes) : { problems: read.problems };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
