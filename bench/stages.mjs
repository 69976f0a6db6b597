// Parse and extraction, each on its own, in one process over every file of a folder: milliseconds
// per MB of Markdown for each stage, the best of a few rounds (modules loaded and warm first).
// Prints one JSON line: { bytes, parseMsPerMb, extractMsPerMb }.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listFiles } from './files.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const load = (relative) => import(pathToFileURL(path.join(ROOT, 'dist/src', relative)).href);
const { parseMarkdown } = await load('parse.js');
const { extractDocument } = await load('extract/document.js');
const { resolveConfig } = await load('config.js');
const { extractSettings, relPathOf, roleOf } = await load('settings.js');

const dir = path.resolve(process.argv[2]);
const rounds = Number(process.argv[3] ?? 3);
const settings = extractSettings(resolveConfig({}, 'bench'), dir, dir);
const texts = listFiles(dir).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
const bytes = texts.reduce((sum, { text }) => sum + Buffer.byteLength(text), 0);

let parseBest = Infinity;
let extractBest = Infinity;
for (let round = 0; round <= rounds; round++) {
  let parse = 0;
  let extract = 0;
  for (const { file, text } of texts) {
    let start = performance.now();
    const tree = parseMarkdown(text);
    parse += performance.now() - start;
    start = performance.now();
    extractDocument(text, tree, {
      file,
      relPath: relPathOf(file, settings),
      role: roleOf(file, settings),
      ids: settings.ids,
      vocabulary: settings.vocabulary,
    });
    extract += performance.now() - start;
  }
  // Round 0 warms the JIT and is not counted.
  if (round === 0) continue;
  parseBest = Math.min(parseBest, parse);
  extractBest = Math.min(extractBest, extract);
}
const mb = bytes / 1024 / 1024;
process.stdout.write(`${JSON.stringify({ bytes, parseMsPerMb: parseBest / mb, extractMsPerMb: extractBest / mb })}\n`);
