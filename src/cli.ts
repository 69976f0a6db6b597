#!/usr/bin/env node
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SeverityInput } from './config.js';

const HELP = `Usage: tasklint [options] [paths...]
       tasklint facts [paths...] [--json]

Cross-check the task lists of a planning folder and report their contradictions.
A directory means every Markdown file below it (honouring .gitignore and the
config's include/exclude); a file named explicitly is linted whatever its extension.

Options:
  -f, --format NAME        stylish (default), json, sarif, github
  -o, --output-file FILE   write the report to FILE instead of standard output
                           (its folders are created)
  -c, --config FILE        use this config file instead of searching for one
      --report-only FILE   lint the whole corpus, report only findings touching FILE,
                           each at its place there (repeatable; the pre-commit hook
                           passes the staged files)
      --hook               the paths are files to report on (pre-commit's staged files):
                           lint the planning folder around them (the config's folder,
                           else the git repository), report findings touching them
      --lsp                run the language server over stdio (--stdio is accepted)
      --fix                fix what can be derived (counts, totals, percentages,
                           durations, anchors, moved links, mojibake) and report what is left
      --fix-dry-run        print the fixes as a unified diff, write nothing
      --fix-type TYPE      fix only findings of rules of this type: problem, suggestion,
                           layout (repeatable or comma-separated)
      --fix-rule RULE      fix only findings of this rule (repeatable or comma-separated)
      --quiet              report errors only (with --fix, fix errors only)
      --max-warnings N     exit 1 when there are more than N warnings
      --report-unused-disable-directives
                           report each tasklint-disable comment that silences
                           nothing, as an error
      --report-unused-disable-directives-severity SEVERITY
                           the same, as off, warn or error (0, 1, 2)
      --no-error-on-unmatched-pattern
                           a path or config that lints no file passes (exit 0)
                           instead of exiting 2
      --cache              reuse facts of unchanged files between runs
      --cache-location DIR where the cache lives (default node_modules/.cache/tasklint
                           of the Node project around, else the user's cache folder)
      --no-cache           read and write no cache (not even the one --hook keeps)
      --print-config       print the effective config (every rule's severity and
                           options) and exit
      --explain RULE       print a rule's documentation and exit
      --rules              list the rules and exit
      --color, --no-color  force colours on or off
  -v, --version            print the version
  -h, --help               print this help

Exit codes: 0 no errors (warnings allowed), 1 errors found or too many warnings,
2 usage, config or internal error, or no file to lint.`;

const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

function fail(message: string): never {
  process.stderr.write(`tasklint: ${message}\n`);
  process.exit(2);
}

/**
 * parseArgs' messages in tasklint's words, the option quoted as typed: Node's own say
 * `'-- "--bogus"` with unbalanced quotes, and advise `--` for what is a typo.
 */
async function usageMessage(error: NodeJS.ErrnoException, argv: string[]): Promise<string> {
  const option = /^(?:Unknown option|Option) '([^']+)'/.exec(error.message)?.[1];
  if (!option) return error.message;
  const long = option
    .split(', ')
    .at(-1)!
    .replace(/ <value>$/, '');
  const typed = argv.find((arg) => arg.startsWith(`${long}=`));
  const asTyped = typed ? ` (in "${typed}")` : '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const { didYouMean } = await import('./suggest.js');
      // The options the help lists are those a user may have meant.
      const known = [...new Set(HELP.match(/--[a-z][a-z-]*/g))];
      return `unknown option "${long}"${asTyped}${long.startsWith('--') ? didYouMean(long, known) : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return error.message.includes(' does not take an argument')
        ? `option "${long}" takes no value${asTyped}`
        : `option "${long}" needs a value`;
    default:
      return error.message;
  }
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'output-file': { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        'report-only': { type: 'string', multiple: true },
        hook: { type: 'boolean' },
        lsp: { type: 'boolean' },
        stdio: { type: 'boolean' },
        quiet: { type: 'boolean' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        'fix-type': { type: 'string', multiple: true },
        'fix-rule': { type: 'string', multiple: true },
        'max-warnings': { type: 'string' },
        'no-error-on-unmatched-pattern': { type: 'boolean' },
        'report-unused-disable-directives': { type: 'boolean' },
        'report-unused-disable-directives-severity': { type: 'string' },
        cache: { type: 'boolean' },
        'no-cache': { type: 'boolean' },
        'cache-location': { type: 'string' },
        'print-config': { type: 'boolean' },
        explain: { type: 'string' },
        rules: { type: 'boolean' },
        json: { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fail(`${await usageMessage(error as NodeJS.ErrnoException, argv)}\nRun "tasklint --help" for usage.`);
  }
  const { values, positionals } = parsed;
  const cwd = process.cwd();

  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.version) {
    const { VERSION } = await import('./package-info.js');
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }

  if (values.lsp) {
    const { startServer } = await import('./lsp/server.js');
    // As the pre-commit hook: the cache by default, where --cache-location says, none with --no-cache.
    startServer(process.stdin, process.stdout, {
      cache: values['no-cache']
        ? false
        : values['cache-location'] !== undefined
          ? { location: values['cache-location'] }
          : true,
    });
    return -1;
  }

  const format = (values.format ?? 'stylish') as Format;
  if (!FORMATS.includes(format)) fail(`unknown format "${values.format}"; use one of ${FORMATS.join(', ')}`);
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0)
      fail(`--max-warnings needs a whole number, got "${values['max-warnings']}"`);
  }

  // As in ESLint: the flag reports them as errors, the severity option at the severity it gives.
  const unusedSeverity = values['report-unused-disable-directives-severity'];
  const unusedDirectives = unusedSeverity ?? (values['report-unused-disable-directives'] ? 'error' : undefined);
  if (unusedSeverity !== undefined && !/^(off|warn|warning|error|[012])$/i.test(unusedSeverity)) {
    fail(`--report-unused-disable-directives-severity needs off, warn or error (or 0, 1, 2), got "${unusedSeverity}"`);
  }

  // --cache-location implies --cache; the pre-commit hook (--hook) caches by default; --no-cache beats both.
  const cache = values['no-cache']
    ? false
    : values['cache-location'] !== undefined
      ? { location: values['cache-location'] }
      : Boolean(values.cache) || Boolean(values.hook);
  const lints = values.explain === undefined && !values.rules && !values['print-config'];
  if (cache && lints) {
    // A cached run parses the files that changed, if any: a thread starts loading the parser
    // now, before the rest of tasklint loads here, so that it is ready by the time they are known.
    const [{ cacheLocation }, pool] = await Promise.all([import('./cache.js'), import('./workers/pool.js')]);
    const location = cacheLocation(cache, cwd);
    if (location && existsSync(location)) pool.startThreadAhead();
  }

  // Loaded together, in one go of the module loader.
  const [{ ConfigError }, { UsageError }, lintModule] = await Promise.all([
    import('./config.js'),
    import('./discover.js'),
    lints ? import('./lint.js') : undefined,
  ]);
  try {
    if (values.explain !== undefined || values.rules) {
      const { loadRules } = await import('./engine.js');
      const rules = await loadRules();
      if (values.rules) {
        for (const rule of rules)
          process.stdout.write(
            `${rule.id.padEnd(26)} ${rule.meta.defaultSeverity.padEnd(8)} ${rule.meta.description}\n`,
          );
        return 0;
      }
      const rule = rules.find((candidate) => candidate.id === values.explain);
      if (!rule) {
        const ids = rules.map((r) => r.id);
        const { didYouMean } = await import('./suggest.js');
        fail(
          `no rule named "${values.explain}"${didYouMean(values.explain!, ids) || `; known rules: ${ids.join(', ')}`}`,
        );
      }
      const { ruleDocument } = await import('./rule-docs.js');
      process.stdout.write(ruleDocument(rule));
      return 0;
    }

    const { resolveLoadedConfig, buildCorpus, lint } = lintModule ?? (await import('./lint.js'));
    const [command, ...rest] = positionals;
    const linted = command === 'facts' ? rest : values.hook ? [] : positionals;
    const loaded = resolveLoadedConfig({ cwd, paths: linted, ...(values.config ? { configFile: values.config } : {}) });
    if (values['print-config']) {
      // Every rule, as it runs: its severity and options, the defaults filled in; a bad option is a config error here too.
      const { activeRules, effectiveRules, loadRules } = await import('./engine.js');
      const rules = await loadRules();
      activeRules(rules, loaded.config);
      const effective = Object.fromEntries(
        effectiveRules(rules, loaded.config).map(({ rule, setting, options }) => [rule.id, [setting, options]]),
      );
      process.stdout.write(
        `${JSON.stringify({ ...(loaded.file ? { configFile: loaded.file } : {}), ...loaded.config, rules: effective }, null, 2)}\n`,
      );
      return 0;
    }

    const printWarning = (message: string) => process.stderr.write(`tasklint: warning: ${message}\n`);

    if (command === 'facts') {
      const { formatFacts } = await import('./report/facts.js');
      const corpus = await buildCorpus(rest.length ? rest : ['.'], cwd, loaded, { cache, onWarning: printWarning });
      process.stdout.write(formatFacts(corpus, { json: Boolean(values.json), cwd }));
      return 0;
    }

    let inputs: { paths: string[]; reportOnly?: string[] | undefined; configFile?: string | undefined } = {
      paths: positionals.length ? positionals : ['.'],
      reportOnly: values['report-only'],
      configFile: values.config,
    };
    if (values.hook) {
      const { hookInputs } = await import('./adapters/pre-commit.js');
      inputs = hookInputs(positionals, cwd, values.config);
    }
    // The reporter loads while the folder is linted, not after.
    const reporter = REPORTERS[format]();
    reporter.catch(() => undefined);
    const lintOptions = {
      paths: inputs.paths,
      cwd,
      ...(inputs.configFile ? { configFile: inputs.configFile } : {}),
      ...(inputs.reportOnly ? { reportOnly: inputs.reportOnly } : {}),
      cache,
      // A gate that lints nothing must not pass unnoticed; the hook is handed whatever Markdown
      // is staged, and a staged file outside the planning folder is none of tasklint's business.
      errorOnUnmatchedPattern: !values['no-error-on-unmatched-pattern'] && !values.hook,
      // A string as typed ("2", "Warn"): lint() reads it as a config's severity.
      ...(unusedDirectives ? { reportUnusedDisableDirectives: unusedDirectives as SeverityInput } : {}),
    };
    const fixing = fixRequest(values);
    const texts = new Map<string, Buffer>();
    let fixed: import('./fix.js').FixResult | undefined;
    if (fixing) {
      const { fixFolder } = await import('./fix.js');
      fixed = await fixFolder({ ...lintOptions, ...fixing, errorsOnly: Boolean(values.quiet) });
      for (const problem of fixed.problems) printWarning(problem);
    }
    const result =
      fixed?.result ??
      (await lint({
        ...lintOptions,
        ...(format === 'json' ? { onRead: (file: string, bytes: Buffer) => texts.set(file, bytes) } : {}),
      }));
    for (const warning of result.warnings) printWarning(warning);
    let diagnostics = result.diagnostics;
    if (values.quiet) diagnostics = diagnostics.filter((d) => d.severity === 'error');

    const color = values['no-color']
      ? false
      : values.color
        ? true
        : process.stdout.isTTY && !process.env.NO_COLOR && !values['output-file'];
    let output: string;
    switch (format) {
      case 'json': {
        const { formatJson } = (await reporter) as typeof import('./report/json.js');
        const outputs = new Map((fixed?.files ?? []).map((file) => [file.file, file.after]));
        const textOf = (file: string): string | undefined =>
          outputs.get(file) ??
          (texts.has(file)
            ? texts
                .get(file)!
                .toString('utf8')
                .replace(/^\uFEFF/, '')
            : undefined);
        const formatOf = (file: string) => result.corpus.byFile.get(file)?.format;
        output = `${formatJson(result.files, diagnostics, { textOf, outputs, formatOf })}\n`;
        break;
      }
      case 'sarif': {
        const { formatSarif } = (await reporter) as typeof import('./report/sarif.js');
        output = `${formatSarif(diagnostics, { cwd, rules: await (await import('./engine.js')).loadRules() })}\n`;
        break;
      }
      case 'github': {
        const { formatGithub } = (await reporter) as typeof import('./report/github.js');
        const { corpus } = result;
        output = formatGithub(diagnostics, {
          cwd,
          // Known changed files: each finding is annotated at its places in them.
          ...(inputs.reportOnly
            ? {
                changedFiles: inputs.reportOnly,
                nameOf: (file: string) => corpus.byFile.get(file)?.relPath ?? path.relative(corpus.root, file),
              }
            : {}),
        });
        break;
      }
      default: {
        const { formatStylish } = (await reporter) as typeof import('./report/stylish.js');
        output = formatStylish(diagnostics, { cwd, color });
      }
    }
    if (fixed && !fixing?.write && format !== 'json') {
      const { formatFixDiff } = await import('./fix.js');
      output = `${await formatFixDiff(fixed.files)}${output}`;
    }
    if (values['output-file']) {
      const target = path.resolve(cwd, values['output-file']);
      try {
        // As ESLint does: `-o reports/ci/tasklint.sarif` in a fresh checkout.
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, output);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        fail(
          `cannot write ${values['output-file']}: ${code === 'EEXIST' || code === 'ENOTDIR' ? 'a folder on its path is a file' : (code ?? (error as Error).message)}`,
        );
      }
    } else {
      process.stdout.write(output);
    }
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.warningCount;
    if (errors > 0) return 1;
    if (maxWarnings >= 0 && warnings > maxWarnings) {
      process.stderr.write(`tasklint found too many warnings (maximum: ${maxWarnings}).\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) fail(error.message);
    throw error;
  }
}

/** `--fix`, `--fix-dry-run` and what narrows them, checked as ESLint checks them. */
function fixRequest(values: {
  fix?: boolean;
  'fix-dry-run'?: boolean;
  'fix-type'?: string[];
  'fix-rule'?: string[];
}): { write: boolean; fixTypes?: ('problem' | 'suggestion' | 'layout')[]; fixRules?: string[] } | undefined {
  const split = (list: string[] | undefined) =>
    list
      ?.flatMap((item) => item.split(','))
      .map((item) => item.trim())
      .filter(Boolean);
  const types = split(values['fix-type']);
  const rules = split(values['fix-rule']);
  if (values.fix && values['fix-dry-run']) fail('--fix and --fix-dry-run cannot be used together');
  if (!values.fix && !values['fix-dry-run']) {
    if (types || rules) fail(`${types ? '--fix-type' : '--fix-rule'} needs --fix or --fix-dry-run`);
    return undefined;
  }
  const known = ['problem', 'suggestion', 'layout'];
  for (const type of types ?? [])
    if (!known.includes(type)) fail(`unknown --fix-type "${type}"; use ${known.join(', ')}`);
  return {
    write: Boolean(values.fix),
    ...(types ? { fixTypes: types as ('problem' | 'suggestion' | 'layout')[] } : {}),
    ...(rules ? { fixRules: rules } : {}),
  };
}

const REPORTERS = {
  json: () => import('./report/json.js'),
  sarif: () => import('./report/sarif.js'),
  github: () => import('./report/github.js'),
  stylish: () => import('./report/stylish.js'),
} as const;

// `tasklint facts | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    const detail = process.env.DEBUG?.includes('tasklint')
      ? `\n${(error as Error).stack}`
      : '\n(set DEBUG=tasklint for the stack trace, and please report it)';
    process.stderr.write(`tasklint: internal error: ${(error as Error).message}${detail}\n`);
    process.exitCode = 2;
  },
);
