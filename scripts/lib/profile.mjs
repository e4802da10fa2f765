// `npm run bench -- --profile <rule>`: runs one asyncleak rule alone under
// `node --cpu-prof` and prints where the rule's time
// goes: inclusive time per plugin function (dist/rules, dist/analysis) and per
// TypeScript checker entry point called from plugin code.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { root } from './corpus.mjs';

function run(script, spec, dir, profDir, plugin) {
  rmSync(profDir, { recursive: true, force: true });
  mkdirSync(profDir, { recursive: true });
  const child = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, script, '--child', JSON.stringify({ spec, dir, stats: true, plugin })], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(child.stderr);
  const result = JSON.parse(child.stdout.trim().split('\n').pop());
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  return { result, profile: JSON.parse(readFileSync(path.join(profDir, file), 'utf8')) };
}

/** Inclusive ms per key, counting a frame only when no ancestor has the same key (recursion). */
function aggregate(profile, keyOf) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const interval = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const self = new Map();
  for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + interval);
  const totals = new Map();
  const counts = new Map();
  const visit = (node, parent, active) => {
    const key = keyOf(node, parent);
    const fresh = key && !active.has(key);
    if (fresh) active.add(key);
    let inclusive = self.get(node.id) ?? 0;
    for (const childId of node.children ?? []) inclusive += visit(byId.get(childId), node, active);
    if (fresh) {
      active.delete(key);
      totals.set(key, (totals.get(key) ?? 0) + inclusive);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return inclusive;
  };
  visit(profile.nodes[0], null, new Set());
  return [...totals].sort((x, y) => y[1] - x[1]);
}

const isPlugin = (node) => node?.callFrame.url.includes('/dist/') && !node.callFrame.url.includes('node_modules');
const where = (node) => `${node.callFrame.functionName || '(anonymous)'} (${path.basename(node.callFrame.url)}:${node.callFrame.lineNumber + 1})`;

/** `PROFILE_TOP=<n>` in the environment prints more than the top 25 plugin functions. */
export async function profileRule({ rule, dir, files, script, plugin }) {
  const profDir = path.join(root, '.tmp', 'profiles');
  console.log(`profile: asyncleak/${rule} alone on ${files} files (${path.relative(root, dir)})`);
  const { result, profile } = run(script, `rule:${rule}`, dir, profDir, plugin);
  const ruleMs = result.rules[`asyncleak/${rule}`] ?? 0;
  console.log(`profile: wall ${(result.wall / 1000).toFixed(1)} s; rule's own time (ESLint stats) ${ruleMs.toFixed(0)} ms; ${result.reports} reports`);
  const pluginFns = aggregate(profile, (node) => (isPlugin(node) ? where(node) : null));
  console.log('\nInclusive time per plugin function (ms, sampled):');
  for (const [key, ms] of pluginFns.slice(0, Number(process.env.PROFILE_TOP ?? 25))) console.log(`  ${ms.toFixed(0).padStart(7)}  ${key}`);
  // TypeScript work entered from plugin code: key = checker function <- plugin caller.
  const checker = aggregate(profile, (node, parent) =>
    node.callFrame.url.endsWith('typescript.js') && isPlugin(parent) ? `${node.callFrame.functionName || '(anonymous)'} <- ${where(parent)}` : null,
  );
  console.log('\nTypeScript calls made directly by plugin code (inclusive ms):');
  for (const [key, ms] of checker.slice(0, 25)) console.log(`  ${ms.toFixed(0).padStart(7)}  ${key}`);
  return { result, pluginFns, checker };
}
