// The parse time of one file in a fresh process (modules loaded first, not counted): what
// tasklint cannot avoid paying when that file changes.
import { readFileSync } from 'node:fs';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm);
const text = readFileSync(process.argv[2], 'utf8');
const start = performance.now();
processor.parse(text);
process.stdout.write(`${performance.now() - start}\n`);
