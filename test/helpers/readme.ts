import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Nodes } from 'mdast';
import { parseMarkdown } from '../../src/parse.js';
import { plainText } from '../../src/extract/text.js';
import { CLI, ROOT } from './cli.js';

export interface ReadmeBlock {
  lang: string;
  code: string;
  /** The text of the paragraph just before the block: what the README says the block is for. */
  intro: string;
  /** The heading the block sits under. */
  heading: string;
}

/** The README's fenced code blocks, as a reader sees them, so that tests run what it prints. */
export function readmeBlocks(): ReadmeBlock[] {
  const tree = parseMarkdown(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  const blocks: ReadmeBlock[] = [];
  let heading = '';
  let intro = '';
  for (const node of tree.children as Nodes[]) {
    if (node.type === 'heading') {
      heading = plainText(node).trim();
      intro = '';
    } else if (node.type === 'paragraph') {
      intro = plainText(node).replace(/\s+/g, ' ').trim();
    } else if (node.type === 'code') {
      const code = node;
      blocks.push({ lang: code.lang ?? '', code: code.value, intro, heading });
    }
  }
  return blocks;
}

/** The one README block in `lang` whose introduction matches `intro`. */
export function readmeBlock(lang: string, intro: RegExp): ReadmeBlock {
  const found = readmeBlocks().filter((block) => block.lang === lang && intro.test(block.intro));
  if (found.length !== 1)
    throw new Error(`README: expected one ${lang} block introduced by ${intro}, found ${found.length}`);
  return found[0]!;
}

/**
 * A folder holding `tasklint`, linked to this checkout's built CLI as `npm link` and
 * `npm install --global` link it: what the README's "tasklint on PATH" means.
 */
export function binWithTasklint(): { bin: string; remove: () => void } {
  const bin = mkdtempSync(path.join(tmpdir(), 'tasklint-bin-'));
  chmodSync(bin, 0o755);
  symlinkSync(CLI, path.join(bin, 'tasklint'));
  return {
    bin,
    remove: () => {
      rmSync(bin, { recursive: true, force: true });
    },
  };
}
