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

/**
 * The characters a mojibake run can start with: those that stand for a UTF-8 lead byte (or for
 * 0x9F, an emoji that lost its lead byte) in one of the code pages. Text without any of them, such
 * as plain English with emoji and arrows, is not scanned character by character.
 */
const RUN_START = new RegExp(
  `[${[...new Set(
    [...BYTE_OF.values()].flatMap((bytes) => [...bytes].filter(([, byte]) => sequenceLength(byte) > 0 || byte === 0x9f).map(([char]) => char)),
  )]
    .map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('')}]`,
  'g',
);

/** The character (code point) at UTF-16 offset `at`: a surrogate pair, a lone code unit, or '' past the end. */
function charAt(text: string, at: number): string {
  if (at >= text.length) return '';
  const code = text.charCodeAt(at);
  if (code >= 0xd800 && code <= 0xdbff && at + 1 < text.length) {
    const next = text.charCodeAt(at + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return text.slice(at, at + 2);
  }
  return text[at]!;
}

/** Decodes one UTF-8 sequence starting at offset `at`: where it ends and what it stands for. */
function decodeAt(text: string, at: number, bytes: Map<string, number>): { end: number; char: string } | undefined {
  const first = charAt(text, at);
  const lead = bytes.get(first);
  if (lead === undefined) return undefined;
  const length = sequenceLength(lead);
  if (length === 0) return undefined;
  const buffer = [lead];
  let lost = 0;
  let end = at + first.length;
  for (let k = 1; k < length; k++) {
    const char = charAt(text, end);
    // The text ends before the sequence does.
    if (char === '') return undefined;
    end += char.length;
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
  if (lost > 0) return length >= 3 && lost < length - 1 ? { end, char: '\uFFFD' } : undefined;
  const char = plausible(buffer);
  return char === undefined ? undefined : { end, char };
}

/**
 * Only characters that text really carries count as repaired: Latin letters and signs, and
 * symbols, punctuation, emoji and CJK from U+2000 up. `Ü€` decoding to Syriac is chance.
 */
function plausible(buffer: number[]): string | undefined {
  let char: string;
  try {
    char = utf8.decode(Uint8Array.from(buffer));
  } catch {
    return undefined;
  }
  const code = char.codePointAt(0)!;
  if ((code >= 0xa0 && code <= 0x24f) || code >= 0x2000) return char;
  return undefined;
}

/**
 * An emoji whose lead byte F0 was lost on the way (Mac Roman has it as the Apple logo, which
 * many tools drop): three continuation bytes starting with 9F, as in `üéØ` for 🎯.
 */
function leadlessEmojiAt(text: string, at: number, bytes: Map<string, number>): { end: number; char: string } | undefined {
  if (bytes.get(charAt(text, at)) !== 0x9f) return undefined;
  const buffer = [0xf0];
  let end = at;
  for (let k = 0; k < 3; k++) {
    const char = charAt(text, end);
    const byte = bytes.get(char);
    if (byte === undefined || byte < 0x80 || byte > 0xbf) return undefined;
    buffer.push(byte);
    end += char.length;
  }
  const char = plausible(buffer);
  return char === undefined ? undefined : { end, char };
}

/** A lead byte followed by some (not all) of its continuation bytes, a sequence that lost bytes: where it ends, else -1. */
function truncatedAt(text: string, at: number, bytes: Map<string, number>): number {
  const first = charAt(text, at);
  const lead = bytes.get(first);
  if (lead === undefined) return -1;
  const length = sequenceLength(lead);
  let end = at + first.length;
  let k = 1;
  while (k < length) {
    const char = charAt(text, end);
    const byte = bytes.get(char);
    if (byte === undefined || byte < 0x80 || byte > 0xbf) break;
    end += char.length;
    k++;
  }
  return k >= 2 && k < length ? end : -1;
}

/** Any character outside ASCII: most texts have none, and this test is quicker than RUN_START's. */
const NON_ASCII = /[^\x00-\x7f]/;

export function findMojibake(text: string): MojibakeMatch[] {
  if (!NON_ASCII.test(text)) return [];
  RUN_START.lastIndex = 0;
  if (!RUN_START.test(text)) return [];
  const matches: MojibakeMatch[] = [];
  // Only a character that stands for a lead byte can start a run; the others are stepped over.
  RUN_START.lastIndex = 0;
  for (let start = RUN_START.exec(text); start; start = RUN_START.exec(text)) {
    const i = start.index;
    for (const [encoding] of CODECS) {
      const bytes = BYTE_OF.get(encoding)!;
      let j = i;
      let repaired = '';
      for (;;) {
        const decoded = decodeAt(text, j, bytes) ?? leadlessEmojiAt(text, j, bytes);
        if (decoded) {
          repaired += decoded.char;
          j = decoded.end;
          continue;
        }
        // Keep a damaged tail (a sequence that lost a byte) with the run it belongs to.
        const truncated = j > i ? truncatedAt(text, j, bytes) : -1;
        if (truncated !== -1) {
          j = truncated;
          continue;
        }
        break;
      }
      if (j > i) {
        matches.push({ start: i, end: j, text: text.slice(i, j), repaired, encoding });
        RUN_START.lastIndex = j;
        break;
      }
    }
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
