import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { getAssignmentTo, getMemberName, getPlace, getPlaceExpressionsWithin, isAtPlace, placeKey, samePlace, type Place } from '../../src/analysis';
import { findNodeByText, probe } from './harness';

/**
 * The places of the two operands of every `a === b` in the code, as
 * `<path> same|different` (`null` when an operand is not a place).
 */
function compare(code: string, typed = true): string[] {
  return probe<string>(
    code,
    (context, push) => ({
      BinaryExpression(node) {
        const a = getPlace(context, node.left);
        const b = getPlace(context, node.right);
        const describe = (place: Place | null) => (place ? place.path.join('.') || '(root)' : 'null');
        push(`${describe(a)} ${describe(b)} ${samePlace(a, b) ? 'same' : 'different'}`);
        // isAtPlace answers the same without building the left operand's place.
        if (isAtPlace(context, node.left, b) !== samePlace(a, b)) push(`isAtPlace disagrees on ${context.sourceCode.getText(node)}`);
      },
    }),
    { typed },
  );
}

describe('getPlace / samePlace / isAtPlace', () => {
  it.each<[string, string, string[]]>([
    ['a private field of one class', 'class C { #t = 1; m() { return this.#t === this.#t; } }', ['#t #t same']],
    ['a private field seen from an arrow in a field', 'class C { #t = 1; f = () => this.#t; m() { return this.#t === this.#t; } }', ['#t #t same']],
    ['private and public names differ', 'class C { #t = 1; t = 2; m() { return this.#t === this.t; } }', ['#t t different']],
    [
      'the same private name in two classes differs',
      'class A { #t = 1; m(b: B) { return this.#t === b.get(); } }\nclass B { #t = 1; get() { return this.#t; } n(a: A) { return this.#t === this.#t; } }',
      ['#t null different', '#t #t same'],
    ],
    ['this.x of two classes differs', 'class A { x = 1; m() { class B { x = 2; n() { return this.x; } } return this.x === new B().n(); } }', ['x null different']],
    ['a variable and its property', 'const o = { a: 1 }; export const r = o.a === o.a;', ['a a same']],
    ['a shadowed variable differs', 'let x = 1; function f(x: number) { return x; } export const r = x === f(1);', ['(root) null different']],
    ['a wrapped operand is the same place', 'class C { t?: number; m() { return this.t! === (this.t as number); } }', ['t t same']],
    ['a longer path differs', 'const o = { a: { b: 1 } }; export const r = o.a.b === o.a;', ['a.b a different']],
    ['a computed key is not a place', "const o: Record<string, number> = {}; declare const k: string; export const r = o[k] === o['a'];", ['null a different']],
  ])('%s', (_name, code, expected) => {
    expect(compare(code)).toEqual(expected);
    expect(compare(code, false)).toEqual(expected);
  });

  it('gives private places their own key', () => {
    const keys = probe<string>('class C { #t = 1; t = 2; m() { this.#t; this.t; this.#t; } }', (context, push) => ({
      MemberExpression(node: TSESTree.MemberExpression) {
        if (node.object.type !== AST_NODE_TYPES.ThisExpression) return;
        push(`${getMemberName(node)}=${placeKey(getPlace(context, node)!).replace(/^\d+/, 'R')}`);
      },
    }));
    expect(keys).toEqual(['#t=R.#t', 't=R.t', '#t=R.#t']);
  });
});

describe('getMemberName', () => {
  it('names plain, literal and private members, and not computed ones', () => {
    const names = probe<string>("declare const o: any; declare const k: string; o.a; o['b']; o[k]; class C { #p = 1; m() { this.#p; } }", (_context, push) => ({
      MemberExpression(node: TSESTree.MemberExpression) {
        push(String(getMemberName(node)));
      },
    }));
    expect(names).toEqual(['a', 'b', 'null', '#p']);
  });
});

describe('getPlaceExpressionsWithin / getAssignmentTo', () => {
  /** For the place of the first `target` in the code: each expression at it, marked `=` when assigned. */
  function uses(code: string, target: string): string[] {
    return probe<string>(
      code,
      (context, push) => ({
        'Program:exit'(program: TSESTree.Program) {
          const place = getPlace(context, findNodeByText(context, program, target))!;
          for (const use of getPlaceExpressionsWithin(context, program, place)) {
            push(`${context.sourceCode.getText(use)}${getAssignmentTo(use) ? ' =' : ''} @${use.range[0]}`);
          }
        },
      }),
      { typed: false },
    );
  }

  it.each<[string, string, string, string[]]>([
    [
      "a class's field, not another class's nor a local of that name",
      'class A { t = 0; m() { this.t = 1; const t = 2; return this.t + t; } }\nclass B { t = 0; m() { this.t = 3; } }',
      'this.t',
      ['this.t = @23', 'this.t @55'],
    ],
    ['through wrappers', 'class A { t?: number; m() { (this.t as number) = 1; this.t! = 2; delete this.t; } }', 'this.t', ['this.t = @29', 'this.t = @52', 'this.t @72']],
    ['a variable: its references in source order (a declaration is no assignment)', 'let x = 0; function f() { x = 1; } x++; export { x };', 'x', ['x @4', 'x = @26', 'x @35', 'x @49']],
    ['a longer path', 'const o = { a: { b: 1 } }; o.a.b = 2; o.b = 3; o.a = { b: 4 };', 'o.a.b', ['o.a.b = @27']],
  ])('%s', (_name, code, target, expected) => {
    expect(uses(code, target)).toEqual(expected);
  });
});
