// Renders docs/benchmarks.md and docs/benchmarks.svg from scripts/bench.mjs results,
// plus the latest crash-freedom (npm run corpus) and fix-safety (npm run fix-check)
// summaries that those scripts leave in bench-results/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { root } from './corpus.mjs';

/** Targets: each rule's own time, and all asyncleak rules together, against no-floating-promises. */
export const RULE_TARGET = 0.25;
export const TOGETHER_TARGET = 0.5;

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const sec = (ms) => (ms / 1000).toFixed(1);
const mib = (b) => (b / 2 ** 20).toFixed(0);

/** A horizontal bar chart: wall time per configuration and corpus size, then per-rule time. */
export function renderSvg({ summary, asyncleakRules }) {
  const width = 760;
  const labelW = 330;
  const barMax = width - labelW - 90;
  const rowH = 22;
  const rows = [];
  const colors = { a: '#9aa5b1', b: '#2f80ed', c: '#f2994a', d: '#6fcf97', e: '#bb6bd9', f: '#27ae60', rule: '#2f80ed', ref: '#f2994a' };
  rows.push({ title: 'Median wall time per configuration (s)' });
  const maxWall = Math.max(...summary.flatMap((s) => Object.values(s.wall)));
  for (const s of summary) {
    for (const [v, name] of [
      ['a', 'typed parse only'],
      ['b', '+ asyncleak flat/strict'],
      ['c', '+ no-floating-promises'],
      ['d', '+ no-floating-promises + asyncleak'],
      ['e', '+ recommendedTypeChecked'],
      ['f', '+ recommendedTypeChecked + asyncleak'],
    ]) {
      if (s.wall[v] === undefined) continue;
      rows.push({ label: `${s.files} files: ${name}`, value: s.wall[v], max: maxWall, text: `${sec(s.wall[v])} s`, color: colors[v] });
    }
  }
  const last = summary.filter((s) => !s.apps).at(-1) ?? summary[summary.length - 1];
  if (Object.keys(last.rules).length) {
    rows.push({ title: `Each rule's own time, ${last.files} files (ms, ESLint stats)` });
    const ruleRows = [...asyncleakRules.map((r) => [r, colors.rule]), ['@typescript-eslint/no-floating-promises', colors.ref]];
    const maxRule = Math.max(...ruleRows.map(([r]) => last.rules[r] ?? 0), 1);
    for (const [r, color] of ruleRows) {
      const t = last.rules[r] ?? 0;
      rows.push({ label: r, value: t, max: maxRule, text: `${t.toFixed(0)} ms${r.startsWith('asyncleak/') && last.ruleRatios[r] !== undefined ? ` (${last.ruleRatios[r].toFixed(2)}×)` : ''}`, color });
    }
  }
  let y = 10;
  const parts = [];
  for (const row of rows) {
    if (row.title) {
      y += 14;
      parts.push(`<text x="10" y="${y + 4}" font-weight="bold">${esc(row.title)}</text>`);
      y += 12;
      continue;
    }
    const w = Math.max(1, (row.value / row.max) * barMax);
    parts.push(`<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(row.label)}</text>`);
    parts.push(`<rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${row.color}"/>`);
    parts.push(`<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 15}">${esc(row.text)}</text>`);
    y += rowH;
  }
  const height = y + 12;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#ffffff"/>
${parts.join('\n')}
</svg>
`;
}

function readSummary(name) {
  const file = path.join(root, 'bench-results', name);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

export function renderDoc({ date, reps, versions, machine, corpusVersions, asyncleakRules, summary, variants, quick }) {
  const md = [];
  md.push('# Performance and safety on real code', '');
  md.push(
    `Measured on ${date.toISOString().slice(0, 10)} (${date.toISOString().slice(11, 16)} UTC) by \`npm run bench${quick ? ' -- --quick' : ''}\`. Every number on this page comes from that run or from the latest \`npm run corpus\` / \`npm run fix-check\` runs; rerun them to refresh it.`,
    '',
  );
  md.push(
    '> **Noise.** These numbers were taken on a shared machine (2 cores, other heavy jobs running at the same time), so absolute timings are noisy. The configurations are therefore alternated inside every repetition, each run in a fresh Node process, and the overhead is the median of the per-repetition ratios: trust the ratios more than the seconds.',
    '',
  );
  md.push('![Benchmark chart](benchmarks.svg)', '');
  md.push('## Corpus', '');
  md.push('The library corpus: TypeScript sources that npm packages ship in their tarballs (`src/**/*.ts`, no declaration files), linted as one project with a generated tsconfig (see `scripts/lib/corpus.mjs`). Nobody on this project wrote them.', '');
  md.push('| package | version |', '|---|---|');
  for (const [p, v] of Object.entries(corpusVersions)) md.push(`| \`${p}\` | ${v} |`);
  md.push('');
  if (summary.some((s) => s.apps)) {
    md.push('The application corpus: the sources of seven applications and SDKs in `../shared/apps` (see its README), copied with a tsconfig at their root that types the DOM, Node and React globals; their own dependencies are not installed, so imports of packages are `any`.', '');
  }
  md.push('## Method', '');
  md.push(
    `- ${reps} repetition${reps === 1 ? '' : 's'}; in each, the configurations run one after the other (order rotated each repetition), each in a fresh child process (no warm caches, honest peak memory).`,
    `- Configurations: (a) ${variants.a}; (b) ${variants.b} (${asyncleakRules.length} rules: ${asyncleakRules.map((r) => `\`${r}\``).join(', ') || 'none'}); (c) ${variants.c}; (d) ${variants.d}; (e) ${variants.e} (its type-checked rules alone, \`recommendedTypeCheckedOnly\`); (f) ${variants.f}. (a) and (b) run on both corpus sizes, the others on the larger one and the application corpus ((d) on the library corpus only).`,
    "- (a) only parses with types: the TypeScript checker is lazy, so (a) type-checks almost nothing, and any typed rule pays for the checking it triggers. (d)/(c) and (f)/(e) are the cost of asyncleak in a setup that already type-checks, where checker work is shared between rules; (f)/(e) is the one most users have (typescript-eslint's `recommendedTypeChecked`).",
    "- Each child runs with Node's default heap limit (about 4 GiB here), as a user's `eslint` does: close to it, garbage collection is part of what an added rule costs.",
    '- Parser: `@typescript-eslint/parser` with `projectService: true`, on a copy of the corpus laid out like a user project (tsconfig at its root).',
    "- Wall time: from creating `ESLint` to the end of `lintFiles` inside the child. Peak memory: the child's maximum RSS.",
    "- Each rule's own time: extra runs of (b), (c) and (f) with ESLint's `stats: true` (summed `times.passes[].rules`), kept out of the wall-time runs. Type-checker work is charged to whichever rule asks first, so the asyncleak rules share the cost of the types they request; in (f) the typed rules of `recommendedTypeChecked` ask about most of the program too, so what is left to an asyncleak rule there is mostly its own work.",
    '',
  );
  md.push('## Results', '');
  for (const s of summary) {
    md.push(s.apps ? `### Application corpus: ${s.files} files` : `### ${s.files} files (${s.packages.map((p) => `\`${p}\``).join(', ')})`, '');
    md.push('| configuration | median wall time | median peak RSS | files/s |', '|---|---:|---:|---:|');
    for (const v of s.ran) md.push(`| (${v}) ${variants[v]} | ${sec(s.wall[v])} s | ${mib(s.rss[v])} MiB | ${s.filesPerSecond[v].toFixed(1)} |`);
    md.push('');
    md.push(`- Overhead of asyncleak (b)/(a): **${s.ratioB.toFixed(3)}** (target ≤ 1.03: ${s.ratioB <= 1.03 ? 'met' : `**missed** by ${((s.ratioB - 1.03) * 100).toFixed(1)} points`}); extra time per file: ${s.extraMsPerFileB.toFixed(2)} ms.`);
    if (s.ratioC !== undefined) md.push(`- For reference, no-floating-promises alone (c)/(a): ${s.ratioC.toFixed(3)}.`);
    if (s.ratioDC !== undefined) md.push(`- asyncleak on top of no-floating-promises (d)/(c): **${s.ratioDC.toFixed(3)}**.`);
    if (s.ratioFE !== undefined) md.push(`- asyncleak added to typescript-eslint's \`recommendedTypeChecked\` (f)/(e): **${s.ratioFE.toFixed(3)}**.`);
    md.push(`- Reports: ${s.reports.b ?? 0} by asyncleak${s.reports.c !== undefined ? `, ${s.reports.c} by no-floating-promises` : ''}.`, '');
    if (Object.keys(s.ruleRatios).length) {
      md.push(`| rule | own time (median) | × no-floating-promises | target |`, '|---|---:|---:|---|');
      for (const r of asyncleakRules) {
        const ratio = s.ruleRatios[r];
        md.push(`| \`${r}\` | ${(s.rules[r] ?? 0).toFixed(0)} ms | ${ratio?.toFixed(2) ?? '–'} | ≤ ${RULE_TARGET}×: ${ratio === undefined ? '–' : ratio <= RULE_TARGET ? 'met' : '**missed**'} |`);
      }
      const together = asyncleakRules.reduce((n, r) => n + (s.rules[r] ?? 0), 0);
      if (s.togetherRatio !== undefined) {
        md.push(`| **all asyncleak rules together** | ${together.toFixed(0)} ms | **${s.togetherRatio.toFixed(2)}** | ≤ ${TOGETHER_TARGET}×: ${s.togetherRatio <= TOGETHER_TARGET ? 'met' : '**missed**'} |`);
      }
      md.push(`| \`@typescript-eslint/no-floating-promises\` | ${(s.nfp ?? 0).toFixed(0)} ms | 1.00 | |`, '');
    }
    if (s.inSetup) {
      const ours = asyncleakRules.reduce((n, r) => n + (s.inSetup.rules[r] ?? 0), 0);
      md.push(`In (f), next to the ${s.inSetup.typed.toFixed(0)} ms of \`recommendedTypeChecked\`'s rules (the slowest of them ${s.inSetup.slowestTyped.toFixed(0)} ms), the asyncleak rules' own time:`, '');
      md.push('| rule | own time in (f) | × the typed rules together |', '|---|---:|---:|');
      for (const r of asyncleakRules) md.push(`| \`${r}\` | ${(s.inSetup.rules[r] ?? 0).toFixed(0)} ms | ${((s.inSetup.rules[r] ?? 0) / s.inSetup.typed).toFixed(3)} |`);
      md.push(`| **all asyncleak rules together** | ${ours.toFixed(0)} ms | **${(ours / s.inSetup.typed).toFixed(3)}** |`, '');
    }
  }
  const library = summary.filter((s) => !s.apps);
  if (library.length > 1) {
    md.push('### Growth with the number of files', '');
    md.push('| files | (a) ms/file | (b) ms/file | (b) − (a) ms/file |', '|---:|---:|---:|---:|');
    for (const s of library) md.push(`| ${s.files} | ${(s.wall.a / s.files).toFixed(1)} | ${(s.wall.b / s.files).toFixed(1)} | ${s.extraMsPerFileB.toFixed(2)} |`);
    md.push('', 'Linear growth means a roughly constant time per file at both sizes; a difference between the sizes also reflects what the added files contain (see Findings).', '');
  }
  const corpus = readSummary('corpus-summary.json');
  md.push('## Crash-freedom', '');
  if (corpus) {
    md.push(`Latest \`npm run corpus\` (${corpus.date.slice(0, 10)}, \`${corpus.config}\`, ${corpus.files} files): **${corpus.crashes} crashes** (rule exceptions or fatal parse errors); ${corpus.reports} reports (${Object.entries(corpus.perRule).map(([r, n]) => `${r.replace('asyncleak/', '')}: ${n}`).join(', ')}), each listed for review in \`corpus-report/${corpus.config}.md\`.`, '');
  } else {
    md.push('No `npm run corpus` summary found yet.', '');
  }
  const fix = readSummary('fix-check-summary.json');
  md.push('## Fix safety', '');
  if (fix) {
    md.push(
      `Latest \`npm run fix-check${fix.scope === 'demo-only' ? ' -- --demo-only' : fix.scope === 'ci' ? ' -- --ci' : fix.scope && fix.scope !== 'all' ? ` -- --${fix.scope.replace(' ', ' ')}` : ''}\` (${fix.date.slice(0, 10)}, ${fix.files} files of ${fix.targets.join(' and ')}): ${fix.fixes} autofixes applied in ${fix.fixedFiles} files, ${fix.suggestions} suggestions applied one at a time; **${fix.failures} failures** (a file that no longer parses, a new \`tsc\` error, or a second \`--fix\` pass that changes something).`,
      '',
    );
  } else {
    md.push('No `npm run fix-check` summary found yet.', '');
  }
  const apps = readSummary('fix-check-apps-summary.json');
  if (apps) {
    md.push(
      `Latest \`npm run fix-check -- --demo-only --dir ../shared/apps\` (${apps.date.slice(0, 10)}, the application corpus, ${apps.files} files): ${apps.fixes} autofixes applied in ${apps.fixedFiles} files, ${apps.suggestions} suggestions applied one at a time; **${apps.failures} failures**.`,
      '',
    );
  }
  // Hand-written findings survive regeneration: kept between the notes markers.
  const previous = existsSync(path.join(root, 'docs', 'benchmarks.md')) ? readFileSync(path.join(root, 'docs', 'benchmarks.md'), 'utf8') : '';
  const notes = /<!-- notes:start -->\n([\s\S]*?)<!-- notes:end -->/.exec(previous)?.[1] ?? '_Findings from profiling go here (kept when the page is regenerated)._\n';
  md.push('## Findings', '', '<!-- notes:start -->', notes.trimEnd(), '<!-- notes:end -->', '');
  md.push('## Versions and machine', '');
  md.push('| | |', '|---|---|');
  for (const [k, v] of Object.entries(versions)) md.push(`| ${k} | ${v} |`);
  for (const [k, v] of Object.entries(machine)) md.push(`| ${k} | ${v} |`);
  md.push('', 'Reproduce: `npm run bench` (builds first; about 3 × 13 full lints of the corpus; `-- --quick` for a small subset, `-- --profile <rule>` to see where one rule spends its time).', '');
  return md.join('\n');
}
