// `npm run bench`: measures what the plugin costs on top of typed linting, on the
// real-world corpus (scripts/lib/corpus.mjs) staged as a user's project so that
// typescript-eslint's project service finds its tsconfig. Configurations, alternated
// in every repetition, each run in a fresh child process:
//   (a) baseline: typed parse (project service), no rules;
//   (b) + asyncleak `flat/strict` (all built rules);
//   (c) + `@typescript-eslint/no-floating-promises` alone, the reference typed rule;
//   (d) (c) + asyncleak `flat/strict`: the plugin on top of typed linting that already
//       type-checks (the checker work rules share is paid once);
//   (e) typescript-eslint's `recommendedTypeChecked` rules, the typed setup most users run;
//   (f) (e) + asyncleak `flat/strict`: what adding the plugin to that setup costs;
// plus (b), (c) and (f) again with ESLint's `stats: true` for each rule's own time (kept
// apart so the timing wrappers do not inflate the wall times). Two corpus sizes show
// how the cost grows with files: (a) and (b) on both, the rest on the larger one.
// `--profile <rule>`: one run with only that rule under --cpu-prof, and the time spent
// in each plugin function and in the TypeScript checker calls it makes. Prints a table; writes docs/benchmarks.md,
// docs/benchmarks.svg and bench-results/<date>.json. `--quick`: a small subset.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { PACKAGES, packageVersion, require, root, selectPackages, stageCorpus } from './lib/corpus.mjs';
import { APPS_DIR } from './lib/dir-corpus-cli.mjs';
import { stageDir } from './lib/dir-corpus.mjs';

import { RULE_TARGET, TOGETHER_TARGET } from './lib/bench-report.mjs';
import { TS_FILES, loadPlugin } from './lib/lint.mjs';

const HELP = `Usage: npm run bench -- [options]

Benchmarks asyncleak flat/strict against typed linting alone and against
@typescript-eslint/no-floating-promises, on the real-world corpus, each run in a
fresh child process, configurations alternated in every repetition.

Options:
  --quick            small corpus (@tanstack/query-core + @trpc/client, then + @trpc/server)
                     and 2 repetitions; writes nothing to docs/ unless --write
  --reps <n>         repetitions (default 3; --quick 2)
  --sizes <a;b>      library corpus sizes as package lists (default: query-core, trpc client
                     and server, redux toolkit; then the whole corpus); the application
                     corpus (../shared/apps) is measured too unless --quick
  --no-stats         skip the per-rule timing runs
  --variants <a,b>   run only these configurations on the larger size (default a,b,c,d,e,f)
  --write / --no-write  write docs/benchmarks.md and docs/benchmarks.svg (default: write unless --quick)
  --render           no runs: rewrite docs/ from the newest full bench-results/*.json
                     (e.g. to pick up a newer corpus or fix-check summary)
  --profile <rule>   profile one asyncleak rule alone (cpu profile) on the first size
                     (default: the --quick corpus) and print where its time goes
  -h, --help         this help`;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    reps: { type: 'string' },
    sizes: { type: 'string' },
    stats: { type: 'boolean', default: true },
    'no-stats': { type: 'boolean', default: false },
    write: { type: 'boolean' },
    'no-write': { type: 'boolean', default: false },
    profile: { type: 'string' },
    variants: { type: 'string' },
    render: { type: 'boolean', default: false },
    child: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const VARIANTS = {
  a: 'baseline: typed parse, no rules',
  b: '+ asyncleak flat/strict',
  c: '+ @typescript-eslint/no-floating-promises',
  d: '+ no-floating-promises + asyncleak flat/strict',
  e: '+ typescript-eslint recommendedTypeChecked',
  f: '+ recommendedTypeChecked + asyncleak flat/strict',
};

// ---------------------------------------------------------------- child process
if (args.child) {
  const { variant, dir, stats } = JSON.parse(args.child);
  const started = performance.now();
  const { ESLint } = require('eslint');
  const parser = require('@typescript-eslint/parser');
  const parserOptions = { projectService: true, tsconfigRootDir: dir };
  const configs = [{ files: TS_FILES, languageOptions: { parser, parserOptions }, linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' } }];
  const tseslint = ['c', 'd', 'e', 'f'].includes(variant) ? require('typescript-eslint') : null;
  if (variant === 'c' || variant === 'd') {
    configs.push({ files: TS_FILES, plugins: { '@typescript-eslint': tseslint.plugin }, rules: { '@typescript-eslint/no-floating-promises': 'error' } });
  }
  if (variant === 'e' || variant === 'f') {
    for (const config of tseslint.configs.recommendedTypeCheckedOnly) configs.push({ ...config, files: TS_FILES });
  }
  if (variant === 'b' || variant === 'd' || variant === 'f' || variant.startsWith('rule:')) {
    const plugin = loadPlugin();
    const strict = plugin.configs['flat/strict'];
    const only = variant.startsWith('rule:') ? `asyncleak/${variant.slice(5)}` : null;
    const rules = only ? { [only]: strict.rules[only] } : strict.rules;
    configs.push({ ...strict, rules }, { files: TS_FILES, languageOptions: { parserOptions } });
  }
  const enabledRules = new Set(configs.flatMap((config) => Object.keys(config.rules ?? {})));
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: configs, stats, cache: false });
  const results = await eslint.lintFiles(['.']);
  const wall = performance.now() - started;
  const rules = {};
  let parse = 0;
  let fatal = 0;
  let reports = 0;
  for (const result of results) {
    fatal += result.messages.filter((m) => m.fatal).length;
    // Only the configured rules' findings: the packages' own `eslint-disable` comments
    // for rules not loaded here add "Definition for rule … was not found" messages.
    reports += result.messages.filter((m) => !m.fatal && enabledRules.has(m.ruleId)).length;
    for (const pass of result.stats?.times.passes ?? []) {
      parse += pass.parse?.total ?? 0;
      for (const [rule, t] of Object.entries(pass.rules ?? {})) rules[rule] = (rules[rule] ?? 0) + t.total;
    }
  }
  process.stdout.write(`\n${JSON.stringify({ wall, maxRSS: process.resourceUsage().maxRSS * 1024, files: results.length, fatal, reports, rules, parse })}\n`);
  process.exit(0);
}

// ---------------------------------------------------------------- parent
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
if (args.render) {
  const { readdirSync, readFileSync } = await import('node:fs');
  const dir = path.join(root, 'bench-results');
  const latest = readdirSync(dir).filter((f) => /^\d.*Z\.json$/.test(f)).sort().pop();
  if (!latest) throw new Error('no bench-results/*.json to render: run npm run bench first');
  const saved = JSON.parse(readFileSync(path.join(dir, latest), 'utf8'));
  const { renderDoc, renderSvg } = await import('./lib/bench-report.mjs');
  writeFileSync(path.join(root, 'docs', 'benchmarks.svg'), renderSvg(saved));
  writeFileSync(path.join(root, 'docs', 'benchmarks.md'), renderDoc({ ...saved, date: new Date(saved.date), variants: VARIANTS, quick: false }));
  console.log(`bench: rendered docs/benchmarks.md and docs/benchmarks.svg from bench-results/${latest}`);
  process.exit(0);
}
if (args.profile) {
  const { profileRule } = await import('./lib/profile.mjs');
  const packages = selectPackages((args.sizes ?? 'query-core,@trpc/client,@trpc/server').split(';')[0]);
  const staged = stageCorpus(packages, path.join(root, '.tmp', 'bench-profile'));
  await profileRule({ rule: args.profile.replace(/^asyncleak\//, ''), dir: staged.dir, files: staged.files.length, script: path.join(root, 'scripts', 'bench.mjs') });
  process.exit(0);
}
const reps = Number(args.reps ?? (args.quick ? 2 : 3));
const withStats = args.stats && !args['no-stats'];
const write = args['no-write'] ? false : (args.write ?? !args.quick);
const sizeSpecs = args.sizes
  ? args.sizes.split(';')
  : args.quick
    ? ['query-core,@trpc/client', 'query-core,@trpc/client,@trpc/server']
    : ['query-core,@trpc/client,@trpc/server,@reduxjs/toolkit', PACKAGES.map((p) => p.name).join(',')];
const sizes = sizeSpecs.map((spec, i) => {
  const packages = selectPackages(spec);
  const staged = stageCorpus(packages, path.join(root, '.tmp', `bench-corpus-${i}`));
  // The larger library corpus runs every configuration and the per-rule timings.
  return { packages, dir: staged.dir, files: staged.files.length, full: i === sizeSpecs.length - 1 };
});
// The application corpus (../shared/apps), when it is there: (a), (b), (c) and the per-rule timings.
if (!args.quick && existsSync(APPS_DIR)) {
  const staged = stageDir(APPS_DIR, path.join(root, '.tmp', 'bench-apps'));
  sizes.push({ packages: ['application corpus (../shared/apps)'], dir: staged.dir, files: staged.files.length, full: true, apps: true });
} else if (!args.quick) {
  console.log('bench: skipped the application corpus: ../shared/apps is absent');
}

function runChild(variant, dir, stats, retry = true) {
  try {
    return runChildOnce(variant, dir, stats);
  } catch (error) {
    // dist/ may be rebuilt by someone else while a child loads it: one retry.
    if (!retry) throw error;
    process.stderr.write(`bench: child failed, retrying once: ${String(error.message).split('\n')[0]}\n`);
    return runChild(variant, dir, stats, false);
  }
}

function runChildOnce(variant, dir, stats) {
  const child = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench.mjs'), '--child', JSON.stringify({ variant, dir, stats })], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`bench child (${variant}) failed (status ${child.status}, signal ${child.signal}${child.error ? `, ${child.error.message}` : ''}):\n${child.stderr}`);
  const out = JSON.parse(child.stdout.trim().split('\n').pop());
  if (out.fatal) throw new Error(`bench child (${variant}) had ${out.fatal} fatal parse errors: the measurement would be wrong`);
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const plugin = loadPlugin();
const asyncleakRules = Object.keys(plugin.configs['flat/strict'].rules ?? {});
console.log(`bench: ${sizes.map((s) => `${s.files} files (${s.packages.length} packages)`).join(', ')}; ${reps} repetitions; asyncleak rules: ${asyncleakRules.length ? asyncleakRules.join(', ') : 'none built'}`);

const measured = sizes.map(() => ({ a: [], b: [], c: [], d: [], e: [], f: [], bStats: [], cStats: [], fStats: [] }));
const order = ['a', 'b', 'c', 'd', 'e', 'f'];
for (let rep = 0; rep < reps; rep++) {
  for (const [i, size] of sizes.entries()) {
    const largest = size.full;
    const variants = size.apps ? ['a', 'b', 'c', 'e', 'f'] : largest ? (args.variants ? args.variants.split(',') : order) : ['a', 'b'];
    // Rotate the order each repetition so drift in machine load spreads over all configurations.
    const rotated = variants.map((_, k) => variants[(k + rep) % variants.length]);
    for (const v of rotated) {
      const r = runChild(v, size.dir, false);
      measured[i][v].push(r);
      process.stderr.write(`bench: rep ${rep + 1}/${reps} size ${i + 1} (${size.files} files) ${v}: ${(r.wall / 1000).toFixed(1)} s, ${(r.maxRSS / 2 ** 20).toFixed(0)} MiB\n`);
    }
    if (withStats && largest) {
      for (const v of rep % 2 ? ['f', 'c', 'b'] : ['b', 'c', 'f']) {
        const r = runChild(v, size.dir, true);
        measured[i][`${v}Stats`].push(r);
        process.stderr.write(`bench: rep ${rep + 1}/${reps} size ${i + 1} ${v}+stats: ${(r.wall / 1000).toFixed(1)} s\n`);
      }
    }
  }
}

// ---------------------------------------------------------------- summary
const summary = sizes.map((size, i) => {
  const m = measured[i];
  const ran = order.filter((v) => m[v].length);
  const wall = Object.fromEntries(ran.map((v) => [v, median(m[v].map((r) => r.wall))]));
  const rss = Object.fromEntries(ran.map((v) => [v, median(m[v].map((r) => r.maxRSS))]));
  // Ratio per repetition (runs next to each other), then the median of those ratios.
  const ratioB = median(m.b.map((r, k) => r.wall / m.a[k].wall));
  const ratioC = m.c.length ? median(m.c.map((r, k) => r.wall / m.a[k].wall)) : undefined;
  const ratioDC = m.d.length && m.c.length ? median(m.d.map((r, k) => r.wall / m.c[k].wall)) : undefined;
  const ratioFE = m.f.length && m.e.length ? median(m.f.map((r, k) => r.wall / m.e[k].wall)) : undefined;
  // In (f): each asyncleak rule's own time, and the typed rules' (everything else) together.
  const inSetup = m.fStats.length
    ? {
        rules: Object.fromEntries(asyncleakRules.map((rule) => [rule, median(m.fStats.map((r) => r.rules[rule] ?? 0))])),
        typed: median(m.fStats.map((r) => Object.entries(r.rules).reduce((n, [rule, t]) => n + (rule.startsWith('asyncleak/') ? 0 : t), 0))),
        slowestTyped: median(m.fStats.map((r) => Math.max(...Object.entries(r.rules).filter(([rule]) => !rule.startsWith('asyncleak/')).map(([, t]) => t)))),
      }
    : undefined;
  const ruleTimes = {};
  for (const r of [...m.bStats, ...m.cStats]) for (const [rule, t] of Object.entries(r.rules)) (ruleTimes[rule] ??= []).push(t);
  const rules = Object.fromEntries(Object.entries(ruleTimes).map(([rule, ts]) => [rule, median(ts)]));
  const nfp = rules['@typescript-eslint/no-floating-promises'];
  // Per-rule ratio against no-floating-promises, paired by repetition.
  const ruleRatios = {};
  for (const rule of asyncleakRules) {
    const pairs = m.bStats.map((r, k) => (r.rules[rule] ?? 0) / m.cStats[k].rules['@typescript-eslint/no-floating-promises']);
    if (pairs.length) ruleRatios[rule] = median(pairs);
  }
  // All asyncleak rules together against no-floating-promises, paired by repetition.
  const togetherPairs = m.bStats.map(
    (r, k) => asyncleakRules.reduce((n, rule) => n + (r.rules[rule] ?? 0), 0) / m.cStats[k].rules['@typescript-eslint/no-floating-promises'],
  );
  const togetherRatio = togetherPairs.length ? median(togetherPairs) : undefined;
  return {
    packages: size.packages,
    files: size.files,
    reports: { b: m.b[0]?.reports, c: m.c[0]?.reports, d: m.d[0]?.reports },
    wall,
    rss,
    ratioB,
    ratioC,
    ratioDC,
    ratioFE,
    inSetup,
    ran,
    filesPerSecond: Object.fromEntries(ran.map((v) => [v, size.files / (wall[v] / 1000)])),
    extraMsPerFileB: (wall.b - wall.a) / size.files,
    rules,
    nfp,
    ruleRatios,
    togetherRatio,
    apps: !!size.apps,
    runs: m,
  };
});

const fmtS = (ms) => `${(ms / 1000).toFixed(1)} s`;
const fmtMiB = (b) => `${(b / 2 ** 20).toFixed(0)} MiB`;
for (const s of summary) {
  console.log(`\n${s.files} files (${s.packages.join(', ')}), medians of ${reps}:`);
  for (const v of s.ran) console.log(`  (${v}) ${VARIANTS[v].padEnd(45)} ${fmtS(s.wall[v]).padStart(8)} ${fmtMiB(s.rss[v]).padStart(9)} ${s.filesPerSecond[v].toFixed(1).padStart(6)} files/s`);
  console.log(`  (b)/(a) = ${s.ratioB.toFixed(3)} (target <= 1.03: ${s.ratioB <= 1.03 ? 'met' : 'MISSED'}); extra per file (b): ${s.extraMsPerFileB.toFixed(2)} ms`);
  if (s.ratioC !== undefined) console.log(`  (c)/(a) = ${s.ratioC.toFixed(3)}${s.ratioDC !== undefined ? `; (d)/(c) = ${s.ratioDC.toFixed(3)} (asyncleak on top of typed linting that type-checks)` : ''}`);
  if (s.ratioFE !== undefined) console.log(`  (f)/(e) = ${s.ratioFE.toFixed(3)} (asyncleak added to recommendedTypeChecked)`);
  if (s.inSetup) console.log(`  in (f): asyncleak rules ${Object.values(s.inSetup.rules).reduce((n, t) => n + t, 0).toFixed(0)} ms, typed rules ${s.inSetup.typed.toFixed(0)} ms`);
  for (const [rule, ratio] of Object.entries(s.ruleRatios)) {
    console.log(`  ${rule.padEnd(45)} ${s.rules[rule]?.toFixed(0).padStart(6)} ms = ${ratio.toFixed(2)}x no-floating-promises (${s.nfp?.toFixed(0)} ms) ${ratio <= RULE_TARGET ? 'met' : 'MISSED'}`);
  }
  if (s.togetherRatio !== undefined) console.log(`  all asyncleak rules together = ${s.togetherRatio.toFixed(2)}x no-floating-promises ${s.togetherRatio <= TOGETHER_TARGET ? 'met' : 'MISSED'}`);
}

const now = new Date();
const versions = {
  'eslint-plugin-asyncleak': plugin.meta.version,
  eslint: require('eslint/package.json').version,
  typescript: require('typescript/package.json').version,
  'typescript-eslint': require('typescript-eslint/package.json').version,
  node: process.version,
};
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.availableParallelism?.() ?? os.cpus().length,
  memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
  platform: `${os.type()} ${os.release()} ${os.arch()}`,
  loadAverageAtEnd: os.loadavg().map((x) => x.toFixed(2)).join(' '),
};
const corpusVersions = Object.fromEntries(PACKAGES.map((p) => [p.name, packageVersion(p.name)]));
mkdirSync(path.join(root, 'bench-results'), { recursive: true });
const jsonFile = path.join(root, 'bench-results', `${now.toISOString().replace(/[:.]/g, '-')}${args.quick ? '-quick' : args.variants || args.sizes || !withStats ? '-partial' : ''}.json`);
writeFileSync(jsonFile, `${JSON.stringify({ date: now.toISOString(), reps, versions, machine, corpusVersions, asyncleakRules, summary }, null, 2)}\n`);
console.log(`\nbench: raw results in ${path.relative(root, jsonFile)}`);

if (write) {
  const { renderDoc, renderSvg } = await import('./lib/bench-report.mjs');
  writeFileSync(path.join(root, 'docs', 'benchmarks.svg'), renderSvg({ summary, asyncleakRules }));
  writeFileSync(path.join(root, 'docs', 'benchmarks.md'), renderDoc({ date: now, reps, versions, machine, corpusVersions, asyncleakRules, summary, variants: VARIANTS, quick: args.quick }));
  console.log('bench: wrote docs/benchmarks.md and docs/benchmarks.svg');
}
