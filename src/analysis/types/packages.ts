/**
 * Which package a call's function comes from: React's and Preact's hooks, Vue's and
 * Svelte's lifecycle hooks. With type information the checker's declaration decides;
 * without it (or where an import does not resolve) the import does.
 */
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';
import ts from 'typescript';

import { getCalleeName, unwrapExpression } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { resolveVariable } from '../syntax/references';
import { getAgreedDeclaration } from './signatures';
import { getTypeInfo } from './type-info';

export const REACT_MODULES: ReadonlySet<string> = new Set(['react', 'preact/hooks', 'preact/compat']);
const REACT_DECLARATION_FILE = /\/node_modules\/(@types\/)?(react|preact)\//;
const SVELTE_MODULES: ReadonlySet<string> = new Set(['svelte']);
const VUE_MODULES: ReadonlySet<string> = new Set(['vue', '@vue/runtime-core', '@vue/runtime-dom']);
/** Where the packages' declarations live (Vue's are in `@vue/runtime-core`; Svelte's `index.d.ts` declares `module 'svelte'`). */
const FRAMEWORK_DECLARATION_FILE = /\/node_modules\/(vue|@vue\/runtime-core|@vue\/runtime-dom|svelte)\//;

/** A component framework whose setup code registers lifecycle callbacks. */
export type ComponentFramework = 'vue' | 'svelte';

/**
 * The lifecycle hooks of Vue and Svelte by name: `mount` ones run their callback once
 * the component is in the page (Svelte's `onMount` is also an effect: see
 * `owners.getEffectHook`), `unmount` ones when it goes.
 */
const COMPONENT_HOOKS: ReadonlyMap<string, { readonly framework: ComponentFramework; readonly phase: 'mount' | 'unmount' }> = new Map([
  ['onMounted', { framework: 'vue', phase: 'mount' }],
  ['onUnmounted', { framework: 'vue', phase: 'unmount' }],
  ['onBeforeUnmount', { framework: 'vue', phase: 'unmount' }],
  ['onMount', { framework: 'svelte', phase: 'mount' }],
  ['onDestroy', { framework: 'svelte', phase: 'unmount' }],
] as const);

/** The names of Vue's and Svelte's component lifecycle hooks. */
export const COMPONENT_NAMES: ReadonlySet<string> = new Set(COMPONENT_HOOKS.keys());

/**
 * Is this call one of React's hooks named in `names` (`useCallback`, `React.useEffect`,
 * Preact's)? With type information the checker must resolve it to a declaration of
 * the `react`/`preact` packages. Where it cannot (no type information, or the import
 * does not resolve: a project whose types are partly missing), the hook must be
 * imported from one of them.
 */
export function getReactHook(context: AnyContext, call: TSESTree.CallExpression, names: ReadonlySet<string>): string | null {
  return getPackageFunction(context, call, names, REACT_MODULES, REACT_DECLARATION_FILE);
}

/** Is this call one of Svelte's functions named in `names` (`onMount`)? Resolved as `getPackageFunction` resolves. */
export function getSvelteFunction(context: AnyContext, call: TSESTree.CallExpression, names: ReadonlySet<string>): string | null {
  return getPackageFunction(context, call, names, SVELTE_MODULES, FRAMEWORK_DECLARATION_FILE);
}

/**
 * Is this call a function named in `names` of one of the packages `modules`? With type
 * information the checker must resolve it to their declarations: a file under
 * `node_modules` that `file` matches, or a `declare module '…'` of one of them. Where it
 * cannot (no type information, or an unresolved import), the function must be imported
 * from one of them.
 */
function getPackageFunction(
  context: AnyContext,
  call: TSESTree.CallExpression,
  names: ReadonlySet<string>,
  modules: ReadonlySet<string>,
  file: RegExp,
): string | null {
  const name = getCalleeName(call);
  if (name === null || !names.has(name)) return null;
  const info = getTypeInfo(context);
  // Where the callee is declared, whichever overload the call picks (resolving it would type its callbacks).
  const declared = info && getAgreedDeclaration(info, call, (declaration) => (declaration ? isPackageDeclaration(declaration, modules, file) : null));
  if (declared !== null) return declared ? name : null;
  const callee = unwrapExpression(call.callee);
  const root = callee.type === AST_NODE_TYPES.MemberExpression ? unwrapExpression(callee.object) : callee;
  if (root.type !== AST_NODE_TYPES.Identifier) return null;
  const def = resolveVariable(context, root)?.defs[0];
  return def?.type === 'ImportBinding' && def.parent.type === AST_NODE_TYPES.ImportDeclaration && modules.has(def.parent.source.value)
    ? name
    : null;
}

function isPackageDeclaration(declaration: ts.Declaration, modules: ReadonlySet<string>, file: RegExp): boolean {
  for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) return modules.has(node.name.text);
  }
  return file.test(declaration.getSourceFile().fileName.replace(/\\/g, '/'));
}

/** A Vue/Svelte lifecycle hook call by resolution (see `getPackageFunction`), and what it is. */
export function getComponentHook(context: AnyContext, call: TSESTree.CallExpression): { framework: ComponentFramework; phase: 'mount' | 'unmount' } | null {
  const name = getCalleeName(call);
  const hook = name === null ? undefined : COMPONENT_HOOKS.get(name);
  if (!hook) return null;
  const modules = hook.framework === 'vue' ? VUE_MODULES : SVELTE_MODULES;
  return getPackageFunction(context, call, COMPONENT_NAMES, modules, FRAMEWORK_DECLARATION_FILE) ? hook : null;
}
