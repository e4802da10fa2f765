import type { TSESLint } from '@typescript-eslint/utils';

import { recommendedRules, strictRules } from './rule-settings';

/** The files the flat configs apply to: TypeScript sources, where type information lives. */
export const TYPESCRIPT_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

const PARSER_OPTIONS = { projectService: true } as const;

type Rules = Record<string, TSESLint.Linter.RuleEntry>;

/** The same files as eslintrc `overrides` globs (matched against the base name). */
export const TYPESCRIPT_FILE_GLOBS = ['*.ts', '*.tsx', '*.mts', '*.cts'];

/**
 * An eslintrc config (`extends: ["plugin:asyncleak/recommended"]`). Everything but
 * `plugins` sits in an `overrides` block for TypeScript files, like the flat configs'
 * `files`: ESLint 8 (and 9 with `ESLINT_USE_FLAT_CONFIG=false`) lints only `.js` on
 * `eslint .` unless a config's `overrides` name other extensions (without it users need
 * `--ext .ts`), and a top-level typed parser would fail on every `.js` file outside the
 * tsconfig (`jest.config.js`). `plugins` as an array and `overrides` are eslintrc-only
 * keys, so ESLint's `defineConfig` (9.23+) also recognises it as legacy and reaches for
 * the `flat/` twin instead.
 */
export function eslintrcConfig(rules: Rules): EslintrcConfig {
  return {
    plugins: ['asyncleak'],
    overrides: [
      {
        files: [...TYPESCRIPT_FILE_GLOBS],
        parser: '@typescript-eslint/parser',
        parserOptions: { ...PARSER_OPTIONS },
        rules: { ...rules },
      },
    ],
  };
}

/**
 * The public types of the configs and the plugin. Deliberately structural type aliases
 * (which have implicit index signatures) instead of typescript-eslint's `TSESLint`
 * config interfaces: ESLint 9/10's own types (`Linter.Config`, `ESLint.Plugin`,
 * `defineConfig`) reject those in a TypeScript config file (`eslint.config.ts`), the
 * problem typescript-eslint solved the same way with its "compatible" types
 * (typescript-eslint#10899). `tests/integration/typescript-config.test.ts` type-checks
 * a user's `eslint.config.ts` against real ESLint 9 and 10 types.
 */
export type EslintrcConfig = {
  plugins: string[];
  overrides: { files: string[]; parser: string; parserOptions: { projectService: boolean }; rules: Rules }[];
};

/** A rule as ESLint's own types accept it (`create` as a method: its parameter is compared bivariantly). */
export type CompatibleRule = {
  meta?: object;
  create(context: never): { [selector: string]: ((node: unknown) => void) | undefined };
};

export type CompatiblePlugin = { meta: { name: string; version: string; namespace: string } };

export type CompatibleParser = {
  parseForESLint(text: string): { ast: unknown; scopeManager: unknown };
};

export type FlatConfig = {
  name: string;
  files: string[];
  plugins: { asyncleak: CompatiblePlugin };
  languageOptions: { parser: CompatibleParser; parserOptions: { projectService: boolean } };
  rules: Rules;
};

/** A flat config object for TypeScript files, with the plugin and the typed parser set up. */
export function flatConfig(name: string, plugin: CompatiblePlugin, rules: Rules): FlatConfig {
  const languageOptions = { parserOptions: { ...PARSER_OPTIONS } } as FlatConfig['languageOptions'];
  // The parser is a peer dependency: load it only when a flat config is used.
  Object.defineProperty(languageOptions, 'parser', {
    enumerable: true,
    configurable: true,
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy peer load from CommonJS
    get: () => require('@typescript-eslint/parser') as CompatibleParser,
  });
  return {
    name: `asyncleak/${name}`,
    files: [...TYPESCRIPT_FILES],
    plugins: { asyncleak: plugin },
    languageOptions,
    rules: { ...rules },
  };
}

export type AsyncleakConfigs = {
  recommended: EslintrcConfig;
  strict: EslintrcConfig;
  'flat/recommended': FlatConfig;
  'flat/strict': FlatConfig;
};

export function createConfigs(plugin: CompatiblePlugin): AsyncleakConfigs {
  return {
    recommended: eslintrcConfig(recommendedRules),
    strict: eslintrcConfig(strictRules),
    'flat/recommended': flatConfig('recommended', plugin, recommendedRules),
    'flat/strict': flatConfig('strict', plugin, strictRules),
  };
}
