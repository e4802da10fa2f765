// Pre-commit: the README's lint-staged + husky recipe, end to end in a temp git repo
// (ESLint 10, flat/recommended): a leaky commit fails and prints the finding, a clean
// commit passes, and with `autofix: true` + `eslint --fix` the commit is repaired.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { createCase, FIXTURE_DIR, RECIPES_DIR, sh, TOOLCHAINS } from './helpers';

const SETUP = readFileSync(path.join(RECIPES_DIR, 'lint-staged-setup/setup.sh'), 'utf8').trim().split('\n');

/** A git repo with the clean file committed and the recipe's hook installed. */
function createRepo(name: string, recipes: string[]): string {
  const dir = createCase('eslint10', name, {
    fixture: false,
    recipes,
    files: { '.gitignore': 'node_modules\n', 'src/clean.ts': readFileSync(path.join(FIXTURE_DIR, 'src/clean.ts'), 'utf8') },
  });
  cpSync(path.join(FIXTURE_DIR, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  for (const line of ['git init -q -b main', 'git config user.email dev@example.com', 'git config user.name Dev', 'git config commit.gpgsign false']) {
    expect(sh(line, { cwd: dir }).status).toBe(0);
  }
  // The README's setup, verbatim; the packages of its first line are already in the toolchain.
  expect(SETUP[0]).toBe('npm i -D husky lint-staged');
  for (const pkgName of ['husky', 'lint-staged'] as const) expect(TOOLCHAINS.eslint10[pkgName]).toBeTruthy();
  for (const line of SETUP.slice(1)) {
    const result = sh(line, { cwd: dir });
    expect(result.status, `${line}\n${result.stdout}${result.stderr}`).toBe(0);
  }
  const first = commit(dir, 'initial: clean code');
  expect(first.status, first.output).toBe(0);
  return dir;
}

function commit(dir: string, message: string): { status: number | null; output: string } {
  const add = sh('git add -A', { cwd: dir });
  expect(add.status).toBe(0);
  const result = sh(`git commit -m "${message}"`, { cwd: dir });
  return { status: result.status, output: result.stdout + result.stderr };
}

const commitCount = (dir: string) => Number(sh('git rev-list --count HEAD', { cwd: dir }).stdout.trim());

describe('lint-staged + husky pre-commit (ESLint 10)', () => {
  it('blocks a commit that adds a leak and prints the finding; a clean commit passes', () => {
    const dir = createRepo('lint-staged', ['flat', 'lint-staged']);
    expect(readFileSync(path.join(dir, '.husky/pre-commit'), 'utf8').trim()).toBe('npx lint-staged');

    const leaky = readFileSync(path.join(FIXTURE_DIR, 'src/poller.ts'), 'utf8');
    writeFileSync(path.join(dir, 'src/poller.ts'), leaky);
    const before = commitCount(dir);
    const blocked = commit(dir, 'add poller');
    expect(blocked.status).not.toBe(0);
    const line = leaky.split('\n').findIndex((l) => l.includes('// expect: asyncleak/no-floating-timer')) + 1;
    expect(blocked.output).toContain('src/poller.ts');
    expect(blocked.output).toMatch(new RegExp(`\\b${line}:\\d+\\s+error\\s.*asyncleak/no-floating-timer`));
    expect(commitCount(dir)).toBe(before);

    // Keep the handle and clear it: the same change commits.
    writeFileSync(
      path.join(dir, 'src/poller.ts'),
      'export function poll(): void {}\n\nconst timer = setInterval(poll, 5_000);\n\nexport function stop(): void {\n  clearInterval(timer);\n}\n',
    );
    const passed = commit(dir, 'add poller, stoppable');
    expect(passed.status, passed.output).toBe(0);
    expect(commitCount(dir)).toBe(before + 1);
  });

  it('with autofix: true, eslint --fix through lint-staged repairs the staged file and the commit passes', () => {
    const dir = createRepo('lint-staged-autofix', ['lint-staged-autofix']);
    const leaky = readFileSync(path.join(FIXTURE_DIR, 'src/client.ts'), 'utf8');
    expect(leaky).toContain('await fetch(url); // expect: asyncleak/require-signal-propagation');
    writeFileSync(path.join(dir, 'src/client.ts'), leaky);
    const before = commitCount(dir);
    const result = commit(dir, 'add client');
    expect(result.status, result.output).toBe(0);
    expect(commitCount(dir)).toBe(before + 1);
    const committed = sh('git show HEAD:src/client.ts', { cwd: dir }).stdout;
    expect(committed).toContain('await fetch(url, { signal }); // expect: asyncleak/require-signal-propagation');
    expect(committed).toBe(readFileSync(path.join(dir, 'src/client.ts'), 'utf8'));
    expect(sh('git status --porcelain', { cwd: dir }).stdout).toBe('');
  });
});
