// Part of `npm run build`: bundles the parsing thread's script into one file. The parser is some
// 200 small ES modules, and a thread loading them one by one is ready in 250-340 ms; bundled,
// in about 115 ms, which a run after one changed file waits for. Without esbuild (an install
// without dev dependencies) the step is skipped: the thread then loads the compiled modules.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  process.stdout.write(
    'esbuild is not installed: the parsing thread is not bundled (it still works, starting more slowly)\n',
  );
  process.exit(0);
}
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['dist/src/workers/extract-worker.js'],
  outfile: 'dist/src/workers/extract-worker.bundle.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
  // CommonJS dependencies (picomatch, extend) may call require: give the bundle one.
  banner: {
    js: "import { createRequire as __tasklintRequire } from 'node:module'; const require = __tasklintRequire(import.meta.url);",
  },
});
