import { AST_NODE_TYPES as NODE_TYPES } from '@typescript-eslint/utils';

/**
 * ESTree's node types, read once. `@typescript-eslint/utils` re-exports the enum
 * through two CommonJS getters, which every `AST_NODE_TYPES.X` in compiled code would
 * call: 0.19 s of the plugin's 2.8 s on the application corpus (docs/benchmarks.md).
 * A plain `const` export is one property read.
 */
export const AST_NODE_TYPES: typeof NODE_TYPES = NODE_TYPES;
