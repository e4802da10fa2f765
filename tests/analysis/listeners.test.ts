import { describe, expect, it } from 'vitest';

import { getListenerCall, getListenerRegistration, getListenerRemoval, listenerRemovesItself, removesRegistration } from '../../src/analysis';
import { probe } from './harness';

/** Every listener call of the code as `action method targetKind event once signal capture`. */
function listenerCalls(code: string, typed = true): string[] {
  return probe<string>(
    code,
    (context, push) => ({
      CallExpression(node) {
        const found = getListenerCall(context, node);
        if (!found) return;
        const signal = found.signal === undefined ? '?' : found.signal ? context.sourceCode.getText(found.signal) : '-';
        push(
          `${found.action} ${found.method} ${found.targetKind} ${found.eventName ?? '?'} once=${found.once ?? '?'} signal=${signal} capture=${found.capture ?? '?'}`,
        );
      },
    }),
    { typed },
  );
}

/** For each removal: which registrations (by line order index) it removes. */
function matches(code: string): string[] {
  return probe<string>(code, (context, push) => {
    const added: ReturnType<typeof getListenerRegistration>[] = [];
    const removed: ReturnType<typeof getListenerRemoval>[] = [];
    return {
      CallExpression(node) {
        const registration = getListenerRegistration(context, node);
        if (registration) added.push(registration);
        const removal = getListenerRemoval(context, node);
        if (removal) removed.push(removal);
      },
      'Program:exit'() {
        for (const removal of removed) {
          push(added.map((registration, i) => (removesRegistration(context, registration!, removal!) ? String(i) : '')).join(''));
        }
      },
    };
  });
}

describe('getListenerCall', () => {
  it.each<[string, string, string[]]>([
    [
      'AbortSignal addEventListener with once',
      "declare const signal: AbortSignal; signal.addEventListener('abort', () => {}, { once: true });",
      ['add addEventListener abortSignal abort once=true signal=- capture=false'],
    ],
    [
      'DOM targets through their base types',
      "window.addEventListener('resize', () => {}); document.body.addEventListener('click', () => {}, true); declare const ws: WebSocket; ws.removeEventListener('message', () => {});",
      [
        'add addEventListener eventTarget resize once=false signal=- capture=false',
        'add addEventListener eventTarget click once=false signal=- capture=true',
        'remove removeEventListener eventTarget message once=false signal=- capture=false',
      ],
    ],
    [
      'a signal option',
      "declare const ac: AbortController; window.addEventListener('x', () => {}, { signal: ac.signal, capture: true });",
      ['add addEventListener eventTarget x once=false signal=ac.signal capture=true'],
    ],
    [
      'unreadable options',
      "declare const opts: AddEventListenerOptions; window.addEventListener('x', () => {}, opts); window.addEventListener('y', () => {}, { ...opts });",
      [
        'add addEventListener eventTarget x once=? signal=? capture=?',
        'add addEventListener eventTarget y once=? signal=? capture=?',
      ],
    ],
    [
      'Node EventEmitter and subclasses',
      "import { EventEmitter } from 'node:events'; import { createServer } from 'node:net'; class Bus extends EventEmitter {} const e = new EventEmitter(); e.on('a', () => {}); e.once('b', () => {}); new Bus().prependListener('c', () => {}); createServer().off('close', () => {}); process.removeAllListeners('exit');",
      [
        'add on emitter a once=false signal=- capture=false',
        'add once emitter b once=true signal=- capture=false',
        'add prependListener emitter c once=false signal=- capture=false',
        'remove off emitter close once=false signal=- capture=false',
        'remove removeAllListeners emitter exit once=false signal=- capture=false',
      ],
    ],
    [
      'user subclasses, unions and generic emitters',
      "class Bus extends EventTarget {} declare const t: Window | HTMLElement; import { EventEmitter } from 'node:events'; class Typed<T extends Record<string, unknown[]>> extends EventEmitter<T> {} declare const e: Typed<{ a: [number] }>; new Bus().addEventListener('x', () => {}); t.addEventListener('click', () => {}); e.on('a', () => {}); process.on('exit', () => {});",
      [
        'add addEventListener eventTarget x once=false signal=- capture=false',
        'add addEventListener eventTarget click once=false signal=- capture=false',
        'add on emitter a once=false signal=- capture=false',
        'add on emitter exit once=false signal=- capture=false',
      ],
    ],
    [
      'look-alikes are not listeners',
      "declare const bus: { on(e: string, f: () => void): void }; bus.on('a', () => {}); declare const x: any; x.addEventListener('a', () => {}); import { EventEmitter } from 'node:events'; declare const e: EventEmitter; EventEmitter.on(e, 'a'); e.addEventListener; (e as unknown as { addEventListener(a: string, f: () => void): void }).addEventListener('a', () => {});",
      [],
    ],
  ])('%s', (_name, code, expected) => {
    expect(listenerCalls(code)).toEqual(expected);
  });

  it('answers nothing without type information', () => {
    expect(listenerCalls("window.addEventListener('x', () => {}); process.on('exit', () => {});", false)).toEqual([]);
  });
});

describe('removesRegistration', () => {
  it('matches by target, event and listener reference', () => {
    const code = `
      declare const signal: AbortSignal; declare const other: AbortSignal;
      const onAbort = () => {};
      signal.addEventListener('abort', onAbort);            // 0
      window.addEventListener('click', onAbort, true);       // 1
      signal.removeEventListener('abort', onAbort);          // matches 0
      other.removeEventListener('abort', onAbort);           // different target
      signal.removeEventListener('abort', () => {});         // different listener
      window.removeEventListener('click', onAbort);          // capture differs
      window.removeEventListener('click', onAbort, { capture: true }); // matches 1
    `;
    expect(matches(code)).toEqual(['0', '', '', '', '1']);
  });

  it('counts removeAllListeners for that event or for all', () => {
    const code = `
      import { EventEmitter } from 'node:events';
      const e = new EventEmitter(); const f = () => {};
      e.on('a', f); e.on('b', f);
      e.removeAllListeners('a'); e.removeAllListeners(); e.off('b', f);
    `;
    expect(matches(code)).toEqual(['0', '01', '1']);
  });

  it('finds self-removing listeners', () => {
    const found = probe<boolean>(
      `declare const signal: AbortSignal;
       function onAbort() { signal.removeEventListener('abort', onAbort); }
       const other = () => {};
       signal.addEventListener('abort', onAbort); signal.addEventListener('abort', other);`,
      (context, push) => ({
        CallExpression(node) {
          const registration = getListenerRegistration(context, node);
          if (registration) push(listenerRemovesItself(context, registration));
        },
      }),
    );
    expect(found).toEqual([true, false]);
  });
});
