// `npm run fix-check`: proves the plugin's fixes never break a build. On copies (in a
// temp dir) of the real-world corpus and of the demo (examples/), with `flat/strict`
// and `autofix: true` on every asyncleak rule that takes it:
//   1. applies every autofix (`--fix`), then checks that every file still parses, that
//      `tsc --noEmit` reports no error that was not there before, and that a second
//      `--fix` pass changes nothing;
//   2. applies every suggestion, one at a time, to the original file, and checks that
//      the file still parses and has no new type error (TypeScript language service).
// Prints counts (fixes, suggestions, failures) and exits 1 on any failure or crash.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { require, root, selectPackages, stageCorpus } from './lib/corpus.mjs';
import { createCorpusESLint, lintEach, loadPlugin } from './lib/lint.mjs';

const HELP = `Usage: npm run fix-check -- [options]

Applies every asyncleak autofix and, separately, every suggestion, on temp copies of
the corpus and the demo, and checks the code still parses, type-checks as before, and
that a second --fix pass changes nothing.

Options:
  --demo-only        only the demo (examples/)
  --dir <path>       check this project folder (tsconfig.json at its root) in place
                     of the demo
  --packages <x,y>   restrict the corpus (see npm run corpus -- --help)
  --ci               the corpus CI subset (every package but effect)
  --config <name>    strict (default) or recommended
  --keep             keep the temp copy and print where it is
  -h, --help         this help

Exit status: 0 when every fix and suggestion is safe; 1 otherwise.`;

const { values: args } = parseArgs({
  options: {
    'demo-only': { type: 'boolean', default: false },
    dir: { type: 'string' },
    packages: { type: 'string' },
    ci: { type: 'boolean', default: false },
    config: { type: 'string', default: 'strict' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

const ts = require('typescript');
const { parse } = require('@typescript-eslint/typescript-estree');
const plugin = loadPlugin();
const baseConfig = plugin.configs[`flat/${args.config}`];
if (!baseConfig) {
  console.error(`fix-check: unknown config "${args.config}"`);
  process.exit(2);
}

/** The config's rules with `autofix: true` wherever the rule's options accept it. */
function withAutofix(rules) {
  const out = {};
  for (const [id, entry] of Object.entries(rules)) {
    const rule = plugin.rules[id.replace(/^asyncleak\//, '')];
    const schema = rule?.meta?.schema;
    const takesAutofix = Array.isArray(schema) && schema[0]?.properties?.autofix;
    if (!takesAutofix) {
      out[id] = entry;
      continue;
    }
    const [severity, options = {}, ...rest] = Array.isArray(entry) ? entry : [entry];
    out[id] = [severity, { ...options, autofix: true }, ...rest];
  }
  return out;
}
const rules = withAutofix(baseConfig.rules ?? {});
const autofixRules = Object.entries(rules).filter(([, e]) => Array.isArray(e) && e[1]?.autofix).map(([id]) => id);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'asyncleak-fix-check-'));
const targets = [];
{
  // The demo, with node_modules reachable for @types/node.
  const source = path.resolve(args.dir ?? path.join(root, 'examples'));
  const dir = path.join(tmp, path.basename(source));
  cpSync(source, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(c|m)?tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) files.push(p);
    }
  };
  walk(path.join(dir, 'src'));
  targets.push({ name: args.dir ? `project (${args.dir})` : 'demo (examples/)', dir, tsconfig: path.join(dir, 'tsconfig.json'), files: files.sort() });
}
if (!args['demo-only']) {
  const packages = selectPackages(args.packages, { ciOnly: args.ci });
  const staged = stageCorpus(packages, path.join(tmp, 'corpus'));
  targets.push({ name: `corpus (${packages.length} packages)`, dir: staged.dir, tsconfig: staged.tsconfig, files: staged.files });
}

const failures = [];
const totals = { files: 0, fixes: 0, fixedFiles: 0, suggestions: 0, crashes: 0 };
const rel = (file) => path.relative(tmp, file);

function eslintFor(target, fix) {
  return createCorpusESLint({
    cwd: target.dir,
    fix,
    parserOptions: { projectService: true, tsconfigRootDir: target.dir },
    configs: [{ ...baseConfig, rules }],
  });
}

/** `tsc --noEmit` errors as a multiset keyed by file, code and message (line numbers move with fixes). */
function tscErrors(tsconfig) {
  const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit', '--pretty', 'false', '-p', tsconfig], { cwd: path.dirname(tsconfig), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const counts = new Map();
  for (const line of r.stdout.split('\n')) {
    const m = /^(.+?)\(\d+,\d+\): error (TS\d+): (.*)$/.exec(line);
    if (!m) continue;
    const key = `${m[1]} ${m[2]} ${m[3]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function newErrors(before, after) {
  const out = [];
  for (const [key, n] of after) if (n > (before.get(key) ?? 0)) out.push(key);
  return out;
}

function parses(file, text) {
  try {
    parse(text, { filePath: file, loc: true, range: true, jsx: file.endsWith('x') });
    return null;
  } catch (error) {
    return String(error.message).split('\n')[0];
  }
}

/** A language service over the target's tsconfig whose files can be swapped one at a time. */
function languageService(tsconfig) {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const overrides = new Map();
  const versions = new Map();
  const host = {
    getScriptFileNames: () => parsed.fileNames,
    getScriptVersion: (f) => String(versions.get(f) ?? 0),
    getScriptSnapshot: (f) => {
      const text = overrides.has(f) ? overrides.get(f) : ts.sys.readFile(f);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => path.dirname(tsconfig),
    getCompilationSettings: () => parsed.options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => overrides.has(f) || ts.sys.fileExists(f),
    readFile: (f) => (overrides.has(f) ? overrides.get(f) : ts.sys.readFile(f)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  const diagnostics = (file) => {
    const counts = new Map();
    for (const d of [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)]) {
      if (d.category !== ts.DiagnosticCategory.Error) continue;
      const key = `TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  };
  return {
    diagnostics,
    set(file, text) {
      if (text === undefined) overrides.delete(file);
      else overrides.set(file, text);
      versions.set(file, (versions.get(file) ?? 0) + 1);
    },
  };
}

const applyFix = (text, fix) => text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);

for (const target of targets) {
  const started = Date.now();
  totals.files += target.files.length;
  const originals = new Map(target.files.map((f) => [f, readFileSync(f, 'utf8')]));

  // What the rules report on the untouched copy: fixes and suggestions to try.
  const first = await lintEach(eslintFor(target, false), target.files);
  for (const c of first.crashes) failures.push(`${target.name}: crash (${c.kind}${c.rule ? ` ${c.rule}` : ''}) ${rel(c.file)}: ${c.message}`);
  totals.crashes += first.crashes.length;
  const reports = first.results.flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith('asyncleak/')).map((m) => ({ file: r.filePath, m })));
  const fixable = reports.filter((r) => r.m.fix).length;

  // 1. Every suggestion, one at a time, on the original file.
  const suggestions = reports.flatMap(({ file, m }) => (m.suggestions ?? []).map((s) => ({ file, m, s })));
  if (suggestions.length) {
    const ls = languageService(target.tsconfig);
    const before = new Map();
    for (const { file, m, s } of suggestions) {
      totals.suggestions++;
      if (!before.has(file)) before.set(file, ls.diagnostics(file));
      const text = applyFix(originals.get(file), s.fix);
      const where = `${target.name}: suggestion "${s.desc}" of ${m.ruleId} at ${rel(file)}:${m.line}`;
      const parseError = parses(file, text);
      if (parseError) {
        failures.push(`${where}: no longer parses: ${parseError}`);
        continue;
      }
      ls.set(file, text);
      const added = newErrors(before.get(file), ls.diagnostics(file));
      ls.set(file, undefined);
      if (added.length) failures.push(`${where}: new type errors: ${added.join('; ')}`);
    }
  }

  // 2. Every autofix, with --fix, then parse + tsc + idempotence.
  let fixedFiles = 0;
  if (fixable) {
    const tscBefore = tscErrors(target.tsconfig);
    const fixed = await lintEach(eslintFor(target, true), target.files);
    for (const c of fixed.crashes) failures.push(`${target.name}: crash while fixing (${c.kind}${c.rule ? ` ${c.rule}` : ''}) ${rel(c.file)}: ${c.message}`);
    for (const r of fixed.results) {
      if (r.output === undefined) continue;
      fixedFiles++;
      writeFileSync(r.filePath, r.output);
      const parseError = parses(r.filePath, r.output);
      if (parseError) failures.push(`${target.name}: ${rel(r.filePath)} no longer parses after --fix: ${parseError}`);
    }
    for (const key of newErrors(tscBefore, tscErrors(target.tsconfig))) failures.push(`${target.name}: new tsc error after --fix: ${key}`);
    const again = await lintEach(eslintFor(target, true), target.files);
    for (const c of again.crashes) failures.push(`${target.name}: crash on the second --fix pass (${c.kind}) ${rel(c.file)}: ${c.message}`);
    for (const r of again.results) {
      if (r.output !== undefined && r.output !== readFileSync(r.filePath, 'utf8')) {
        failures.push(`${target.name}: a second --fix pass changes ${rel(r.filePath)} (fixes are not idempotent)`);
      }
    }
  }
  totals.fixes += fixable;
  totals.fixedFiles += fixedFiles;
  console.log(
    `fix-check: ${target.name}: ${target.files.length} files, ${reports.length} reports; ${fixable} autofixes applied in ${fixedFiles} files; ${suggestions.length} suggestions applied one at a time (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

for (const f of failures) console.error(`fix-check: FAIL ${f}`);
console.log(
  `fix-check: ${totals.files} files; ${totals.fixes} autofixes (rules with autofix: ${autofixRules.length}), ${totals.suggestions} suggestions checked; ${failures.length} failures${failures.length ? '' : ': every fix parses, type-checks as before and is stable'}`,
);
mkdirSync(path.join(root, 'bench-results'), { recursive: true });
if (!args.dir) {
  writeFileSync(
    path.join(root, 'bench-results', 'fix-check-summary.json'),
    `${JSON.stringify({ date: new Date().toISOString(), demoOnly: args['demo-only'], scope: args['demo-only'] ? 'demo-only' : args.ci ? 'ci' : args.packages ? `packages ${args.packages}` : 'all', targets: targets.map((t) => t.name), ...totals, failures: failures.length }, null, 2)}\n`,
  );
}
if (args.keep) console.log(`fix-check: copies kept in ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
if (failures.length) process.exitCode = 1;
