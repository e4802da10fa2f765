// Runs once before the integration files: packs the plugin (build it first:
// `npm run test:integration` does) into a fresh temp root that every file shares,
// and removes that root afterwards.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

const repoRoot = path.resolve(__dirname, '../..');

export default function setup(project: TestProject): () => Promise<void> {
  if (!existsSync(path.join(repoRoot, 'dist/index.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm run test:integration does).');
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'asyncleak-it-'));
  const packDir = path.join(root, 'pack');
  mkdirSync(packDir);
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [packed] = JSON.parse(out) as [{ filename: string; files: { path: string }[] }];
  project.provide('asyncleakIt', {
    root,
    tarball: path.join(packDir, packed.filename),
    packedFiles: packed.files.map((f) => f.path),
  });
  // Asynchronous removal: a synchronous one would block the main process while Vitest
  // waits for its workers to stop.
  return async () => {
    if (process.env.ASYNCLEAK_IT_KEEP) {
      console.log(`integration temp root kept: ${root}`);
      return;
    }
    await rm(root, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    asyncleakIt: { root: string; tarball: string; packedFiles: string[] };
  }
}
