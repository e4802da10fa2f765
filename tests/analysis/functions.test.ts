import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { getCalledFunction, getHelperCallsWithin, getMemberName, getPlace, isFunction, releasesPlace, runsOncePerActivation } from '../../src/analysis';
import { probe } from './harness';

/** For every call `go(…)`/`this.go(…)`: the start line:column of the function it calls, or `-`. */
function called(code: string): string[] {
  return probe<string>(code, (context, push) => ({
    CallExpression(node) {
      const fn = getCalledFunction(context, node.callee);
      push(fn ? `${fn.loc.start.line}:${fn.loc.start.column}` : '-');
    },
  }));
}

describe('getCalledFunction', () => {
  it.each<[string, string, string[]]>([
    ['a function declaration', 'function go() {}\ngo();', ['1:0']],
    ['an arrow in a const', 'const go = () => {};\ngo();', ['1:11']],
    ['a method of the class', 'class C {\n  go() {}\n  m() { this.go(); }\n}', ['2:4']],
    ['a private method', 'class C {\n  #go() {}\n  m() { this.#go(); }\n}', ['2:5']],
    ['an arrow field', 'class C {\n  go = () => {};\n  m() { this.go(); }\n}', ['2:7']],
    ['a bound method', 'class C {\n  go() {}\n  m() { setTimeout(this.go.bind(this), 1); }\n}', ['-', '2:4']],
    ['an imported or unknown function', 'declare function go(): void;\ngo();', ['-']],
    ['another object', 'class C {\n  go() {}\n  m(o: C) { o.go(); }\n}', ['-']],
  ])('%s', (_name, code, expected) => {
    expect(called(code)).toEqual(expected);
  });
});

/** For every function: whether it runs at most once per activation of its surroundings. */
function once(code: string, onceMethods?: string[]): boolean[] {
  return probe<boolean>(code, (context, push) => ({
    ':function'(node: Parameters<typeof isFunction>[0]) {
      if (isFunction(node)) push(runsOncePerActivation(context, node, { onceMethods }));
    },
  }));
}

describe('runsOncePerActivation', () => {
  it.each<[string, string, boolean[]]>([
    ['a constructor', 'class C { constructor() {} }', [true]],
    ['a method', 'class C { m() {} }', [false]],
    ['an IIFE', '(() => {})();', [true]],
    ['a promise executor', 'new Promise<void>((resolve) => resolve());', [true]],
    ['a then callback', 'Promise.resolve(1).then(() => {});', [true]],
    ['a setTimeout callback', 'setTimeout(() => {}, 1);', [true]],
    ['a setInterval callback', 'setInterval(() => {}, 1);', [false]],
    ['an event listener', "addEventListener('click', () => {});", [false]],
    ['a function declaration', 'function f() {}', [false]],
  ])('%s', (_name, code, expected) => {
    expect(once(code)).toEqual(expected);
  });

  it('treats the named lifecycle methods as once', () => {
    expect(once('class C { componentDidMount() {} m() {} }', ['componentDidMount'])).toEqual([true, false]);
  });
});

/** Whether the method `m` releases the place of the first `this.t`/`this.#t` of the code (in method `z`). */
function releases(code: string): boolean[] {
  return probe<boolean>(code, (context, push) => {
    let field: TSESTree.MemberExpression | null = null;
    let method: TSESTree.Node | null = null;
    return {
      MemberExpression(node) {
        if (!field && node.object.type === AST_NODE_TYPES.ThisExpression && getMemberName(node)?.replace('#', '') === 't') field = node;
      },
      MethodDefinition(node) {
        if (node.key.type === AST_NODE_TYPES.Identifier && node.key.name === 'm') method = node.value;
      },
      'Program:exit'() {
        const place = field && getPlace(context, field);
        push(!!place && !!method && releasesPlace(context, method, place));
      },
    };
  });
}

describe('releasesPlace', () => {
  it.each<[string, string, boolean[]]>([
    ['a direct clearTimeout', 'class C { t?: number; z() { this.t; } m() { clearTimeout(this.t); } }', [true]],
    ['through a helper method', 'class C { t?: number; z() { this.t; } stop() { clearTimeout(this.t); } m() { this.stop(); } }', [true]],
    ['through two helpers', 'class C { #t?: number; z() { this.#t; } #a() { clearTimeout(this.#t); } #b() { this.#a(); } m() { this.#b(); } }', [true]],
    ['a helper releasing something else', 'class C { t?: number; u?: number; z() { this.t; } stop() { clearTimeout(this.u); } m() { this.stop(); } }', [false]],
    ['nothing', 'class C { t?: number; z() { this.t; } m() {} }', [false]],
  ])('%s', (_name, code, expected) => {
    expect(releases(code)).toEqual(expected);
  });
});

describe('getHelperCallsWithin', () => {
  it('lists the calls of local functions and own methods inside a node, in source order, with the function each calls', () => {
    const code = 'function a() {}\nclass C {\n  m() { a(); this.n(); b(); [1].map(() => a()); }\n  n() {}\n}\na();\ndeclare function b(): void;';
    const found = probe<string>(code, (context, push) => ({
      MethodDefinition(node: TSESTree.MethodDefinition) {
        if (node.key.type !== AST_NODE_TYPES.Identifier || node.key.name !== 'm') return;
        for (const { call, helper } of getHelperCallsWithin(context, node.value.body!)) push(`${context.sourceCode.getText(call)} -> ${helper.loc.start.line}:${helper.loc.start.column}`);
      },
    }));
    expect(found).toEqual(['a() -> 1:0', 'this.n() -> 4:3', 'a() -> 1:0']);
  });
});
