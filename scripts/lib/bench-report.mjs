// Summarises scripts/bench.mjs runs and renders docs/benchmarks.md and
// docs/benchmarks.svg from them, plus the latest crash-freedom (npm run corpus) and
// fix-safety (npm run fix-check) summaries that those scripts leave in bench-results/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { root } from './corpus.mjs';

/** The configurations a bench child can run: the parts of a spec are joined by "+". */
export const CONFIGURATIONS = {
  e: { spec: 'typed', label: "typescript-eslint's recommendedTypeChecked" },
  f: { spec: 'typed+strict', label: 'recommendedTypeChecked + asyncleak strict' },
  b: { spec: 'strict', label: 'asyncleak strict alone' },
  c: { spec: 'nfp', label: '@typescript-eslint/no-floating-promises alone' },
};

/** Targets (issue 24): what adding `strict` to recommendedTypeChecked costs, and the standalone cost. */
export const TARGETS = { wall: 1.03, rss: 1.05, standalone: 0.6 };

const NFP = '@typescript-eslint/no-floating-promises';

export const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The confidence below which a run's interval decides nothing (`medianInterval`). */
const DECIDING_CONFIDENCE = 0.9;

/**
 * A distribution-free interval for the true median of per-repetition ratios: from
 * the k-th smallest to the k-th largest, with k as large as keeps the confidence at
 * least 90 % (the true median lies outside it with probability 2·P(Binomial(n, ½) <
 * k)). For 5 repetitions that is the smallest and the largest ratio, at 94 %; fewer
 * than 5 cannot reach 90 %.
 */
export function medianInterval(ratios) {
  const sorted = [...ratios].sort((x, y) => x - y);
  const n = sorted.length;
  const outside = (k) => {
    let p = 0;
    for (let i = 0, c = 1; i < k; c = (c * (n - i)) / (i + 1), i++) p += c / 2 ** n;
    return Math.min(1, 2 * p);
  };
  let k = 1;
  while (k + 1 <= n / 2 && 1 - outside(k + 1) >= DECIDING_CONFIDENCE) k++;
  return { low: sorted[k - 1], high: sorted[n - k], confidence: n ? 1 - outside(k) : 0 };
}

/**
 * What the runs say of a target for a ratio: `met` or `missed` when the whole interval
 * of the median lies on one side of it, `not decided` when it straddles the target (or
 * the runs are too few for 90 %), whichever side the median itself falls on.
 */
export function decide(interval, target) {
  if (interval.confidence < DECIDING_CONFIDENCE) return 'not decided';
  return interval.high <= target ? 'met' : interval.low > target ? 'missed' : 'not decided';
}

/** Each repetition's (f)/(e) ratio of a run's figure (`wall`, `maxRSS`). */
export function pairRatios(runs, key) {
  return runs.f.map((r, k) => r[key] / runs.e[k][key]);
}

/** A median's interval and what it decides of a target, in the page's and the console's words: `0.942–1.080 (94 %): not decided`. */
export function describeDecision(ratios, target) {
  const interval = medianInterval(ratios);
  return `${interval.low.toFixed(3)}–${interval.high.toFixed(3)} (${(interval.confidence * 100).toFixed(0)} %): ${decide(interval, target)}`;
}

/** The asyncleak rules' own time in a run with ESLint stats. */
const sumOurs = (r) => Object.entries(r.rules).reduce((n, [rule, t]) => n + (rule.startsWith('asyncleak/') ? t : 0), 0);

/** One corpus's figures: medians, and the median of the per-repetition ratios. */
export function summarize({ corpus, runs, asyncleakRules }) {
  const wallRatio = median(pairRatios(runs, 'wall'));
  const rssRatio = median(pairRatios(runs, 'maxRSS'));
  const standalone = runs.bStats.length
    ? (() => {
        const ratio = median(standaloneRatios(runs));
        return {
          ours: median(runs.bStats.map(sumOurs)),
          nfp: median(runs.cStats.map((r) => r.rules[NFP])),
          rules: Object.fromEntries(asyncleakRules.map((rule) => [rule, median(runs.bStats.map((r) => r.rules[rule] ?? 0))])),
          ratio,
          met: ratio <= TARGETS.standalone,
        };
      })()
    : undefined;
  const inSetup = runs.fStats.length
    ? {
        rules: Object.fromEntries(asyncleakRules.map((rule) => [rule, median(runs.fStats.map((r) => r.rules[rule] ?? 0))])),
        typed: median(runs.fStats.map((r) => Object.entries(r.rules).reduce((n, [rule, t]) => n + (rule.startsWith('asyncleak/') ? 0 : t), 0))),
      }
    : undefined;
  return {
    id: corpus.id,
    label: corpus.label,
    packages: corpus.packages,
    files: corpus.files,
    wall: { e: median(runs.e.map((r) => r.wall)), f: median(runs.f.map((r) => r.wall)) },
    rss: { e: median(runs.e.map((r) => r.maxRSS)), f: median(runs.f.map((r) => r.maxRSS)) },
    wallRatio,
    rssRatio,
    wallMet: wallRatio <= TARGETS.wall,
    rssMet: rssRatio <= TARGETS.rss,
    reports: { f: runs.f[0]?.reports, e: runs.e[0]?.reports },
    standalone,
    inSetup,
    runs,
  };
}

/** Each repetition's standalone ratio: all asyncleak rules' own time in (b) over no-floating-promises' in (c). */
export function standaloneRatios(runs) {
  return runs.bStats.map((r, k) => sumOurs(r) / runs.cStats[k].rules[NFP]);
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const sec = (ms) => (ms / 1000).toFixed(1);
const mib = (b) => (b / 2 ** 20).toFixed(0);
const met = (ok) => (ok ? 'met' : '**missed**');

/** A horizontal bar chart: the (f)/(e) ratios per corpus (before and now), and the standalone ratio. */
export function renderSvg({ corpora, baseline }) {
  const width = 760;
  const labelW = 300;
  const barMax = width - labelW - 110;
  const rowH = 22;
  const rows = [];
  const max = 1.4;
  const before = (id) => baseline?.corpora.find((c) => c.id === id);
  for (const [key, title, target] of [
    ['wallRatio', 'Wall time, (f)/(e): strict added to recommendedTypeChecked', TARGETS.wall],
    ['rssRatio', 'Peak memory, (f)/(e)', TARGETS.rss],
  ]) {
    rows.push({ title: `${title} (target ≤ ${target})` });
    for (const c of corpora) {
      const old = before(c.id);
      if (old) rows.push({ label: `${c.id}: before`, value: old[key], max, text: old[key].toFixed(3), color: '#9aa5b1' });
      rows.push({ label: `${c.id}${old ? ': now' : ''}`, value: c[key], max, text: c[key].toFixed(3), color: c[key] <= target ? '#27ae60' : '#eb5757' });
    }
  }
  const library = corpora.find((c) => c.standalone);
  if (library) {
    rows.push({ title: `Standalone: asyncleak's rules × no-floating-promises, library (target ≤ ${TARGETS.standalone})` });
    const old = before(library.id)?.standalone;
    if (old) rows.push({ label: 'before', value: old.ratio, max: 1, text: old.ratio.toFixed(2), color: '#9aa5b1' });
    rows.push({ label: old ? 'now' : 'all rules together', value: library.standalone.ratio, max: 1, text: library.standalone.ratio.toFixed(2), color: library.standalone.met ? '#27ae60' : '#eb5757' });
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
    const w = Math.max(1, (Math.min(row.value, row.max) / row.max) * barMax);
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

export function renderDoc({ date, reps, quick, commit, dirty, versions, machine, corpusVersions, asyncleakRules, corpora, baseline }) {
  const md = [];
  const when = new Date(date).toISOString();
  md.push('# Performance and safety on real code', '');
  md.push(
    `Measured on ${when.slice(0, 10)} (${when.slice(11, 16)} UTC) by \`npm run bench${quick ? ' -- --quick' : ''}\` at \`${commit}\`${dirty ? ' (with uncommitted changes)' : ''}${baseline ? `; "before" is the same script on \`${baseline.commit}\` (${baseline.date.slice(0, 10)}, ${baseline.reps} repetitions)` : ''}. Every number on this page comes from that run or from the latest \`npm run corpus\` / \`npm run fix-check\` runs; rerun them to refresh it.`,
    '',
  );
  md.push(
    '> **Noise.** The machine has 2 cores and is shared, so absolute timings move by 10–15 % between runs of the same configuration. The two configurations of each comparison are therefore alternated in every repetition, each in a fresh Node process, and every ratio is the median of the per-repetition ratios: trust the ratios more than the seconds.',
    '',
  );
  md.push('![Benchmark chart](benchmarks.svg)', '');
  md.push('## What a user pays', '');
  md.push(
    "A project that type-checks its lint already runs typescript-eslint's `recommendedTypeChecked`; adding asyncleak means adding its `strict` config on top (`strict` has every rule at the widest evidence, so it costs at least what `recommended` does). Targets: (f)/(e) wall time ≤ 1.03 and peak memory ≤ 1.05 on every corpus.",
    '',
  );
  md.push(
    `| corpus | files | (e) wall | (f) wall | (f)/(e) wall${baseline ? ' before → now' : ''} | (e) peak RSS | (f) peak RSS | (f)/(e) memory${baseline ? ' before → now' : ''} |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const c of corpora) {
    const old = baseline?.corpora.find((b) => b.id === c.id);
    const ratio = (key, ok) => `${old ? `${old[key].toFixed(3)} → ` : ''}**${c[key].toFixed(3)}** (${met(ok)})`;
    md.push(`| ${c.label} | ${c.files} | ${sec(c.wall.e)} s | ${sec(c.wall.f)} s | ${ratio('wallRatio', c.wallMet)} | ${mib(c.rss.e)} MiB | ${mib(c.rss.f)} MiB | ${ratio('rssRatio', c.rssMet)} |`);
  }
  md.push('');
  // Each repetition's pair, so the spread behind a median shows.
  const pairs = (c, key) => pairRatios(c.runs, key).map((ratio) => ratio.toFixed(3)).join(', ');
  md.push('Per repetition, (f)/(e):', '');
  for (const c of corpora) {
    const old = baseline?.corpora.find((b) => b.id === c.id);
    md.push(`- ${c.label}: wall ${pairs(c, 'wall')}${old ? ` (before: ${pairs(old, 'wall')})` : ''}; peak memory ${pairs(c, 'maxRSS')}${old ? ` (before: ${pairs(old, 'maxRSS')})` : ''}.`);
  }
  md.push('');
  // What the runs can tell apart: the interval of each median, against its target.
  md.push(
    "What the runs decide. The medians above move with the noise, so each comes with a distribution-free interval for the true median of the pair ratios: from the k-th smallest to the k-th largest pair, with k as large as keeps a confidence of 90 % (for 5 to 8 repetitions, the smallest and the largest; fewer than 5 cannot reach 90 %). A target is met or missed by these runs only where the whole interval lies on one side of it; where the interval straddles the target, the runs do not decide it, whichever side the median falls on.",
    '',
  );
  md.push(`| corpus | wall (f)/(e), target ≤ ${TARGETS.wall} | peak memory (f)/(e), target ≤ ${TARGETS.rss} |`, '|---|---|---|');
  for (const c of corpora) md.push(`| ${c.label} | ${describeDecision(pairRatios(c.runs, 'wall'), TARGETS.wall)} | ${describeDecision(pairRatios(c.runs, 'maxRSS'), TARGETS.rss)} |`);
  md.push('');
  const withSetup = corpora.filter((c) => c.inSetup);
  if (withSetup.length) {
    md.push("In (f), the asyncleak rules' own time (ESLint stats) next to the typed rules':", '');
    md.push('| corpus | asyncleak rules | typed rules | ratio |', '|---|---:|---:|---:|');
    for (const c of withSetup) {
      const ours = asyncleakRules.reduce((n, r) => n + (c.inSetup.rules[r] ?? 0), 0);
      md.push(`| ${c.label} | ${ours.toFixed(0)} ms | ${c.inSetup.typed.toFixed(0)} ms | ${(ours / c.inSetup.typed).toFixed(3)} |`);
    }
    md.push('');
  }
  const library = corpora.find((c) => c.standalone);
  if (library) {
    const old = baseline?.corpora.find((b) => b.id === library.id)?.standalone;
    md.push('## Standalone', '');
    md.push(
      `With no other typed rule, the checker's first look at a type is charged to whichever rule asks first. On the library corpus, asyncleak's \`strict\` rules alone (b) against \`@typescript-eslint/no-floating-promises\` alone (c), by the rules' own time (ESLint \`stats\`): all rules together ${old ? `${old.ratio.toFixed(2)}× before → ` : ''}**${library.standalone.ratio.toFixed(2)}×** (target ≤ ${TARGETS.standalone}: ${met(library.standalone.met)}); per repetition ${standaloneRatios(library.runs).map((r) => r.toFixed(2)).join(', ')}, interval of the median ${describeDecision(standaloneRatios(library.runs), TARGETS.standalone)}.`,
      '',
    );
    md.push(`| rule | own time${old ? ' before' : ''} | own time${old ? ' now' : ''} |`, '|---|---:|---:|');
    for (const r of asyncleakRules) md.push(`| \`${r}\` | ${old ? `${(old.rules[r] ?? 0).toFixed(0)} ms` : ''} | ${library.standalone.rules[r].toFixed(0)} ms |`);
    md.push(`| **all asyncleak rules together** | ${old ? `${old.ours.toFixed(0)} ms` : ''} | ${library.standalone.ours.toFixed(0)} ms |`);
    md.push(`| \`${NFP}\` | ${old ? `${old.nfp.toFixed(0)} ms` : ''} | ${library.standalone.nfp.toFixed(0)} ms |`, '');
  }
  md.push('## Corpora', '');
  md.push('- **Library corpus**: TypeScript sources that npm packages ship in their tarballs (`src/**/*.ts`, no declaration files), linted as one project with a generated tsconfig (see `scripts/lib/corpus.mjs`). Nobody on this project wrote them:', '');
  md.push('  | package | version |', '  |---|---|');
  for (const [p, v] of Object.entries(corpusVersions)) md.push(`  | \`${p}\` | ${v} |`);
  md.push('');
  md.push(
    "- **Application corpora** `../shared/apps` (servers, drivers, a debugger, React primitives) and `../shared/apps-2` (AI SDKs, VS Code extensions, a React app): their sources copied with a tsconfig at their root that types the DOM, Node and React globals; their own dependencies are not installed, so imports of packages are `any`. Skipped, with a message, where `../shared` is absent.",
    '',
  );
  md.push('## Method', '');
  md.push(
    `- ${reps} repetition${reps === 1 ? '' : 's'}. In each, on each corpus, (e) and (f) run one after the other (which goes first alternates), each in a fresh child process (no warm caches, honest peak memory); then, on the library corpus, (b) and (c) with ESLint's \`stats: true\`, apart from the wall-time runs.`,
    `- (e) ${CONFIGURATIONS.e.label} (its type-checked rules, \`recommendedTypeCheckedOnly\`); (f) the same plus asyncleak's \`flat/strict\` (${asyncleakRules.length} rules: ${asyncleakRules.map((r) => `\`${r.replace('asyncleak/', '')}\``).join(', ')}); (b) ${CONFIGURATIONS.b.label}; (c) ${CONFIGURATIONS.c.label}.`,
    "- Each child runs with Node's default heap limit (about 4 GiB here), as a user's `eslint` does: close to it, garbage collection is part of what an added rule costs.",
    '- Parser: `@typescript-eslint/parser` with `projectService: true`, on a copy of the corpus laid out like a user project (tsconfig at its root).',
    "- Wall time: from creating `ESLint` to the end of `lintFiles` inside the child. Peak memory: the child's maximum RSS.",
    '- `npm run bench -- --variant typed+strict --heap` runs one configuration and prints the heap still in use after linting and a full garbage collection: what the run keeps alive (mostly the TypeScript program and its checker), the measure used to find what the plugin holds on to.',
    '',
  );
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
      `Latest \`npm run fix-check${fix.scope === 'demo-only' ? ' -- --demo-only' : fix.scope === 'ci' ? ' -- --ci' : ''}\` (${fix.date.slice(0, 10)}, ${fix.files} files of ${fix.targets.join(' and ')}): ${fix.fixes} autofixes applied in ${fix.fixedFiles} files, ${fix.suggestions} suggestions applied one at a time; **${fix.failures} failures** (a file that no longer parses, a new \`tsc\` error, or a second \`--fix\` pass that changes something).`,
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
  md.push(
    '',
    'Reproduce: `npm run bench` (builds first; per repetition two full lints of each corpus and two standalone lints of the library corpus, about 12 minutes; `-- --quick` for a small subset, `-- --profile <rule>` to see where one rule spends its time, `-- --plugin <checkout> --no-write` to measure another build with the same script).',
    '',
  );
  return md.join('\n');
}
