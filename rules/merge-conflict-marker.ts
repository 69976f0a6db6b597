import { defineRule, placeName } from '../src/rule.js';
import type { ConflictMarker } from '../src/types.js';

export interface ConflictBlock {
  ours?: ConflictMarker;
  base?: ConflictMarker;
  separator?: ConflictMarker;
  theirs?: ConflictMarker;
}

/** Pairs markers into blocks: `<<<<<<<` opens one, `>>>>>>>` closes it; a marker out of order stands alone. */
export function conflictBlocks(markers: ConflictMarker[]): ConflictBlock[] {
  const blocks: ConflictBlock[] = [];
  let open: ConflictBlock | undefined;
  for (const marker of markers) {
    if (marker.kind === 'ours') {
      if (open) blocks.push(open);
      open = { ours: marker };
    } else if (marker.kind === 'theirs') {
      blocks.push({ ...open, theirs: marker });
      open = undefined;
    } else if (open) {
      if (open[marker.kind]) blocks.push({ [marker.kind]: marker });
      else open[marker.kind] = marker;
    } else {
      blocks.push({ [marker.kind]: marker });
    }
  }
  if (open) blocks.push(open);
  return blocks;
}

const SYMBOL: Record<ConflictMarker['kind'], string> = {
  ours: '<<<<<<<',
  base: '|||||||',
  separator: '=======',
  theirs: '>>>>>>>',
};

function describe(marker: ConflictMarker): string {
  return `${SYMBOL[marker.kind]}${marker.label ? ` ${marker.label}` : ''}`;
}

export default defineRule({
  id: 'merge-conflict-marker',
  meta: {
    type: 'problem',
    description: 'Disallow merge conflict markers left in a document',
    messages: {
      conflict: 'Unresolved merge conflict: "{{start}}" here, {{rest}}. Keep one side and delete the markers.',
      lone: 'Merge conflict marker "{{marker}}" left here, without {{missing}}. Delete it.',
      marker: '"{{marker}}" here',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    docs: `## What it does

Finds git's conflict markers (\`<<<<<<< HEAD\`, \`|||||||\`, \`=======\`, \`>>>>>>> branch\`) at the
start of a line outside code blocks. A whole conflict is one finding, at its \`<<<<<<<\` line,
with the other markers as related places; a \`<<<<<<<\` or \`>>>>>>>\` without its partner is
reported alone. A \`=======\` line by itself is not a marker: in Markdown it underlines a
heading. Archived documents are checked too: a marker is broken in any file.

## Why is this bad?

Both sides of the conflict are in the file, so every task in it is stated twice, often with two
statuses, and the markers render as stray text and a blockquote.

## Example

Incorrect:

\`\`\`markdown file=tracker.md
# Tracker

<<<<<<< HEAD
- TASK-12 Mount shared storage (IN PROGRESS)
=======
- TASK-12 Mount shared storage (COMPLETE)
>>>>>>> storage-fix
\`\`\`

Correct:

\`\`\`markdown file=tracker.md
# Tracker

- TASK-12 Mount shared storage (COMPLETE)
\`\`\`

## Options

None.
`,
  },
  // Each finding is about its own document: after an edit, only that document is checked again.
  incremental: 'document',
  check(corpus, context) {
    for (const doc of corpus.documents) {
      if (!context.wants(doc)) continue;
      for (const block of conflictBlocks(doc.conflictMarkers ?? [])) {
        const markers = [block.ours, block.base, block.separator, block.theirs].filter(
          (marker): marker is ConflictMarker => marker !== undefined,
        );
        const [first, ...rest] = markers;
        if (!first) continue;
        const related = rest.map((marker) => ({
          at: { doc, range: marker.range },
          messageId: 'marker',
          data: { marker: describe(marker) },
        }));
        if (block.ours && block.theirs) {
          context.report({
            messageId: 'conflict',
            data: {
              start: describe(first),
              rest: rest
                .map((marker) => `"${describe(marker)}" at ${placeName({ doc, range: marker.range }, doc)}`)
                .join(', '),
            },
            at: { doc, range: first.range },
            related,
          });
        } else {
          context.report({
            messageId: 'lone',
            data: { marker: describe(first), missing: block.ours ? 'a closing ">>>>>>>"' : 'an opening "<<<<<<<"' },
            at: { doc, range: first.range },
            related,
          });
        }
      }
    }
  },
});
