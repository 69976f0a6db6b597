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

/**
 * The characters bytes 0x80-0xFF stand for in each code page, in byte order; U+FFFD where the
 * code page defines none. (Node's TextDecoder cannot be asked: it reads "windows-1252" as
 * Latin-1.) A test checks these against iconv-lite's tables.
 */
export const HIGH_HALF: Record<LegacyEncoding, string> = {
  'Windows-1252':
    '\u20AC\uFFFD\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\uFFFD\u017D\uFFFD' +
    '\uFFFD\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\uFFFD\u017E\u0178' +
    '\u00A0\u00A1\u00A2\u00A3\u00A4\u00A5\u00A6\u00A7\u00A8\u00A9\u00AA\u00AB\u00AC\u00AD\u00AE\u00AF' +
    '\u00B0\u00B1\u00B2\u00B3\u00B4\u00B5\u00B6\u00B7\u00B8\u00B9\u00BA\u00BB\u00BC\u00BD\u00BE\u00BF' +
    '\u00C0\u00C1\u00C2\u00C3\u00C4\u00C5\u00C6\u00C7\u00C8\u00C9\u00CA\u00CB\u00CC\u00CD\u00CE\u00CF' +
    '\u00D0\u00D1\u00D2\u00D3\u00D4\u00D5\u00D6\u00D7\u00D8\u00D9\u00DA\u00DB\u00DC\u00DD\u00DE\u00DF' +
    '\u00E0\u00E1\u00E2\u00E3\u00E4\u00E5\u00E6\u00E7\u00E8\u00E9\u00EA\u00EB\u00EC\u00ED\u00EE\u00EF' +
    '\u00F0\u00F1\u00F2\u00F3\u00F4\u00F5\u00F6\u00F7\u00F8\u00F9\u00FA\u00FB\u00FC\u00FD\u00FE\u00FF',
  'Mac Roman':
    '\u00C4\u00C5\u00C7\u00C9\u00D1\u00D6\u00DC\u00E1\u00E0\u00E2\u00E4\u00E3\u00E5\u00E7\u00E9\u00E8' +
    '\u00EA\u00EB\u00ED\u00EC\u00EE\u00EF\u00F1\u00F3\u00F2\u00F4\u00F6\u00F5\u00FA\u00F9\u00FB\u00FC' +
    '\u2020\u00B0\u00A2\u00A3\u00A7\u2022\u00B6\u00DF\u00AE\u00A9\u2122\u00B4\u00A8\u2260\u00C6\u00D8' +
    '\u221E\u00B1\u2264\u2265\u00A5\u00B5\u2202\u2211\u220F\u03C0\u222B\u00AA\u00BA\u2126\u00E6\u00F8' +
    '\u00BF\u00A1\u00AC\u221A\u0192\u2248\u2206\u00AB\u00BB\u2026\u00A0\u00C0\u00C3\u00D5\u0152\u0153' +
    '\u2013\u2014\u201C\u201D\u2018\u2019\u00F7\u25CA\u00FF\u0178\u2044\u00A4\u2039\u203A\uFB01\uFB02' +
    '\u2021\u00B7\u201A\u201E\u2030\u00C2\u00CA\u00C1\u00CB\u00C8\u00CD\u00CE\u00CF\u00CC\u00D3\u00D4' +
    '\uFFFD\u00D2\u00DA\u00DB\u00D9\u0131\u02C6\u02DC\u00AF\u02D8\u02D9\u02DA\u00B8\u02DD\u02DB\u02C7',
};

/** For each code page, the byte (0x80-0xFF) each of its high characters stands for. */
const BYTE_OF = new Map<LegacyEncoding, Map<string, number>>(
  (Object.entries(HIGH_HALF) as [LegacyEncoding, string][]).map(([name, chars]) => {
    const map = new Map<string, number>();
    for (let byte = 0x80; byte <= 0xff; byte++) {
      const char = chars[byte - 0x80]!;
      if (char !== '\uFFFD') map.set(char, byte);
    }
    // Decoders that treat Windows-1252 as Latin-1 (and bytes it leaves undefined) keep C1 controls.
    if (name === 'Windows-1252') {
      for (let byte = 0x80; byte <= 0x9f; byte++)
        if (!map.has(String.fromCharCode(byte))) map.set(String.fromCharCode(byte), byte);
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
  `[${[
    ...new Set(
      [...BYTE_OF.values()].flatMap((bytes) =>
        [...bytes].filter(([, byte]) => sequenceLength(byte) > 0 || byte === 0x9f).map(([char]) => char),
      ),
    ),
  ]
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
function leadlessEmojiAt(
  text: string,
  at: number,
  bytes: Map<string, number>,
): { end: number; char: string } | undefined {
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
const NON_ASCII = /[^\p{ASCII}]/u;

export function findMojibake(text: string): MojibakeMatch[] {
  if (!NON_ASCII.test(text)) return [];
  RUN_START.lastIndex = 0;
  if (!RUN_START.test(text)) return [];
  const matches: MojibakeMatch[] = [];
  // Only a character that stands for a lead byte can start a run; the others are stepped over.
  RUN_START.lastIndex = 0;
  for (let start = RUN_START.exec(text); start; start = RUN_START.exec(text)) {
    const i = start.index;
    // Windows-1252 first, then Mac Roman.
    for (const [encoding, bytes] of BYTE_OF) {
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
