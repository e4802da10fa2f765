// The machinery of `npm run fix-check` (scripts/fix-check.mjs), shared with the
// fix-composition test (tests/compose.test.ts): on a target (a folder of files, its
// tsconfig, the files to lint), apply every suggestion alone and every autofix together,
// and check that the code still parses, type-checks as before and is stable.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { require } from './corpus.mjs';
import { lintEach } from './lint.mjs';

const ts = require('typescript');
const { parse } = require('@typescript-eslint/typescript-estree');

/** A config's rules with `autofix: true` wherever the plugin's rule takes it. */
export function withAutofix(plugin, rules) {
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

/** `tsc --noEmit` errors as a multiset keyed by file, code and message (line numbers move with fixes). */
export function tscErrors(tsconfig) {
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

export function newErrors(before, after) {
  const out = [];
  for (const [key, n] of after) if (n > (before.get(key) ?? 0)) out.push(key);
  return out;
}

/** `null` when `text` parses as `file`, else the first line of the parse error. */
export function parses(file, text) {
  try {
    parse(text, { filePath: file, loc: true, range: true, jsx: file.endsWith('x') });
    return null;
  } catch (error) {
    return String(error.message).split('\n')[0];
  }
}

/** A language service over a tsconfig whose files can be swapped one at a time. */
export function languageService(tsconfig) {
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

export const applyFix = (text, fix) => text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);

/**
 * Checks the fixes on one target `{ name, dir, tsconfig, files }` (files on disk, in a
 * copy: `--fix` writes them). `eslintFor(fix)` makes the ESLint instance. The fixed
 * files are type-checked with `tsc` over the whole project (`typecheck: 'tsc'`) or,
 * file by file, with the language service (`'service'`: faster for a few files).
 * Pushes failure strings to `failures`; returns the counts.
 */
export async function checkTarget(target, { eslintFor, failures, rel = (file) => file, typecheck = 'tsc' }) {
  const originals = new Map(target.files.map((f) => [f, readFileSync(f, 'utf8')]));
  const counts = { reports: 0, fixes: 0, fixedFiles: 0, suggestions: 0, crashes: 0 };

  // What the rules report on the untouched copy: fixes and suggestions to try.
  const first = await lintEach(eslintFor(false), target.files);
  for (const c of first.crashes) failures.push(`${target.name}: crash (${c.kind}${c.rule ? ` ${c.rule}` : ''}) ${rel(c.file)}: ${c.message}`);
  counts.crashes += first.crashes.length;
  const reports = first.results.flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith('asyncleak/')).map((m) => ({ file: r.filePath, m })));
  counts.reports = reports.length;
  counts.fixes = reports.filter((r) => r.m.fix).length;

  // 1. Every suggestion, one at a time, on the original file.
  const suggestions = reports.flatMap(({ file, m }) => (m.suggestions ?? []).map((s) => ({ file, m, s })));
  const ls = suggestions.length || typecheck === 'service' ? languageService(target.tsconfig) : null;
  const before = new Map();
  const diagnosticsBefore = (file) => {
    if (!before.has(file)) before.set(file, ls.diagnostics(file));
    return before.get(file);
  };
  for (const { file, m, s } of suggestions) {
    counts.suggestions++;
    const text = applyFix(originals.get(file), s.fix);
    const where = `${target.name}: suggestion "${s.desc}" of ${m.ruleId} at ${rel(file)}:${m.line}`;
    const parseError = parses(file, text);
    if (parseError) {
      failures.push(`${where}: no longer parses: ${parseError}`);
      continue;
    }
    const old = diagnosticsBefore(file);
    ls.set(file, text);
    const added = newErrors(old, ls.diagnostics(file));
    ls.set(file, undefined);
    if (added.length) failures.push(`${where}: new type errors: ${added.join('; ')}`);
  }

  // 2. Every autofix, with --fix, then parse + type-check + idempotence.
  if (counts.fixes) {
    const tscBefore = typecheck === 'tsc' ? tscErrors(target.tsconfig) : null;
    if (ls) for (const file of target.files) diagnosticsBefore(file);
    const fixed = await lintEach(eslintFor(true), target.files);
    for (const c of fixed.crashes) failures.push(`${target.name}: crash while fixing (${c.kind}${c.rule ? ` ${c.rule}` : ''}) ${rel(c.file)}: ${c.message}`);
    for (const r of fixed.results) {
      if (r.output === undefined) continue;
      counts.fixedFiles++;
      writeFileSync(r.filePath, r.output);
      const parseError = parses(r.filePath, r.output);
      if (parseError) failures.push(`${target.name}: ${rel(r.filePath)} no longer parses after --fix: ${parseError}`);
      if (typecheck === 'service' && !parseError) {
        ls.set(r.filePath, r.output);
        for (const key of newErrors(diagnosticsBefore(r.filePath), ls.diagnostics(r.filePath))) failures.push(`${target.name}: new type error after --fix in ${rel(r.filePath)}: ${key}`);
      }
    }
    if (tscBefore) for (const key of newErrors(tscBefore, tscErrors(target.tsconfig))) failures.push(`${target.name}: new tsc error after --fix: ${key}`);
    const again = await lintEach(eslintFor(true), target.files);
    for (const c of again.crashes) failures.push(`${target.name}: crash on the second --fix pass (${c.kind}) ${rel(c.file)}: ${c.message}`);
    for (const r of again.results) {
      if (r.output !== undefined && r.output !== readFileSync(r.filePath, 'utf8')) {
        failures.push(`${target.name}: a second --fix pass changes ${rel(r.filePath)} (fixes are not idempotent)`);
      }
    }
  }
  return counts;
}
