/**
 * Names for the bindings fixes add, allocated once per file and lint pass and shared
 * by every rule: a name is never chosen twice in a pass (two fixes in one block must
 * not both declare `const timer`), and never collides with or shadows a binding of
 * the file. The next pass sees the applied fixes' names as bindings of the file.
 */
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/syntax/node-types';

import { getClassMemberName, getStaticPropertyName, walk } from '../analysis/syntax/ast';

type SourceCode = Readonly<TSESLint.SourceCode>;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

interface Names {
  /** Bindings of the file, references that reach past it, and names earlier fixes of this pass chose. */
  readonly taken: Set<string>;
  /** Per class: its member names, `this.…` names used in it, and member names chosen in this pass. */
  readonly members: WeakMap<ClassNode, Set<string>>;
}

const passes = new WeakMap<object, Names>();

function namesOf(sourceCode: SourceCode): Names {
  let names = passes.get(sourceCode);
  if (!names) {
    const taken = new Set<string>();
    for (const scope of sourceCode.scopeManager?.scopes ?? []) {
      for (const variable of scope.variables) taken.add(variable.name);
      for (const reference of scope.through) taken.add(reference.identifier.name);
    }
    names = { taken, members: new WeakMap() };
    passes.set(sourceCode, names);
  }
  return names;
}

function pick(taken: Set<string>, base: string): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}

/** A new binding name: `base`, else `base2`, `base3`... that nothing in the file and no other fix of this pass uses. */
export function allocateName(sourceCode: SourceCode, base: string): string {
  return pick(namesOf(sourceCode).taken, base);
}

/** A new member name for `cls`: `base`, else `base2`... that no member of the class, no `this.…` in it and no other fix uses. */
export function allocateMemberName(sourceCode: SourceCode, cls: ClassNode, base: string): string {
  const { members } = namesOf(sourceCode);
  let taken = members.get(cls);
  if (!taken) {
    const names = new Set<string>();
    taken = names;
    for (const member of cls.body.body) {
      if (member.type === AST_NODE_TYPES.StaticBlock || member.type === AST_NODE_TYPES.TSIndexSignature) continue;
      const name = getClassMemberName(member);
      if (name !== null) names.add(name);
    }
    walk(cls.body, (node) => {
      if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
        const name = getStaticPropertyName(node);
        if (name !== null) names.add(name);
      }
    });
    members.set(cls, taken);
  }
  return pick(taken, base);
}
