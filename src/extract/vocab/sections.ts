/** Sections that tell the past: what they list or define is no statement of today. */
export const HISTORY_SECTION =
  /\b(?:history|changelog|change log|changes|revisions?|progress log|log|timeline|retrospective)\b/iu;
