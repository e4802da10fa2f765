// Shared ESLint setup for the corpus scripts: typed linting of files that live in
// node_modules (ESLint ignores node_modules by default), with either an explicit
// `parserOptions.project` or typescript-eslint's project service, and file-by-file
// linting that tells crashes (rule exceptions, fatal parse errors) from findings.
import path from 'node:path';

import { ESLint } from 'eslint';

import { packageDir, require, root } from './corpus.mjs';

export const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/** The built plugin, fresh from `dist/`. */
export function loadPlugin() {
  const entry = require.resolve(root);
  return require(entry);
}

/**
 * Parser options for linting the corpus in place: one TypeScript program from the
 * generated tsconfig (`parserOptions.project`). Measured against the in-place project
 * service (`allowDefaultProject` globs + `defaultProject`: node_modules has no tsconfig
 * of its own): the service took 7.1 s against 3.8 s for @trpc/server + @trpc/client
 * (122 files, typed parse only), and it is wrong for openai, which ships
 * `src/tsconfig.json` (its own options, ~300 of its files), so typescript-eslint
 * rejects those files as both in a project and in the default project. The benchmark
 * uses the project service the way users do, on a staged copy (see stageCorpus).
 */
export function corpusParserOptions({ tsconfig }) {
  return { projectService: false, project: tsconfig, tsconfigRootDir: path.dirname(tsconfig) };
}

/**
 * An ESLint instance for files under node_modules. `baseConfig` is the config whose
 * rules are linted (e.g. the plugin's `flat/strict`). ESLint's default
 * node_modules ignore survives `ignore: false` (measured, ESLint 10): the working `--no-ignore` for
 * node_modules is a global un-ignore pattern (below), which needs `ignore: true`.
 */
export function createCorpusESLint({ parserOptions, configs, fix = false, stats = false, cwd = root }) {
  const parser = require('@typescript-eslint/parser');
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    ignore: true, // needed for the un-ignore pattern below to apply
    fix,
    stats,
    cache: false,
    overrideConfig: [
      // Global un-ignore of the default `**/node_modules/` ignore.
      { name: 'corpus/no-ignore', ignores: ['!**/node_modules/'] },
      {
        name: 'corpus/typed-parser',
        files: TS_FILES,
        languageOptions: { parser, parserOptions },
        linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
      },
      ...configs,
      // Later configs merge parserOptions: keep ours last so no config turns the project service back on.
      { name: 'corpus/typed-parser-last', files: TS_FILES, languageOptions: { parserOptions } },
    ],
  });
}

/**
 * Lints files one by one so that one crash neither hides the other files' results
 * nor stops the run. Returns `{ results, crashes }`; a crash is
 * `{ file, kind: 'exception' | 'fatal', rule, message, stack }`.
 */
export async function lintEach(eslint, files, { onProgress } = {}) {
  const results = [];
  const crashes = [];
  let i = 0;
  for (const file of files) {
    i++;
    try {
      const [result] = await eslint.lintFiles([file]);
      if (!result) {
        crashes.push({ file, kind: 'fatal', rule: null, message: 'ESLint returned no result (file ignored?)' });
        continue;
      }
      for (const m of result.messages) {
        if (!m.ruleId && /^File ignored/.test(m.message)) crashes.push({ file, kind: 'fatal', rule: null, message: m.message });
        if (m.fatal) crashes.push({ file, kind: 'fatal', rule: null, message: `${m.line}:${m.column} ${m.message}` });
      }
      results.push(result);
    } catch (error) {
      const text = String(error?.message ?? error);
      const rule = /Rule: "([^"]+)"/.exec(text)?.[1] ?? null;
      crashes.push({
        file,
        kind: 'exception',
        rule,
        message: text.split('\n')[0],
        stack: String(error?.stack ?? '').split('\n').slice(0, 12).join('\n'),
      });
    }
    onProgress?.(i, files.length);
  }
  return { results, crashes };
}

export { packageDir };
