// CI gate: the README's GitHub Actions workflows. Their `run:` commands (after
// `npm ci`) are executed verbatim in a project: exit 0 when clean, non-zero on any
// finding, non-zero on a warning under `--max-warnings 0`; the default output is the
// shape setup-node's problem matcher turns into annotations; the optional SARIF step
// writes the finding for code scanning.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { createCase, expectedKeys, FIXTURE_DIR, RECIPES_DIR, sh } from './helpers';

function runSteps(workflow: string): string[] {
  const text = readFileSync(path.join(RECIPES_DIR, workflow), 'utf8');
  return [...text.matchAll(/^\s+(?:- )?run: (.+)$/gm)].map((m) => m[1]);
}

const [install, gate] = runSteps('ci/.github/workflows/lint.yml');
const [sarifInstall, sarifStep] = runSteps('ci-sarif/.github/workflows/eslint-sarif.yml');

/**
 * setup-node's `eslint-stylish` problem matcher (actions/setup-node .github/eslint-stylish.json):
 * a file line, then finding lines with line, column, severity, message and rule id.
 */
const MATCHER_FILE = /^\s*([^\s].*)$/;
const MATCHER_FINDING = /^\s+(\d+):(\d+)\s+(error|warning|info)\s+(.*)\s\s+(.*)$/;

function annotations(output: string, dir: string): string[] {
  const found: string[] = [];
  let file: string | undefined;
  for (const line of output.split('\n')) {
    const finding = MATCHER_FINDING.exec(line);
    if (finding && file) {
      found.push(`${path.relative(dir, file)}:${finding[1]} ${finding[5].trim()}`);
      continue;
    }
    const fileMatch = MATCHER_FILE.exec(line);
    file = fileMatch && path.isAbsolute(fileMatch[1]) ? fileMatch[1] : undefined;
  }
  return found.sort();
}

/** npx's own notices about the machine's npm config are not ESLint's output. */
const withoutNpmNotices = (text: string) => text.replace(/^npm (warn|notice) .*\n?/gm, '');

const WARN_CONFIG = `import asyncleak from 'eslint-plugin-asyncleak';

const recommended = asyncleak.configs['flat/recommended'];
export default [
  {
    ...recommended,
    rules: Object.fromEntries(Object.entries(recommended.rules).map(([id, entry]) => [id, ['warn', ...[entry].flat().slice(1)]])),
  },
];
`;

describe('CI gate (ESLint 10)', () => {
  it('the workflow installs with npm ci and gates with --max-warnings 0', () => {
    expect(install).toBe('npm ci');
    expect(gate).toBe('npx eslint . --max-warnings 0');
    expect(sarifInstall).toBe('npm ci');
  });

  it('exits 0 on a clean project', () => {
    const dir = createCase('eslint10', 'ci-clean', {
      fixture: false,
      recipes: ['flat'],
      files: { 'src/clean.ts': readFileSync(path.join(FIXTURE_DIR, 'src/clean.ts'), 'utf8'), 'tsconfig.json': readFileSync(path.join(FIXTURE_DIR, 'tsconfig.json'), 'utf8') },
    });
    const result = sh(gate, { cwd: dir });
    expect(result.stdout + withoutNpmNotices(result.stderr)).toBe('');
    expect(result.status).toBe(0);
  });

  it('exits non-zero on a finding, printed in the shape the annotations are made from', () => {
    const dir = createCase('eslint10', 'ci-leaky', { recipes: ['flat'] });
    const result = sh(gate, { cwd: dir });
    expect(result.status).toBe(1);
    expect(annotations(result.stdout, dir)).toEqual(expectedKeys(dir, 'recommended'));
    expect(expectedKeys(dir, 'recommended').length).toBeGreaterThan(0);
  });

  it('exits non-zero on warnings only, under --max-warnings 0 (and 0 without it)', () => {
    const dir = createCase('eslint10', 'ci-warn', { files: { 'eslint.config.mjs': WARN_CONFIG } });
    const result = sh(gate, { cwd: dir });
    expect(result.stdout).toContain('warning');
    expect(result.stdout).not.toMatch(/\d+:\d+\s+error/);
    expect(result.stderr).toMatch(/ESLint found too many warnings \(maximum: 0\)/);
    expect(result.status).toBe(1);
    expect(annotations(result.stdout, dir)).toEqual(expectedKeys(dir, 'recommended'));
    expect(sh(gate.replace(' --max-warnings 0', ''), { cwd: dir }).status).toBe(0);
  });

  it('optional SARIF step: writes the findings for code scanning', () => {
    const dir = createCase('eslint10', 'ci-sarif', { recipes: ['flat'] });
    const result = sh(sarifStep, { cwd: dir });
    expect(withoutNpmNotices(result.stderr)).toBe('');
    expect(result.status).toBe(1); // hence `continue-on-error: true` in the workflow
    const sarif = JSON.parse(readFileSync(path.join(dir, 'eslint-results.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const keys = sarif.runs
      .flatMap((r) => r.results)
      .map((r) => {
        const loc = r.locations[0].physicalLocation;
        return `${loc.artifactLocation.uri.replace(/^.*?(src\/)/, '$1')}:${loc.region.startLine} ${r.ruleId}`;
      })
      .sort();
    expect(keys).toEqual(expectedKeys(dir, 'recommended'));
  });
});
