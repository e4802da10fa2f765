// `npm run bench`: what a user pays for the plugin, on the library corpus
// (scripts/lib/corpus.mjs) and the two application corpora beside the project
// (../shared/apps, ../shared/apps-2), each staged as a user's project so that
// typescript-eslint's project service finds its tsconfig. Every run is a fresh child
// process, with Node's default heap limit, as a user's `eslint` is.
//
// What users pay: typescript-eslint's `recommendedTypeChecked` alone (e) and with the
// plugin's `strict` config on top (f), alternated in every repetition on every corpus;
// the overhead is the median of the per-repetition ratios (f)/(e) of wall time and of
// peak memory (maximum RSS). Standalone, on the library corpus: the plugin's `strict`
// rules alone (b) against `@typescript-eslint/no-floating-promises` alone (c), each
// with ESLint's `stats: true`, as the ratio of the rules' own times.
//
// `--profile <rule>`: one run with only that rule under --cpu-prof, and the time spent
// in each plugin function and in the TypeScript checker calls it makes.
// `--plugin <dir>`: measure the build in another checkout (e.g. a worktree of an older
// commit, built), to take "before" figures with this script.
// `--baseline <json>`: a bench-results file whose figures the page shows as "before".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { PACKAGES, packageVersion, require, root, selectPackages, stageCorpus } from './lib/corpus.mjs';
import { APPS2_DIR, APPS_DIR } from './lib/dir-corpus-cli.mjs';
import { stageDir } from './lib/dir-corpus.mjs';

import { CONFIGURATIONS, describeDecision, pairRatios, summarize, TARGETS } from './lib/bench-report.mjs';
import { TS_FILES } from './lib/lint.mjs';

const HELP = `Usage: npm run bench -- [options]

What adding asyncleak's strict config costs a project that runs typescript-eslint's
recommendedTypeChecked (wall time and peak memory, fresh processes, alternated), on
the library corpus and the application corpora; and, standalone on the library
corpus, the plugin's rules against @typescript-eslint/no-floating-promises.

Options:
  --quick              a small library corpus (@tanstack/query-core + @trpc/client), 1
                       repetition, no application corpora; writes nothing unless --write
  --reps <n>           repetitions (default 3; --quick 1)
  --corpora <a,b>      which corpora: library, apps, apps-2 (default: all that exist)
  --no-standalone      skip the standalone runs (b) and (c) on the library corpus
  --setup-stats        also run (f) with ESLint stats: each rule's own time in the setup
  --plugin <dir>       load the plugin from <dir>/dist (another checkout, built)
  --baseline <json>    show that bench-results file's figures as "before" on the page
  --write / --no-write write docs/benchmarks.md and docs/benchmarks.svg
                       (default: write unless --quick or --plugin)
  --render             no runs: rewrite docs/ from the newest full bench-results/*.json
  --profile <rule>     profile one asyncleak rule alone (cpu profile) on the --quick
                       corpus and print where its time goes
  --variant <spec>     (investigation) run one configuration once per corpus and print
                       its wall, peak RSS and, with --heap, the heap left after a full GC;
                       spec: parts joined by "+": typed, nfp, strict, rule:<name>
  --heap               with --variant: report the heap still used after linting and a GC
  -h, --help           this help`;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    reps: { type: 'string' },
    corpora: { type: 'string' },
    standalone: { type: 'boolean', default: true },
    'no-standalone': { type: 'boolean', default: false },
    'setup-stats': { type: 'boolean', default: false },
    plugin: { type: 'string' },
    baseline: { type: 'string' },
    write: { type: 'boolean' },
    'no-write': { type: 'boolean', default: false },
    render: { type: 'boolean', default: false },
    profile: { type: 'string' },
    variant: { type: 'string' },
    heap: { type: 'boolean', default: false },
    child: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

// ---------------------------------------------------------------- child process
if (args.child) {
  const { spec, dir, stats, plugin: pluginRoot } = JSON.parse(args.child);
  // Time spent in garbage collection, by kind (minor: scavenges of new objects; major:
  // mark-compact of the whole heap, the cost that grows as the heap nears its limit).
  const gc = { minor: 0, major: 0, incremental: 0, weakcb: 0 };
  const { PerformanceObserver, constants } = await import('node:perf_hooks');
  const GC_KINDS = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb' };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gc[GC_KINDS[entry.detail?.kind] ?? 'major'] += entry.duration;
  }).observe({ entryTypes: ['gc'] });
  const started = performance.now();
  const { ESLint } = require('eslint');
  const parser = require('@typescript-eslint/parser');
  const parserOptions = { projectService: true, tsconfigRootDir: dir };
  const configs = [{ files: TS_FILES, languageOptions: { parser, parserOptions }, linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' } }];
  const parts = spec ? spec.split('+') : [];
  const tseslint = parts.some((p) => p === 'typed' || p === 'nfp') ? require('typescript-eslint') : null;
  if (parts.includes('nfp')) {
    configs.push({ files: TS_FILES, plugins: { '@typescript-eslint': tseslint.plugin }, rules: { '@typescript-eslint/no-floating-promises': 'error' } });
  }
  if (parts.includes('typed')) {
    for (const config of tseslint.configs.recommendedTypeCheckedOnly) configs.push({ ...config, files: TS_FILES });
  }
  const only = parts.filter((p) => p.startsWith('rule:')).map((p) => `asyncleak/${p.slice(5)}`);
  if (parts.includes('strict') || only.length) {
    const plugin = createRequire(path.join(pluginRoot, 'package.json'))(pluginRoot);
    const strict = plugin.configs['flat/strict'];
    const rules = parts.includes('strict') ? strict.rules : Object.fromEntries(only.map((rule) => [rule, strict.rules[rule]]));
    configs.push({ ...strict, rules }, { files: TS_FILES, languageOptions: { parserOptions } });
  }
  const enabledRules = new Set(configs.flatMap((config) => Object.keys(config.rules ?? {})));
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: configs, stats, cache: false });
  const results = await eslint.lintFiles(['.']);
  const wall = performance.now() - started;
  const rules = {};
  let fatal = 0;
  let reports = 0;
  for (const result of results) {
    fatal += result.messages.filter((m) => m.fatal).length;
    // Only the configured rules' findings: the sources' own `eslint-disable` comments
    // for rules not loaded here add "Definition for rule … was not found" messages.
    reports += result.messages.filter((m) => !m.fatal && enabledRules.has(m.ruleId)).length;
    for (const pass of result.stats?.times.passes ?? []) {
      for (const [rule, t] of Object.entries(pass.rules ?? {})) rules[rule] = (rules[rule] ?? 0) + t.total;
    }
  }
  await new Promise((resolve) => setImmediate(resolve)); // let the observer see the last GCs
  let heapAfter;
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    globalThis.gc();
    heapAfter = process.memoryUsage().heapUsed;
  }
  const maxRSS = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`\n${JSON.stringify({ wall, maxRSS, heapAfter, gc, files: results.length, fatal, reports, rules })}\n`);
  process.exit(0);
}

// ---------------------------------------------------------------- parent
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const { renderDoc, renderSvg } = await import('./lib/bench-report.mjs');
const resultsDir = path.join(root, 'bench-results');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const writeDocs = (saved) => {
  writeFileSync(path.join(root, 'docs', 'benchmarks.svg'), renderSvg(saved));
  writeFileSync(path.join(root, 'docs', 'benchmarks.md'), renderDoc(saved));
};
if (args.render) {
  const latest = readdirSync(resultsDir).filter((f) => /^\d.*Z\.json$/.test(f)).sort().pop();
  if (!latest) throw new Error('no bench-results/*.json to render: run npm run bench first');
  writeDocs(readJson(path.join(resultsDir, latest)));
  console.log(`bench: rendered docs/benchmarks.md and docs/benchmarks.svg from bench-results/${latest}`);
  process.exit(0);
}

const pluginRoot = path.resolve(args.plugin ?? root);
if (!existsSync(path.join(pluginRoot, 'dist', 'index.js'))) throw new Error(`bench: ${path.relative(root, pluginRoot) || '.'}/dist is missing: build it first`);

if (args.profile) {
  const { profileRule } = await import('./lib/profile.mjs');
  const staged = stageCorpus(selectPackages('query-core,@trpc/client,@trpc/server'), path.join(root, '.tmp', 'bench-profile'));
  await profileRule({ rule: args.profile.replace(/^asyncleak\//, ''), dir: staged.dir, files: staged.files.length, script: path.join(root, 'scripts', 'bench.mjs'), plugin: pluginRoot });
  process.exit(0);
}

// ---------------------------------------------------------------- corpora
const wanted = new Set((args.corpora ?? (args.quick ? 'library' : 'library,apps,apps-2')).split(','));
const corpora = [];
if (wanted.has('library')) {
  const packages = selectPackages(args.quick ? 'query-core,@trpc/client' : PACKAGES.map((p) => p.name).join(','));
  const staged = stageCorpus(packages, path.join(root, '.tmp', 'bench-library'));
  corpora.push({ id: 'library', label: 'library corpus', packages, dir: staged.dir, files: staged.files.length, standalone: args.standalone && !args['no-standalone'] });
}
for (const [id, source] of [['apps', APPS_DIR], ['apps-2', APPS2_DIR]]) {
  if (!wanted.has(id)) continue;
  if (!existsSync(source)) {
    console.log(`bench: skipped ${id}: ${path.relative(root, source)} is absent`);
    continue;
  }
  const staged = stageDir(source, path.join(root, '.tmp', `bench-${id}`));
  corpora.push({ id, label: `application corpus ${path.relative(path.dirname(root), source).replace(/^shared\//, '../shared/')}`, dir: staged.dir, files: staged.files.length, standalone: false });
}

function runChild(spec, dir, { stats = false, heap = false } = {}, retry = true) {
  const child = spawnSync(process.execPath, [...(heap ? ['--expose-gc'] : []), path.join(root, 'scripts', 'bench.mjs'), '--child', JSON.stringify({ spec, dir, stats, plugin: pluginRoot })], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) {
    // dist/ may be rebuilt by someone else while a child loads it: one retry.
    if (retry) return runChild(spec, dir, { stats, heap }, false);
    throw new Error(`bench child (${spec || 'no rules'}) failed (status ${child.status}, signal ${child.signal}${child.error ? `, ${child.error.message}` : ''}):\n${child.stderr}`);
  }
  const out = JSON.parse(child.stdout.trim().split('\n').pop());
  if (out.fatal) throw new Error(`bench child (${spec}) had ${out.fatal} fatal parse errors: the measurement would be wrong`);
  return out;
}

const fmt = (r) => `${(r.wall / 1000).toFixed(1)} s (GC: major ${(r.gc.major / 1000).toFixed(1)} s, incremental ${(r.gc.incremental / 1000).toFixed(1)} s, minor ${(r.gc.minor / 1000).toFixed(1)} s), ${(r.maxRSS / 2 ** 20).toFixed(0)} MiB${r.heapAfter ? `, heap after GC ${(r.heapAfter / 2 ** 20).toFixed(0)} MiB` : ''}, ${r.reports} reports`;

if (args.variant) {
  for (const corpus of corpora) {
    const r = runChild(args.variant, corpus.dir, { heap: args.heap });
    console.log(`bench: ${corpus.id} (${corpus.files} files) ${args.variant}: ${fmt(r)}`);
  }
  process.exit(0);
}

// ---------------------------------------------------------------- runs
const reps = Number(args.reps ?? (args.quick ? 1 : 3));
const runs = corpora.map(() => ({ e: [], f: [], bStats: [], cStats: [], fStats: [] }));
console.log(`bench: ${corpora.map((c) => `${c.id} ${c.files} files`).join(', ')}; ${reps} repetition${reps === 1 ? '' : 's'}; plugin from ${path.relative(root, pluginRoot) || '.'}`);
for (let rep = 0; rep < reps; rep++) {
  for (const [i, corpus] of corpora.entries()) {
    // Alternate which of a pair runs first, so drift in machine load spreads over both.
    const pair = (a, b) => (rep % 2 ? [b, a] : [a, b]);
    for (const v of pair('e', 'f')) {
      const r = runChild(CONFIGURATIONS[v].spec, corpus.dir);
      runs[i][v].push(r);
      process.stderr.write(`bench: rep ${rep + 1}/${reps} ${corpus.id} (${v}): ${fmt(r)}\n`);
    }
    const statRuns = [...(corpus.standalone ? pair('b', 'c') : []), ...(args['setup-stats'] ? ['f'] : [])];
    for (const v of statRuns) {
      const r = runChild(CONFIGURATIONS[v].spec, corpus.dir, { stats: true });
      runs[i][`${v}Stats`].push(r);
      process.stderr.write(`bench: rep ${rep + 1}/${reps} ${corpus.id} (${v}) with stats: ${(r.wall / 1000).toFixed(1)} s\n`);
    }
  }
}

// ---------------------------------------------------------------- results
const loadedPlugin = createRequire(path.join(pluginRoot, 'package.json'))(pluginRoot);
const asyncleakRules = Object.keys(loadedPlugin.configs['flat/strict'].rules ?? {});
const git = (...argv) => spawnSync('git', argv, { cwd: pluginRoot, encoding: 'utf8' }).stdout.trim();
const saved = {
  date: new Date().toISOString(),
  reps,
  quick: args.quick,
  commit: git('rev-parse', '--short', 'HEAD'),
  dirty: git('status', '--porcelain', '--', 'src').length > 0,
  versions: {
    'eslint-plugin-asyncleak': loadedPlugin.meta.version,
    eslint: require('eslint/package.json').version,
    typescript: require('typescript/package.json').version,
    'typescript-eslint': require('typescript-eslint/package.json').version,
    node: process.version,
  },
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtEnd: os.loadavg().map((x) => x.toFixed(2)).join(' '),
  },
  corpusVersions: Object.fromEntries(PACKAGES.map((p) => [p.name, packageVersion(p.name)])),
  asyncleakRules,
  corpora: corpora.map((corpus, i) => summarize({ corpus, runs: runs[i], asyncleakRules })),
  baseline: args.baseline ? readJson(path.resolve(args.baseline)) : undefined,
};
if (saved.baseline) delete saved.baseline.baseline;

for (const c of saved.corpora) {
  console.log(`\n${c.label}, ${c.files} files, medians of ${reps}:`);
  console.log(`  (e) ${CONFIGURATIONS.e.label}: ${(c.wall.e / 1000).toFixed(1)} s, ${(c.rss.e / 2 ** 20).toFixed(0)} MiB`);
  console.log(`  (f) ${CONFIGURATIONS.f.label}: ${(c.wall.f / 1000).toFixed(1)} s, ${(c.rss.f / 2 ** 20).toFixed(0)} MiB`);
  console.log(`  (f)/(e): wall ${c.wallRatio.toFixed(3)} (target <= 1.03: ${c.wallMet ? 'met' : 'MISSED'}), peak memory ${c.rssRatio.toFixed(3)} (target <= 1.05: ${c.rssMet ? 'met' : 'MISSED'})`);
  for (const [key, name, target] of [['wall', 'wall', TARGETS.wall], ['maxRSS', 'peak memory', TARGETS.rss]]) {
    console.log(`  ${name}: the median lies in ${describeDecision(pairRatios(c.runs, key), target)}`);
  }
  if (c.standalone) {
    console.log(`  standalone: asyncleak rules ${c.standalone.ours.toFixed(0)} ms, no-floating-promises ${c.standalone.nfp.toFixed(0)} ms: ${c.standalone.ratio.toFixed(2)}x (target <= 0.6: ${c.standalone.met ? 'met' : 'MISSED'})`);
  }
}

mkdirSync(resultsDir, { recursive: true });
const jsonFile = path.join(resultsDir, `${saved.date.replace(/[:.]/g, '-')}${args.quick ? '-quick' : args.corpora || args['no-standalone'] ? '-partial' : ''}.json`);
writeFileSync(jsonFile, `${JSON.stringify(saved, null, 2)}\n`);
console.log(`\nbench: raw results in ${path.relative(root, jsonFile)}`);
if (args['no-write'] ? false : (args.write ?? !(args.quick || args.plugin))) {
  writeDocs(saved);
  console.log('bench: wrote docs/benchmarks.md and docs/benchmarks.svg');
}
