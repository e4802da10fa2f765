import { defineConfig } from 'vitest/config';

// `npm run test:integration`: installs real ESLint/TypeScript/typescript-eslint
// versions from the registry into temp projects and lints with the packed plugin.
// Files run one after another (they share the installed toolchains and the 2 cores).
export default defineConfig({
  test: {
    include: ['tests/integration/**/*.test.ts'],
    globalSetup: ['tests/integration/global-setup.ts'],
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 600_000,
    hookTimeout: 900_000,
    reporters: ['default'],
  },
});
