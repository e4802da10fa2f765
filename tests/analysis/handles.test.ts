import { describe, expect, it } from 'vitest';

import { getThisPlaceUses, getTimerCall, getValueDestination, getVariableUses } from '../../src/analysis';
import { probe } from './harness';

/** For every timer call: where its value goes, and (for a variable or `this` place) how it is used. */
function destinations(code: string): string[] {
  return probe<string>(code, (context, push) => ({
    CallExpression(node) {
      if (!getTimerCall(context, node)) return;
      const destination = getValueDestination(context, node);
      const via = destination.via ? ` via ${destination.via}` : '';
      if (destination.kind === 'variable' || destination.kind === 'property') {
        const uses =
          destination.kind === 'variable'
            ? getVariableUses(context, destination.variable)
            : getThisPlaceUses(context, destination.place);
        const flags = [uses.released && 'released', uses.escapes && 'escapes', `inert=${uses.inertReads}`, ...uses.ownMethods];
        push(`${destination.kind}${via}: ${flags.filter(Boolean).join(' ')}`);
      } else {
        push(`${destination.kind}${via}`);
      }
    },
  }));
}

describe('getValueDestination', () => {
  it.each<[string, string, string]>([
    ['a statement', 'setInterval(() => {}, 1);', 'discarded'],
    ['void', 'void setInterval(() => {}, 1);', 'discarded'],
    ['unref as a statement', 'setInterval(() => {}, 1).unref();', 'discarded via unref'],
    ['hasRef drops the handle', 'setInterval(() => {}, 1).hasRef();', 'discarded via hasRef'],
    ['a non-final sequence item', 'let x = (setInterval(() => {}, 1), 2);', 'discarded'],
    ['unref keeps the handle', 'const t = setInterval(() => {}, 1).unref();', 'variable via unref: inert=0'],
    ['returned', 'function f() { return setInterval(() => {}, 1); }', 'escapes'],
    ['passed on', 'const m = new Map(); m.set(1, setInterval(() => {}, 1));', 'escapes'],
    ['a `using` declaration owns it', 'function f() { using t = setInterval(() => {}, 1); }', 'other'],
    ['a condition', 'if (setInterval(() => {}, 1)) {}', 'other'],
    ['a computed member', 'const m: Record<string, unknown> = {}; m["a"] = setInterval(() => {}, 1);', 'escapes'],
  ])('%s', (_name, code, expected) => {
    expect(destinations(code)).toEqual([expected]);
  });
});

describe('getVariableUses / getThisPlaceUses', () => {
  it.each<[string, string, string]>([
    ['never read', 'function f() { const t = setInterval(() => {}, 1); }', 'variable: inert=0'],
    ['cleared', 'function f() { const t = setInterval(() => {}, 1); clearTimeout(t); }', 'variable: released inert=0'],
    ['closed', 'function f() { const t = setInterval(() => {}, 1); t.close(); }', 'variable: released inert=0'],
    ['own methods and tests are inert', 'function f() { const t = setInterval(() => {}, 1); t.unref(); if (t && !t.hasRef()) {} }', 'variable: inert=3 unref hasRef'],
    ['a comparison with null is inert', 'function f() { const t = setInterval(() => {}, 1); if (t != null) {} }', 'variable: inert=1'],
    ['anything else escapes', 'function f() { const t = setInterval(() => {}, 1); console.log(t); }', 'variable: escapes inert=0'],
    ['a field cleared in the class', 'class C { t?: NodeJS.Timeout; a() { this.t = setInterval(() => {}, 1); } b() { clearInterval(this.t); } }', 'property: released inert=0'],
    ['a private field', 'class C { #t = setInterval(() => {}, 1); b() { if (this.#t) this.#t.unref(); } }', 'property: inert=2 unref'],
    ['a field cleared from outside', 'class C { t = setInterval(() => {}, 1); } const c = new C(); clearInterval(c.t);', 'property: released inert=0'],
    ['a field handed out', 'class C { t = setInterval(() => {}, 1); get() { return this.t; } }', 'property: escapes inert=0'],
  ])('%s', (_name, code, expected) => {
    expect(destinations(code)).toEqual([expected]);
  });
});
