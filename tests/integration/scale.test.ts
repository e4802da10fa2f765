// Large repos: multithreaded linting (`--concurrency`, ESLint 9.34+) and `--cache`
// must give exactly the findings of a plain run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { createCase, expectedKeys, lint, RECIPES_DIR, sh, type Toolchain } from './helpers';

describe.each<Toolchain>(['eslint9', 'eslint10'])('scale on %s', (toolchain) => {
  it('--concurrency 2 and --concurrency auto report what a plain run reports', () => {
    const dir = createCase(toolchain, 'concurrency', { recipes: ['flat'] });
    const plain = lint(dir);
    expect(plain.fatal).toEqual([]);
    expect(plain.keys).toEqual(expectedKeys(dir, 'recommended'));
    expect(plain.keys.length).toBeGreaterThan(0);
    for (const concurrency of ['2', 'auto']) {
      const threaded = lint(dir, ['.', '--concurrency', concurrency]);
      expect(threaded.stderr).not.toMatch(/Error/);
      expect(threaded.fatal).toEqual([]);
      expect(threaded.files).toEqual(plain.files);
      expect(threaded.keys).toEqual(plain.keys);
      expect(threaded.status).toBe(plain.status);
    }
  });

  it('--cache: a cold and a warm run report what a plain run reports, and an edited file is re-linted', () => {
    const dir = createCase(toolchain, 'cache', { recipes: ['flat'] });
    const plain = lint(dir);
    const args = ['.', '--cache', '--cache-location', '.eslintcache', '--cache-strategy', 'content'];
    const cold = lint(dir, args);
    expect(existsSync(path.join(dir, '.eslintcache'))).toBe(true);
    const warm = lint(dir, args);
    expect(cold.fatal).toEqual([]);
    expect(cold.keys).toEqual(plain.keys);
    expect(warm.keys).toEqual(plain.keys);
    expect(warm.keys.length).toBeGreaterThan(0);
    expect(warm.status).toBe(1);

    // Fix the interval leak: the cache must not replay the old finding.
    const file = path.join(dir, 'src/poller.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('setInterval(poll, 5_000); // expect: asyncleak/no-floating-timer', 'export const pollTimer = setInterval(poll, 5_000);'));
    const edited = lint(dir, args);
    expect(edited.keys).toEqual(expectedKeys(dir, 'recommended'));
    expect(edited.keys.length).toBe(plain.keys.length - 1);
  });
});

describe('sharding across CI machines (ESLint 10)', () => {
  it('the shards of the sharded workflow together report exactly what one run reports', () => {
    const workflow = readFileSync(path.join(RECIPES_DIR, 'ci-shard/.github/workflows/lint-sharded.yml'), 'utf8');
    const shards = JSON.parse(/shard: (\[[\d, ]+\])/.exec(workflow)![1]) as number[];
    const step = /run: (bash scripts\/lint-shard\.sh .+)$/m.exec(workflow)![1];
    expect(step).toBe(`bash scripts/lint-shard.sh \${{ matrix.shard }} ${shards.length}`);

    const dir = createCase('eslint10', 'shards', { recipes: ['flat', 'ci-shard'] });
    for (const line of ['git init -q', 'git add -A']) expect(sh(line, { cwd: dir }).status).toBe(0);
    const whole = lint(dir);
    expect(whole.keys.length).toBeGreaterThan(0);

    const found: string[] = [];
    let failedShards = 0;
    for (const shard of shards) {
      const result = sh(step.replace('${{ matrix.shard }}', String(shard)), { cwd: dir });
      if (result.status !== 0) failedShards += 1;
      // Stylish output: a file line, then "  line:col  severity  message  rule".
      let file = '';
      for (const text of result.stdout.split('\n')) {
        if (text.startsWith('/')) file = path.relative(dir, text.trim());
        const m = /^\s+(\d+):\d+\s+(?:error|warning)\s.*\s(asyncleak\/[\w-]+)$/.exec(text);
        if (m) found.push(`${file}:${m[1]} ${m[2]}`);
      }
    }
    expect(found.sort()).toEqual(whole.keys);
    expect(failedShards).toBe(new Set(whole.findings.map((f) => f.key.split(':')[0])).size);
  });
});
