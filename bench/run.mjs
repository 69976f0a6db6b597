// `npm run bench`: tasklint against the floor (reading, a bare remark parse) and against
// markdownlint-cli2, on generated planning folders at 1x and 10x the size of a real one. Every
// contender runs as a fresh process, alternating, several times; the table gives median and
// min-max wall time and peak memory, then the ratios against their targets. Nothing is asserted:
// this prints figures.
//
//   node bench/run.mjs                 1x and 10x
//   node bench/run.mjs --scale 100     100x only
//   node bench/run.mjs --runs 3        rounds per scale (default 5 at 1x, 3 at 10x, 1 above)
//   node bench/run.mjs --pairs 3       warm / one-file-changed run pairs per round (default 3)
//   node bench/run.mjs --no-lsp        skip the language-server figures
//   node bench/run.mjs --only-lsp      the language-server figures only
//   node bench/run.mjs --lsp-runs 3    first-publish rounds (default 3)
//   node bench/run.mjs --edits 21      one-character edits timed (default 21; the first is shown apart)
//   node bench/run.mjs --no-build      use dist/ as it is

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { listFiles } from './files.mjs';
import { generateFolder } from './generate.mjs';
import { LspClient } from './lsp-client.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'dist/src/cli.js');
const MARKDOWNLINT = path.join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
const PRELOAD = pathToFileURL(path.join(ROOT, 'bench/peak-rss.mjs')).href;
const BENCH = (name) => path.join(ROOT, 'bench', name);
/** The large tracker of the language server's bench: real ones reach 150 KB. */
const LARGE_TRACKER_BYTES = 150 * 1024;

const { values } = parseArgs({
  options: {
    scale: { type: 'string' },
    runs: { type: 'string' },
    pairs: { type: 'string' },
    'no-lsp': { type: 'boolean' },
    'only-lsp': { type: 'boolean' },
    'lsp-runs': { type: 'string' },
    edits: { type: 'string' },
    'no-build': { type: 'boolean' },
  },
});
const scales = (values.scale ?? '1,10').split(',').map(Number);
if (scales.some((scale) => !(scale > 0))) throw new Error(`--scale needs positive numbers, got "${values.scale}"`);

const work = mkdtempSync(path.join(tmpdir(), 'tasklint-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

if (!values['no-build']) {
  process.stdout.write('Building tasklint (npm run build)...\n');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

let measureCount = 0;

/** Runs `node args` in `cwd` and returns its wall time (ms) and peak RSS (bytes). */
function measure(args, cwd, { preload = true, okStatus = [0, 1] } = {}) {
  const rssFile = path.join(work, `rss-${measureCount++}`);
  const start = performance.now();
  const result = spawnSync(process.execPath, [...(preload ? ['--import', PRELOAD] : []), ...args], {
    cwd,
    env: { ...process.env, TASKLINT_BENCH_RSS: rssFile, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = performance.now() - start;
  if (result.error || !okStatus.includes(result.status)) {
    throw new Error(
      `node ${args.join(' ')} failed (status ${result.status}, ${result.signal ?? ''}):\n${result.stderr}`,
    );
  }
  const stderr = result.stderr.toString();
  if (/warning/i.test(stderr) && args[0] === CLI)
    process.stdout.write(`  (stderr of ${path.basename(args[0])}: ${stderr.trim().split('\n')[0]})\n`);
  const usage = preload ? JSON.parse(readFileSync(rssFile, 'utf8')) : { rss: 0, cpu: 0 };
  return { wall, ...usage };
}

function runOutput(args, cwd) {
  const result = spawnSync(process.execPath, args, {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`node ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout.toString();
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const seconds = (ms) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
const megabytes = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;
const pad = (text, width) => String(text).padEnd(width);

function summarise(samples) {
  const walls = samples.map((s) => s.wall);
  const rss = samples.map((s) => s.rss);
  const cpu = samples.map((s) => s.cpu ?? 0);
  return {
    wall: median(walls),
    wallMin: Math.min(...walls),
    wallMax: Math.max(...walls),
    rss: median(rss),
    rssMin: Math.min(...rss),
    rssMax: Math.max(...rss),
    cpu: median(cpu),
  };
}

function printTable(title, rows) {
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(
    `  ${pad('contender', 44)}${pad('wall median', 13)}${pad('min-max', 20)}${pad('peak RSS median', 17)}${pad('min-max', 14)}CPU median (all threads)\n`,
  );
  for (const [name, s] of rows) {
    const rss = s.rss ? [megabytes(s.rss), `${megabytes(s.rssMin)}-${megabytes(s.rssMax)}`] : ['-', '-'];
    process.stdout.write(
      `  ${pad(name, 44)}${pad(seconds(s.wall), 13)}${pad(`${seconds(s.wallMin)}-${seconds(s.wallMax)}`, 20)}${pad(rss[0], 17)}${pad(rss[1], 14)}${s.cpu ? seconds(s.cpu) : '-'}\n`,
    );
  }
}

const verdicts = [];
function target(label, value, limit, shown) {
  const met = value <= limit;
  verdicts.push({ label, met });
  process.stdout.write(`  ${met ? 'MET   ' : 'MISSED'} ${pad(label, 58)} ${shown}\n`);
}

/** The file the "one file changed" run edits: a task list of median size. */
function pickEditedFile(files) {
  const lists = files
    .filter((file) => file.includes(`${path.sep}workstreams${path.sep}`))
    .map((file) => ({ file, size: statSync(file).size }));
  lists.sort((a, b) => a.size - b.size);
  return lists[lists.length >> 1].file;
}

/** The language server's bench folder: the 1x folder and one large tracker, with a broken link in its middle. */
function lspFolder() {
  const dir = path.join(work, 'lsp-folder');
  const generated = generateFolder(dir, 1, { largeList: LARGE_TRACKER_BYTES });
  const tracker = path.join(dir, 'workstreams', 'platform-master-task-list.md');
  let text = readFileSync(tracker, 'utf8');
  // Each timed edit changes the one digit of this link's target: a one-character edit whose
  // findings change, so that the server has something to publish.
  const middle = text.indexOf('\n\n', text.length >> 1) + 2;
  text = `${text.slice(0, middle)}See [the edit](./bench-missing-0.md).\n\n${text.slice(middle)}`;
  writeFileSync(tracker, text);
  const digit = text.indexOf('bench-missing-0') + 'bench-missing-'.length;
  const lineStart = text.lastIndexOf('\n', digit) + 1;
  const position = { line: text.slice(0, lineStart).split('\n').length - 1, character: digit - lineStart };
  return { dir, tracker, text, position, files: listFiles(dir).length, bytes: generated.bytes + 40 };
}

function startServer(dir, cacheDir) {
  return new LspClient(process.execPath, [CLI, '--lsp', '--cache-location', cacheDir], { cwd: dir });
}

/** The handshake an editor opens with, the folder as its one workspace folder. */
async function initialize(client, dir) {
  const folderUri = pathToFileURL(dir).href;
  await client.request('initialize', {
    processId: process.pid,
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: 'bench' }],
    capabilities: {},
  });
  client.notify('initialized', {});
}

/** From the server's start to its first diagnostics, for the whole folder. */
async function firstPublish(dir, cacheDir) {
  const client = startServer(dir, cacheDir);
  try {
    await initialize(client, dir);
    const { at } = await client.waitFor((message) => message.method === 'textDocument/publishDiagnostics', 600_000);
    return at - client.startedAt;
  } finally {
    await client.close();
  }
}

/** One-character edits of the large tracker, each timed from the change sent to its new diagnostics. */
async function editLatencies(folder, cacheDir, edits) {
  const { dir, tracker, text, position } = folder;
  const client = startServer(dir, cacheDir);
  const uri = pathToFileURL(tracker).href;
  try {
    await initialize(client, dir);
    await client.waitFor((message) => message.method === 'textDocument/publishDiagnostics', 600_000);
    await client.settle(500);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await client.settle(1000);
    const latencies = [];
    for (let edit = 1; edit <= edits; edit++) {
      const digit = String(edit % 10);
      const start = performance.now();
      client.notify('textDocument/didChange', {
        textDocument: { uri, version: edit + 1 },
        contentChanges: [
          { range: { start: position, end: { line: position.line, character: position.character + 1 } }, text: digit },
        ],
      });
      const { at } = await client.waitFor(
        (message) =>
          message.method === 'textDocument/publishDiagnostics' &&
          message.params.uri === uri &&
          JSON.stringify(message.params.diagnostics).includes(`bench-missing-${digit}.md`),
        60_000,
      );
      latencies.push(at - start);
      // As a typist pauses: the next edit does not queue behind this one.
      await client.settle(150);
    }
    return latencies;
  } finally {
    await client.close();
  }
}

/**
 * The language server on a folder with a large tracker: the time from a one-character edit to
 * new diagnostics, and from the server's start to its first diagnostics, with no cache and with
 * the cache a `--cache` run filled, against a warm `tasklint --cache` run of the same folder.
 */
async function lspFigures(rounds, edits) {
  const folder = lspFolder();
  const { dir } = folder;
  process.stdout.write(
    `
== Language server: ${folder.files} files, ${(folder.bytes / 1024 / 1024).toFixed(2)} MB; large tracker ${path.relative(dir, folder.tracker)} (${(Buffer.byteLength(folder.text) / 1024).toFixed(1)} KB); ${rounds} rounds, ${edits} edits\n`,
  );
  const cacheDir = path.join(work, 'lsp-cache');
  const coldDir = path.join(work, 'lsp-cache-cold');
  runOutput([CLI, '--cache-location', cacheDir, '.'], dir);
  const cold = [];
  const cached = [];
  const warm = [];
  for (let round = 1; round <= rounds; round++) {
    process.stdout.write(`  round ${round}/${rounds}:`);
    rmSync(coldDir, { recursive: true, force: true });
    cold.push({ wall: await firstPublish(dir, coldDir) });
    process.stdout.write('.');
    cached.push({ wall: await firstPublish(dir, cacheDir) });
    process.stdout.write('.');
    warm.push(measure([CLI, '--cache-location', cacheDir, '.'], dir));
    process.stdout.write('.\n');
  }
  const latencies = await editLatencies(folder, cacheDir, edits);
  const [first, ...rest] = latencies;
  const summary = {
    'LSP start to first diagnostics, no cache': summarise(cold),
    'LSP start to first diagnostics, from cache': summarise(cached),
    'tasklint warm (--cache), whole run': summarise(warm),
    [`LSP one-character edit to diagnostics (${rest.length})`]: summarise(rest.map((wall) => ({ wall, rss: 0 }))),
  };
  printTable(
    `Language server (load average ${loadavg()[0].toFixed(1)}, ${availableParallelism()} cores)`,
    Object.entries(summary),
  );
  process.stdout.write(`  (the first edit after opening the tracker: ${seconds(first)})\n`);
  return summary;
}

function startupFigures(rounds) {
  const node = [];
  const version = [];
  for (let i = 0; i < rounds; i++) {
    node.push(measure(['-e', '0'], ROOT, { preload: false }));
    version.push(measure([CLI, '--version'], ROOT, { preload: false }));
  }
  return { node: summarise(node), version: summarise(version) };
}

const results = new Map();
const WARM = 'tasklint warm (--cache)';
const CHANGED = 'tasklint one file changed (warm)';
const PAIR = 'tasklint warm, then one file changed';
const PAIRS = Number(values.pairs ?? 3);
if (!(PAIRS >= 1)) throw new Error(`--pairs needs a positive number, got "${values.pairs}"`);

async function benchScale(scale) {
  const dir = path.join(work, `folder-${scale}x`);
  const cacheDir = path.join(work, `cache-${scale}x`);
  const generated = generateFolder(dir, scale);
  const files = listFiles(dir);
  const runs = Number(values.runs ?? (scale <= 1 ? 5 : scale <= 10 ? 3 : 1));
  const edited = pickEditedFile(files);
  const original = readFileSync(edited, 'utf8');
  process.stdout.write(
    `\n== ${scale}x: ${files.length} files, ${(generated.bytes / 1024 / 1024).toFixed(2)} MB; ${runs} rounds; edited file ${path.relative(dir, edited)} (${(Buffer.byteLength(original) / 1024).toFixed(1)} KB)\n`,
  );

  // Untimed: fills the cache, and checks that a cached run reports what a cold one does.
  const coldOutput = runOutput([CLI, '--format', 'json', '.'], dir);
  runOutput([CLI, '--cache', '--cache-location', cacheDir, '.'], dir);
  const warmOutput = runOutput([CLI, '--format', 'json', '--cache', '--cache-location', cacheDir, '.'], dir);
  const findings = JSON.parse(coldOutput).reduce((sum, result) => sum + result.messages.length, 0);
  process.stdout.write(
    `  tasklint reports ${findings} findings; warm (cached) output identical to cold: ${coldOutput === warmOutput ? 'yes' : 'NO'}\n`,
  );

  const contenders = [
    ['bare read', () => measure([BENCH('bare-read.mjs'), dir], dir)],
    ['bare parse (unified+remark, 1 thread)', () => measure([BENCH('bare-parse.mjs'), dir], dir)],
    ['tasklint cold', () => measure([CLI, '.'], dir)],
    [
      PAIR,
      (round) => {
        // What one changed file adds is a difference of a few hundred milliseconds between runs
        // of seconds: each round runs several warm / changed pairs back to back, so that the
        // median difference is taken over many pairs, each under the same machine state.
        const pairs = [];
        for (let pair = 1; pair <= PAIRS; pair++) {
          const warm = measure([CLI, '--cache', '--cache-location', cacheDir, '.'], dir);
          writeFileSync(edited, `${original}\nEdited by the benchmark, round ${round}, pair ${pair}.\n`);
          const changed = measure([CLI, '--cache', '--cache-location', cacheDir, '.'], dir);
          pairs.push({ warm, changed });
        }
        return pairs;
      },
    ],
    ['markdownlint-cli2 (default rules)', () => measure([MARKDOWNLINT, '**/*.md'], dir)],
    [
      'edited file: its parse alone (in-process)',
      () => {
        const result = spawnSync(process.execPath, [BENCH('parse-one.mjs'), edited], { cwd: dir });
        return { wall: Number(result.stdout.toString()), rss: 0, cpu: 0 };
      },
    ],
  ];
  const samples = new Map(
    contenders.flatMap(([name]) => (name === PAIR ? [WARM, CHANGED] : [name]).map((shown) => [shown, []])),
  );
  const differences = [];
  // Another process busy on the machine slows every contender, and threads most: say so.
  const loadBefore = loadavg()[0].toFixed(1);
  for (let round = 1; round <= runs; round++) {
    process.stdout.write(`  round ${round}/${runs}:`);
    // Rotate the order so that no contender always runs right after the same other one.
    for (let k = 0; k < contenders.length; k++) {
      const [name, run] = contenders[(k + round - 1) % contenders.length];
      const result = run(round);
      if (name === PAIR) {
        for (const { warm, changed } of result) {
          samples.get(WARM).push(warm);
          samples.get(CHANGED).push(changed);
          differences.push(changed.wall - warm.wall);
        }
      } else samples.get(name).push(result);
      process.stdout.write('.');
    }
    process.stdout.write('\n');
  }
  writeFileSync(edited, original);

  const summary = Object.fromEntries([...samples].map(([name, list]) => [name, summarise(list)]));
  // What one changed file adds to a warm run: the two runs of each pair compared, so that the
  // machine's state at the time cancels out.
  summary.changedOverWarm = median(differences);
  summary.pairs = differences.length;
  printTable(
    `${scale}x: ${files.length} files, ${(generated.bytes / 1024 / 1024).toFixed(2)} MB (load average ${loadBefore} before, ${loadavg()[0].toFixed(1)} after, ${availableParallelism()} cores)`,
    Object.entries(summary).filter(([, value]) => typeof value === 'object'),
  );
  results.set(scale, { summary, dir, edited, bytes: generated.bytes, files: files.length });
}

if (!values['only-lsp']) for (const scale of scales) await benchScale(scale);

if (results.size) process.stdout.write('\nTargets\n');
for (const [scale, { summary }] of results) {
  const cold = summary['tasklint cold'];
  const warm = summary[WARM];
  const changed = summary[CHANGED];
  const parse = summary['bare parse (unified+remark, 1 thread)'];
  const markdownlint = summary['markdownlint-cli2 (default rules)'];
  const fileParse = summary['edited file: its parse alone (in-process)'];
  target(
    `${scale}x tasklint cold / bare parse <= 1.0`,
    cold.wall / parse.wall,
    1.0,
    (cold.wall / parse.wall).toFixed(2),
  );
  target(
    `${scale}x tasklint cold / markdownlint-cli2 <= 0.8`,
    cold.wall / markdownlint.wall,
    0.8,
    (cold.wall / markdownlint.wall).toFixed(2),
  );
  target(`${scale}x tasklint warm / cold <= 0.1`, warm.wall / cold.wall, 0.1, (warm.wall / cold.wall).toFixed(3));
  const extra = summary.changedOverWarm;
  target(
    `${scale}x one changed, over warm <= file's parse + 50 ms`,
    extra,
    fileParse.wall + 50,
    `${seconds(extra)} over warm (median of ${summary.pairs} pairs' differences); file's parse ${seconds(fileParse.wall)} + 50 ms = ${seconds(fileParse.wall + 50)}`,
  );
  // The whole run is shown, not judged: process start-up and reading every file come before any
  // parse, so a whole run can never cost only "the file's parse + 50 ms". What the change costs is
  // the difference above.
  process.stdout.write(
    `  info   ${pad(`${scale}x one changed, whole run`, 58)} ${seconds(changed.wall)} (process start-up, module loading and reading every file included)\n`,
  );
  // Extraction beside parsing, per MB: the extract stage must stay a fraction of the parse it reads.
  const stages = spawnSync(process.execPath, [BENCH('stages.mjs'), results.get(scale).dir, '3'], { encoding: 'utf8' });
  if (stages.status === 0) {
    const { parseMsPerMb, extractMsPerMb } = JSON.parse(stages.stdout);
    process.stdout.write(
      `  info   ${pad(`${scale}x parse / extraction per MB (in-process)`, 58)} ${Math.round(parseMsPerMb)} ms / ${Math.round(extractMsPerMb)} ms (extraction ${(extractMsPerMb / parseMsPerMb).toFixed(2)}x parse)\n`,
    );
  } else process.stdout.write(`  info   ${scale}x parse / extraction per MB: not measured (${stages.stderr.trim()})\n`);
}
const scaleList = [...results.keys()].sort((a, b) => a - b);
if (scaleList.length >= 2) {
  const [small, large] = [scaleList[0], scaleList[scaleList.length - 1]];
  const a = results.get(small);
  const b = results.get(large);
  const sizeRatio = b.bytes / a.bytes;
  const timeRatio = b.summary['tasklint cold'].wall / a.summary['tasklint cold'].wall;
  const memoryRatio = b.summary['tasklint cold'].rss / a.summary['tasklint cold'].rss;
  // Linear: time grows no faster than the bytes do (with 20% slack for noise).
  target(
    `${small}x to ${large}x cold time grows linearly (x${sizeRatio.toFixed(1)} bytes)`,
    timeRatio,
    sizeRatio * 1.2,
    `x${timeRatio.toFixed(2)}`,
  );
  target(
    `${small}x to ${large}x cold peak RSS grows at most linearly`,
    memoryRatio,
    sizeRatio * 1.2,
    `x${memoryRatio.toFixed(2)}`,
  );
}
for (const [scale, { summary }] of results) {
  if (scale === 10)
    target(
      '10x peak RSS under 1 GB (cold)',
      summary['tasklint cold'].rss,
      1024 ** 3,
      megabytes(summary['tasklint cold'].rss),
    );
}

const startup = values['only-lsp'] ? undefined : startupFigures(10);
if (startup)
  process.stdout.write(
    `\nStart-up (10 alternating runs): node -e 0 ${seconds(startup.node.wall)} (${seconds(startup.node.wallMin)}-${seconds(startup.node.wallMax)}); tasklint --version ${seconds(startup.version.wall)} (${seconds(startup.version.wallMin)}-${seconds(startup.version.wallMax)}); difference ${seconds(startup.version.wall - startup.node.wall)}\n`,
  );

if (!values['no-lsp']) {
  try {
    const lsp = await lspFigures(Number(values['lsp-runs'] ?? 3), Number(values.edits ?? 21));
    process.stdout.write('\nLanguage server targets\n');
    const edit = Object.entries(lsp).find(([name]) => name.startsWith('LSP one-character edit'))[1];
    target('LSP one-character edit to diagnostics <= 100 ms', edit.wall, 100, `${seconds(edit.wall)} median`);
    const cached = lsp['LSP start to first diagnostics, from cache'];
    const warm = lsp['tasklint warm (--cache), whole run'];
    target(
      'LSP first diagnostics from cache <= warm CLI run',
      cached.wall,
      warm.wall,
      `${seconds(cached.wall)} vs ${seconds(warm.wall)} (no cache: ${seconds(lsp['LSP start to first diagnostics, no cache'].wall)})`,
    );
  } catch (error) {
    process.stdout.write(`\nLanguage server: could not be measured (${error.message.split('\n')[0]})\n`);
  }
}

const missed = verdicts.filter((v) => !v.met);
process.stdout.write(
  `\n${verdicts.length - missed.length} of ${verdicts.length} targets met${missed.length ? `; missed: ${missed.map((v) => v.label).join('; ')}` : ''}\n`,
);
