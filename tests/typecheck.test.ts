import { describe, expect, it } from 'vitest';

import { expectNoNewTypeErrors, typeErrors } from './typecheck';

describe('typeErrors (fix verification helper)', () => {
  it('sees the fixtures project: DOM, @types/node, disposables', () => {
    expect(
      typeErrors("import { open } from 'node:fs/promises'; export async function f(s: AbortSignal) { await using fh = await open('p'); await fetch('/', { signal: s }); }"),
    ).toEqual([]);
  });

  it('reports a type error a fix could introduce', () => {
    expect(() => expectNoNewTypeErrors('const a = 1;', "const a = 1; const b: string = a;")).toThrow(/TS2322/);
  });
});
