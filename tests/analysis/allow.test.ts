import { typeOrValueSpecifiersSchema } from '@typescript-eslint/type-utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { ALLOW_OPTION_SCHEMA, isAllowedCall, isAllowedType, type AllowList } from '../../src/analysis';
import { probe } from './harness';

// The fixtures project (tests/fixtures): allow-helpers.ts declares the functions and
// types matched here, allow-reexport.ts re-exports some of them, allow-modules.d.ts
// declares the ambient module 'fake-framework'. `path` is relative to the program's
// current directory, the repository root when the tests run.
const HELPERS = 'tests/fixtures/allow-helpers.ts';

/** The callees (as written) of the calls and `new`s in `code` that `allow` names. */
function allowedCalls(code: string, allow: AllowList, { typed = true } = {}): string[] {
  return probe<string>(
    code,
    (context, push) => {
      const check = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
        if (isAllowedCall(context, node, allow)) push(context.sourceCode.getText(node.callee));
      };
      return { CallExpression: check, NewExpression: check };
    },
    { typed },
  );
}

/** The expression statements in `code` whose value's type `allow` names. */
function allowedValues(code: string, allow: AllowList, { typed = true } = {}): string[] {
  return probe<string>(
    code,
    (context, push) => ({
      ExpressionStatement(node) {
        if (isAllowedType(context, node.expression, allow)) push(context.sourceCode.getText(node.expression));
      },
    }),
    { typed },
  );
}

describe('isAllowedCall: from "file"', () => {
  const imports = "import { napArrow, sleepAllowed, sleepNotAllowed } from './allow-helpers';\n";
  it.each<[string, string, AllowList, string[]]>([
    [
      'a function of another project file, by name',
      `${imports}sleepAllowed(1); sleepNotAllowed(1);`,
      [{ from: 'file', name: 'sleepAllowed' }],
      ['sleepAllowed'],
    ],
    [
      'a function declared in the linted file',
      'export {}; function localSleep(ms: number) { return ms; } function other(ms: number) { return ms; } localSleep(1); other(1);',
      [{ from: 'file', name: 'localSleep' }],
      ['localSleep'],
    ],
    ['a list of names', `${imports}sleepAllowed(1); sleepNotAllowed(1); napArrow(1);`, [{ from: 'file', name: ['sleepAllowed', 'napArrow'] }], ['sleepAllowed', 'napArrow']],
    ['with the declaring file as `path`', `${imports}sleepAllowed(1);`, [{ from: 'file', name: 'sleepAllowed', path: HELPERS }], ['sleepAllowed']],
    ['not with another `path`', `${imports}sleepAllowed(1);`, [{ from: 'file', name: 'sleepAllowed', path: 'tests/fixtures/file.ts' }], []],
    [
      'an arrow function constant (its type is anonymous: matched by its symbol)',
      `${imports}napArrow(1);`,
      [{ from: 'file', name: 'napArrow', path: HELPERS }],
      ['napArrow'],
    ],
    [
      'through an import alias, by the declared name',
      "import { sleepAllowed as rest, napArrow as nap } from './allow-helpers';\nrest(1); nap(1);",
      [{ from: 'file', name: ['sleepAllowed', 'napArrow'] }],
      ['rest', 'nap'],
    ],
    [
      'through a re-export (renamed), where it is declared',
      "import { nap, napArrow } from './allow-reexport';\nnap(1); napArrow(1);",
      [{ from: 'file', name: ['sleepAllowed', 'napArrow'], path: HELPERS }],
      ['nap', 'napArrow'],
    ],
    [
      'not by the re-exporting file',
      "import { nap, napArrow } from './allow-reexport';\nnap(1); napArrow(1);",
      [{ from: 'file', name: ['sleepAllowed', 'napArrow'], path: 'tests/fixtures/allow-reexport.ts' }],
      [],
    ],
    [
      'a default export by its declared name',
      "import rest from './allow-helpers';\nrest(1);",
      [{ from: 'file', name: 'defaultSleep' }],
      ['rest'],
    ],
    [
      'a member call by its property (a namespace import)',
      "import * as helpers from './allow-helpers';\nhelpers.napArrow(1); helpers.sleepNotAllowed(1);",
      [{ from: 'file', name: 'napArrow' }],
      ['helpers.napArrow'],
    ],
    [
      'a method, by the file of its class',
      "import { Store } from './allow-helpers';\nconst store = new Store(); store.add(1); new Map().set(1, 2);",
      [{ from: 'file', name: ['add', 'set'], path: HELPERS }],
      ['store.add'],
    ],
    ['a class constructed with new', "import { Store } from './allow-helpers';\nnew Store(); new Map();", [{ from: 'file', name: ['Store', 'Map'] }], ['Store']],
    // typescript-eslint#6819: type-utils alone lets a `file` entry without `path` match anything under the cwd.
    ['never a global of the TypeScript libs', 'export {}; setTimeout(() => {}, 1);', [{ from: 'file', name: 'setTimeout' }], []],
    ["never a dependency's function", "import { useEffect } from 'react';\nuseEffect(() => {});", [{ from: 'file', name: 'useEffect' }], []],
  ])('%s', (_name, code, allow, expected) => {
    expect(allowedCalls(code, allow)).toEqual(expected);
  });
});

describe('isAllowedCall: from "file" where the dependencies sit under the current directory', () => {
  // In this worktree node_modules is a symlink: TypeScript sees its files outside the
  // project. Make the program's current directory the root, as if they sat inside it.
  function allowedUnderRoot(code: string, allow: AllowList): string[] {
    return probe<string>(code, (context, push) => {
      const services = context.sourceCode.parserServices!;
      const program = new Proxy(services.program!, {
        get: (target, key) => (key === 'getCurrentDirectory' ? () => '/' : Reflect.get(target, key, target)),
      });
      const sourceCode = Object.create(context.sourceCode, { parserServices: { value: { ...services, program } } });
      const rooted = Object.create(context, { sourceCode: { value: sourceCode } }) as typeof context;
      return {
        CallExpression(node) {
          if (isAllowedCall(rooted, node, allow)) push(context.sourceCode.getText(node.callee));
        },
      };
    });
  }
  it('still means a project file: not a lib global or a dependency (typescript-eslint#6819)', () => {
    const code = "import { useEffect } from 'react';\nimport { sleepAllowed } from './allow-helpers';\nsetTimeout(() => {}, 1); useEffect(() => {}); sleepAllowed(1);";
    expect(allowedUnderRoot(code, [{ from: 'file', name: ['setTimeout', 'useEffect', 'sleepAllowed'] }])).toEqual(['sleepAllowed']);
  });
});

describe('isAllowedCall: from "lib"', () => {
  it.each<[string, string, AllowList, string[]]>([
    ['a DOM/ES global', 'export {}; setTimeout(() => {}, 1); queueMicrotask(() => {});', [{ from: 'lib', name: 'setTimeout' }], ['setTimeout']],
    ['through globalThis', 'export {}; globalThis.setTimeout(() => {}, 1);', [{ from: 'lib', name: 'setTimeout' }], ['globalThis.setTimeout']],
    ['a lib constructor (declared as a variable)', 'export {}; new AbortController(); new URL("x:");', [{ from: 'lib', name: 'AbortController' }], ['AbortController']],
    // type-utils' value path checks only the name for `lib`; the callee must be declared there.
    [
      'not a same-named local function',
      'export {}; function setTimeout(f: () => void, ms: number) { return [f, ms]; } setTimeout(() => {}, 1);',
      [{ from: 'lib', name: 'setTimeout' }],
      [],
    ],
    ['not a project function', "import { sleepAllowed } from './allow-helpers';\nsleepAllowed(1);", [{ from: 'lib', name: 'sleepAllowed' }], []],
  ])('%s', (_name, code, allow, expected) => {
    expect(allowedCalls(code, allow)).toEqual(expected);
  });
});

describe('isAllowedCall: from "package"', () => {
  const sleep = "import { setTimeout as sleep } from 'node:timers/promises';\nsleep(1);";
  it.each<[string, string, AllowList, string[]]>([
    // The fixtures project has the DOM lib and @types/node: the global setTimeout is declared by both.
    ...(['node', '@types/node', 'timers', 'node:timers'] as const).map<[string, string, AllowList, string[]]>((pkg) => [
      `the global setTimeout as package "${pkg}"`,
      'export {}; setTimeout(() => {}, 1);',
      [{ from: 'package', package: pkg, name: 'setTimeout' }],
      ['setTimeout'],
    ]),
    ['timers/promises through an import alias', sleep, [{ from: 'package', package: 'node:timers/promises', name: 'setTimeout' }], ['sleep']],
    ['timers/promises without the node: prefix', sleep, [{ from: 'package', package: 'timers/promises', name: 'setTimeout' }], ['sleep']],
    ['timers/promises by its @types package', sleep, [{ from: 'package', package: 'node', name: 'setTimeout' }], ['sleep']],
    ['not by the module of the global timers', sleep, [{ from: 'package', package: 'node:timers', name: 'setTimeout' }], []],
    ['not from lib', sleep, [{ from: 'package', package: 'timers/promises', name: 'setInterval' }, { from: 'lib', name: 'setTimeout' }], []],
    // typescript-eslint's value path reads the written name, and checks the package of the callee's type.
    ['also by the local name', sleep, [{ from: 'package', package: 'timers/promises', name: 'sleep' }], ['sleep']],
    ['react, named import', "import { useEffect } from 'react';\nuseEffect(() => {});", [{ from: 'package', package: 'react', name: 'useEffect' }], ['useEffect']],
    ['react by its @types package', "import { useEffect } from 'react';\nuseEffect(() => {});", [{ from: 'package', package: '@types/react', name: 'useEffect' }], ['useEffect']],
    ['react, member call', "import React from 'react';\nReact.useEffect(() => {});", [{ from: 'package', package: 'react', name: 'useEffect' }], ['React.useEffect']],
    ['not another package', "import { useEffect } from 'react';\nuseEffect(() => {});", [{ from: 'package', package: 'react-dom', name: 'useEffect' }], []],
    [
      'an ambient module (declare module)',
      "import { sleep } from 'fake-framework';\nsleep(1);",
      [{ from: 'package', package: 'fake-framework', name: 'sleep' }],
      ['sleep'],
    ],
    [
      'a constant of anonymous type through an alias, by its declared name',
      "import { delay as wait } from 'fake-framework';\nwait(1);",
      [{ from: 'package', package: 'fake-framework', name: 'delay' }],
      ['wait'],
    ],
    [
      'not a same-named local function',
      'export {}; function useEffect(f: () => void) { f(); } useEffect(() => {});',
      [{ from: 'package', package: 'react', name: 'useEffect' }],
      [],
    ],
    [
      'not a same-named local function of a package global',
      'export {}; function setTimeout(f: () => void, ms: number) { return [f, ms]; } setTimeout(() => {}, 1);',
      [{ from: 'package', package: 'node', name: 'setTimeout' }],
      [],
    ],
    [
      'not a project function of that name',
      "import { sleepAllowed } from './allow-helpers';\nsleepAllowed(1);",
      [{ from: 'package', package: 'fake-framework', name: 'sleepAllowed' }],
      [],
    ],
  ])('%s', (_name, code, allow, expected) => {
    expect(allowedCalls(code, allow)).toEqual(expected);
  });
});

describe('isAllowedCall: plain strings', () => {
  it.each<[string, string, AllowList, string[]]>([
    ['the written name, from anywhere', "import { sleepAllowed } from './allow-helpers';\nsleepAllowed(1); sleepAllowed.call(null, 1);", ['sleepAllowed'], ['sleepAllowed']],
    ['an indirect call', "import { sleepAllowed } from './allow-helpers';\n(0, sleepAllowed)(1);", ['sleepAllowed'], ['0, sleepAllowed']],
    ['the declared name through an alias (typed)', "import { sleepAllowed as rest } from './allow-helpers';\nrest(1);", ['sleepAllowed'], ['rest']],
    ['a method by name', 'declare const api: { schedule(): void; run(): void }; api.schedule(); api.run();', ['schedule'], ['api.schedule']],
    [
      'a written callee path',
      'declare const context: { subscriptions: { push(x: unknown): void } }; declare const other: typeof context;\ncontext.subscriptions.push(1); other.subscriptions.push(1); context?.subscriptions["push"](1);',
      ['context.subscriptions.push'],
      ['context.subscriptions.push', 'context?.subscriptions["push"]'],
    ],
    [
      'this.method as a path',
      'class C { _register(x: unknown) { return x; } run() { this._register(1); this.run2(); } run2() {} }',
      ['this._register'],
      ['this._register'],
    ],
    ['a path is not a name', 'declare const a: { push(x: unknown): void }; a.push(1);', ['subscriptions.push'], []],
  ])('%s', (_name, code, allow, expected) => {
    expect(allowedCalls(code, allow)).toEqual(expected);
  });
});

describe('isAllowedCall without type information', () => {
  const code =
    "import { sleepAllowed, sleepAllowed as rest } from './allow-helpers';\nsleepAllowed(1); rest(1); setTimeout(() => {}, 1); this.x.register(1);";
  it('plain names match the written callee name, paths the written path', () => {
    expect(allowedCalls(code, ['sleepAllowed', 'this.x.register'], { typed: false })).toEqual(['sleepAllowed', 'this.x.register']);
    expect(allowedCalls('(0, sleepAllowed)(1); (0, other)(1);', ['sleepAllowed'], { typed: false })).toEqual(['0, sleepAllowed']);
  });
  it('object entries never match', () => {
    const allow: AllowList = [
      { from: 'file', name: 'sleepAllowed' },
      { from: 'lib', name: 'setTimeout' },
      { from: 'package', package: 'node', name: 'setTimeout' },
    ];
    expect(allowedCalls(code, allow, { typed: false })).toEqual([]);
    expect(allowedCalls(code, allow)).toEqual(['sleepAllowed', 'rest', 'setTimeout']);
  });
});

describe('isAllowedCall: the list', () => {
  it('an empty list allows nothing', () => {
    expect(allowedCalls('export {}; setTimeout(() => {}, 1);', [])).toEqual([]);
  });
  it('ignores malformed entries instead of throwing, and reads a frozen list', () => {
    const allow = Object.freeze([{ from: 'lib' }, { from: 'npm', name: 'setTimeout' }, 42, Object.freeze({ from: 'lib', name: Object.freeze(['setTimeout']) })]);
    expect(allowedCalls('export {}; setTimeout(() => {}, 1);', allow as unknown as AllowList)).toEqual(['setTimeout']);
  });
});

describe('isAllowedType', () => {
  const declarations =
    "import type { Lease, Other, SubLease } from './allow-helpers';\nimport type { Handle } from 'fake-framework';\n" +
    'declare const lease: Lease; declare const maybe: Lease | undefined; declare const nullable: Lease | null | undefined; declare const sub: SubLease;\n' +
    'declare const either: Lease | Other; declare const shaped: { release(): void }; declare const nothing: undefined; declare const handle: Handle;\n';
  const values = 'lease; maybe; nullable; sub; either; shaped; nothing; handle;';
  it.each<[string, string, AllowList, string[]]>([
    [
      'a type by file, its nullable unions and subtypes',
      `${declarations}${values}`,
      [{ from: 'file', name: 'Lease', path: HELPERS }],
      ['lease', 'maybe', 'nullable', 'sub'],
    ],
    ['a union whose every part is allowed', `${declarations}${values}`, [{ from: 'file', name: ['Lease', 'Other'] }], ['lease', 'maybe', 'nullable', 'sub', 'either']],
    ['a plain type name', `${declarations}${values}`, ['Handle'], ['handle']],
    ['an ambient module type', `${declarations}${values}`, [{ from: 'package', package: 'fake-framework', name: 'Handle' }], ['handle']],
    ['not by another package', `${declarations}${values}`, [{ from: 'package', package: 'react', name: ['Handle', 'Lease'] }], []],
    ['a type parameter by its constraint', `${declarations}function f<T extends Lease>(t: T) { t; }`, [{ from: 'file', name: 'Lease' }], ['t']],
    [
      'a lib instance type, a Node type',
      'export {}; const controller = new AbortController(); const timer = setInterval(() => {}, 1); controller; timer;',
      [{ from: 'lib', name: 'AbortController' }, { from: 'package', package: 'node', name: 'Timeout' }],
      ['controller', 'timer'],
    ],
    ['not a same-named local type', 'export {}; interface Handle { dispose(): void } declare const h: Handle; h;', [{ from: 'package', package: 'fake-framework', name: 'Handle' }], []],
  ])('%s', (_name, code, allow, expected) => {
    expect(allowedValues(code, allow)).toEqual(expected);
  });

  it('without type information: the identifier, new X, and the written types; object entries never', () => {
    const code =
      "import { Store, type Lease } from './allow-helpers';\ndeclare const lease: Lease | undefined; declare const other: number; const store = new Store();\n" +
      'lease; other; store; new Store(); other as unknown as Lease; other as unknown;';
    expect(allowedValues(code, ['Lease', 'Store', 'store'], { typed: false })).toEqual(['lease', 'store', 'new Store()', 'other as unknown as Lease']);
    expect(allowedValues(code, [{ from: 'file', name: ['Lease', 'Store'] }], { typed: false })).toEqual([]);
  });
});

describe('ALLOW_OPTION_SCHEMA', () => {
  function validate(schema: object, allow: unknown): string | null {
    const rule = { meta: { schema: [{ type: 'object', additionalProperties: false, properties: { allow: schema } }] }, create: () => ({}) };
    try {
      new Linter({ configType: 'flat' }).verify('x;', [{ plugins: { p: { rules: { r: rule } } }, rules: { 'p/r': ['error', { allow }] } }] as never);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }
  const valid: unknown[] = [
    [],
    ['sleep', 'context.subscriptions.push'],
    [{ from: 'file', name: 'sleep' }],
    [{ from: 'file', name: ['a', 'b'], path: 'src/x.ts' }],
    [{ from: 'lib', name: 'setTimeout' }],
    [{ from: 'package', name: 'useEffect', package: 'react' }],
  ];
  const invalid: [unknown, RegExp][] = [
    [[{ from: 'package', name: 'x' }], /required property '\.?package'/],
    [[{ from: 'npm', name: 'x' }], /Value "npm" should be equal to one of the allowed values/],
    [[{ from: 'file', name: 'x', pakage: 'p' }], /property name 'pakage' is invalid/],
    [[{ from: 'lib', name: 'x', path: 'p' }], /property name 'path' is invalid/],
    [[{ from: 'file', name: 'x', package: 'p' }], /property name 'package' is invalid/],
    [[{ from: 'lib', name: [] }], /Value \[\] should NOT have fewer than 1 items/],
    [[{ from: 'lib', name: ['a', 'a'] }], /duplicate items/],
    [[{ from: 'lib', name: 1 }], /Value 1 should be string,array/],
    [[{ name: 'x' }], /required property '\.?from'/],
    [[42], /Value 42 should be string,object/],
    ['sleep', /should be array/],
  ];
  it.each(valid.map((allow) => [allow]))('accepts %j', (allow) => {
    expect(validate(ALLOW_OPTION_SCHEMA, allow)).toBeNull();
  });
  it.each(invalid)('rejects %j in one or two lines that say why', (allow, message) => {
    const error = validate(ALLOW_OPTION_SCHEMA, allow);
    expect(error).toMatch(message);
    expect(error!.split('\n').filter((line) => line.trim().startsWith('Value')).length).toBeLessThanOrEqual(2);
  });
  it('accepts and rejects exactly what type-utils’ typeOrValueSpecifiersSchema does', () => {
    for (const allow of [...valid, ...invalid.map(([value]) => value)]) {
      expect([allow, validate(ALLOW_OPTION_SCHEMA, allow) === null]).toEqual([allow, validate(typeOrValueSpecifiersSchema, allow) === null]);
    }
  });
  it('has a description', () => {
    expect(ALLOW_OPTION_SCHEMA.description).toMatch(/specifier format/);
    expect(ALLOW_OPTION_SCHEMA.type).toBe('array');
  });
});
