import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import { ruleDocsUrl, VERSION } from '../package-info.js';
import { ruleDocument } from '../rule-docs.js';
import type { Rule } from '../rule.js';
import type { Diagnostic, Place } from '../types.js';

/** Relative to the run's `%SRCROOT%` (the working directory) where possible, as code scanning wants. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(cwd, file);
  if (relative && !relative.startsWith('..') && !path.isAbsolute(relative))
    return { uri: relative.split(path.sep).join('/'), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(file).href };
}

function location(place: Place, cwd: string, message?: string, id?: number): Location {
  const { start, end } = place.range;
  return {
    ...(id !== undefined ? { id } : {}),
    physicalLocation: {
      artifactLocation: artifactLocation(place.file, cwd),
      region: {
        startLine: start.line,
        startColumn: start.column,
        endLine: end.line,
        // SARIF's end column is exclusive and a region is never empty.
        endColumn: Math.max(end.column, end.line === start.line ? start.column + 1 : 1),
      },
    },
    ...(message ? { message: { text: message } } : {}),
  };
}

/** The first paragraph of the docs' "What it does", for `fullDescription`. */
function whatItDoes(rule: Rule): string {
  const section = /## What it does\s+([\s\S]*?)(?:\n\s*\n|$)/.exec(rule.meta.docs);
  return section?.[1] ? section[1].replace(/\s+/g, ' ').trim() : `${rule.meta.description}.`;
}

/** SARIF message text: brackets are escaped because the text embeds links to related locations. */
function escapeMessage(text: string): string {
  return text.replace(/[\\[\]]/g, (c) => `\\${c}`);
}

function displayName(file: string, cwd: string): string {
  const { uri } = artifactLocation(file, cwd);
  return uri.startsWith('file:') ? file : uri;
}

/**
 * SARIF 2.1.0: each rule's metadata (id, descriptions, help, link to its docs) in the tool
 * driver; each finding with its other places as `relatedLocations`, linked from its message so
 * that code scanning shows them.
 */
export function formatSarif(diagnostics: Diagnostic[], { cwd, rules }: { cwd: string; rules: Rule[] }): string {
  const descriptors: ReportingDescriptor[] = rules.map((rule) => ({
    id: rule.id,
    name: rule.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: `${rule.meta.description}.` },
    fullDescription: { text: whatItDoes(rule) },
    help: { text: rule.meta.docs.trim(), markdown: ruleDocument(rule) },
    helpUri: ruleDocsUrl(rule.id),
    defaultConfiguration: { level: rule.meta.defaultSeverity === 'error' ? 'error' : 'warning' },
    properties: { tags: [rule.meta.type] },
  }));
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const results: Result[] = diagnostics.map((d) => {
    const links = d.related.map((r, i) => `[${displayName(r.file, cwd)}:${r.range.start.line}](${i + 1})`);
    return {
      ruleId: d.ruleId,
      ...(index.has(d.ruleId) ? { ruleIndex: index.get(d.ruleId)! } : {}),
      level: d.severity === 'error' ? 'error' : 'warning',
      message: { text: links.length ? `${escapeMessage(d.message)} (see ${links.join(', ')})` : d.message },
      locations: [location(d, cwd)],
      ...(d.related.length
        ? {
            relatedLocations: d.related.map((r, i) =>
              location(r, cwd, r.message || 'other place of this finding', i + 1),
            ),
          }
        : {}),
    };
  });
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tasklint',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: 'https://github.com/tasklint/tasklint',
            rules: descriptors,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
