import { createConfigs, type AsyncleakConfigs, type CompatibleRule } from './configs';
import { rules } from './rules';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- read at run time so the version is never stale
const { name, version } = require('../package.json') as { name: string; version: string };

/** Typed so that ESLint's own types accept it in `eslint.config.ts` (see `src/configs`). */
interface AsyncleakPlugin {
  meta: { name: string; version: string; namespace: 'asyncleak' };
  rules: Record<string, CompatibleRule>;
  configs: AsyncleakConfigs;
}

const plugin = {
  meta: { name, version, namespace: 'asyncleak' },
  rules,
  configs: {},
} as unknown as AsyncleakPlugin;

plugin.configs = createConfigs(plugin);

// CommonJS on purpose: eslintrc `require()`s plugins and does not unwrap `.default`.
export = plugin;
