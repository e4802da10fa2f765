// The `--dir` mode of scripts/corpus.mjs (see its --help).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { root } from './corpus.mjs';
import { CONFIGS, lintDir, readVerdicts, reportKey, reviewMarkdown, tally, vanished } from './dir-corpus.mjs';

/** The application corpus: seven real projects beside this repository (absent on a clone of it alone). */
export const APPS_DIR = path.resolve(root, '..', 'shared', 'apps');
export const APPS_VERDICTS = path.join(root, 'corpus', 'apps', 'verdicts.json');
export const APPS_REVIEW = path.join(root, 'corpus', 'apps', 'review.md');

/** The share of recommended's reports that must be real leaks (issue: application precision). */
const RECOMMENDED_REAL_TARGET = 0.9;

export async function runDir(args) {
  const dir = path.resolve(args.dir);
  const isApps = dir === APPS_DIR;
  const label = path.relative(root, dir) || '.';
  if (!existsSync(dir)) {
    if (args.ci) {
      console.log(`corpus: skipped ${label}: the folder is absent (the application corpus lives beside the project, in ../shared/apps)`);
      return 0;
    }
    console.error(`corpus: no folder ${label}`);
    return 2;
  }
  const check = args.check || args.ci;
  const verdictsFile = args.verdicts ? path.resolve(args.verdicts) : isApps ? APPS_VERDICTS : null;
  const verdicts = readVerdicts(verdictsFile);
  const tty = process.stderr.isTTY && !args.quiet;
  const run = await lintDir(dir, {
    onProgress: (i, n) => {
      if (args.quiet) return;
      if (tty) process.stderr.write(`\rcorpus: ${i}/${n} files`);
      else if (i % 200 === 0 || i === n) process.stderr.write(`corpus: ${i}/${n} files\n`);
    },
  });
  if (tty) process.stderr.write('\n');
  const table = tally(run.reports, verdicts);
  const gone = vanished(run.reports, verdicts);

  const slug = path.basename(dir).replace(/[^\w.-]/g, '_');
  // Under --ci the checked-in review stays as it is (its timing would change on every run).
  const out = args.out ? path.resolve(args.out) : isApps && !args.ci ? APPS_REVIEW : path.join(root, 'corpus-report', `dir-${slug}.md`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, reviewMarkdown({ dir, label, ...run, verdicts, table, gone }));
  // The raw reports, for tools (and for judging new ones).
  const json = path.join(root, 'corpus-report', `dir-${slug}.json`);
  mkdirSync(path.dirname(json), { recursive: true });
  writeFileSync(json, `${JSON.stringify({ dir: label, files: run.files.length, seconds: run.seconds, reports: run.reports, crashes: run.crashes }, null, 2)}\n`);

  const summary = CONFIGS.map((config) => {
    const t = table[config].total;
    return `${config}: ${t.reports} reports (${t.real} real, ${t.harmless} harmless, ${t.false} false, ${t.unjudged} not judged)`;
  }).join('; ');
  console.log(`corpus: ${label}, ${run.files.length} files in ${run.seconds.toFixed(1)} s; ${summary}; ${run.crashes.length} crashes; review: ${path.relative(root, out)}`);

  const problems = [];
  for (const c of run.crashes) problems.push(`CRASH (${c.kind}${c.rule ? ` ${c.rule}` : ''}) ${path.relative(dir, c.file)}: ${c.message}`);
  if (check) {
    if (!verdictsFile) problems.push('--check needs --verdicts <file>');
    for (const config of CONFIGS) {
      for (const report of run.reports[config]) {
        const v = verdicts[reportKey(report)];
        if (!v) problems.push(`${config}: not judged: ${reportKey(report)} ${report.message}`);
        else if (v.verdict === 'false') problems.push(`${config}: judged false, still reported: ${reportKey(report)} (${v.reason})`);
      }
    }
    for (const g of gone) if (g.verdict === 'real') problems.push(`judged real, no longer reported: ${g.key} (${g.reason})`);
    const { total } = table.recommended;
    if (total.reports > 0 && total.real / total.reports < RECOMMENDED_REAL_TARGET) {
      problems.push(`recommended: ${total.real} of ${total.reports} reports are real (${Math.round((100 * total.real) / total.reports)} %, target ≥ ${RECOMMENDED_REAL_TARGET * 100} %)`);
    }
  }
  for (const p of problems.slice(0, 40)) console.error(`corpus: ${p}`);
  if (problems.length > 40) console.error(`corpus: … and ${problems.length - 40} more`);
  return problems.length ? 1 : 0;
}
