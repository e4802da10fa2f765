// What users get: `npm pack` holds only the build output, its types, the README,
// LICENSE and the rule docs; the packed tarball, installed into a fresh project, lints
// from an ESM and from a CommonJS config — one plugin instance either way.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, inject, it } from 'vitest';

import { createCase, expectedKeys, lint, RECIPES_DIR, run } from './helpers';

const repoRoot = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string; main: string; types: string };

describe('npm pack', () => {
  const files = inject('asyncleakIt').packedFiles;

  it('contains only what users need', () => {
    const unexpected = files.filter(
      (f) => !/^(dist\/.+\.(js|d\.ts)|docs\/rules\/[\w-]+\.md|README\.md|LICENSE|package\.json)$/.test(f),
    );
    expect(unexpected).toEqual([]);
    for (const required of ['package.json', 'README.md', 'LICENSE', pkg.main.replace(/^\.\//, ''), pkg.types.replace(/^\.\//, '')]) {
      expect(files).toContain(required);
    }
    // Every .js file ships its declaration.
    for (const js of files.filter((f) => f.endsWith('.js'))) expect(files).toContain(js.replace(/\.js$/, '.d.ts'));
  });

  it('ships the docs of every rule in docs/rules', () => {
    const docs = readdirSync(path.join(repoRoot, 'docs/rules')).filter((f) => f.endsWith('.md'));
    for (const doc of docs) expect(files).toContain(`docs/rules/${doc}`);
  });
});

describe('the packed tarball installed into a project (ESLint 10)', () => {
  it('is the version in package.json, and ESM import and require() give the same plugin object', () => {
    const dir = createCase('eslint10', 'package-identity', { fixture: false });
    const script = `
      const cjs = require('eslint-plugin-asyncleak');
      import('eslint-plugin-asyncleak').then((esm) => {
        console.log(JSON.stringify({ version: cjs.meta.version, same: esm.default === cjs, flatPlugin: cjs.configs['flat/recommended'].plugins.asyncleak === cjs }));
      });`;
    const result = run(process.execPath, ['-e', script], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({ version: pkg.version, same: true, flatPlugin: true });
  });

  it('lints from an ESM config (eslint.config.mjs)', () => {
    const dir = createCase('eslint10', 'package-esm', { recipes: ['flat'] });
    const result = lint(dir);
    expect(result.fatal).toEqual([]);
    expect(result.keys).toEqual(expectedKeys(dir, 'recommended'));
    expect(result.keys.length).toBeGreaterThan(0);
  });

  it('lints from a CommonJS config (eslint.config.cjs)', () => {
    const dir = createCase('eslint10', 'package-cjs', {
      files: { 'eslint.config.cjs': readFileSync(path.join(RECIPES_DIR, 'flat-cjs/eslint.config.js'), 'utf8') },
    });
    const result = lint(dir);
    expect(result.fatal).toEqual([]);
    expect(result.files).toContain('eslint.config.cjs');
    expect(result.keys).toEqual(expectedKeys(dir, 'recommended'));
    expect(result.keys.length).toBeGreaterThan(0);
  });
});
