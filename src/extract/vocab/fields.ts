/**
 * The field lines of a task block, in one place for every reader:
 *
 *     ### Task 041: Replace the storage role
 *     **Status**: ❌ PENDING
 *     - **Priority:** HIGH
 *
 * Read from a line's plain text (emphasis already gone): "Status: ❌ PENDING".
 */
export type FieldName = 'status' | 'priority' | 'estimate' | 'dependencies' | 'id';

const LABELS: Record<FieldName, string[]> = {
  status: ['status', 'current status', 'state'],
  priority: ['priority'],
  estimate: [
    'estimated time',
    'estimated effort',
    'estimated duration',
    'time estimate',
    'estimate',
    'effort',
    'duration',
  ],
  dependencies: [
    'depends on',
    'dependencies',
    'dependency',
    'depends',
    'blocked by',
    'requires',
    'prerequisites',
    'prerequisite',
  ],
  id: ['id', 'task id'],
};

const NAME_OF = new Map<string, FieldName>(
  (Object.entries(LABELS) as [FieldName, string[]][]).flatMap(([name, labels]) =>
    labels.map((label) => [label, name] as [string, FieldName]),
  ),
);

const alternatives = [...NAME_OF.keys()].sort((a, b) => b.length - a.length).join('|');

/** "Status: ✅ DONE", "✅ Status: done": the label, a colon, the value (which may be empty, over a list). */
export const FIELD_LINE = new RegExp(`^[^\\p{L}\\p{N}]*(${alternatives})\\s*[*_]*\\s*:\\s*[*_]*\\s*(.*)$`, 'iu');

export interface FieldLine {
  name: FieldName;
  label: string;
  /** What follows the colon, to the end of the line. */
  value: string;
  /** Where the value starts in the line. */
  valueIndex: number;
}

export function readFieldLine(line: string): FieldLine | undefined {
  const match = FIELD_LINE.exec(line);
  if (!match) return undefined;
  const label = match[1]!;
  const value = match[2]!;
  return {
    name: NAME_OF.get(label.toLowerCase().replace(/\s+/g, ' '))!,
    label,
    value,
    valueIndex: line.length - value.length,
  };
}

/** A status field that states a condition or a plan rather than today's status: "Starts once TASK-6 is complete". */
export const STATUS_CONDITION =
  /(?<![\p{L}])(?:after|once|when|until|unless|if|will|would|should|expected|scheduled)(?![\p{L}])/iu;
