// npm's `prepare`: builds tasklint wherever TypeScript is installed beside it (`npm install` in a
// clone, an install from a git URL, `npm pack`). `npm install /path/to/clone` links the clone and
// runs this without installing the clone's dev dependencies: a clone already built is then used
// as it is, and one never built gets a message saying what to do, not "tsc: not found".
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const hasTypeScript = (() => {
  try {
    createRequire(new URL('../package.json', import.meta.url)).resolve('typescript/package.json');
    return true;
  } catch {
    return false;
  }
})();

if (hasTypeScript) {
  const build = spawnSync('npm', ['run', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  process.exit(build.status ?? 1);
}
if (existsSync(new URL('../dist/src/cli.js', import.meta.url))) process.exit(0);
process.stderr.write(
  `tasklint is not built, and TypeScript, which builds it, is not installed in ${root}.\n` +
    `Run \`npm install\` there first (it installs the build tools and builds tasklint), then install it again;\n` +
    'or install the tarball that `npm pack` makes there.\n',
);
process.exit(1);
