// Part of `npm run build`: bundles the parsing thread's script into one file. The parser is some
// 200 small ES modules, and a thread loading them one by one is ready in 250-340 ms; bundled,
// in about 115 ms, which a run after one changed file waits for. The language server's protocol
// library (vscode-languageserver, a hundred CommonJS files) is bundled the same way, in place of
// dist/src/lsp/protocol.js: the editor waits for it before its first answer. Without esbuild (an
// install without dev dependencies) the step is skipped: the compiled modules are loaded as they are.
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
const options = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
  // CommonJS dependencies (picomatch, extend) may call require: give the bundle one.
  banner: {
    js: "import { createRequire as __tasklintRequire } from 'node:module'; const require = __tasklintRequire(import.meta.url);",
  },
};
await esbuild.build({
  ...options,
  entryPoints: ['dist/src/workers/extract-worker.js'],
  outfile: 'dist/src/workers/extract-worker.bundle.js',
});
await esbuild.build({
  ...options,
  entryPoints: ['dist/src/lsp/protocol.js'],
  outfile: 'dist/src/lsp/protocol.js',
  allowOverwrite: true,
});
