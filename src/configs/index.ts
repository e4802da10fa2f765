import type { TSESLint } from '@typescript-eslint/utils';

import { recommendedRules, strictRules } from './rule-settings';

/** The files the flat configs apply to: TypeScript sources, where type information lives. */
export const TYPESCRIPT_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

const PARSER_OPTIONS = { projectService: true } as const;

type Rules = Record<string, TSESLint.Linter.RuleEntry>;

/**
 * An eslintrc config (`extends: ["plugin:asyncleak/recommended"]`). `parser` and
 * `parserOptions` are eslintrc-only keys, so ESLint's `defineConfig` (9.23–9.36) also
 * recognises it as legacy and reaches for the `flat/` twin instead.
 */
export function eslintrcConfig(rules: Rules): TSESLint.ClassicConfig.Config {
  return {
    plugins: ['asyncleak'],
    parser: '@typescript-eslint/parser',
    parserOptions: { ...PARSER_OPTIONS },
    rules: { ...rules },
  };
}

/** A flat config object for TypeScript files, with the plugin and the typed parser set up. */
export function flatConfig(
  name: string,
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Rules,
): TSESLint.FlatConfig.Config {
  const config: TSESLint.FlatConfig.Config = {
    name: `asyncleak/${name}`,
    files: [...TYPESCRIPT_FILES],
    plugins: { asyncleak: plugin },
    languageOptions: {
      parserOptions: { ...PARSER_OPTIONS },
    },
    rules: { ...rules },
  };
  // The parser is a peer dependency: load it only when a flat config is used.
  Object.defineProperty(config.languageOptions, 'parser', {
    enumerable: true,
    configurable: true,
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy peer load from CommonJS
    get: () => require('@typescript-eslint/parser') as TSESLint.FlatConfig.Parser,
  });
  return config;
}

export interface AsyncleakConfigs {
  recommended: TSESLint.ClassicConfig.Config;
  strict: TSESLint.ClassicConfig.Config;
  'flat/recommended': TSESLint.FlatConfig.Config;
  'flat/strict': TSESLint.FlatConfig.Config;
}

export function createConfigs(plugin: TSESLint.FlatConfig.Plugin): AsyncleakConfigs {
  return {
    recommended: eslintrcConfig(recommendedRules),
    strict: eslintrcConfig(strictRules),
    'flat/recommended': flatConfig('recommended', plugin, recommendedRules),
    'flat/strict': flatConfig('strict', plugin, strictRules),
  };
}
