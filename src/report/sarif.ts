import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result, Location } from 'sarif';
import { ruleDocsUrl, VERSION } from '../package-info.js';
import type { Rule } from '../rule.js';
import type { Diagnostic, Place } from '../types.js';

function artifactUri(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : pathToFileURL(file).href;
}

function location(place: Place, cwd: string, message?: string, id?: number): Location {
  return {
    ...(id !== undefined ? { id } : {}),
    physicalLocation: {
      artifactLocation: { uri: artifactUri(place.file, cwd), ...(path.isAbsolute(artifactUri(place.file, cwd)) || artifactUri(place.file, cwd).startsWith('file:') ? {} : { uriBaseId: '%SRCROOT%' }) },
      region: {
        startLine: place.range.start.line,
        startColumn: place.range.start.column,
        endLine: place.range.end.line,
        endColumn: Math.max(place.range.end.column, place.range.start.line === place.range.end.line ? place.range.start.column + 1 : 1),
      },
    },
    ...(message ? { message: { text: message } } : {}),
  };
}

/** SARIF 2.1.0: the rules' metadata in the tool driver, each contradiction's other places as relatedLocations. */
export function formatSarif(diagnostics: Diagnostic[], { cwd, rules }: { cwd: string; rules: Rule[] }): string {
  const descriptors: ReportingDescriptor[] = rules.map((rule) => ({
    id: rule.id,
    name: rule.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: `${rule.meta.description}.` },
    fullDescription: { text: `${rule.meta.description}.` },
    help: { text: rule.meta.docs, markdown: rule.meta.docs },
    helpUri: ruleDocsUrl(rule.id),
    defaultConfiguration: { level: rule.meta.defaultSeverity === 'error' ? 'error' : 'warning' },
    properties: { tags: [rule.meta.type] },
  }));
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const results: Result[] = diagnostics.map((d) => ({
    ruleId: d.ruleId,
    ...(index.has(d.ruleId) ? { ruleIndex: index.get(d.ruleId)! } : {}),
    level: d.severity === 'error' ? 'error' : 'warning',
    message: { text: d.message },
    locations: [location(d, cwd)],
    ...(d.related.length ? { relatedLocations: d.related.map((r, i) => location(r, cwd, r.message || 'related place', i + 1)) } : {}),
  }));
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
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(cwd).href}/` } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
