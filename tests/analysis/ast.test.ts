import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { walk } from '../../src/analysis';
import { probe } from './harness';

/** The identifiers `walk` meets in the whole file, in source order. */
function identifiers(code: string): string[] {
  return probe<string>(
    code,
    (_context, push) => ({
      Program(node: TSESTree.Program) {
        walk(node, (child) => {
          if (child.type === AST_NODE_TYPES.Identifier) push(child.name);
        });
      },
    }),
    { typed: false },
  );
}

describe('walk', () => {
  it.each<[string, string, string[]]>([
    ['skips interfaces and type aliases', 'interface I { a: Foo } type T = Bar<Baz>; run();', ['run']],
    ['skips annotations and type arguments', 'const x: Qux<Y> = f<Z>(z as W, v satisfies S, w!);', ['x', 'f', 'z', 'v', 'w']],
    ['skips return types, type parameters and implements', 'class C implements I { m<P>(p: P): R { return q; } }', ['C', 'm', 'p', 'q']],
    ['keeps decorators, enum initialisers and namespaces', '@dec class D {} enum E { A = init() } namespace N { go(); }', ['dec', 'D', 'E', 'A', 'init', 'N', 'go']],
  ])('%s', (_name, code, expected) => {
    expect(identifiers(code)).toEqual(expected);
  });
});
