import { edgesOf, taskKeyOf, type Corpus } from '../src/corpus.js';
import { defineRule, placeName, taskKey, type At, type RuleContext } from '../src/rule.js';
import { isReusedId, SOURCE_RANK, statedEdges, type StatedEdge } from '../src/query.js';
import { displayId } from '../src/scopes.js';
import type { DependencyEdge, DocumentFacts } from '../src/types.js';

interface EdgeEntry {
  to: string;
  at: At;
  source: DependencyEdge['source'];
}

/** The task keys of a dependency a document states, when both ends name one task of a known scheme. */
function edgeKeys(corpus: Corpus, doc: DocumentFacts, edge: DependencyEdge): [string, string] | undefined {
  const from = taskKeyOf(corpus, doc, edge.from);
  const to = taskKeyOf(corpus, doc, edge.to);
  return from === undefined || to === undefined ? undefined : [from, to];
}

/** The dependencies a document states, under the task they start from. */
function edgeEntries(corpus: Corpus, doc: DocumentFacts): [string, EdgeEntry][] {
  if (doc.role !== 'active') return [];
  const entries: [string, EdgeEntry][] = [];
  for (const edge of edgesOf(corpus, doc)) {
    const keys = edgeKeys(corpus, doc, edge);
    if (keys) entries.push([keys[0], { to: keys[1], at: { doc, range: edge.range }, source: edge.source }]);
  }
  return entries;
}

/**
 * After an edit: the dependencies among the tasks the edited tasks lead to. A loop through one of
 * them lies entirely among those, so the rest of the graph need not be built.
 */
function edgesReachedFrom(
  corpus: Corpus,
  only: ReadonlySet<string>,
  context: Pick<RuleContext, 'index'>,
): StatedEdge[] {
  const index = context.index('edges', (doc) => edgeEntries(corpus, doc));
  const reached = new Set<string>();
  const queue: string[] = [];
  for (const key of only) {
    if (!key.startsWith('task:')) continue;
    const id = key.slice('task:'.length);
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(id);
  }
  const edges: StatedEdge[] = [];
  while (queue.length) {
    const from = queue.pop()!;
    const byTarget = new Map<string, StatedEdge>();
    for (const { value } of index.get(from) ?? []) {
      let stated = byTarget.get(value.to);
      if (!stated) {
        byTarget.set(value.to, (stated = { from, to: value.to, places: [] }));
        edges.push(stated);
      }
      stated.places.push({ at: value.at, source: value.source });
      if (reached.has(value.to)) continue;
      reached.add(value.to);
      queue.push(value.to);
    }
  }
  for (const stated of edges) stated.places.sort((a, b) => SOURCE_RANK[a.source] - SOURCE_RANK[b.source]);
  return edges;
}

const collator = new Intl.Collator('en', { numeric: true });
const compareIds = (a: string, b: string): number => collator.compare(a, b);

/**
 * Strongly connected components by Tarjan's algorithm, iteratively: a planning folder of
 * 10,000 chained tasks must not overflow the stack. Linear in nodes and edges.
 */
export function stronglyConnected(nodes: string[], successors: Map<string, string[]>): string[][] {
  const number = new Map(nodes.map((node, i) => [node, i]));
  const out = nodes.map((node) =>
    (successors.get(node) ?? []).map((next) => number.get(next)).filter((next): next is number => next !== undefined),
  );
  const index = new Int32Array(nodes.length).fill(-1);
  const low = new Int32Array(nodes.length);
  const onStack = new Uint8Array(nodes.length);
  const nextEdge = new Int32Array(nodes.length);
  const stack: number[] = [];
  const frames: number[] = [];
  const components: string[][] = [];
  let counter = 0;
  const enter = (node: number): void => {
    index[node] = low[node] = counter++;
    stack.push(node);
    onStack[node] = 1;
    frames.push(node);
  };
  for (let root = 0; root < nodes.length; root++) {
    if (index[root] !== -1) continue;
    enter(root);
    while (frames.length) {
      const node = frames[frames.length - 1]!;
      const edges = out[node]!;
      if (nextEdge[node]! < edges.length) {
        const successor = edges[nextEdge[node]!++]!;
        if (index[successor] === -1) enter(successor);
        else if (onStack[successor]) low[node] = Math.min(low[node]!, index[successor]!);
        continue;
      }
      frames.pop();
      if (frames.length) {
        const parent = frames[frames.length - 1]!;
        low[parent] = Math.min(low[parent]!, low[node]!);
      }
      if (low[node] === index[node]) {
        const component: string[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          component.push(nodes[member]!);
        } while (member !== node);
        components.push(component);
      }
    }
  }
  return components;
}

/** The shortest loop through `start` inside its component, as [start, ..., start]. */
export function shortestLoop(start: string, members: Set<string>, successors: Map<string, string[]>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  // The queue grows while it is read: a breadth-first walk.
  for (const node of queue) {
    for (const successor of successors.get(node) ?? []) {
      if (!members.has(successor)) continue;
      if (successor === start) {
        const path: string[] = [];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = previous.get(at)) path.push(at);
        return [start, ...path.reverse(), start];
      }
      if (!previous.has(successor)) {
        previous.set(successor, node);
        queue.push(successor);
      }
    }
  }
  return [start, start];
}

export interface Cycle {
  /** [A, B, ..., A]: B depends on A, and so on around the loop. */
  loop: string[];
  /** The statement of each step of the loop. */
  steps: StatedEdge[];
  /** Every task of the loop's strongly connected component: what the loop shown depends on. */
  members: string[];
}

export function findCycles(edges: StatedEdge[]): Cycle[] {
  const successors = new Map<string, string[]>();
  const byPair = new Map<string, StatedEdge>();
  for (const edge of edges) {
    successors.set(edge.from, [...(successors.get(edge.from) ?? []), edge.to]);
    byPair.set(`${edge.from}\0${edge.to}`, edge);
  }
  const nodes = [...new Set(edges.flatMap((edge) => [edge.from, edge.to]))];
  const cycles: Cycle[] = [];
  for (const component of stronglyConnected(nodes, successors)) {
    const selfLoop = component.length === 1 && byPair.has(`${component[0]}\0${component[0]}`);
    if (component.length < 2 && !selfLoop) continue;
    const start = component.reduce((smallest, id) => (compareIds(id, smallest) < 0 ? id : smallest));
    const loop = shortestLoop(start, new Set(component), successors);
    const steps = loop.slice(1).map((to, i) => byPair.get(`${loop[i]}\0${to}`)!);
    cycles.push({ loop, steps, members: component });
  }
  return cycles.sort((a, b) => compareIds(a.loop[0]!, b.loop[0]!));
}

function showLoop(keys: string[]): string {
  const loop = keys.map(displayId);
  if (loop.length <= 12) return loop.join(' → ');
  return `${loop.slice(0, 10).join(' → ')} → … → ${loop.at(-1)} (${loop.length - 1} tasks)`;
}

export default defineRule({
  id: 'dependency-cycle',
  meta: {
    type: 'problem',
    description: 'Disallow tasks that depend on each other in a loop',
    messages: {
      cycle: 'Dependency cycle {{loop}}: none of these tasks can start. Here {{to}} depends on {{from}}; {{rest}}.',
      selfLoop: '{{id}} depends on itself here.',
      step: '{{to}} depends on {{from}} here',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    defaultSeverity: 'error',
    docs: `## What it does

Builds one dependency graph from every active document (Dependencies columns of tables,
"Depends on:" fields, and \`A → B\` chains in text or mermaid code blocks, where B depends on A)
and reports each loop once, showing the shortest loop through it and where each step is stated.

A graph that repeats what the tables say adds nothing; one that points the other way closes a
loop, and this rule shows both statements. Archived and template documents are not part of the
graph. A loop through an ID used for two different tasks (see \`duplicate-task-id\`) is not
reported: its steps may belong to two tasks.

## Why is this bad?

Tasks in a loop can never start: each waits for another. Usually one of the statements is
stale or an arrow points the wrong way.

## Example

Incorrect, the table says TASK-41 needs TASK-40 while the graph says the reverse:

\`\`\`\`markdown file=plan.md
| Task ID | Description | Dependencies |
|---------|-------------|--------------|
| TASK-40 | Container registry | None |
| TASK-41 | Registry benchmarks | TASK-40 |

\`\`\`text
TASK-41 → TASK-40
\`\`\`
\`\`\`\`

Correct, the graph agrees with the table:

\`\`\`\`markdown file=plan.md
| Task ID | Description | Dependencies |
|---------|-------------|--------------|
| TASK-40 | Container registry | None |
| TASK-41 | Registry benchmarks | TASK-40 |

\`\`\`text
TASK-40 → TASK-41
\`\`\`
\`\`\`\`

## Options

None.
`,
  },
  // A loop depends on the statements of its steps, all about its tasks. Which tasks form a loop
  // depends on the whole graph, so the graph is always built whole.
  incremental: (doc: DocumentFacts, corpus: Corpus) =>
    edgesOf(corpus, doc).flatMap((edge) => {
      const keys = edgeKeys(corpus, doc, edge);
      return keys ? [taskKey(keys[0]), taskKey(keys[1])] : [];
    }),
  check(corpus, context) {
    const edges = context.only ? edgesReachedFrom(corpus, context.only, context) : statedEdges(corpus);
    for (const { loop, steps, members } of findCycles(edges)) {
      // A loop through an ID used for two tasks (duplicate-task-id) may join two tasks' edges.
      if (members.some((key) => isReusedId(key, corpus.mentions.get(key)))) continue;
      const [first, ...rest] = steps;
      const firstPlace = first!.places[0]!;
      const keys = members.map(taskKey);
      if (steps.length === 1) {
        context.report({ keys, messageId: 'selfLoop', data: { id: displayId(first!.from) }, at: firstPlace.at });
        continue;
      }
      context.report({
        keys,
        messageId: 'cycle',
        data: {
          loop: showLoop(loop),
          from: displayId(first!.from),
          to: displayId(first!.to),
          rest: `${rest
            .slice(0, 5)
            .map(
              (step) =>
                `${displayId(step.to)} depends on ${displayId(step.from)} at ${placeName(step.places[0]!.at, firstPlace.at.doc)}`,
            )
            .join(', ')}${rest.length > 5 ? ` and ${rest.length - 5} more steps` : ''}`,
        },
        at: firstPlace.at,
        // A loop of thousands of steps: the first ones show where to look.
        related: rest.slice(0, 10).map((step) => ({
          at: step.places[0]!.at,
          messageId: 'step',
          data: { from: displayId(step.from), to: displayId(step.to) },
        })),
      });
    }
  },
});
