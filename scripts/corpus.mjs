// `npm run corpus`: lints the real-world corpus (TypeScript sources shipped by the npm
// packages pinned as devDependencies, see scripts/lib/corpus.mjs) with the built plugin
// (`dist/`, run `npm run build` first) and `flat/strict`, one file at a time. Writes
// every report, grouped by rule, to corpus-report/<name>.md for review, prints a
// one-line summary, and exits 1 on any crash (rule exception or fatal parse error).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { packageOf, selectPackages, listSources, root, slug, writeCorpusTsconfig, packageVersion } from './lib/corpus.mjs';
import { corpusParserOptions, createCorpusESLint, lintEach, loadPlugin } from './lib/lint.mjs';

const HELP = `Usage: npm run corpus -- [options]

Lints the TypeScript sources of real npm packages (node_modules/<pkg>/src/**/*.ts)
with the built plugin (dist/: run \`npm run build\` first) and reports every finding.

Options:
  --config <name>     strict (default) or recommended: which asyncleak config
  --rules <a,b>       enable only these asyncleak rules (names without the prefix),
                      with the options the chosen config gives them
  --packages <x,y>    restrict the corpus (full names or suffixes: query-core,
                      client, server, toolkit, openai, effect)
  --ci                the CI subset: every package but effect
  --limit <n>         lint at most n files per package (quick smoke runs)
  --out <file>        review file (default: corpus-report/<config>[--rules][--packages].md)
  -q, --quiet         no progress output
  -h, --help          this help

Any folder of TypeScript sources (your own repository, or an application corpus):
  --dir <folder>      lint every .ts/.tsx below <folder> with recommended and strict in
                      one pass, with its tsconfig.json (or a generated one that types
                      the DOM, Node and React globals and leaves missing packages any);
                      writes a review file with each report in its surrounding lines
                      (for ../shared/apps and ../shared/apps-2: corpus/<name>/review.md,
                      under --ci corpus-report/dir-<name>.md) and, with verdicts, prints
                      issue 23's targets: recommended >= 90 % real and 0 false; of the
                      locations ever judged real, recommended still reports >= 80 % and
                      strict >= 90 %; strict 0 false
  --verdicts <file>   the verdicts to compare with (real / harmless / false): JSON keyed
                      "<rule> <file>:<line>:<col>", or TSV lines "config<TAB>rule<TAB>
                      file:line<TAB>verdict<TAB>reason" (a line judged in one config also
                      counts for the other when that one has no line of its own);
                      default for ../shared/apps: corpus/apps/verdicts.json, for
                      ../shared/apps-2: corpus/apps-2/verdicts.tsv
  --check             with --dir: also fail when a report is not judged or judged false,
                      or when a location judged real is no longer reported by any config
  --targets           with --dir: --check, and also fail when a target above is unmet
  --ci                with --dir: --check, and skip (exit 0) when the folder is absent
  --report-only       with --dir: compare as --check --targets does and print what it
                      would fail on (the full list, or with --quiet one line of
                      counts), but fail only on a crash; with --ci, skip when absent

Exit status: 0 when no file crashed (findings do not fail the run); 1 on any rule
exception or fatal parse error (or a failed --check or --targets); 2 on bad usage.`;

let args;
try {
  args = parseArgs({
    options: {
      config: { type: 'string', default: 'strict' },
      rules: { type: 'string' },
      packages: { type: 'string' },
      ci: { type: 'boolean', default: false },
      dir: { type: 'string' },
      verdicts: { type: 'string' },
      check: { type: 'boolean', default: false },
      targets: { type: 'boolean', default: false },
      'report-only': { type: 'boolean', default: false },
      limit: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (error) {
  console.error(`corpus: ${error.message}\n\n${HELP}`);
  process.exit(2);
}
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

function usage(message) {
  console.error(`corpus: ${message}`);
  process.exit(2);
}

if (args.dir) {
  const { runDir } = await import('./lib/dir-corpus-cli.mjs');
  process.exitCode = await runDir(args);
  process.exit();
}

for (const flag of ['verdicts', 'check', 'targets', 'report-only']) if (args[flag]) usage(`--${flag} needs --dir <folder>`);
if (!['strict', 'recommended'].includes(args.config)) usage(`--config must be strict or recommended, not "${args.config}"`);
let packages;
try {
  packages = selectPackages(args.packages, { ciOnly: args.ci });
} catch (error) {
  usage(error.message);
}
const limit = args.limit ? Number(args.limit) : Infinity;
if (!(limit > 0)) usage('--limit must be a positive number');

const plugin = loadPlugin();
const config = plugin.configs[`flat/${args.config}`];
const available = Object.keys(config.rules ?? {}).filter((r) => r.startsWith('asyncleak/'));
let ruleEntries = { ...config.rules };
if (args.rules) {
  const wanted = args.rules.split(',').map((r) => (r.startsWith('asyncleak/') ? r : `asyncleak/${r}`));
  const unknown = wanted.filter((r) => !available.includes(r));
  if (unknown.length) {
    usage(`not in dist/ flat/${args.config}: ${unknown.join(', ')} (built rules: ${available.join(', ') || 'none'}; run npm run build?)`);
  }
  ruleEntries = Object.fromEntries(wanted.map((r) => [r, config.rules[r]]));
}
const enabled = Object.keys(ruleEntries);

const files = packages.flatMap((name) => listSources(name).slice(0, limit));
const tsconfig = writeCorpusTsconfig(packages);
const parserOptions = corpusParserOptions({ tsconfig });
const eslint = createCorpusESLint({
  parserOptions,
  configs: [{ ...config, rules: ruleEntries }],
});

const started = Date.now();
const tty = process.stderr.isTTY && !args.quiet;
const { results, crashes } = await lintEach(eslint, files, {
  onProgress: (i, n) => {
    if (args.quiet) return;
    if (tty) process.stderr.write(`\rcorpus: ${i}/${n} files`);
    else if (i % 100 === 0 || i === n) process.stderr.write(`corpus: ${i}/${n} files\n`);
  },
});
if (tty) process.stderr.write('\n');
const seconds = (Date.now() - started) / 1000;

// Collect the findings: asyncleak reports; anything else (not fatal) is listed apart.
const byRule = new Map(enabled.map((r) => [r, []]));
const other = [];
const lines = new Map();
const sourceLine = (file, line) => {
  if (!lines.has(file)) lines.set(file, readFileSync(file, 'utf8').split(/\r?\n/));
  return (lines.get(file)[line - 1] ?? '').trim();
};
for (const result of results) {
  for (const m of result.messages) {
    if (m.fatal) continue;
    const { pkg, rel } = packageOf(result.filePath);
    const entry = { pkg, rel, line: m.line, column: m.column, message: m.message, source: sourceLine(result.filePath, m.line), suggestions: m.suggestions?.length ?? 0, fix: Boolean(m.fix) };
    if (m.ruleId?.startsWith('asyncleak/')) {
      if (!byRule.has(m.ruleId)) byRule.set(m.ruleId, []);
      byRule.get(m.ruleId).push(entry);
    } else {
      other.push({ ...entry, rule: m.ruleId ?? '(eslint)' });
    }
  }
}

// The review file.
const name =
  args.out ??
  path.join(
    'corpus-report',
    [args.config, args.rules ? args.rules.split(',').map((r) => r.replace(/^asyncleak\//, '')).join('+') : null, args.packages || args.ci ? (args.ci ? 'ci' : packages.map(slug).join('+')) : null, Number.isFinite(limit) ? `limit${limit}` : null]
      .filter(Boolean)
      .join('--') + '.md',
  );
const outFile = path.resolve(root, name);
mkdirSync(path.dirname(outFile), { recursive: true });
const md = [];
const totalReports = [...byRule.values()].reduce((n, list) => n + list.length, 0);
md.push(`# asyncleak corpus report: ${args.config}${args.rules ? ` (rules: ${args.rules})` : ''}`, '');
md.push(`Generated by \`npm run corpus\` on ${new Date().toISOString()}; ${results.length + crashes.filter((c) => c.kind === 'exception').length} files linted in ${seconds.toFixed(1)} s (typed: \`${path.relative(root, tsconfig)}\`).`, '');
md.push('| package | version | files |', '|---|---|---|');
for (const p of packages) md.push(`| ${p} | ${packageVersion(p)} | ${files.filter((f) => packageOf(f).pkg === p).length} |`);
md.push('', `Rules enabled: ${enabled.length ? enabled.map((r) => `\`${r}\``).join(', ') : 'none (no rule in dist/ yet)'}.`, '');
md.push('## Summary', '', '| rule | reports | files |', '|---|---|---|');
for (const [rule, list] of byRule) md.push(`| ${rule} | ${list.length} | ${new Set(list.map((e) => `${e.pkg}/${e.rel}`)).size} |`);
md.push(`| **crashes** | ${crashes.length} | ${new Set(crashes.map((c) => c.file)).size} |`, '');
if (crashes.length) {
  md.push('## Crashes', '');
  for (const c of crashes) {
    const { pkg, rel } = packageOf(c.file);
    md.push(`- **${c.kind}**${c.rule ? ` in \`${c.rule}\`` : ''}: \`${pkg}/${rel}\`: ${c.message}`);
    if (c.stack) md.push('', '  ```', ...c.stack.split('\n').map((l) => `  ${l}`), '  ```');
  }
  md.push('');
}
for (const [rule, list] of byRule) {
  md.push(`## ${rule} (${list.length})`, '');
  if (!list.length) md.push('No reports.', '');
  for (const e of list) {
    md.push(`- \`${e.pkg}/${e.rel}:${e.line}:${e.column}\` ${e.message}${e.fix ? ' [fix]' : ''}${e.suggestions ? ` [${e.suggestions} suggestion${e.suggestions > 1 ? 's' : ''}]` : ''}`);
    md.push(`  \`\`\`ts\n  ${e.source}\n  \`\`\``);
  }
  md.push('');
}
if (other.length) {
  md.push(`## Other messages (${other.length})`, '', 'Not asyncleak reports and not crashes (e.g. inline config in the corpus).', '');
  for (const e of other) md.push(`- \`${e.pkg}/${e.rel}:${e.line}\` ${e.rule}: ${e.message}`);
  md.push('');
}
writeFileSync(outFile, md.join('\n'));

// A full run leaves its summary for docs/benchmarks.md (npm run bench).
if (!args.rules && !args.packages && !args.ci && !Number.isFinite(limit) && !args.out) {
  mkdirSync(path.join(root, 'bench-results'), { recursive: true });
  writeFileSync(
    path.join(root, 'bench-results', 'corpus-summary.json'),
    `${JSON.stringify({ date: new Date().toISOString(), config: args.config, files: files.length, seconds, reports: totalReports, perRule: Object.fromEntries([...byRule].map(([r, l]) => [r, l.length])), crashes: crashes.length, report: path.relative(root, outFile) }, null, 2)}\n`,
  );
}

const perRule = [...byRule].map(([r, list]) => `${r.replace(/^asyncleak\//, '')}=${list.length}`).join(' ');
console.log(
  `corpus: ${args.config}, ${files.length} files (${packages.length} packages) in ${seconds.toFixed(1)} s; ${totalReports} reports${perRule ? ` (${perRule})` : ' (no asyncleak rule built yet)'}; ${crashes.length} crashes; review: ${path.relative(root, outFile)}`,
);
if (crashes.length) {
  for (const c of crashes.slice(0, 10)) console.error(`corpus: CRASH (${c.kind}${c.rule ? ` ${c.rule}` : ''}) ${path.relative(root, c.file)}: ${c.message}`);
  process.exitCode = 1;
}
