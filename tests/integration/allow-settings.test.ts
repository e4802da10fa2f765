// The project tests/integration/projects/allow-settings configures
// `asyncleak/require-signal-propagation` with `allow: [{ from: 'file', name: 'sleepAllowed' }]`
// and `settings.asyncleak` (teardownMethods `shutdown`, effectHooks `useMountEffect`,
// cleanupRegistrars `register`), in eslintrc (`.eslintrc.json`) on
// ESLint 8.57 (with TypeScript 5 and with the oldest TypeScript, 4.8.4) and in a flat config
// (`eslint.config.mjs`) on ESLint 9 and 10 (TypeScript 6.0).
import { cpSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { createCase, expectedKeys, INTEGRATION_DIR, lint, type Toolchain } from './helpers';

const PROJECT_DIR = path.join(INTEGRATION_DIR, 'projects/allow-settings');

/** Every finding, exactly: `file:line rule message`. */
const FINDINGS = [
  "src/hooks.ts:7 asyncleak/no-floating-timer This timeout's handle is discarded, so nothing can stop it: it still fires after the component unmounts.",
  'src/jobs.ts:5 asyncleak/require-signal-propagation `sleepNotAllowed` accepts an AbortSignal but `signal` is not passed: if the caller aborts, this call keeps running.',
  'src/watchers.ts:21 asyncleak/no-loop-finally-leak A watcher is acquired in every iteration but only disposed after the loop: only the last one is disposed, the earlier ones leak.',
  "src/worker.ts:6 asyncleak/no-floating-timer This timeout's handle is discarded, so nothing can stop it: it still fires after `shutdown()` (line 9).",
];

const cases: { toolchain: Toolchain; mode: 'eslintrc' | 'flat'; files: string[] }[] = [
  { toolchain: 'eslint8', mode: 'eslintrc', files: ['src/hooks.ts', 'src/jobs.ts', 'src/sleep.ts', 'src/watchers.ts', 'src/worker.ts'] },
  { toolchain: 'oldest', mode: 'eslintrc', files: ['src/hooks.ts', 'src/jobs.ts', 'src/sleep.ts', 'src/watchers.ts', 'src/worker.ts'] },
  { toolchain: 'eslint9', mode: 'flat', files: ['eslint.config.mjs', 'src/hooks.ts', 'src/jobs.ts', 'src/sleep.ts', 'src/watchers.ts', 'src/worker.ts'] },
  { toolchain: 'eslint10', mode: 'flat', files: ['eslint.config.mjs', 'src/hooks.ts', 'src/jobs.ts', 'src/sleep.ts', 'src/watchers.ts', 'src/worker.ts'] },
];

describe('allow and settings.asyncleak', () => {
  describe.each(cases)('$mode config on $toolchain', ({ toolchain, mode, files }) => {
    it('an allowed callee is not reported, an identical one is; settings make owners (teardown method, effect hook) and a registrar', () => {
      const dir = createCase(toolchain, `allow-settings-${mode}`, { fixture: false });
      cpSync(PROJECT_DIR, dir, { recursive: true });
      const result = lint(dir, ['.'], mode === 'eslintrc' ? { ESLINT_USE_FLAT_CONFIG: 'false' } : {});
      expect(result.fatal).toEqual([]);
      expect(result.stderr).toBe('');
      expect(result.files).toEqual(files);
      expect(result.findings.map((f) => `${f.key} ${f.message}`).sort()).toEqual(FINDINGS);
      expect(result.keys).toEqual(expectedKeys(dir, 'recommended'));
      expect(result.status).toBe(1);
    });
  });
});
