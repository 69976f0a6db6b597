/**
 * OpenSpec's specs and the spec deltas of its changes, read as `openspec archive` reads them:
 *
 *     openspec/specs/auth/spec.md                 ## Requirements / ### Requirement: Session Expiration
 *     openspec/changes/add-2fa/specs/auth/spec.md ## MODIFIED Requirements / ### Requirement: Session Expiration
 *
 * A requirement is named by its header's text, trimmed and case-sensitive, as OpenSpec matches
 * it. A delta's MODIFIED and REMOVED requirements, and the FROM of a RENAMED one, must be in the
 * capability's spec when the change is archived; RENAMED pairs are `- FROM: ### Requirement: A`
 * and `- TO: ### Requirement: B` lines.
 */
import type { Root } from 'mdast';
import type { OpenSpecFacts, OpenSpecOperation } from '../../types.js';
import { nodeOffsets, plainText, type LineIndex } from '../text.js';

/** `openspec/specs/CAP/spec.md` and `openspec/changes/[proposed/|approved/]NAME/specs/CAP/spec.md`. */
const MAIN_SPEC = /(?:^|\/)openspec\/specs\/([^/]+)\/spec\.md$/u;
const DELTA_SPEC =
  /(?:^|\/)openspec\/changes\/(?:(?:proposed|approved)\/)?((?:archive\/)?[^/]+)\/specs\/([^/]+)\/spec\.md$/u;

const REQUIREMENT = /^Requirement:\s*(.+?)\s*$/iu;
const SCENARIO = /^Scenario:/iu;
const DELTA_SECTION = /^(ADDED|MODIFIED|REMOVED|RENAMED)\s+Requirements\s*$/iu;
const RENAME_LINE = /^\s*[-*]?\s*(FROM|TO)\s*:\s*`?\s*#{3}\s*Requirement:\s*(.+?)\s*`?\s*$/iu;

/** The OpenSpec facts of a spec or a delta, by the file's path; undefined for any other file. */
export function readOpenSpec(text: string, tree: Root, lines: LineIndex, file: string): OpenSpecFacts | undefined {
  const posix = file.replace(/\\/g, '/');
  const main = MAIN_SPEC.exec(posix);
  const delta = main ? undefined : DELTA_SPEC.exec(posix);
  if (!main && !delta) return undefined;
  const found = (main ?? delta)!;
  // Up to the `openspec/` folder the path matched at, not one a capability's name ends in.
  const root = posix.slice(0, found.index + (posix[found.index] === '/' ? 1 : 0));
  const operations: OpenSpecOperation[] = [];
  let section: string | undefined;
  // The requirement whose scenarios are being counted: up to the next heading of its depth or above.
  let counting: OpenSpecOperation | undefined;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const title = plainText(node).trim();
      if (counting && SCENARIO.test(title)) {
        if (node.depth === 4) counting.scenarios = (counting.scenarios ?? 0) + 1;
        else {
          const offsets = nodeOffsets(node);
          if (offsets && !counting.misplacedScenario)
            counting.misplacedScenario = { range: lines.range(offsets.start, offsets.end), depth: node.depth };
          // "### Scenario:" stands where OpenSpec ends the requirement; the requirement's block goes on for the reader.
          continue;
        }
      }
      if (node.depth <= 3) counting = undefined;
      if (node.depth === 2) {
        section = main
          ? /^requirements$/iu.test(title)
            ? 'SPEC'
            : undefined
          : DELTA_SECTION.exec(title)?.[1]?.toUpperCase();
        continue;
      }
      const requirement = node.depth === 3 ? REQUIREMENT.exec(title) : null;
      const offsets = nodeOffsets(node);
      if (!requirement || !section || !offsets) continue;
      const operation: OpenSpecOperation = {
        op: section as OpenSpecOperation['op'],
        name: requirement[1]!,
        range: lines.range(offsets.start, offsets.end),
      };
      if (section === 'SPEC' || section === 'ADDED' || section === 'MODIFIED') {
        operation.scenarios = 0;
        counting = operation;
      }
      operations.push(operation);
    } else if (section === 'RENAMED' && (node.type === 'list' || node.type === 'paragraph')) {
      // `- FROM: ### Requirement: Old` / `- TO: ### Requirement: New`, each on its own line.
      const offsets = nodeOffsets(node);
      if (!offsets) continue;
      const source = text.slice(offsets.start, offsets.end);
      let at = 0;
      for (const line of source.split('\n')) {
        const rename = RENAME_LINE.exec(line);
        if (rename)
          operations.push({
            op: rename[1]!.toUpperCase() === 'FROM' ? 'RENAMED FROM' : 'RENAMED TO',
            name: rename[2]!,
            range: lines.range(offsets.start + at, offsets.start + at + line.length),
          });
        at += line.length + 1;
      }
    }
  }
  if (main) return { kind: 'spec', root, capability: main[1]!, operations };
  return { kind: 'delta', root, change: delta![1]!, capability: delta![2]!, operations };
}
