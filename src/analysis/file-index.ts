/**
 * What many nodes of one file ask about the whole file, computed once per file (and
 * per lint pass: the cache is keyed by the `SourceCode`): every call, every member
 * expression by name, every release, and the call sites of each local function.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { getMemberName, unwrapExpression, walk, type FunctionNode } from './ast';
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
  readonly membersByName: ReadonlyMap<string, readonly TSESTree.MemberExpression[]>;
  releases?: readonly ReleaseCall[];
  callSites?: ReadonlyMap<FunctionNode, readonly TSESTree.CallExpression[]>;
}

const indexes = new WeakMap<object, FileIndex>();

function getFileIndex(context: AnyContext): FileIndex {
  let index = indexes.get(context.sourceCode);
  if (!index) {
    const calls: TSESTree.CallExpression[] = [];
    const membersByName = new Map<string, TSESTree.MemberExpression[]>();
    walk(context.sourceCode.ast, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
      else if (node.type === AST_NODE_TYPES.MemberExpression) {
        const name = getMemberName(node);
        if (name !== null) {
          const list = membersByName.get(name);
          if (list) list.push(node);
          else membersByName.set(name, [node]);
        }
      }
    });
    index = { calls, membersByName };
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
