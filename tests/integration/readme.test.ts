// The README's recipes are the files the integration tests run: each recipe file is
// quoted verbatim, as a whole fenced block, in the README's recipes section.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { RECIPES_DIR } from './helpers';

const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('<!-- recipes:start -->'), readme.indexOf('<!-- recipes:end -->'));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const recipeFiles = walk(RECIPES_DIR).map((f) => path.relative(RECIPES_DIR, f)).sort();
const fencedBlocks = [...section.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]);

describe('README recipes', () => {
  it('the section exists and has recipes', () => {
    expect(section.length).toBeGreaterThan(0);
    expect(recipeFiles.length).toBeGreaterThan(10);
  });

  it.each(recipeFiles)('quotes %s verbatim', (file) => {
    const text = readFileSync(path.join(RECIPES_DIR, file), 'utf8');
    expect(fencedBlocks).toContain(text);
  });
});
