import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { doesVariableEscape, resolveVariable } from '../../src/analysis';
import { probe } from './harness';

/** Whether the variable `h` escapes, for each `const h = …`. */
function escapes(code: string): boolean[] {
  return probe<boolean>(code, (context, push) => ({
    VariableDeclarator(node) {
      if (node.id.type !== AST_NODE_TYPES.Identifier || node.id.name !== 'h') return;
      push(doesVariableEscape(context, resolveVariable(context, node.id)!));
    },
  }));
}

describe('doesVariableEscape', () => {
  it.each<[string, string, boolean]>([
    ['returned', 'function f() { const h = setTimeout(() => {}, 1); return h; }', true],
    ['stored in a Map', 'const m = new Map(); function f() { const h = setTimeout(() => {}, 1); m.set(1, h); }', true],
    ['passed as an argument', 'declare function keep(x: unknown): void; function f() { const h = setTimeout(() => {}, 1); keep(h); }', true],
    ['pushed to an array', 'const all: unknown[] = []; function f() { const h = setTimeout(() => {}, 1); all.push(h); }', true],
    ['stored in a field', 'class C { t: unknown; f() { const h = setTimeout(() => {}, 1); this.t = h; } }', true],
    ['in an object literal', 'function f() { const h = setTimeout(() => {}, 1); return { h }; }', true],
    ['exported', 'export const h = setInterval(() => {}, 1);', true],
    ['exported by specifier', 'const h = setInterval(() => {}, 1); export { h };', true],
    ['aliased to another variable', 'function f() { const h = setTimeout(() => {}, 1); const g = h; }', true],
    ['returned through a conditional', 'function f(x: boolean) { const h = setTimeout(() => {}, 1); return x ? h : null; }', true],
    ['only cleared', 'function f() { const h = setTimeout(() => {}, 1); clearTimeout(h); }', false],
    ['only unref-ed', 'function f() { const h = setTimeout(() => {}, 1); h.unref(); }', false],
    ['never read', 'function f() { const h = setTimeout(() => {}, 1); }', false],
    ['used as a condition', 'function f() { const h = setTimeout(() => {}, 1); if (h) {} }', false],
  ])('%s', (_name, code, expected) => {
    expect(escapes(code)).toEqual([expected]);
  });

  it('does not count the parameters of an exported function as exported', () => {
    const found = probe<boolean>('export function f(h: number) { clearTimeout(h); }', (context, push) => ({
      FunctionDeclaration(node) {
        const param = node.params[0];
        if (param?.type === AST_NODE_TYPES.Identifier) push(doesVariableEscape(context, resolveVariable(context, param)!));
      },
    }));
    expect(found).toEqual([false]);
  });
});
