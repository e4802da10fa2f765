// The repository lints itself: typescript-eslint, eslint-plugin-eslint-plugin, and
// its own strict config (built first: `npm run build`).
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

import asyncleak from './dist/index.js';

export default defineConfig(
  {
    ignores: ['dist/', 'coverage/', '.tmp/', 'tests/fixtures/', 'tests/integration/projects/', 'examples/', 'bench-results/', 'corpus-report/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/**/*.ts', 'tests/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['src/rules/**/*.ts'],
    extends: [eslintPlugin.configs.recommended],
    rules: {
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Require|Disallow|Enforce)' }],
      'eslint-plugin/require-meta-default-options': 'error',
      'eslint-plugin/require-meta-schema-description': 'error',
      // Rules report through the shared `reportLeak` (src/fixes/report.ts), which adds
      // the suggestions; this rule only sees suggestions written inline in `context.report`.
      'eslint-plugin/require-meta-has-suggestions': 'off',
      // A rule's remedies live beside it (src/rules/<rule>/remedies.ts), where this rule
      // cannot see their message ids; tests/configs.test.ts checks that each is used.
      'eslint-plugin/no-unused-message-ids': 'off',
    },
  },
  {
    files: ['tests/rules/**/*.ts'],
    extends: [eslintPlugin.configs.tests],
  },
  {
    extends: [asyncleak.configs['flat/strict']],
    files: ['src/**/*.ts', 'tests/**/*.ts'],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
