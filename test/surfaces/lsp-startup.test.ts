import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const DIST = path.join(ROOT, 'dist');

/** The modules a compiled file imports statically (tsc writes each such statement at a line's start). */
function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of source.matchAll(/^(?:import|export)[\s{*][^;]*?\bfrom\s*'([^']+)'|^import\s*'([^']+)'/gm))
    found.push((match[1] ?? match[2])!);
  return found;
}

/**
 * The packages loaded, and tasklint's own modules, when `roots` are: what the language server
 * loads before it can publish anything (the rules are imported when the folder is read).
 */
function loadedWith(roots: string[]): { packages: Set<string>; files: Set<string> } {
  const packages = new Set<string>();
  const files = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const file = stack.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('.')) stack.push(path.resolve(path.dirname(file), specifier));
      else if (!specifier.startsWith('node:'))
        packages.add(
          specifier
            .split('/')
            .slice(0, specifier.startsWith('@') ? 2 : 1)
            .join('/'),
        );
    }
  }
  return { packages, files };
}

describe('tasklint --lsp before its first diagnostics', () => {
  const rules = readdirSync(path.join(DIST, 'rules'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => path.join(DIST, 'rules', name));
  const { packages, files } = loadedWith([path.join(DIST, 'src/lsp/server.js'), ...rules]);

  it('loads no Markdown parser: a folder linted with --cache before is shown from its cache', () => {
    expect(files.has(path.join(DIST, 'src/lsp/server.js'))).toBe(true);
    expect(files.has(path.join(DIST, 'src/lsp/workspace.js'))).toBe(true);
    for (const parser of ['unified', 'remark-parse', 'micromark', 'mdast-util-from-markdown', 'globby'])
      expect(packages, `${parser} is loaded before the first diagnostics`).not.toContain(parser);
    expect(files, 'the parser is loaded before the first diagnostics').not.toContain(path.join(DIST, 'src/parse.js'));
  });

  it('loads the protocol library as one bundled file, not its hundred CommonJS files', () => {
    expect(packages).not.toContain('vscode-languageserver');
    expect(packages).not.toContain('vscode-languageserver-textdocument');
    expect(readFileSync(path.join(DIST, 'src/lsp/protocol.js'), 'utf8')).toContain('createConnection');
  });
});
