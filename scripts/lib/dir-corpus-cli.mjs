// The `--dir` mode of scripts/corpus.mjs (see its --help).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { root } from './corpus.mjs';
import { CONFIGS, judgedLocations, lintDir, readVerdicts, reportKey, reviewMarkdown, tally, targets, targetValue, verdictOf } from './dir-corpus.mjs';

/** The application corpora beside this repository (absent on a clone of it alone), with their checked-in verdicts and review. */
export const APPS_DIR = path.resolve(root, '..', 'shared', 'apps');
export const APPS2_DIR = path.resolve(root, '..', 'shared', 'apps-2');
export const APPLICATION_CORPORA = [
  { dir: APPS_DIR, verdicts: path.join(root, 'corpus', 'apps', 'verdicts.json'), review: path.join(root, 'corpus', 'apps', 'review.md') },
  { dir: APPS2_DIR, verdicts: path.join(root, 'corpus', 'apps-2', 'verdicts.tsv'), review: path.join(root, 'corpus', 'apps-2', 'review.md') },
];

export async function runDir(args) {
  const dir = path.resolve(args.dir);
  const known = APPLICATION_CORPORA.find((c) => c.dir === dir);
  const label = path.relative(root, dir) || '.';
  if (!existsSync(dir)) {
    if (args.ci) {
      console.log(`corpus: skipped ${label}: the folder is absent (the application corpora live beside the project, in ../shared/apps and ../shared/apps-2)`);
      return 0;
    }
    console.error(`corpus: no folder ${label}`);
    return 2;
  }
  // --report-only evaluates everything --check does but fails only on crashes.
  const reportOnly = args['report-only'];
  const check = args.check || args.ci || args.targets || reportOnly;
  const verdictsFile = args.verdicts ? path.resolve(args.verdicts) : (known?.verdicts ?? null);
  if (verdictsFile && !existsSync(verdictsFile)) {
    console.error(`corpus: no verdict file ${path.relative(root, verdictsFile)}`);
    return 2;
  }
  const verdicts = readVerdicts(verdictsFile);
  const verdictsLabel = verdictsFile && path.relative(root, verdictsFile);
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
  const locations = judgedLocations(run.reports, verdicts);
  const gone = locations.filter((l) => l.reportedBy.length === 0);
  const goals = verdictsFile ? targets(table, locations) : null;

  const slug = path.basename(dir).replace(/[^\w.-]/g, '_');
  // Under --ci the checked-in review stays as it is (its timing would change on every run).
  const out = args.out ? path.resolve(args.out) : known && !args.ci ? known.review : path.join(root, 'corpus-report', `dir-${slug}.md`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, reviewMarkdown({ dir, label, ...run, verdicts, verdictsLabel, table, gone, goals }));
  // The raw reports, for tools (and for judging new ones).
  const json = path.join(root, 'corpus-report', `dir-${slug}.json`);
  mkdirSync(path.dirname(json), { recursive: true });
  writeFileSync(json, `${JSON.stringify({ dir: label, files: run.files.length, seconds: run.seconds, reports: run.reports, crashes: run.crashes }, null, 2)}\n`);

  const summary = CONFIGS.map((config) => {
    const t = table[config].total;
    return `${config}: ${t.reports} reports (${t.real} real, ${t.harmless} harmless, ${t.false} false, ${t.unjudged} not judged)`;
  }).join('; ');
  const met = goals ? `; targets: ${goals.filter((t) => t.met).length} of ${goals.length} met` : '';
  console.log(`corpus: ${label}, ${run.files.length} files in ${run.seconds.toFixed(1)} s; ${summary}; ${run.crashes.length} crashes${met}; review: ${path.relative(root, out)}`);
  if (goals) {
    const width = Math.max(...goals.map((t) => t.name.length));
    const values = goals.map(targetValue);
    const valueWidth = Math.max(...values.map((v) => v.length));
    console.log(`corpus: ${label} targets (issue 23; recall: of the ${locations.filter((l) => l.verdict === 'real').length} locations ever judged real):`);
    goals.forEach((t, i) => console.log(`corpus:   ${t.name.padEnd(width)}  ${values[i].padStart(valueWidth)}  target ${t.target.padEnd(6)}  ${t.met ? 'met' : 'UNMET'}`));
  }

  const crashes = run.crashes.map((c) => `CRASH (${c.kind}${c.rule ? ` ${c.rule}` : ''}) ${path.relative(dir, c.file)}: ${c.message}`);
  // What --check fails on, by kind (--targets adds the unmet targets), the rarest first.
  const problems = { 'judged real and vanished': [], 'not judged': [], 'unmet targets': [], 'judged false': [] };
  if (check) {
    if (!verdictsFile) problems['not judged'].push('--check needs --verdicts <file>');
    for (const config of CONFIGS) {
      for (const report of run.reports[config]) {
        const v = verdictOf(verdicts, config, report);
        if (!v) problems['not judged'].push(`${config}: not judged: ${reportKey(report)} ${report.message}`);
        else if (v.verdict === 'false') problems['judged false'].push(`${config}: judged false, still reported: ${reportKey(report)} (${v.reason})`);
      }
    }
    for (const g of gone) if (g.verdict === 'real') problems['judged real and vanished'].push(`judged real, no longer reported: ${g.key} (${g.reason})`);
    if (args.targets || reportOnly) {
      for (const t of goals ?? []) if (!t.met) problems['unmet targets'].push(`target unmet: ${t.name} ${targetValue(t)}, target ${t.target}`);
    }
  }
  const failures = Object.values(problems).flat();
  const shown = [...crashes, ...(reportOnly && args.quiet ? [] : failures)];
  for (const p of shown.slice(0, 40)) console.error(`corpus: ${p}`);
  if (shown.length > 40) console.error(`corpus: … and ${shown.length - 40} more`);
  if (reportOnly) {
    const would = Object.entries(problems).filter(([, list]) => list.length).map(([kind, list]) => `${list.length} ${kind}`);
    console.log(`corpus: ${label}: --report-only, fails on crashes only; --check --targets would ${would.length ? `fail on ${would.join(', ')}` : 'pass'}`);
    return crashes.length ? 1 : 0;
  }
  return crashes.length || failures.length ? 1 : 0;
}
