/**
 * What re-reading a document takes: the Markdown parser and the extractors, some 200 modules.
 * The language server's first diagnostics come from the cache and need none of it, so it is
 * loaded on the first edit, or once those diagnostics are out (`loadParsing`).
 */
export { factsFromBytes, factsFromText } from '../documents.js';
export { parseInPieces, reparse } from '../incremental.js';
export { excessiveNesting } from '../parse.js';
