/**
 * What many nodes of one file ask about the whole file, computed once per file (and
 * per lint pass: the cache is keyed by the `SourceCode`): every call, every member
 * expression by name, and the `const` declarations of each function. The layers above
 * keep what they derive from it the same way (`perFile`): the call sites of each local
 * function (`functions.getCallSites`), every release (`releases.getFileReleases`).
 */
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';

import { getMemberName, isFunction, walk, type FunctionNode } from './ast';
import type { AnyContext } from './context';

interface FileIndex {
  readonly calls: readonly TSESTree.CallExpression[];
  readonly consts: readonly TSESTree.VariableDeclaration[];
  constsByFunction?: ReadonlyMap<FunctionNode, readonly TSESTree.VariableDeclaration[]>;
  readonly membersByName: ReadonlyMap<string, readonly TSESTree.MemberExpression[]>;
}

const indexes = new WeakMap<object, FileIndex>();

function getFileIndex(context: AnyContext): FileIndex {
  let index = indexes.get(context.sourceCode);
  if (!index) {
    const calls: TSESTree.CallExpression[] = [];
    const consts: TSESTree.VariableDeclaration[] = [];
    const members: TSESTree.MemberExpression[] = [];
    walk(context.sourceCode.ast, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
      else if (node.type === AST_NODE_TYPES.VariableDeclaration && node.kind === 'const') consts.push(node);
      else if (node.type === AST_NODE_TYPES.MemberExpression) members.push(node);
    });
    index = { calls, consts, membersByName: groupBy(members, getMemberName) };
    indexes.set(context.sourceCode, index);
  }
  return index;
}

/** Every member expression of the file with that member name (`x.timer`, `this.timer`, `a['timer']`). */
export function getMembersNamed(context: AnyContext, name: string): readonly TSESTree.MemberExpression[] {
  return getFileIndex(context).membersByName.get(name) ?? [];
}

/** Every call of the file, in source order. */
export function getFileCalls(context: AnyContext): readonly TSESTree.CallExpression[] {
  return getFileIndex(context).calls;
}

/**
 * An answer about the whole file that a layer above derives from this index: computed
 * on its first request, then kept like the index, once per file and lint pass (keyed
 * by the `SourceCode`).
 */
export function perFile<T>(compute: (context: AnyContext) => T): (context: AnyContext) => T {
  const answers = new WeakMap<object, T>();
  return (context) => {
    if (!answers.has(context.sourceCode)) answers.set(context.sourceCode, compute(context));
    return answers.get(context.sourceCode)!;
  };
}

/**
 * The `const` declarations of a function's own body, in source order: not those of
 * the functions or classes nested in it.
 */
export function getOwnConstDeclarations(context: AnyContext, fn: FunctionNode): readonly TSESTree.VariableDeclaration[] {
  const index = getFileIndex(context);
  if (!index.constsByFunction) {
    index.constsByFunction = groupBy(index.consts, getOwnerFunction);
  }
  return index.constsByFunction.get(fn) ?? [];
}

/** The function whose own body holds the node; `null` at the top level or inside a class body. */
function getOwnerFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current;
    if (current.type === AST_NODE_TYPES.ClassBody) return null;
  }
  return null;
}

/** The items by key, in their order; an item whose key is `null` is left out. */
export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K | null): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
