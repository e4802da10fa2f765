// The shape of src/ (docs/architecture.md): no import cycle anywhere; the analysis in
// layers, one folder each, that import only downward; rules → fixes → analysis, never back.
// Imports are read as TypeScript reads them, type-only ones and `export … from` included.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '..', 'src');

/**
 * The layers of `src/analysis`, one folder each, bottom-up: a module imports only from
 * its own folder and the folders before it here.
 */
const LAYERS = ['syntax', 'types', 'resources', 'lifetimes', 'propagation', 'witnesses'];

/** What a part of src/ must never import: the analysis knows no rule or fix, a fix no rule. */
const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  analysis: ['rules', 'fixes', 'configs'],
  fixes: ['rules'],
};

/** Every module of src/, as its path from src/ with `/` separators. */
const modules = new Set(
  readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.split(path.sep).join('/')),
);

/** The modules of src/ that a module imports; an import from outside src/ (`../package.json`, a package) is left out. */
function getImports(module: string): string[] {
  const text = readFileSync(path.join(SRC, module), 'utf8');
  const imports: string[] = [];
  for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const target = path.posix.join(path.posix.dirname(module), fileName);
    if (target.startsWith('../')) continue;
    const resolved = [`${target}.ts`, `${target}/index.ts`].find((candidate) => modules.has(candidate));
    if (!resolved) throw new Error(`${module}: cannot resolve '${fileName}'`);
    imports.push(resolved);
  }
  return imports;
}

const graph = new Map([...modules].sort().map((module) => [module, getImports(module)] as const));

/** An import cycle of the graph, as its path (`a.ts → b.ts → a.ts`), or `null` when there is none. */
function findCycle(edges: ReadonlyMap<string, readonly string[]>): string | null {
  const done = new Set<string>();
  const trail: string[] = [];
  const visit = (module: string): string | null => {
    trail.push(module);
    for (const next of edges.get(module) ?? []) {
      if (trail.includes(next)) return [...trail.slice(trail.indexOf(next)), next].join(' → ');
      if (done.has(next)) continue;
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    trail.pop();
    done.add(module);
    return null;
  };
  for (const module of edges.keys()) {
    if (done.has(module)) continue;
    const cycle = visit(module);
    if (cycle) return cycle;
  }
  return null;
}

/**
 * The layer of an analysis module: the index of its folder in `LAYERS` (-1 for none),
 * above them all for the barrel `analysis/index.ts`; `null` outside the analysis.
 */
function layerOf(module: string): number | null {
  if (!module.startsWith('analysis/')) return null;
  if (module === 'analysis/index.ts') return LAYERS.length;
  return LAYERS.indexOf(module.split('/')[1]!);
}

describe('architecture of src/', () => {
  it('finds an import cycle when there is one', () => {
    const edges = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['b.ts']],
    ]);
    expect(findCycle(edges)).toBe('b.ts → c.ts → b.ts');
  });

  it('has no import cycle', () => {
    expect(graph.size).toBeGreaterThan(0);
    expect(findCycle(graph)).toBeNull();
  });

  it('puts every analysis module but the barrel in a folder of LAYERS, and each of LAYERS in use', () => {
    expect([...modules].filter((module) => layerOf(module) === -1)).toEqual([]);
    expect(LAYERS.filter((layer) => ![...modules].some((module) => module.startsWith(`analysis/${layer}/`)))).toEqual([]);
  });

  it('imports only from its own layer or a lower one, in every analysis module', () => {
    const upward: string[] = [];
    for (const [module, imports] of graph) {
      const own = layerOf(module);
      if (own === null) continue;
      for (const target of imports) {
        const layer = layerOf(target);
        if (layer !== null && layer > own) upward.push(`${module} → ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('never imports rules, fixes or configs from the analysis, nor rules from the fixes', () => {
    const backward: string[] = [];
    for (const [module, imports] of graph) {
      const forbidden = FORBIDDEN[module.split('/')[0]!] ?? [];
      for (const target of imports) if (forbidden.includes(target.split('/')[0]!)) backward.push(`${module} → ${target}`);
    }
    expect(backward).toEqual([]);
  });
});
