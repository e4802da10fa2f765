import type { TSESLint } from '@typescript-eslint/utils';

import { createConfigs, type AsyncleakConfigs } from './configs';
import { rules } from './rules';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- read at run time so the version is never stale
const { name, version } = require('../package.json') as { name: string; version: string };

interface AsyncleakPlugin {
  meta: { name: string; version: string; namespace: 'asyncleak' };
  rules: typeof rules;
  configs: AsyncleakConfigs;
}

const plugin = {
  meta: { name, version, namespace: 'asyncleak' },
  rules,
  configs: {},
} as AsyncleakPlugin;

plugin.configs = createConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin);

// CommonJS on purpose: eslintrc `require()`s plugins and does not unwrap `.default`.
export = plugin;
