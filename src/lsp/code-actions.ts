import {
  CodeActionKind,
  TextDocument,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic as LspDiagnostic,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
} from './protocol.js';
import type { FindingInFile } from '../adapters/places.js';
import { lineStarts, resolveFix, type ResolvedFix } from '../fix.js';
import type { Diagnostic, Fix } from '../types.js';

/** The code action kind of "fix everything tasklint can in this file", as ESLint's `source.fixAll.eslint`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.tasklint`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

/** What the server knows when asked for code actions: the current findings and texts. */
export interface CodeActionContext {
  /** The findings shown in `file`, as they were published. */
  findingsIn(file: string): FindingInFile[];
  /** Every current finding of the planning folder around `file`. */
  diagnosticsAround(file: string): Diagnostic[];
  /** The text the editor has for a file (its buffer), else the one on disk. */
  textOf(file: string): string | undefined;
  uriOf(file: string): string;
  toLsp(finding: FindingInFile): LspDiagnostic;
  toLspRange(finding: FindingInFile): LspRange;
}

function overlaps(a: LspRange, b: LspRange): boolean {
  const before = (x: LspRange['start'], y: LspRange['start']) =>
    x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** A fix as the LSP edits of one file; undefined when its text is not what the rule saw (edited since). */
function editsOf(fix: Fix, context: CodeActionContext): { uri: string; edits: LspTextEdit[] } | undefined {
  const text = context.textOf(fix.file);
  if (text === undefined) return undefined;
  const resolved = resolveFix(text, fix);
  if (!resolved) return undefined;
  return { uri: context.uriOf(fix.file), edits: [toLspEdit(TextDocument.create('', 'markdown', 0, text), resolved)] };
}

function toLspEdit(document: TextDocument, fix: ResolvedFix): LspTextEdit {
  return {
    range: { start: document.positionAt(fix.range[0]), end: document.positionAt(fix.range[1]) },
    newText: fix.text,
  };
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
}

/**
 * The quick fixes of the findings under the cursor (each fix, preferred, and each suggestion),
 * and `source.fixAll.tasklint`: every fix of the file at once, as one pass of `--fix` would.
 */
export function codeActions(params: CodeActionParams, file: string, context: CodeActionContext): CodeAction[] {
  const actions: CodeAction[] = [];
  const only = params.context.only;
  if (wants(only, CodeActionKind.QuickFix)) {
    for (const finding of context.findingsIn(file)) {
      if (!overlaps(context.toLspRange(finding), params.range)) continue;
      const { diagnostic } = finding;
      const lsp = context.toLsp(finding);
      if (diagnostic.fix) {
        const edit = editsOf(diagnostic.fix, context);
        if (edit)
          actions.push({
            title: `Fix: ${diagnostic.message}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [lsp],
            isPreferred: true,
            edit: { changes: { [edit.uri]: edit.edits } },
          });
      }
      for (const suggestion of diagnostic.suggestions ?? []) {
        const edit = editsOf(suggestion.fix, context);
        if (edit)
          actions.push({
            title: suggestion.desc,
            kind: CodeActionKind.QuickFix,
            diagnostics: [lsp],
            edit: { changes: { [edit.uri]: edit.edits } },
          });
      }
    }
  }
  // Asked for by name only ("editor.codeActionsOnSave"), as ESLint's fix-all is.
  if (only && wants(only, FIX_ALL_KIND)) {
    const fixAll = fixAllAction(file, context);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function fixAllAction(file: string, context: CodeActionContext): CodeAction | undefined {
  const text = context.textOf(file);
  if (text === undefined) return undefined;
  const starts = lineStarts(text);
  const fixes = context
    .diagnosticsAround(file)
    .flatMap((d) => (d.fix?.file === file ? [resolveFix(text, d.fix, starts)] : []))
    .filter((fix): fix is ResolvedFix => fix !== undefined)
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  // As a pass of --fix: a fix that overlaps or touches one taken waits for the next request.
  const taken: ResolvedFix[] = [];
  for (const fix of fixes) if (!taken.length || taken.at(-1)!.range[1] < fix.range[0]) taken.push(fix);
  if (!taken.length) return undefined;
  const document = TextDocument.create('', 'markdown', 0, text);
  return {
    title: 'Fix all tasklint findings that can be derived',
    kind: FIX_ALL_KIND,
    edit: { changes: { [context.uriOf(file)]: taken.map((fix) => toLspEdit(document, fix)) } },
  };
}
