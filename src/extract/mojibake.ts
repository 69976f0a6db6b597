import iconv from 'iconv-lite';

/**
 * Mojibake: UTF-8 bytes that were decoded as a legacy single-byte code page and saved again,
 * so `✅` (E2 9C 85) reads `âœ…` (Windows-1252) or `‚úÖ` (Mac Roman). We map each character
 * back to its byte in the code page and look for byte runs that form valid UTF-8.
 */

export type LegacyEncoding = 'Windows-1252' | 'Mac Roman';

export interface MojibakeMatch {
  /** UTF-16 offsets into the text. */
  start: number;
  end: number;
  text: string;
  repaired: string;
  encoding: LegacyEncoding;
}

const CODECS: Array<[LegacyEncoding, string]> = [
  ['Windows-1252', 'win1252'],
  ['Mac Roman', 'macintosh'],
];

/** For each code page, the byte (0x80-0xFF) each of its high characters stands for. */
const BYTE_OF: Map<LegacyEncoding, Map<string, number>> = new Map(
  CODECS.map(([name, codec]) => {
    const map = new Map<string, number>();
    for (let byte = 0x80; byte <= 0xff; byte++) {
      const char = iconv.decode(Buffer.from([byte]), codec);
      if (char !== '\uFFFD') map.set(char, byte);
    }
    // Decoders that treat Windows-1252 as Latin-1 (and bytes it leaves undefined) keep C1 controls.
    if (name === 'Windows-1252') {
      for (let byte = 0x80; byte <= 0x9f; byte++) if (!map.has(String.fromCharCode(byte))) map.set(String.fromCharCode(byte), byte);
    }
    return [name, map];
  }),
);

const utf8 = new TextDecoder('utf-8', { fatal: true });

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Decodes one UTF-8 sequence starting at `i`, or returns undefined. */
function decodeAt(chars: string[], i: number, bytes: Map<string, number>): { length: number; char: string } | undefined {
  const lead = bytes.get(chars[i] ?? '');
  if (lead === undefined) return undefined;
  const length = sequenceLength(lead);
  if (length === 0 || i + length > chars.length) return undefined;
  const buffer = [lead];
  let lost = 0;
  for (let k = 1; k < length; k++) {
    const char = chars[i + k] ?? '';
    // A byte the code page could not show became U+FFFD: the sequence is damaged beyond repair.
    if (char === '\uFFFD') {
      lost++;
      buffer.push(0x80);
      continue;
    }
    const byte = bytes.get(char);
    if (byte === undefined || byte < 0x80 || byte > 0xbf) return undefined;
    buffer.push(byte);
  }
  if (lost > 0) return length >= 3 && lost < length - 1 ? { length, char: '\uFFFD' } : undefined;
  return plausible(buffer);
}

/**
 * Only characters that text really carries count as repaired: Latin letters and signs, and
 * symbols, punctuation, emoji and CJK from U+2000 up. `Ü€` decoding to Syriac is chance.
 */
function plausible(buffer: number[]): { length: number; char: string } | undefined {
  let char: string;
  try {
    char = utf8.decode(Uint8Array.from(buffer));
  } catch {
    return undefined;
  }
  const code = char.codePointAt(0)!;
  if ((code >= 0xa0 && code <= 0x24f) || code >= 0x2000) return { length: buffer.length, char };
  return undefined;
}

/**
 * An emoji whose lead byte F0 was lost on the way (Mac Roman has it as the Apple logo, which
 * many tools drop): three continuation bytes starting with 9F, as in `üéØ` for 🎯.
 */
function leadlessEmojiAt(chars: string[], i: number, bytes: Map<string, number>): { length: number; char: string } | undefined {
  if (bytes.get(chars[i] ?? '') !== 0x9f) return undefined;
  const buffer = [0xf0];
  for (let k = 0; k < 3; k++) {
    const byte = bytes.get(chars[i + k] ?? '');
    if (byte === undefined || byte < 0x80 || byte > 0xbf) return undefined;
    buffer.push(byte);
  }
  const decoded = plausible(buffer);
  return decoded && { length: 3, char: decoded.char };
}

/** A lead byte followed by some (not all) of its continuation bytes: a sequence that lost bytes. */
function truncatedAt(chars: string[], i: number, bytes: Map<string, number>): number {
  const lead = bytes.get(chars[i] ?? '');
  if (lead === undefined) return 0;
  const length = sequenceLength(lead);
  let k = 1;
  while (k < length) {
    const byte = bytes.get(chars[i + k] ?? '');
    if (byte === undefined || byte < 0x80 || byte > 0xbf) break;
    k++;
  }
  return k >= 2 && k < length ? k : 0;
}

const HIGH = /[\u0080-\uFFFF]/;

export function findMojibake(text: string): MojibakeMatch[] {
  if (!HIGH.test(text)) return [];
  const matches: MojibakeMatch[] = [];
  // Iterate by code points but keep UTF-16 offsets.
  const chars = Array.from(text);
  const offsets: number[] = [];
  let offset = 0;
  for (const char of chars) {
    offsets.push(offset);
    offset += char.length;
  }
  offsets.push(offset);

  let i = 0;
  while (i < chars.length) {
    const code = chars[i]!.codePointAt(0)!;
    if (code < 0x80) {
      i++;
      continue;
    }
    let found = false;
    for (const [encoding] of CODECS) {
      const bytes = BYTE_OF.get(encoding)!;
      let j = i;
      let repaired = '';
      for (;;) {
        const decoded = decodeAt(chars, j, bytes) ?? leadlessEmojiAt(chars, j, bytes);
        if (decoded) {
          repaired += decoded.char;
          j += decoded.length;
          continue;
        }
        // Keep a damaged tail (a sequence that lost a byte) with the run it belongs to.
        const truncated = j > i ? truncatedAt(chars, j, bytes) : 0;
        if (truncated) {
          j += truncated;
          continue;
        }
        break;
      }
      if (j > i) {
        matches.push({
          start: offsets[i]!,
          end: offsets[j]!,
          text: chars.slice(i, j).join(''),
          repaired,
          encoding,
        });
        i = j;
        found = true;
        break;
      }
    }
    if (!found) i++;
  }
  return matches;
}

/** The text with every mojibake run replaced by what it once was. */
export function repairMojibake(text: string): string {
  const matches = findMojibake(text);
  if (matches.length === 0) return text;
  let result = '';
  let last = 0;
  for (const match of matches) {
    result += text.slice(last, match.start) + match.repaired;
    last = match.end;
  }
  return result + text.slice(last);
}
