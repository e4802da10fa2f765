/**
 * What many nodes of one file ask about the whole file, computed once per file (and
 * per lint pass: the cache is keyed by the `SourceCode`): every call, every member
 * expression by name, every release, the call sites of each local function, and the
 * `const` declarations of each function.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { getMemberName, isFunction, unwrapExpression, walk, type FunctionNode } from './ast';
import type { AnyContext } from './context';
import { getCalledFunction } from './functions';
import { getReleasedExpression } from './resources';

/** A call that releases a resource, and the expression it releases (`clearTimeout(x)` → `x`). */
export interface ReleaseCall {
  readonly call: TSESTree.CallExpression;
  readonly released: TSESTree.Node;
}

interface FileIndex {
  readonly calls: readonly TSESTree.CallExpression[];
  readonly consts: readonly TSESTree.VariableDeclaration[];
  constsByFunction?: ReadonlyMap<FunctionNode, readonly TSESTree.VariableDeclaration[]>;
  readonly membersByName: ReadonlyMap<string, readonly TSESTree.MemberExpression[]>;
  releases?: readonly ReleaseCall[];
  callSites?: ReadonlyMap<FunctionNode, readonly TSESTree.CallExpression[]>;
}

const indexes = new WeakMap<object, FileIndex>();

function getFileIndex(context: AnyContext): FileIndex {
  let index = indexes.get(context.sourceCode);
  if (!index) {
    const calls: TSESTree.CallExpression[] = [];
    const consts: TSESTree.VariableDeclaration[] = [];
    const membersByName = new Map<string, TSESTree.MemberExpression[]>();
    walk(context.sourceCode.ast, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
      else if (node.type === AST_NODE_TYPES.VariableDeclaration && node.kind === 'const') consts.push(node);
      else if (node.type === AST_NODE_TYPES.MemberExpression) {
        const name = getMemberName(node);
        if (name !== null) {
          const list = membersByName.get(name);
          if (list) list.push(node);
          else membersByName.set(name, [node]);
        }
      }
    });
    index = { calls, consts, membersByName };
    indexes.set(context.sourceCode, index);
  }
  return index;
}

/** Every member expression of the file with that member name (`x.timer`, `this.timer`, `a['timer']`). */
export function getMembersNamed(context: AnyContext, name: string): readonly TSESTree.MemberExpression[] {
  return getFileIndex(context).membersByName.get(name) ?? [];
}

/** Every release in the file (`clearTimeout(x)`, `x.abort()`, `x?.dispose()`...), in source order. */
export function getFileReleases(context: AnyContext): readonly ReleaseCall[] {
  const index = getFileIndex(context);
  if (!index.releases) {
    const releases: ReleaseCall[] = [];
    for (const call of index.calls) {
      const released = getReleasedExpression(context, call);
      if (released) releases.push({ call, released: unwrapExpression(released) });
    }
    index.releases = releases;
  }
  return index.releases;
}

/** The calls of a local function or of a method of its class (`start()`, `this.start()`), as `getCalledFunction` resolves them. */
export function getCallSites(context: AnyContext, fn: FunctionNode): readonly TSESTree.CallExpression[] {
  const index = getFileIndex(context);
  if (!index.callSites) {
    const sites = new Map<FunctionNode, TSESTree.CallExpression[]>();
    for (const call of index.calls) {
      const callee = getCalledFunction(context, call.callee);
      if (!callee) continue;
      const list = sites.get(callee);
      if (list) list.push(call);
      else sites.set(callee, [call]);
    }
    index.callSites = sites;
  }
  return index.callSites.get(fn) ?? [];
}

/**
 * The `const` declarations of a function's own body, in source order: not those of
 * the functions or classes nested in it.
 */
export function getOwnConstDeclarations(context: AnyContext, fn: FunctionNode): readonly TSESTree.VariableDeclaration[] {
  const index = getFileIndex(context);
  if (!index.constsByFunction) {
    const byFunction = new Map<FunctionNode, TSESTree.VariableDeclaration[]>();
    for (const declaration of index.consts) {
      const owner = getOwnerFunction(declaration);
      if (!owner) continue;
      const list = byFunction.get(owner);
      if (list) list.push(declaration);
      else byFunction.set(owner, [declaration]);
    }
    index.constsByFunction = byFunction;
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
