// `npm run fix-check`: proves the plugin's fixes never break a build. On copies (in a
// temp dir) of the real-world corpus and of the demo (examples/), with `flat/strict`
// and `autofix: true` on every asyncleak rule that takes it:
//   1. applies every autofix (`--fix`), then checks that every file still parses, that
//      `tsc --noEmit` reports no error that was not there before, and that a second
//      `--fix` pass changes nothing;
//   2. applies every suggestion, one at a time, to the original file, and checks that
//      the file still parses and has no new type error (TypeScript language service).
// Prints counts (fixes, suggestions, failures) and exits 1 on any failure or crash.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { root, selectPackages, stageCorpus } from './lib/corpus.mjs';
import { APPS_DIR } from './lib/dir-corpus-cli.mjs';
import { listDirSources, stageDir } from './lib/dir-corpus.mjs';
import { checkTarget, withAutofix } from './lib/fix-check.mjs';
import { createCorpusESLint, loadPlugin } from './lib/lint.mjs';

const HELP = `Usage: npm run fix-check -- [options]

Applies every asyncleak autofix and, separately, every suggestion, on temp copies of
the corpus and the demo, and checks the code still parses, type-checks as before, and
that a second --fix pass changes nothing.

Options:
  --demo-only        only the demo (examples/)
  --dir <path>       check this folder in place of the demo: a project with its
                     tsconfig.json at its root, or any folder of sources (e.g. the
                     application corpus, ../shared/apps), typed as npm run corpus
                     -- --dir types it
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

const plugin = loadPlugin();
const baseConfig = plugin.configs[`flat/${args.config}`];
if (!baseConfig) {
  console.error(`fix-check: unknown config "${args.config}"`);
  process.exit(2);
}

const rules = withAutofix(plugin, baseConfig.rules ?? {});
const autofixRules = Object.entries(rules).filter(([, e]) => Array.isArray(e) && e[1]?.autofix).map(([id]) => id);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'asyncleak-fix-check-'));
const targets = [];
{
  const source = path.resolve(args.dir ?? path.join(root, 'examples'));
  const dir = path.join(tmp, path.basename(source));
  if (existsSync(path.join(source, 'tsconfig.json'))) {
    // A project (the demo): copied with its tsconfig, node_modules reachable for its @types.
    cpSync(source, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
    symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const files = listDirSources(existsSync(path.join(dir, 'src')) ? path.join(dir, 'src') : dir);
    targets.push({ name: args.dir ? `project (${args.dir})` : 'demo (examples/)', dir, tsconfig: path.join(dir, 'tsconfig.json'), files });
  } else {
    // A folder of sources (the application corpus): staged with a generated tsconfig.
    const staged = stageDir(source, dir);
    targets.push({ name: `folder (${args.dir})`, dir, tsconfig: path.join(dir, 'tsconfig.json'), files: staged.files });
  }
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

for (const target of targets) {
  const started = Date.now();
  totals.files += target.files.length;
  const counts = await checkTarget(target, { eslintFor: (fix) => eslintFor(target, fix), failures, rel });
  totals.fixes += counts.fixes;
  totals.fixedFiles += counts.fixedFiles;
  totals.suggestions += counts.suggestions;
  totals.crashes += counts.crashes;
  console.log(
    `fix-check: ${target.name}: ${target.files.length} files, ${counts.reports} reports; ${counts.fixes} autofixes applied in ${counts.fixedFiles} files; ${counts.suggestions} suggestions applied one at a time (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

for (const f of failures) console.error(`fix-check: FAIL ${f}`);
console.log(
  `fix-check: ${totals.files} files; ${totals.fixes} autofixes (rules with autofix: ${autofixRules.length}), ${totals.suggestions} suggestions checked; ${failures.length} failures${failures.length ? '' : ': every fix parses, type-checks as before and is stable'}`,
);
mkdirSync(path.join(root, 'bench-results'), { recursive: true });
// The application corpus gets a summary of its own (docs/benchmarks.md shows both); other folders
// none, and neither does the demo alone (npm test runs it: it must not replace the corpus's summary).
const summary = !args.dir ? (args['demo-only'] ? null : 'fix-check-summary.json') : path.resolve(args.dir) === APPS_DIR && args['demo-only'] ? 'fix-check-apps-summary.json' : null;
if (summary) {
  writeFileSync(
    path.join(root, 'bench-results', summary),
    `${JSON.stringify({ date: new Date().toISOString(), demoOnly: args['demo-only'], scope: args.dir ? `dir ${args.dir}` : args['demo-only'] ? 'demo-only' : args.ci ? 'ci' : args.packages ? `packages ${args.packages}` : 'all', targets: targets.map((t) => t.name), ...totals, failures: failures.length }, null, 2)}\n`,
  );
}
if (args.keep) console.log(`fix-check: copies kept in ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
if (failures.length) process.exitCode = 1;
