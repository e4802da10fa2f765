import type { InferMessageIdsTypeFromRule } from '@typescript-eslint/utils/eslint-utils';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-floating-subscription';
import { addSecondPassCases, fixOutputs } from '../fix-outputs';
import { createTypedRuleTester, createUntypedRuleTester } from '../rule-tester';
import { expectNoNewTypeErrors } from '../typecheck';

type MessageIds = InferMessageIdsTypeFromRule<typeof rule>;
type Settings = { checkOnce?: boolean; checkOutsideOwners?: boolean; teardownMethods?: string[]; autofix?: boolean };
type Options = [Settings];

const ruleTester = createTypedRuleTester();

const REACT = "import { Component, useEffect, useLayoutEffect, useRef, useState } from 'react';\n";
/** A store whose `subscribe` returns its unsubscribe function (Redux, Zustand...). */
const STORE = "interface Store<S> { getState(): S; subscribe(listener: () => void): () => void }\ndeclare const store: Store<number>;\ndeclare function render(): void;\n";
/** RxJS's shapes: `subscribe` returns a `Subscription` ended by `unsubscribe()`. */
const RX =
  "interface Subscription { unsubscribe(): void; add(teardown: Subscription | (() => void)): void; readonly closed: boolean }\n" +
  "interface Observable<T> { subscribe(next?: (v: T) => void): Subscription; pipe(...ops: Array<(o: Observable<T>) => Observable<T>>): Observable<T> }\n" +
  "declare function take<T>(n: number): (o: Observable<T>) => Observable<T>;\n" +
  "declare function takeUntil<T>(n: Observable<unknown>): (o: Observable<T>) => Observable<T>;\n" +
  "declare const values$: Observable<number>;\n";
/** VS Code's `Event<T>`: registering returns a `Disposable`; or it goes into the `disposables` array. */
const VSC =
  "interface Disposable { dispose(): void }\n" +
  "type Event<T> = (listener: (e: T) => unknown, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;\n" +
  "declare const workspace: { onDidChangeConfiguration: Event<{ affectsConfiguration(section: string): boolean }> };\n" +
  "declare const commands: { registerCommand(id: string, cb: () => void): Disposable };\n";
/** React Native: `addListener`/`addEventListener` return a subscription ended by `remove()`. */
const RN =
  "interface EmitterSubscription { remove(): void }\n" +
  "declare const AppState: { addEventListener(type: 'change', cb: (state: string) => void): EmitterSubscription };\n" +
  "declare const Keyboard: { addListener(type: string, cb: () => void): EmitterSubscription };\n";
const EMITTER = "import { EventEmitter } from 'node:events';\n";
/** Vue's lifecycle hooks and Svelte's, declared in `tests/fixtures/frameworks.d.ts` (as `declare module`). */
const VUE = "import { defineComponent, onBeforeUnmount, onMounted, onUnmounted, ref, watch } from 'vue';\n";
const SVELTE = "import { onDestroy, onMount } from 'svelte';\n";

/** A case in a React component file (`react.tsx`), with the rule's options. */
function tsx(code: string, settings: Settings = {}): { code: string; filename: string; options: Options } {
  return { code: REACT + code, filename: 'react.tsx', options: [settings] };
}

/** A case in a plain TypeScript file (`file.ts`), with the rule's options. */
function ts(code: string, settings: Settings = {}): { code: string; options: Options } {
  return { code, options: [settings] };
}

/** A fix output of a `tsx` case. */
function react(code: string): string {
  return REACT + code;
}

/** A report of `messageId` on `line` with exactly these suggestions (`[messageId, output]` each). */
function error(
  messageId: MessageIds,
  line: number,
  suggestions: Array<[MessageIds, string]> = [],
  data?: Record<string, string>,
): InvalidTestCase<MessageIds, Options>['errors'][number] {
  return { messageId, line, ...(data ? { data } : {}), suggestions: suggestions.map(([id, output]) => ({ messageId: id, output })) };
}

const valid: (string | ValidTestCase<Options>)[] = [
  // A static block of a class declared inside a method: its owner is not the outer class, and a static member has none.
  `export class Dashboard {
  dispose(): void {}
  mount(): void {
    class Widget {
      static { window.addEventListener('resize', () => {}); }
    }
    void Widget;
  }
}`,
  // removed in cleanup
  tsx(`function Scroller() {
  useEffect(() => {
    function handleScroll() { console.log(window.scrollY); }
    window.addEventListener('scroll', handleScroll);
    return () => window.removeEventListener('scroll', handleScroll);
  }, []);
  return null;
}`),
  // class pair
  tsx(`class Example extends Component {
  handleResize = () => {};
  componentDidMount() { window.addEventListener('resize', this.handleResize); }
  componentWillUnmount() { window.removeEventListener('resize', this.handleResize); }
  render() { return null; }
}`),
  // assertion one side
  tsx(`function Example() {
  useEffect(() => {
    const handleResize = () => {};
    window.addEventListener('resize', handleResize as EventListener);
    return () => { window.removeEventListener('resize', handleResize); };
  }, []);
  return null;
}`),
  // capture equal
  tsx(`function Example() {
  useEffect(() => {
    const onKey = () => {};
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, { capture: true });
  }, []);
  return null;
}`),
  // ref current both sides
  tsx(`function Example() {
  const handler = useRef(() => {});
  useEffect(() => {
    window.addEventListener('resize', handler.current);
    return () => window.removeEventListener('resize', handler.current);
  }, []);
  return null;
}`),
  // signal of effect controller
  tsx(`declare const update: () => void;
export const Listener = () => {
  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const listenerSignal = signal;
    window.addEventListener('resize', update, { signal: listenerSignal });
    window.addEventListener('scroll', update, { signal: controller.signal, passive: true });
    return () => controller.abort();
  }, []);
  return null;
};`),
  // abortable effect hook
  tsx(`declare function useAbortableEffect(effect: (signal: AbortSignal) => void, deps: readonly unknown[]): void;
function Comp() {
  useAbortableEffect((signal) => {
    window.addEventListener('resize', () => console.log('whoa!'), { signal });
  }, []);
  return null;
}`),
  // target created in effect
  tsx(`export const Preload = ({ src }: { src: string }) => {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const img = new Image();
    img.addEventListener('load', () => setReady(true));
    img.src = src;
  }, [src]);
  return ready ? null : null;
};`),
  // removed through helper
  tsx(`export const Listener = ({ target, handler }: { target: EventTarget; handler: EventListener }) => {
  useEffect(() => {
    target.addEventListener('change', handler);
    const stopListening = () => target.removeEventListener('change', handler);
    return () => stopListening();
  }, [target, handler]);
  return null;
};`),
  // removed by abort handler
  tsx(`const AbortTeardown = () => {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const controller = new AbortController();
    const onChange = () => setVisible(!document.hidden);
    document.addEventListener('visibilitychange', onChange);
    controller.signal.addEventListener('abort', () => {
      document.removeEventListener('visibilitychange', onChange);
    }, { once: true });
    return () => { controller.abort(); };
  }, []);
  return visible ? null : null;
};`),
  // added and removed synchronously
  tsx(`class ScrollArea extends Component {
  noop = () => {};
  componentDidMount() {
    window.addEventListener('resize', this.noop);
    window.removeEventListener('resize', this.noop);
  }
  componentWillUnmount() {}
  render() { return null; }
}`),
  // custom element field controller
  ts(`class Foo extends HTMLElement {
  controller = new AbortController();
  connectedCallback() {
    const { signal } = this.controller;
    window.addEventListener('x', console.log, { signal });
  }
  disconnectedCallback() { this.controller.abort(); }
}`, { teardownMethods: ['disconnectedCallback'] }),
  // useSyncExternalStore subscribe
  tsx(`import { useCallback, useSyncExternalStore } from 'react';
export const useMediaQuery = (query: string): boolean => {
  const subscribe = useCallback((callback: () => void) => {
    const media = window.matchMedia(query);
    media.addEventListener('change', callback);
    return () => media.removeEventListener('change', callback);
  }, [query]);
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches, () => false);
};`),
  // not in owner: handler
  tsx(`export const OneShot = ({ finish }: { finish: () => void }) => {
  const armListener = () => { window.addEventListener('pointerup', () => finish()); };
  return <button onPointerDown={armListener}>press</button>;
};`),
  // module level
  ts(`function shutdown() { process.exit(0); }\nprocess.on('SIGINT', shutdown);`),
  // class removal arrow field
  ts(`class Watcher {
  onExit = () => {};
  start() { process.on('SIGTERM', this.onExit); }
  dispose() { process.off('SIGTERM', this.onExit); }
}`),
  // class removal helper
  ts(`class Watcher {
  private onExit = () => {};
  start() { process.on('SIGTERM', this.onExit); }
  private unbind() { process.removeListener('SIGTERM', this.onExit); }
  dispose() { this.unbind(); }
}`),
  // removeAllListeners event
  ts(`class Watcher {
  start() { process.on('SIGTERM', () => this.stop()); }
  stop() {}
  dispose() { process.removeAllListeners('SIGTERM'); }
}`),
  // emitter created by owner
  ts(`import { connect, type Socket } from 'node:net';
export class Client {
  private readonly socket: Socket;
  constructor(port: number) {
    this.socket = connect(port);
    this.socket.on('data', (chunk) => this.onData(chunk));
  }
  private onData(_chunk: Buffer) {}
  close() { this.socket.destroy(); }
}`),
  // once exit
  ts(`export class App {
  constructor() { process.once('exit', () => this.flush()); }
  private flush() {}
  close() {}
}`, { checkOnce: true }),
  // once resize recommended
  tsx(`function Example() {
  useEffect(() => {
    window.addEventListener('resize', () => {}, { once: true });
  }, []);
  return null;
}`),
  // removes itself
  ts(`class Watcher {
  start() {
    const onReady = () => { process.removeListener('message', onReady); };
    process.on('message', onReady);
  }
  dispose() {}
}`),
  // any target
  ts(`declare const target: any;
class Watcher { start() { target.addEventListener('x', () => {}); } dispose() {} }`),
  // precedence signal in scope
  tsx(`function Example() {
  useEffect(() => {
    const controller = new AbortController();
    window.addEventListener('resize', () => {});
    return () => controller.abort();
  }, []);
  return null;
}`),
  // target closed by owner
  ts(`${EMITTER}class Backend {
  constructor(private readonly connection: EventEmitter & { close(): Promise<void> }) {
    connection.on('error', (err) => console.error(err));
  }
  async close() { await this.connection.close(); }
}`),
  // own events
  ts(`${EMITTER}class Pool extends EventEmitter {
  constructor() { super(); this.on('error', () => {}); }
  close() {}
}`),
  // callback parameter target
  ts(`import { createServer, type Server } from 'node:http';
class App {
  private server: Server = createServer();
  start() { this.server.on('connection', (socket) => { socket.on('data', () => {}); }); }
  close() { this.server.close(); }
}`),
  // private helper owned argument
  ts(`${EMITTER}class Client {
  #socket = new EventEmitter();
  connect() { this.#attach(this.#socket); this.#attach(new EventEmitter()); }
  #attach(socket: EventEmitter) { socket.on('data', () => {}); }
  disconnect() {}
}`),
  // removal through parameter property
  ts(`import type { Readable } from 'node:stream';
class Transport {
  private onData = () => {};
  constructor(private readonly input: Readable) { input.on('data', this.onData); }
  close() { this.input.off('data', this.onData); }
}`),
  // removal through fluent chain
  ts(`import type { Writable } from 'node:stream';
class Transport {
  private streams?: { write: Writable };
  private readonly onEnd = () => { this.streams?.write.removeListener('end', this.onEnd); };
  constructor(pipe: Writable) { this.streams = { write: pipe.on('end', this.onEnd) }; }
  dispose() { this.onEnd(); }
}`),
  // callback ends owner
  ts(`${VSC}declare const connection: { onDisconnected: Event<void> };
class Target {
  constructor() { connection.onDisconnected(() => this.dispose()); }
  dispose() {}
}`),
  // class without teardown
  ts(`class Watcher { start() { process.on('SIGTERM', () => {}); } }`),
  // registered in teardown
  ts(`class Conn { close() { process.on('exit', () => {}); } }`),
  // options variable: the same const object in both calls (its `capture` read from the const)
  tsx(`function Example() {
  useEffect(() => {
    const options = { capture: true };
    const onResize = () => {};
    window.addEventListener('resize', onResize, options);
    return () => window.removeEventListener('resize', onResize, { capture: options.capture });
  }, []);
  return null;
}`),
  // caller signal
  ts(`class Watcher {
  start(signal: AbortSignal) { window.addEventListener('resize', () => {}, { signal }); }
  dispose() {}
}`),
  // ---- observers
  // observer disconnect
  tsx(`function C() {
  useEffect(() => {
    const observer = new ResizeObserver(() => {});
    observer.observe(document.body);
    observer.observe(document.querySelector('.selector')!);
    return () => { observer.disconnect(); };
  }, []);
  return <div />;
}`),
  // unobserve only target
  tsx(`import type { RefObject } from 'react';
declare const onResize: ResizeObserverCallback;
function C({ rootRef }: { rootRef: RefObject<HTMLElement | null> }) {
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return undefined;
    const resizeObserver = new ResizeObserver(onResize);
    resizeObserver.observe(root);
    return () => { resizeObserver.unobserve(root); };
  }, [rootRef]);
  return <div />;
}`),
  // observe loop disconnect
  tsx(`export function Multi({ ids }: { ids: string[] }) {
  useEffect(() => {
    const observer = new ResizeObserver(() => {});
    for (const id of ids) { const el = document.getElementById(id); if (el) observer.observe(el); }
    return () => observer.disconnect();
  }, [ids]);
  return null;
}`),
  // observer alias
  tsx(`export const M = ({ el }: { el: Element }) => {
  useEffect(() => {
    const observer = new ResizeObserver(() => {});
    observer.observe(el);
    const captured = observer;
    return () => captured.disconnect?.();
  }, [el]);
  return null;
};`),
  // observer disconnected at once
  tsx(`declare const measure: () => void;
export const M = ({ el }: { el: Element }) => {
  useEffect(() => {
    const observer = new ResizeObserver(() => {});
    observer.observe(el);
    measure();
    observer.disconnect();
  }, [el]);
  return null;
};`),
  // observer nested init
  tsx(`export function N() {
  useEffect(() => {
    let observer: IntersectionObserver | null = null;
    const init = () => {
      const target = document.getElementById('target');
      if (!target) return;
      observer = new IntersectionObserver(() => {});
      observer.observe(target);
    };
    init();
    return () => { observer?.disconnect(); };
  }, []);
  return null;
}`),
  // observer helper returns disconnect
  tsx(`export const H = ({ selector }: { selector: string }) => {
  useEffect(() => {
    let cleanupObserver = () => {};
    const observeHero = () => {
      const hero = document.querySelector<HTMLElement>(selector);
      if (!hero) return () => {};
      const observer = new IntersectionObserver(() => {});
      observer.observe(hero);
      return () => observer.disconnect();
    };
    cleanupObserver = observeHero();
    return () => cleanupObserver();
  }, [selector]);
  return null;
};`),
  // custom element observer
  ts(`class AutoSize extends HTMLElement {
  private readonly ro = new ResizeObserver(() => this.layout());
  connectedCallback() { this.ro.observe(this); }
  disconnectedCallback() { this.ro.disconnect(); }
  private layout() {}
}`, { teardownMethods: ['disconnectedCallback'] }),
  // observer observes nothing
  tsx(`function C() {
  useEffect(() => { new ResizeObserver(() => {}); }, []);
  return null;
}`),
  // own ResizeObserver class
  tsx(`class ResizeObserver { constructor(cb: () => void) {} observe(el: Element) {} }
function C() {
  useEffect(() => { const o = new ResizeObserver(() => {}); o.observe(document.body); }, []);
  return null;
}`),
  // observer in a ref
  tsx(`function C() {
  const ref = useRef<ResizeObserver | null>(null);
  useEffect(() => { ref.current = new ResizeObserver(() => {}); ref.current.observe(document.body); }, []);
  return null;
}`),
  // ---- subscriptions
  // concise body
  tsx(`${STORE}export function Counter() {
  useEffect(() => store.subscribe(render), []);
  return null;
}`),
  // kept and called
  tsx(`${STORE}export const S = () => {
  useEffect(() => {
    const unsubscribe = store.subscribe(render);
    return () => unsubscribe?.();
  }, []);
  return null;
};`),
  // rx unsubscribe
  tsx(`${RX}export function Ticker() {
  const [value, setValue] = useState(0);
  useEffect(() => {
    const sub = values$.subscribe(setValue);
    return () => sub.unsubscribe();
  }, []);
  return <span>{value}</span>;
}`),
  // composed subscription
  ts(`${RX}declare function makeSubscription(): Subscription;
export class Composed {
  value = 0;
  private subscription = makeSubscription();
  start() { this.subscription.add(values$.subscribe((value) => (this.value = value))); }
  dispose() { this.subscription.unsubscribe(); }
}`),
  // takeUntil
  ts(`${RX}declare const destroyed$: Observable<void>;
export class C {
  value = 0;
  start() { values$.pipe(takeUntil(destroyed$)).subscribe((v) => (this.value = v)); }
  dispose() {}
}`),
  // take(1)
  ts(`${RX}export class C {
  value = 0;
  start() { values$.pipe(take(1)).subscribe((v) => (this.value = v)); }
  dispose() {}
}`),
  // vscode register store disposables
  ts(`${VSC}declare class DisposableStore implements Disposable { add<T extends Disposable>(d: T): T; dispose(): void }
declare abstract class DisposableBase implements Disposable { protected _register<T extends Disposable>(d: T): T; dispose(): void }
export class Watcher extends DisposableBase {
  private readonly store = new DisposableStore();
  private readonly disposables: Disposable[] = [];
  constructor() {
    super();
    this._register(workspace.onDidChangeConfiguration(() => this.refresh()));
    this.store.add(commands.registerCommand('x.run', () => this.refresh()));
    workspace.onDidChangeConfiguration(() => this.refresh(), this, this.disposables);
  }
  private refresh() {}
  override dispose() { this.store.dispose(); this.disposables.forEach((d) => d.dispose()); super.dispose(); }
}`),
  // context subscriptions push
  ts(`${VSC}interface ExtensionContext { readonly subscriptions: Disposable[] }
export class Extension implements Disposable {
  constructor(private readonly context: ExtensionContext) {
    context.subscriptions.push(commands.registerCommand('x.hello', () => {}));
  }
  dispose() {}
}`),
  // destructured remove
  tsx(`${RN}declare const BackHandler: { addEventListener(type: 'hardwareBackPress', cb: () => boolean): EmitterSubscription };
declare const onBackPress: () => boolean;
export function Screen() {
  useEffect(() => {
    const { remove } = BackHandler.addEventListener('hardwareBackPress', onBackPress);
    return () => { remove(); };
  });
  return null;
}`),
  // array collected
  tsx(`interface Tab { addListener(type: 'tabPress', cb: () => void): () => void }
export function Tabs({ tabs, onPress }: { tabs: Tab[]; onPress: () => void }) {
  useEffect(() => {
    const unsubscribers = tabs.map((tab) => tab.addListener('tabPress', onPress));
    return () => { for (const unsubscribe of unsubscribers) unsubscribe(); };
  }, [tabs, onPress]);
  return null;
}`),
  // released synchronously
  tsx(`${STORE}declare const readCurrentValue: () => void;
export const ReadOnce = () => {
  useEffect(() => {
    const unsubscribe = store.subscribe(render);
    readCurrentValue();
    unsubscribe();
  }, []);
  return null;
};`),
  // disposeOnUnmount
  tsx(`declare function reaction<T>(expr: () => T, effect: (v: T) => void): () => void;
declare function disposeOnUnmount(target: Component, disposer: () => void): void;
class C extends Component<{ value: number }> {
  componentDidMount() { disposeOnUnmount(this, reaction(() => this.props.value, () => {})); }
  componentWillUnmount() {}
  render() { return null; }
}`),
  // subscribe returns void
  ts(`const whatever = { subscribe(callback?: (value: unknown) => void) {} };
class Owner { start() { whatever.subscribe(() => {}); } dispose() {} }`),
  // debounce wrapper
  tsx(`declare function debounce<F extends (...args: never[]) => void>(fn: F, ms: number): F & { cancel(): void };
declare const save: () => void;
export function Editor() {
  useEffect(() => {
    const debounced = debounce(save, 300);
    window.addEventListener('input', debounced);
    return () => { window.removeEventListener('input', debounced); debounced.cancel(); };
  }, []);
  return null;
}`),
  // once wrapper
  ts(`declare function once<F extends () => void>(fn: F): F;
declare const bus: { on(cb: () => void): () => void };
class C { start() { once(() => {}); } dispose() {} }`),
  // fluent selection
  tsx(`interface Selection { on(type: string, cb: () => void): Selection; remove(): Selection }
declare function select(el: Element | null): Selection;
class BarChart extends Component<{ onHover(): void }> {
  el: Element | null = null;
  componentDidMount() { select(this.el).on('mouseover', () => this.props.onHover()); }
  componentWillUnmount() {}
  render() { return null; }
}`),
  // thenable
  ts(`declare const loader: { load(cb: () => void): Promise<() => void> };
class C { start() { loader.load(() => {}); } dispose() {} }`),
  // timer
  ts(`class C { start() { setTimeout(() => {}, 10); } dispose() {} }`),
  // any bus
  ts(`declare const bus: any;
class C { start() { bus.subscribe(() => {}); } dispose() {} }`),
  // owned subject
  ts(`${RX}declare function makeSubject(): Observable<number>;
class C { private readonly subject = new (class { subscribe(cb: () => void) { return { unsubscribe() {} }; } })(); start() { this.subject.subscribe(() => {}); } dispose() {} }`),
  // host element remove
  tsx(`declare function pick(cb: () => boolean): HTMLElement;
function C() {
  useEffect(() => { pick(() => true); }, []);
  return null;
}`),
  // outside owner recommended
  ts(`${STORE}export function watch() { store.subscribe(render); }`),
  // module level strict
  ts(`${STORE}store.subscribe(render);`, { checkOutsideOwners: true }),
  // ---- requests
  // ignore flag
  tsx(`function TodoList({ userId }: { userId: string }) {
  const [todos, setTodos] = useState<string[]>([]);
  useEffect(() => {
    let ignore = false;
    async function startFetching() {
      const response = await fetch(\`/api/todos/\${userId}\`);
      const json = (await response.json()) as string[];
      if (!ignore) setTodos(json);
    }
    startFetching();
    return () => { ignore = true; };
  }, [userId]);
  return todos.length ? null : null;
}`),
  // fetch signal aborted
  tsx(`function Example() {
  useEffect(() => {
    const ctrl = new AbortController();
    fetch('/api/user', { signal: ctrl.signal }).then((r) => r.json());
    return () => ctrl.abort();
  }, []);
  return null;
}`),
  // fetch signal spread
  tsx(`declare const someOptions: RequestInit;
function Example() {
  useEffect(() => {
    const ctrl = new AbortController();
    const signal = ctrl.signal;
    fetch('/api/user', { ...someOptions, signal }).then((r) => r.json());
    return () => ctrl.abort();
  }, []);
  return null;
}`),
  // abort nested in cleanup
  tsx(`function Example() {
  useEffect(() => {
    const ctrl = new AbortController();
    fetch('/api/user', { signal: ctrl.signal }).then((r) => r.json());
    return () => { setTimeout(() => ctrl.abort()); };
  }, []);
  return null;
}`),
  // fire and forget
  tsx(`function Page({ url }: { url: string }) {
  useEffect(() => {
    void fetch('/analytics', { method: 'POST', body: JSON.stringify({ url }), keepalive: true });
  }, [url]);
  return null;
}`),
  // fetch in handler
  tsx(`function Example() {
  useEffect(() => {
    const handleClick = () => { fetch('/api/user').then((r) => r.json()); };
    document.addEventListener('click', handleClick);
    return () => document.removeEventListener('click', handleClick);
  }, []);
  return null;
}`),
  // class fetch
  tsx(`class Legacy extends Component {
  componentDidMount() { fetch('/api/data').then((r) => this.setState({ data: r })); }
  componentWillUnmount() {}
  render() { return null; }
}`),
  // user promise with flag
  tsx(`declare function loadData(): Promise<number>;
const C = () => {
  const [data, setData] = useState<number | null>(null);
  useEffect(() => {
    let cancelled = false;
    loadData().then((d) => { if (cancelled) return; setData(d); });
    return () => { cancelled = true; };
  }, []);
  return data === null ? null : null;
};`),
  // bare await
  tsx(`function Ping() {
  useEffect(() => {
    (async () => { await fetch('/ping'); })();
  }, []);
  return null;
}`),
  // mounted ref flag
  tsx(`function User({ id }: { id: string }) {
  const [user, setUser] = useState<unknown>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    fetch(\`/u/\${id}\`).then((r) => r.json()).then((u) => { if (mounted.current) setUser(u); });
    return () => { mounted.current = false; };
  }, [id]);
  return user ? null : null;
}`),
  // The document listener misses the effect's own signal in scope: require-signal-propagation reports it (one leak, one report).
  tsx(`const Unsafe = () => {
  useEffect(() => {
    const controller = new AbortController();
    const onChange = () => {};
    const otherHandler = () => {};
    document.addEventListener('visibilitychange', onChange);
    controller.signal.addEventListener('abort', () => {
      document.removeEventListener('visibilitychange', otherHandler);
    });
    return () => controller.abort();
  }, []);
  return null;
};`),
  // precedence controller not passed
  tsx(`function Profile({ url }: { url: string }) {
  const [profile, setProfile] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch(url).then((response) => response.json()).then(setProfile);
    return () => controller.abort();
  }, [url]);
  return profile ? null : null;
}`),
  // ---- more of the quiet list
  // `{ once: true }` on an event that always comes (`load`, `exit`...), even with checkOnce.
  tsx(`declare const onLoad: () => void;
function Example() {
  useEffect(() => {
    window.addEventListener('load', onLoad, { once: true });
  }, []);
  return null;
}`, { checkOnce: true }),
  // A controller's own signal goes with the controller.
  tsx(`declare const onAbort: () => void;
function Example() {
  useEffect(() => {
    const controller = new AbortController();
    controller.signal.addEventListener('abort', onAbort);
    return () => controller.abort();
  }, []);
  return null;
}`),
  // The effect returns a named local function that removes the listener.
  tsx(`function Example() {
  useEffect(() => {
    const onResize = () => {};
    function stop() { window.removeEventListener('resize', onResize); }
    window.addEventListener('resize', onResize);
    return stop;
  }, []);
  return null;
}`),
  // A socket created in the effect: its listeners die with it.
  tsx(`function Chat({ url }: { url: string }) {
  useEffect(() => {
    const ws = new WebSocket(url);
    ws.addEventListener('message', (e) => console.log(e.data));
    return () => ws.close();
  }, [url]);
  return null;
}`),
  // Disposables handed to a CompositeDisposable (Atom's shape).
  ts(`interface Disposable { dispose(): void }
declare class CompositeDisposable implements Disposable { add(...disposables: Disposable[]): void; dispose(): void }
declare const editor: { onDidChange(cb: () => void): Disposable; onDidSave(cb: () => void): Disposable };
export class Linter implements Disposable {
  private readonly subscriptions = new CompositeDisposable();
  constructor() { this.subscriptions.add(editor.onDidChange(() => this.lint()), editor.onDidSave(() => this.lint())); }
  private lint() {}
  dispose() { this.subscriptions.dispose(); }
}`),
  // A kept subscription whose state the code reads (\`closed\`): the code does something with it.
  tsx(`${RX}export function Ticker() {
  const [value, setValue] = useState(0);
  useEffect(() => {
    const subscription = values$.subscribe(setValue);
    console.log(subscription.closed);
  }, []);
  return <span>{value}</span>;
}`),
  // Siblings of one creator: every `new Thread(…)` is kept in a field of the object that hands it its own field's emitter.
  ts(`${VSC}declare const sourcesChanged: Event<void>;
class Sources { readonly onChange: Event<void> = sourcesChanged; }
class Thread {
  constructor(sources: Sources) { sources.onChange(() => this.refresh()); }
  private refresh() {}
  dispose() {}
}
export class Adapter {
  private readonly sources = new Sources();
  private thread?: Thread;
  createThread() { this.thread = new Thread(this.sources); return this.thread; }
}`),
  // Outside owners, a parameter's or a local's source can be ended by whoever holds it (a fiber's completion observer goes when the fiber exits).
  ts(`interface Fiber<A> { addObserver(cb: (exit: A) => void): () => void; interrupt(): void }
declare function fork<A>(run: () => A): Fiber<A>;
export function track<A>(fiber: Fiber<A>, done: Set<Fiber<A>>) { fiber.addObserver(() => done.delete(fiber)); }
export function start(log: (n: number) => void) {
  const fiber = fork(() => 1);
  fiber.addObserver((exit) => log(exit));
  return () => { [1, 2].forEach(() => fiber.addObserver(log)); };
}`, { checkOutsideOwners: true }),
  // Vue: added in onMounted, removed in onUnmounted of the same setup.
  ts(`${VUE}export function useWindowSize() {
  const width = ref(0);
  const update = () => { width.value = window.innerWidth; };
  onMounted(() => window.addEventListener('resize', update));
  onUnmounted(() => window.removeEventListener('resize', update));
  return width;
}`),
  // Vue: a component's setup() removes it in onBeforeUnmount; the observer is disconnected there too.
  ts(`${VUE}export default defineComponent({
  setup() {
    const onScroll = () => {};
    const observer = new ResizeObserver(() => {});
    onMounted(() => {
      document.addEventListener('scroll', onScroll, { passive: true });
      observer.observe(document.body);
    });
    onBeforeUnmount(() => {
      document.removeEventListener('scroll', onScroll);
      observer.disconnect();
    });
    return {};
  },
});`),
  // Vue: registered directly in setup, removed in onUnmounted.
  ts(`${VUE}export function useKeys(onKey: (e: KeyboardEvent) => void) {
  window.addEventListener('keydown', onKey);
  onUnmounted(() => window.removeEventListener('keydown', onKey));
}`),
  // Vue: a composable that returns its stop function removes it there.
  ts(`${VUE}export function useOnline() {
  const online = ref(navigator.onLine);
  const update = () => { online.value = navigator.onLine; };
  onMounted(() => window.addEventListener('online', update));
  const stop = () => window.removeEventListener('online', update);
  return { online, stop };
}`),
  // Vue ends what a setup starts in its effect scope (\`watch\`, Pinia's \`$subscribe\`): a dropped handle there is not reported.
  ts(`${VUE}${STORE}export function useCount() {
  const count = ref(0);
  onMounted(() => { count.value = 1; });
  watch(() => count.value, render);
  store.subscribe(render);
  return count;
}`),
  // Not Vue's: an onMounted of the project's own makes no owner.
  ts(`declare function onMounted(hook: () => void): void;
export function attach(onResize: () => void) {
  onMounted(() => window.addEventListener('resize', onResize));
}`),
  // Registered by the component's end itself: nothing later to wait for.
  ts(`${VUE}export function useGoodbye(log: () => void) {
  onUnmounted(() => window.addEventListener('pagehide', log));
}`),
  // Svelte: onMount returns the cleanup.
  ts(`${SVELTE}export function trackResize(onResize: () => void) {
  onMount(() => {
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  });
}`),
  // Svelte: removed in onDestroy of the same function; a store subscription ended there too.
  ts(`${SVELTE}${STORE}export function trackScroll(onScroll: () => void) {
  onMount(() => { window.addEventListener('scroll', onScroll); });
  const unsubscribe = store.subscribe(render);
  onDestroy(() => {
    window.removeEventListener('scroll', onScroll);
    unsubscribe();
  });
}`),
  // Svelte: onDestroy takes the unsubscribe function itself.
  ts(`${SVELTE}${STORE}export function follow() {
  onDestroy(store.subscribe(render));
}`),
  // Svelte's documented way to load: a request in onMount is not an effect's uncancelled request.
  ts(`${SVELTE}export function load(url: string, set: (value: unknown) => void) {
  onMount(async () => {
    const response = await fetch(url);
    set(await response.json());
  });
}`),

  // Removals the code proves match (eslint-react's web-api suite, tests/peer/):
  // each element of one list added and removed in two loops over it (for-of, forEach)
  tsx(`const events = ['mousedown', 'keydown'];
function Example() {
  const onActivity = () => {};
  useEffect(() => {
    events.forEach((event) => window.addEventListener(event, onActivity));
    return () => {
      for (const name of events) window.removeEventListener(name, onActivity);
    };
  }, []);
  return null;
}`),
  // ... and pairs of event and handler destructured from the same elements
  tsx(`function Example() {
  useEffect(() => {
    const handlers: Array<[string, () => void]> = [['scroll', () => {}], ['keydown', () => {}]];
    for (const [event, handler] of handlers) window.addEventListener(event, handler);
    return () => handlers.forEach(([event, handler]) => window.removeEventListener(event, handler));
  }, []);
  return null;
}`),
  // removed in another effect's cleanup of the same component
  tsx(`function Example() {
  const onResize = useRef(() => {});
  useEffect(() => {
    window.addEventListener('resize', onResize.current);
  }, []);
  useLayoutEffect(() => () => window.removeEventListener('resize', onResize.current), []);
  return null;
}`),
  // removed by another method through the field it was stored in (the same property, by its declared symbol)
  tsx(`interface Gesture { listeners: { onMove?: (e: PointerEvent) => void } }
class Canvas extends Component {
  handleDown = (gesture: Gesture) => {
    const onMove = (e: PointerEvent) => { console.log(e.x); };
    window.addEventListener('pointermove', onMove);
    gesture.listeners.onMove = onMove;
  };
  handleUp(gesture: Gesture) {
    window.removeEventListener('pointermove', gesture.listeners.onMove!);
  }
  componentWillUnmount() {}
}`),
  // a setup latched on the owner's state (`if (this.original) return; … this.original = …`): once per instance
  ts(`class Quiet {
  private original?: typeof console.log;
  start(): void {
    if (this.original) return;
    process.on('warning', () => {});
    this.original = console.log;
  }
  dispose(): void {}
}`),
  // the cleanup unobserves the target the same call of the code's own function gave
  tsx(`declare function getEl(): HTMLElement;
function Example() {
  useEffect(() => {
    const observer = new ResizeObserver(() => {});
    observer.observe(getEl());
    return () => observer.unobserve(getEl());
  }, []);
  return null;
}`),
  // a request whose result nothing reads: no state is set after the unmount
  tsx(`function Ping({ url }: { url: string }) {
  useEffect(() => {
    fetch(url, { method: 'POST' });
  }, [url]);
  return null;
}`),
];

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  // named listener
  {
    ...tsx(`declare const handleResize: () => void;
function Example() {
  useEffect(() => {
    window.addEventListener('resize', handleResize);
  }, []);
  return null;
}`),
    errors: [error('listenerNotRemoved', 5, [
      ['removeInCleanup', react(`declare const handleResize: () => void;
function Example() {
  useEffect(() => {
    window.addEventListener('resize', handleResize);
    return () => window.removeEventListener('resize', handleResize);
  }, []);
  return null;
}`)],
      ['abortInCleanup', react(`declare const handleResize: () => void;
function Example() {
  useEffect(() => {
    const controller = new AbortController();
    window.addEventListener('resize', handleResize, { signal: controller.signal });
    return () => controller.abort();
  }, []);
  return null;
}`)],
    ])],
  },
  // inline listener typed
  {
    ...tsx(`function Example() {
  useEffect(() => {
    window.addEventListener('mousemove', (e) => console.log(e.clientX));
  }, []);
  return null;
}`),
    errors: [error('listenerNotRemoved', 4, [
      ['nameAndRemoveInCleanup', react(`function Example() {
  useEffect(() => {
    const onMousemove = (e: MouseEvent) => console.log(e.clientX);
    window.addEventListener('mousemove', onMousemove);
    return () => window.removeEventListener('mousemove', onMousemove);
  }, []);
  return null;
}`)],
      ['abortInCleanup', react(`function Example() {
  useEffect(() => {
    const controller = new AbortController();
    window.addEventListener('mousemove', (e) => console.log(e.clientX), { signal: controller.signal });
    return () => controller.abort();
  }, []);
  return null;
}`)],
    ])],
  },
  // removes other function
  {
    ...tsx(`function Example() {
  useEffect(() => {
    const handleResize1 = () => {};
    const handleResize2 = () => {};
    window.addEventListener('resize', handleResize1);
    return () => {
      window.removeEventListener('resize', handleResize2);
    };
  }, []);
  return null;
}`),
    errors: [error('listenerNotRemoved', 6, [
      ['removeInCleanup', react(`function Example() {
  useEffect(() => {
    const handleResize1 = () => {};
    const handleResize2 = () => {};
    window.addEventListener('resize', handleResize1);
    return () => {
      window.removeEventListener('resize', handleResize2);
      window.removeEventListener('resize', handleResize1);
    };
  }, []);
  return null;
}`)],
      ['abortInCleanup', react(`function Example() {
  useEffect(() => {
    const handleResize1 = () => {};
    const handleResize2 = () => {};
    const controller = new AbortController();
    window.addEventListener('resize', handleResize1, { signal: controller.signal });
    return () => {
      window.removeEventListener('resize', handleResize2);
      controller.abort();
    };
  }, []);
  return null;
}`)],
    ])],
  },
  // inline both
  {
    ...tsx(`function Example() {
  useEffect(() => {
    window.addEventListener('resize', () => {});
    return () => {
      window.removeEventListener('resize', () => {});
    };
  }, []);
  return null;
}`),
    errors: [error('listenerNotRemoved', 4, [
      ['nameAndRemoveInCleanup', react(`function Example() {
  useEffect(() => {
    const onResize = () => {};
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', () => {});
      window.removeEventListener('resize', onResize);
    };
  }, []);
  return null;
}`)],
      ['abortInCleanup', react(`function Example() {
  useEffect(() => {
    const controller = new AbortController();
    window.addEventListener('resize', () => {}, { signal: controller.signal });
    return () => {
      window.removeEventListener('resize', () => {});
      controller.abort();
    };
  }, []);
  return null;
}`)],
    ])],
  },
  // capture differs
  {
    ...tsx(`function Example() {
  useEffect(() => {
    const handleResize = () => {};
    window.addEventListener('resize', handleResize, { capture: true });
    return () => {
      window.removeEventListener('resize', handleResize);
    };
  }, []);
  return null;
}`),
    errors: [error('listenerNotRemoved', 5, [
      ['removeInCleanup', react(`function Example() {
  useEffect(() => {
    const handleResize = () => {};
    window.addEventListener('resize', handleResize, { capture: true });
    return () => {
      window.removeEventListener('resize', handleResize);
      window.removeEventListener('resize', handleResize, true);
    };
  }, []);
  return null;
}`)],
      ['abortInCleanup', react(`function Example() {
  useEffect(() => {
    const handleResize = () => {};
    const controller = new AbortController();
    window.addEventListener('resize', handleResize, { capture: true, signal: controller.signal });
    return () => {
      window.removeEventListener('resize', handleResize);
      controller.abort();
    };
  }, []);
  return null;
}`)],
    ])],
  },
  // two registrations one removed
  {
    ...tsx(`function Example() {
  useEffect(() => {
    const handleResize = () => {};
    window.addEventListener('resize', handleResize, { capture: true });
    window.addEventListener('resize', handleResize, { capture: false });
    return () => {
      window.removeEventListener('resize', handleResize, { capture: false });
    };
  }, []);
  return null;
}`),
    errors: [error('listenerNotRemoved', 5, [
      ['removeInCleanup', react(`function Example() {
  useEffect(() => {
    const handleResize = () => {};
    window.addEventListener('resize', handleResize, { capture: true });
    window.addEventListener('resize', handleResize, { capture: false });
    return () => {
      window.removeEventListener('resize', handleResize, { capture: false });
      window.removeEventListener('resize', handleResize, true);
    };
  }, []);
  return null;
}`)],
      ['abortInCleanup', react(`function Example() {
  useEffect(() => {
    const handleResize = () => {};
    const controller = new AbortController();
    window.addEventListener('resize', handleResize, { capture: true, signal: controller.signal });
    window.addEventListener('resize', handleResize, { capture: false });
    return () => {
      window.removeEventListener('resize', handleResize, { capture: false });
      controller.abort();
    };
  }, []);
  return null;
}`)],
    ])],
  },
  // different target
  {
    ...tsx(`export const Listener = ({ firstTarget, secondTarget, handler }: { firstTarget: EventTarget; secondTarget: EventTarget; handler: EventListener }) => {
  useEffect(() => {
    firstTarget.addEventListener('change', handler);
    return () => secondTarget.removeEventListener('change', handler);
  }, [firstTarget, secondTarget, handler]);
  return null;
};`),
    errors: [error('listenerNotRemoved', 4, [
      ['removeInCleanup', react(`export const Listener = ({ firstTarget, secondTarget, handler }: { firstTarget: EventTarget; secondTarget: EventTarget; handler: EventListener }) => {
  useEffect(() => {
    firstTarget.addEventListener('change', handler);
    return () => { secondTarget.removeEventListener('change', handler); firstTarget.removeEventListener('change', handler); };
  }, [firstTarget, secondTarget, handler]);
  return null;
};`)],
      ['abortInCleanup', react(`export const Listener = ({ firstTarget, secondTarget, handler }: { firstTarget: EventTarget; secondTarget: EventTarget; handler: EventListener }) => {
  useEffect(() => {
    const controller = new AbortController();
    firstTarget.addEventListener('change', handler, { signal: controller.signal });
    return () => { secondTarget.removeEventListener('change', handler); controller.abort(); };
  }, [firstTarget, secondTarget, handler]);
  return null;
};`)],
    ])],
  },
  // signal never aborted
  {
    ...tsx(`function Example() {
  useEffect(() => {
    const ab = new AbortController();
    window.addEventListener('resize', () => {}, { signal: ab.signal });
    return () => {
      // ab.abort();
    };
  }, []);
  return null;
}`),
    errors: [error('listenerNeverAborted', 5, [
      ['abortControllerInCleanup', react(`function Example() {
  useEffect(() => {
    const ab = new AbortController();
    window.addEventListener('resize', () => {}, { signal: ab.signal });
    return () => { ab.abort(); };
  }, []);
  return null;
}`)],
    ])],
  },
  // two controllers one aborted
  {
    ...tsx(`function Example() {
  const handler = useRef(() => {});
  useEffect(() => {
    const controller1 = new AbortController();
    const controller2 = new AbortController();
    window.addEventListener('focus', handler.current, { signal: controller1.signal });
    window.addEventListener('resize', handler.current, { signal: controller2.signal });
    return () => {
      controller1.abort();
    };
  }, []);
  return null;
}`),
    errors: [error('listenerNeverAborted', 8, [
      ['abortControllerInCleanup', react(`function Example() {
  const handler = useRef(() => {});
  useEffect(() => {
    const controller1 = new AbortController();
    const controller2 = new AbortController();
    window.addEventListener('focus', handler.current, { signal: controller1.signal });
    window.addEventListener('resize', handler.current, { signal: controller2.signal });
    return () => {
      controller1.abort();
      controller2.abort();
    };
  }, []);
  return null;
}`)],
    ])],
  },
  // unrelated cleanup
  {
    ...tsx(`declare const node: { remove: () => void };
export const Resize = () => {
  useEffect(() => {
    window.addEventListener('resize', () => {});
    return () => {
      node.remove();
    };
  }, []);
  return null;
};`),
    errors: [error('listenerNotRemoved', 5, [
      ['nameAndRemoveInCleanup', react(`declare const node: { remove: () => void };
export const Resize = () => {
  useEffect(() => {
    const onResize = () => {};
    window.addEventListener('resize', onResize);
    return () => {
      node.remove();
      window.removeEventListener('resize', onResize);
    };
  }, []);
  return null;
};`)],
      ['abortInCleanup', react(`declare const node: { remove: () => void };
export const Resize = () => {
  useEffect(() => {
    const controller = new AbortController();
    window.addEventListener('resize', () => {}, { signal: controller.signal });
    return () => {
      node.remove();
      controller.abort();
    };
  }, []);
  return null;
};`)],
    ])],
  },
  // matchMedia
  {
    ...tsx(`export const Theme = ({ handle }: { handle: (e: MediaQueryListEvent) => void }) => {
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', handle);
    return () => {};
  }, [handle]);
  return null;
};`),
    errors: [error('listenerNotRemoved', 5, [
      ['removeInCleanup', react(`export const Theme = ({ handle }: { handle: (e: MediaQueryListEvent) => void }) => {
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', handle);
    return () => { media.removeEventListener('change', handle); };
  }, [handle]);
  return null;
};`)],
      ['abortInCleanup', react(`export const Theme = ({ handle }: { handle: (e: MediaQueryListEvent) => void }) => {
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const controller = new AbortController();
    media.addEventListener('change', handle, { signal: controller.signal });
    return () => { controller.abort(); };
  }, [handle]);
  return null;
};`)],
    ])],
  },
  // ref current target
  {
    ...tsx(`function Chart() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onWheel = () => {};
    ref.current?.addEventListener('wheel', onWheel);
  }, []);
  return <div ref={ref} />;
}`),
    errors: [error('listenerNotRemoved', 6)],
  },
  // module bus in effect
  {
    ...tsx(`${EMITTER}const bus = new EventEmitter();
function Feed({ onItem }: { onItem: (item: string) => void }) {
  useEffect(() => {
    bus.on('item', onItem);
  }, [onItem]);
  return null;
}`),
    errors: [error('listenerNotRemoved', 6, [
      ['removeInCleanup', react(`${EMITTER}const bus = new EventEmitter();
function Feed({ onItem }: { onItem: (item: string) => void }) {
  useEffect(() => {
    bus.on('item', onItem);
    return () => { bus.removeListener('item', onItem); };
  }, [onItem]);
  return null;
}`)],
    ])],
  },
  // options object passive
  {
    ...tsx(`function Scroller({ onScroll }: { onScroll: () => void }) {
  useEffect(() => {
    document.addEventListener('scroll', onScroll, { passive: true });
  }, [onScroll]);
  return null;
}`),
    errors: [error('listenerNotRemoved', 4, [
      ['removeInCleanup', react(`function Scroller({ onScroll }: { onScroll: () => void }) {
  useEffect(() => {
    document.addEventListener('scroll', onScroll, { passive: true });
    return () => document.removeEventListener('scroll', onScroll);
  }, [onScroll]);
  return null;
}`)],
      ['abortInCleanup', react(`function Scroller({ onScroll }: { onScroll: () => void }) {
  useEffect(() => {
    const controller = new AbortController();
    document.addEventListener('scroll', onScroll, { passive: true, signal: controller.signal });
    return () => controller.abort();
  }, [onScroll]);
  return null;
}`)],
    ])],
  },
  // early return
  {
    ...tsx(`function Feed({ onScroll, enabled }: { onScroll: () => void; enabled: boolean }) {
  useEffect(() => {
    if (!enabled) return;
    window.addEventListener('scroll', onScroll);
    if (document.hidden) return;
    console.log('listening');
  }, [onScroll, enabled]);
  return null;
}`),
    errors: [error('listenerNotRemoved', 5, [
      ['removeInCleanup', react(`function Feed({ onScroll, enabled }: { onScroll: () => void; enabled: boolean }) {
  useEffect(() => {
    if (!enabled) return;
    window.addEventListener('scroll', onScroll);
    if (document.hidden) return () => window.removeEventListener('scroll', onScroll);
    console.log('listening');
    return () => window.removeEventListener('scroll', onScroll);
  }, [onScroll, enabled]);
  return null;
}`)],
      ['abortInCleanup', react(`function Feed({ onScroll, enabled }: { onScroll: () => void; enabled: boolean }) {
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    window.addEventListener('scroll', onScroll, { signal: controller.signal });
    if (document.hidden) return () => controller.abort();
    console.log('listening');
    return () => controller.abort();
  }, [onScroll, enabled]);
  return null;
}`)],
    ])],
  },
  // style
  {
    ...{ code: `import { useEffect } from "react"
function Feed({ onScroll }: { onScroll: () => void }) {
  useEffect(() => {
    window.addEventListener("scroll", onScroll)
  }, [onScroll])
  return null
}`, filename: 'react.tsx', options: [{}] as Options },
    errors: [error('listenerNotRemoved', 4, [
      ['removeInCleanup', `import { useEffect } from "react"
function Feed({ onScroll }: { onScroll: () => void }) {
  useEffect(() => {
    window.addEventListener("scroll", onScroll)
    return () => window.removeEventListener("scroll", onScroll)
  }, [onScroll])
  return null
}`],
      ['abortInCleanup', `import { useEffect } from "react"
function Feed({ onScroll }: { onScroll: () => void }) {
  useEffect(() => {
    const controller = new AbortController()
    window.addEventListener("scroll", onScroll, { signal: controller.signal })
    return () => controller.abort()
  }, [onScroll])
  return null
}`],
    ])],
  },
  // optional target
  {
    ...tsx(`function Focus({ el, onFocus }: { el: HTMLElement | null; onFocus: () => void }) {
  useEffect(() => {
    el?.addEventListener('focus', onFocus);
  }, [el, onFocus]);
  return null;
}`),
    errors: [error('listenerNotRemoved', 4, [
      ['removeInCleanup', react(`function Focus({ el, onFocus }: { el: HTMLElement | null; onFocus: () => void }) {
  useEffect(() => {
    el?.addEventListener('focus', onFocus);
    return () => el?.removeEventListener('focus', onFocus);
  }, [el, onFocus]);
  return null;
}`)],
      ['abortInCleanup', react(`function Focus({ el, onFocus }: { el: HTMLElement | null; onFocus: () => void }) {
  useEffect(() => {
    const controller = new AbortController();
    el?.addEventListener('focus', onFocus, { signal: controller.signal });
    return () => controller.abort();
  }, [el, onFocus]);
  return null;
}`)],
    ])],
  },
  // process in class
  {
    ...ts(`class Watcher {
  onExit = () => {};
  start() { process.on('SIGTERM', this.onExit); }
  dispose() {}
}`),
    errors: [error('listenerNotRemoved', 3, [
      ['removeInTeardown', `class Watcher {
  onExit = () => {};
  start() { process.on('SIGTERM', this.onExit); }
  dispose() { process.removeListener('SIGTERM', this.onExit); }
}`],
    ])],
  },
  // bind
  {
    ...ts(`class Watcher {
  onExit() {}
  start() { process.on('SIGTERM', this.onExit.bind(this)); }
  dispose() { process.off('SIGTERM', this.onExit.bind(this)); }
}`),
    errors: [error('listenerNotRemoved', 3)],
  },
  // module bus class
  {
    ...ts(`${EMITTER}export const bus = new EventEmitter();
export class Cache {
  private onChange = (key: string) => { this.entries.delete(key); };
  private entries = new Map<string, unknown>();
  constructor() { bus.on('change', this.onChange); }
  close() { this.entries.clear(); }
}`),
    errors: [error('listenerNotRemoved', 6, [
      ['removeInTeardown', `${EMITTER}export const bus = new EventEmitter();
export class Cache {
  private onChange = (key: string) => { this.entries.delete(key); };
  private entries = new Map<string, unknown>();
  constructor() { bus.on('change', this.onChange); }
  close() { bus.removeListener('change', this.onChange); this.entries.clear(); }
}`],
    ])],
  },
  // injected server
  {
    ...ts(`import type { Server, IncomingMessage, ServerResponse } from 'node:http';
export class Metrics {
  private onRequest = (_req: IncomingMessage, _res: ServerResponse) => { this.count++; };
  private count = 0;
  constructor(private readonly server: Server) { server.on('request', this.onRequest); }
  dispose() { this.count = 0; }
}`),
    errors: [error('listenerNotRemoved', 5, [
      ['removeInTeardown', `import type { Server, IncomingMessage, ServerResponse } from 'node:http';
export class Metrics {
  private onRequest = (_req: IncomingMessage, _res: ServerResponse) => { this.count++; };
  private count = 0;
  constructor(private readonly server: Server) { server.on('request', this.onRequest); }
  dispose() { this.server.removeListener('request', this.onRequest); this.count = 0; }
}`],
    ])],
  },
  // custom element
  {
    ...ts(`class Foo extends HTMLElement {
  onResize = () => {};
  connectedCallback() { window.addEventListener('resize', this.onResize); }
  disconnectedCallback() {}
}`, { teardownMethods: ['disconnectedCallback'] }),
    errors: [error('listenerNotRemoved', 3, [
      ['removeInTeardown', `class Foo extends HTMLElement {
  onResize = () => {};
  connectedCallback() { window.addEventListener('resize', this.onResize); }
  disconnectedCallback() { window.removeEventListener('resize', this.onResize); }
}`],
    ])],
  },
  // helper in componentDidMount
  {
    ...tsx(`class AppContainer extends Component<{ update(online: boolean): void }> {
  componentDidMount() {
    const setAsOnline = () => this.props.update(true);
    const addListeners = () => { window.addEventListener('online', setAsOnline); };
    addListeners();
  }
  componentWillUnmount() {}
  render() { return null; }
}`),
    errors: [error('listenerNotRemoved', 5)],
  },
  // once strict
  {
    ...tsx(`function Example() {
  useEffect(() => {
    window.addEventListener('resize', () => {}, { once: true });
  }, []);
  return null;
}`, { checkOnce: true }),
    errors: [error('listenerNotRemoved', 4, [
      ['nameAndRemoveInCleanup', react(`function Example() {
  useEffect(() => {
    const onResize = () => {};
    window.addEventListener('resize', onResize, { once: true });
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return null;
}`)],
      ['abortInCleanup', react(`function Example() {
  useEffect(() => {
    const controller = new AbortController();
    window.addEventListener('resize', () => {}, { once: true, signal: controller.signal });
    return () => controller.abort();
  }, []);
  return null;
}`)],
    ])],
  },
  // process once strict
  {
    ...ts(`class Watcher {
  start() { process.once('SIGINT', () => this.dispose()); }
  dispose() {}
}`, { checkOnce: true }),
    errors: [error('listenerNotRemoved', 2)],
  },
  // field controller never aborted
  {
    ...ts(`class Watcher {
  private controller = new AbortController();
  start() { window.addEventListener('resize', () => {}, { signal: this.controller.signal }); }
  dispose() {}
}`),
    errors: [error('listenerNeverAborted', 3, [
      ['abortControllerInTeardown', `class Watcher {
  private controller = new AbortController();
  start() { window.addEventListener('resize', () => {}, { signal: this.controller.signal }); }
  dispose() { this.controller.abort(); }
}`],
    ])],
  },
  // ---- observers
  // observer
  {
    ...tsx(`function C() {
  useEffect(() => {
    const observer = new ResizeObserver(() => {});
    observer.observe(document.body);
  }, []);
  return <div />;
}`),
    errors: [error('observerNotDisconnected', 4, [
      ['disconnectInCleanup', react(`function C() {
  useEffect(() => {
    const observer = new ResizeObserver(() => {});
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  return <div />;
}`)],
    ])],
  },
  // chained class
  {
    ...tsx(`class MyComponent extends Component {
  componentDidMount() { new ResizeObserver(() => {}).observe(document.body); }
  componentWillUnmount() {}
  render() { return <div />; }
}`),
    errors: [error('observerNotDisconnected', 3)],
  },
  // chained effect
  {
    ...tsx(`function C() {
  useEffect(() => {
    new ResizeObserver(() => {}).observe(document.body);
  }, []);
  return <div />;
}`),
    errors: [error('observerNotDisconnected', 4, [
      ['disconnectInCleanup', react(`function C() {
  useEffect(() => {
    const observer = new ResizeObserver(() => {});
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  return <div />;
}`)],
    ])],
  },
  // two targets one unobserved
  {
    ...tsx(`function C() {
  useEffect(() => {
    const observer = new ResizeObserver(() => {});
    observer.observe(document.body);
    observer.observe(document.querySelector('.selector')!);
    return () => {
      observer.unobserve(document.body);
    };
  }, []);
  return <div />;
}`),
    errors: [error('observerNotDisconnected', 4, [
      ['disconnectInCleanup', react(`function C() {
  useEffect(() => {
    const observer = new ResizeObserver(() => {});
    observer.observe(document.body);
    observer.observe(document.querySelector('.selector')!);
    return () => {
      observer.unobserve(document.body);
      observer.disconnect();
    };
  }, []);
  return <div />;
}`)],
    ])],
  },
  // loops new query
  {
    ...tsx(`function C() {
  useEffect(() => {
    const observer = new ResizeObserver(() => {});
    for (const element of document.querySelectorAll('.selector')) observer.observe(element);
    return () => {
      for (const element of document.querySelectorAll('.selector')) observer.unobserve(element);
    };
  }, []);
  return <div />;
}`),
    errors: [error('observerNotDisconnected', 4, [
      ['disconnectInCleanup', react(`function C() {
  useEffect(() => {
    const observer = new ResizeObserver(() => {});
    for (const element of document.querySelectorAll('.selector')) observer.observe(element);
    return () => {
      for (const element of document.querySelectorAll('.selector')) observer.unobserve(element);
      observer.disconnect();
    };
  }, []);
  return <div />;
}`)],
    ])],
  },
  // iife observer
  {
    ...tsx(`declare const update: () => void;
export const W = () => {
  useEffect(() => {
    (() => {
      const observer = new MutationObserver(() => update());
      observer.observe(document.body, { childList: true });
    })();
  }, []);
  return null;
};`),
    errors: [error('observerNotDisconnected', 6)],
  },
  // partial forEach
  {
    ...tsx(`export const O = () => {
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const cards = root.querySelectorAll<HTMLElement>('[data-card]');
    const observer = new IntersectionObserver(() => {});
    cards.forEach((card) => observer.observe(card));
    return () => observer.unobserve(cards[0]);
  }, []);
  return <div ref={rootRef} />;
};`),
    errors: [error('observerNotDisconnected', 8, [
      ['disconnectInCleanup', react(`export const O = () => {
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const cards = root.querySelectorAll<HTMLElement>('[data-card]');
    const observer = new IntersectionObserver(() => {});
    cards.forEach((card) => observer.observe(card));
    return () => { observer.unobserve(cards[0]); observer.disconnect(); };
  }, []);
  return <div ref={rootRef} />;
};`)],
    ])],
  },
  // performance observer field
  {
    ...ts(`export class LongTaskMonitor {
  private readonly observer = new PerformanceObserver((list) => this.report(list.getEntries()));
  start() { this.observer.observe({ type: 'longtask', buffered: true }); }
  private report(_entries: PerformanceEntryList) {}
  dispose() {}
}`),
    errors: [error('observerNotDisconnected', 2, [
      ['disconnectInTeardown', `export class LongTaskMonitor {
  private readonly observer = new PerformanceObserver((list) => this.report(list.getEntries()));
  start() { this.observer.observe({ type: 'longtask', buffered: true }); }
  private report(_entries: PerformanceEntryList) {}
  dispose() { this.observer.disconnect(); }
}`],
    ])],
  },
  // let observer
  {
    ...tsx(`function C({ el }: { el: Element }) {
  useEffect(() => {
    let observer: MutationObserver | undefined;
    if (el.isConnected) {
      observer = new MutationObserver(() => {});
      observer.observe(el, { attributes: true });
    }
  }, [el]);
  return null;
}`),
    errors: [error('observerNotDisconnected', 6, [
      ['disconnectInCleanup', react(`function C({ el }: { el: Element }) {
  useEffect(() => {
    let observer: MutationObserver | undefined;
    if (el.isConnected) {
      observer = new MutationObserver(() => {});
      observer.observe(el, { attributes: true });
    }
    return () => observer?.disconnect();
  }, [el]);
  return null;
}`)],
    ])],
  },
  // ---- subscriptions
  // store discarded
  {
    ...tsx(`${STORE}export function Counter() {
  useEffect(() => {
    store.subscribe(render);
  }, []);
  return null;
}`),
    errors: [error('subscriptionDiscarded', 7, [
      ['releaseInCleanup', react(`${STORE}export function Counter() {
  useEffect(() => {
    const unsubscribe = store.subscribe(render);
    return () => unsubscribe();
  }, []);
  return null;
}`)],
    ])],
  },
  // rx discarded
  {
    ...tsx(`${RX}export function Ticker() {
  const [value, setValue] = useState(0);
  useEffect(() => {
    values$.subscribe((v) => setValue(v));
  }, []);
  return <span>{value}</span>;
}`),
    errors: [error('subscriptionDiscarded', 10, [
      ['releaseInCleanup', react(`${RX}export function Ticker() {
  const [value, setValue] = useState(0);
  useEffect(() => {
    const subscription = values$.subscribe((v) => setValue(v));
    return () => subscription.unsubscribe();
  }, []);
  return <span>{value}</span>;
}`)],
    ])],
  },
  // snapshot kept
  {
    ...tsx(`interface DocRef { readonly id: string }
interface Snapshot { data(): unknown }
declare function onSnapshot(ref: DocRef, onNext: (snap: Snapshot) => void): () => void;
export function Doc({ docRef }: { docRef: DocRef }) {
  const [data, setData] = useState<unknown>(null);
  useEffect(() => {
    const unsubscribe = onSnapshot(docRef, (snap) => setData(snap.data()));
  }, [docRef]);
  return data ? null : null;
}`),
    errors: [error('subscriptionNotReleased', 8, [
      ['releaseInCleanup', react(`interface DocRef { readonly id: string }
interface Snapshot { data(): unknown }
declare function onSnapshot(ref: DocRef, onNext: (snap: Snapshot) => void): () => void;
export function Doc({ docRef }: { docRef: DocRef }) {
  const [data, setData] = useState<unknown>(null);
  useEffect(() => {
    const unsubscribe = onSnapshot(docRef, (snap) => setData(snap.data()));
    return () => unsubscribe();
  }, [docRef]);
  return data ? null : null;
}`)],
    ])],
  },
  // rx class constructor
  {
    ...ts(`${RX}export class Component2 {
  value = 0;
  constructor() {
    values$.subscribe((value) => (this.value = value));
  }
  dispose() {}
}`),
    errors: [error('subscriptionDiscarded', 9, [
      ['releaseInTeardown', `${RX}export class Component2 {
  private subscription?: { unsubscribe(): void };
  value = 0;
  constructor() {
    this.subscription = values$.subscribe((value) => (this.value = value));
  }
  dispose() { this.subscription?.unsubscribe(); }
}`],
    ])],
  },
  // rx kept in a local of a method: the teardown cannot reach it (no remedy)
  {
    ...ts(`${RX}export class Component2 {
  value = 0;
  start() {
    const subscription = values$.subscribe((value) => (this.value = value));
  }
  dispose() {}
}`),
    errors: [error('subscriptionNotReleased', 9)],
  },
  // vscode event
  {
    ...ts(`${VSC}export class ConfigWatcher implements Disposable {
  constructor() {
    workspace.onDidChangeConfiguration((e) => this.onConfig(e.affectsConfiguration('x')));
  }
  private onConfig(_changed: boolean) {}
  dispose() {}
}`),
    errors: [error('subscriptionDiscarded', 7, [
      ['releaseInTeardown', `${VSC}export class ConfigWatcher implements Disposable {
  private disposable?: { dispose(): void };
  constructor() {
    this.disposable = workspace.onDidChangeConfiguration((e) => this.onConfig(e.affectsConfiguration('x')));
  }
  private onConfig(_changed: boolean) {}
  dispose() { this.disposable?.dispose(); }
}`],
    ])],
  },
  // autorun method
  {
    ...ts(`declare function autorun(view: () => void): () => void;
export class ViewState {
  images: string[] = [];
  start() { autorun(() => this.loadImages()); }
  private loadImages() {}
  dispose() { this.images = []; }
}`),
    errors: [error('subscriptionDiscarded', 4)],
  },
  // rn field
  {
    ...tsx(`${RN}class C extends Component {
  subscription?: EmitterSubscription;
  onShow = () => {};
  componentDidMount() {
    this.subscription = Keyboard.addListener('keyboardDidShow', this.onShow);
  }
  componentWillUnmount() {}
  render() { return null; }
}`),
    errors: [error('subscriptionNotReleased', 9, [
      ['releaseInTeardown', react(`${RN}class C extends Component {
  subscription?: EmitterSubscription;
  onShow = () => {};
  componentDidMount() {
    this.subscription = Keyboard.addListener('keyboardDidShow', this.onShow);
  }
  componentWillUnmount() { this.subscription?.remove(); }
  render() { return null; }
}`)],
    ])],
  },
  // rn discarded effect
  {
    ...tsx(`${RN}export function Listener({ onChange }: { onChange: (s: string) => void }) {
  useEffect(() => {
    AppState.addEventListener('change', onChange);
  }, [onChange]);
  return null;
}`),
    errors: [error('subscriptionDiscarded', 7, [
      ['releaseInCleanup', react(`${RN}export function Listener({ onChange }: { onChange: (s: string) => void }) {
  useEffect(() => {
    const subscription = AppState.addEventListener('change', onChange);
    return () => subscription.remove();
  }, [onChange]);
  return null;
}`)],
    ])],
  },
  // void expression effect
  {
    ...tsx(`${STORE}export function Counter() {
  useEffect(() => void store.subscribe(render), []);
  return null;
}`),
    errors: [error('subscriptionDiscarded', 6, [
      ['releaseInCleanup', react(`${STORE}export function Counter() {
  useEffect(() => { const unsubscribe = store.subscribe(render); return () => unsubscribe(); }, []);
  return null;
}`)],
    ])],
  },
  // outside owner strict
  {
    ...ts(`${STORE}export function watch() { store.subscribe(render); }`, { checkOutsideOwners: true }),
    errors: [error('subscriptionDiscardedOutsideOwner', 4)],
  },
  // name taken
  {
    ...tsx(`${STORE}const unsubscribe = 1;
export function Counter() {
  useEffect(() => {
    store.subscribe(render);
    console.log(unsubscribe);
  }, []);
  return null;
}`),
    errors: [error('subscriptionDiscarded', 8, [
      ['releaseInCleanup', react(`${STORE}const unsubscribe = 1;
export function Counter() {
  useEffect(() => {
    const unsubscribe2 = store.subscribe(render);
    console.log(unsubscribe);
    return () => unsubscribe2();
  }, []);
  return null;
}`)],
    ])],
  },
  // store in component
  {
    ...tsx(`${STORE}declare function useStore(): Store<number>;
export function Counter() {
  const local = useStore();
  useEffect(() => {
    local.subscribe(render);
  }, [local]);
  return null;
}`),
    errors: [error('subscriptionDiscarded', 9, [
      ['releaseInCleanup', react(`${STORE}declare function useStore(): Store<number>;
export function Counter() {
  const local = useStore();
  useEffect(() => {
    const unsubscribe = local.subscribe(render);
    return () => unsubscribe();
  }, [local]);
  return null;
}`)],
    ])],
  },
  // ---- requests
  // fetch then
  {
    ...tsx(`function Example({ url }: { url: string }) {
  const [user, setUser] = useState<unknown>(null);
  useEffect(() => {
    fetch(url).then((r) => r.json()).then(setUser);
  }, [url]);
  return user ? null : null;
}`),
    errors: [error('requestNotCancellable', 5, [
      ['abortRequestInCleanup', react(`function Example({ url }: { url: string }) {
  const [user, setUser] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch(url, { signal: controller.signal }).then((r) => r.json()).then(setUser);
    return () => controller.abort();
  }, [url]);
  return user ? null : null;
}`)],
    ])],
  },
  // fetch iife
  {
    ...tsx(`function Note({ id }: { id: string }) {
  const [note, setNote] = useState<unknown>(null);
  useEffect(() => {
    (async () => {
      const res = await fetch(\`/api/notes/\${id}\`);
      setNote(await res.json());
    })();
  }, [id]);
  return note ? null : null;
}`),
    errors: [error('requestNotCancellable', 6, [
      ['abortRequestInCleanup', react(`function Note({ id }: { id: string }) {
  const [note, setNote] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const res = await fetch(\`/api/notes/\${id}\`, { signal: controller.signal });
      setNote(await res.json());
    })();
    return () => controller.abort();
  }, [id]);
  return note ? null : null;
}`)],
    ])],
  },
  // fetch never aborted
  {
    ...tsx(`function Example() {
  const [user, setUser] = useState<unknown>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    fetch('/api/user', { signal: ctrl.signal }).then((r) => r.json()).then(setUser);
  }, []);
  return user ? null : null;
}`),
    errors: [error('requestNeverAborted', 6, [
      ['abortControllerInCleanup', react(`function Example() {
  const [user, setUser] = useState<unknown>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    fetch('/api/user', { signal: ctrl.signal }).then((r) => r.json()).then(setUser);
    return () => ctrl.abort();
  }, []);
  return user ? null : null;
}`)],
    ])],
  },
  // wrong controller
  {
    ...tsx(`function Example() {
  const [user, setUser] = useState<unknown>(null);
  useEffect(() => {
    const ctrl1 = new AbortController();
    const ctrl2 = new AbortController();
    fetch('/api/user', { signal: ctrl1.signal }).then(setUser);
    return () => ctrl2.abort();
  }, []);
  return user ? null : null;
}`),
    errors: [error('requestNeverAborted', 7, [
      ['abortControllerInCleanup', react(`function Example() {
  const [user, setUser] = useState<unknown>(null);
  useEffect(() => {
    const ctrl1 = new AbortController();
    const ctrl2 = new AbortController();
    fetch('/api/user', { signal: ctrl1.signal }).then(setUser);
    return () => { ctrl2.abort(); ctrl1.abort(); };
  }, []);
  return user ? null : null;
}`)],
    ])],
  },
  // flag not tested
  {
    ...tsx(`function Todos({ userId }: { userId: string }) {
  const [todos, setTodos] = useState<unknown>(null);
  useEffect(() => {
    let ignore = false;
    fetch(\`/api/todos/\${userId}\`).then((r) => r.json()).then((json) => setTodos(json));
    return () => { ignore = true; };
  }, [userId]);
  return todos ? null : null;
}`),
    errors: [error('requestNotCancellable', 6, [
      ['abortRequestInCleanup', react(`function Todos({ userId }: { userId: string }) {
  const [todos, setTodos] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    let ignore = false;
    fetch(\`/api/todos/\${userId}\`, { signal: controller.signal }).then((r) => r.json()).then((json) => setTodos(json));
    return () => { ignore = true; controller.abort(); };
  }, [userId]);
  return todos ? null : null;
}`)],
    ])],
  },
  // flag flipped in body
  {
    ...tsx(`function Todos({ userId }: { userId: string }) {
  const [todos, setTodos] = useState<unknown>(null);
  useEffect(() => {
    let active = true;
    fetch(\`/api/todos/\${userId}\`).then((r) => r.json()).then((json) => { if (active) setTodos(json); });
    active = false;
    return () => {};
  }, [userId]);
  return todos ? null : null;
}`),
    errors: [error('requestNotCancellable', 6, [
      ['abortRequestInCleanup', react(`function Todos({ userId }: { userId: string }) {
  const [todos, setTodos] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    let active = true;
    fetch(\`/api/todos/\${userId}\`, { signal: controller.signal }).then((r) => r.json()).then((json) => { if (active) setTodos(json); });
    active = false;
    return () => { controller.abort(); };
  }, [userId]);
  return todos ? null : null;
}`)],
    ])],
  },
  // axios
  {
    ...tsx(`declare const axios: { get<T>(url: string, config?: { signal?: AbortSignal }): Promise<{ data: T }> };
function User({ id }: { id: string }) {
  const [user, setUser] = useState<unknown>(null);
  useEffect(() => {
    axios.get<unknown>(\`/api/users/\${id}\`).then((res) => setUser(res.data));
  }, [id]);
  return user ? null : null;
}`),
    errors: [error('requestNotCancellable', 6, [
      ['abortRequestInCleanup', react(`declare const axios: { get<T>(url: string, config?: { signal?: AbortSignal }): Promise<{ data: T }> };
function User({ id }: { id: string }) {
  const [user, setUser] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    axios.get<unknown>(\`/api/users/\${id}\`, { signal: controller.signal }).then((res) => setUser(res.data));
    return () => controller.abort();
  }, [id]);
  return user ? null : null;
}`)],
    ])],
  },
  // startFetching
  {
    ...tsx(`function TodoList({ userId }: { userId: string }) {
  const [todos, setTodos] = useState<string[]>([]);
  useEffect(() => {
    async function startFetching() {
      const response = await fetch(\`/api/todos/\${userId}\`);
      setTodos((await response.json()) as string[]);
    }
    startFetching();
  }, [userId]);
  return todos.length ? null : null;
}`),
    errors: [error('requestNotCancellable', 6, [
      ['abortRequestInCleanup', react(`function TodoList({ userId }: { userId: string }) {
  const [todos, setTodos] = useState<string[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    async function startFetching() {
      const response = await fetch(\`/api/todos/\${userId}\`, { signal: controller.signal });
      setTodos((await response.json()) as string[]);
    }
    startFetching();
    return () => controller.abort();
  }, [userId]);
  return todos.length ? null : null;
}`)],
    ])],
  },
  // ---- RxJS subscriptions kept but never unsubscribed
  {
    ...tsx(`${RX}export function Ticker() {
  const [value, setValue] = useState(0);
  useEffect(() => {
    const subscription = values$.subscribe(setValue);
  }, []);
  return <span>{value}</span>;
}`),
    errors: [
      error('subscriptionNotReleased', 10, [
        ['releaseInCleanup', react(`${RX}export function Ticker() {
  const [value, setValue] = useState(0);
  useEffect(() => {
    const subscription = values$.subscribe(setValue);
    return () => subscription.unsubscribe();
  }, []);
  return <span>{value}</span>;
}`)],
      ], { name: 'subscription', handle: 'subscription', call: 'values$.subscribe', verb: 'calls its `unsubscribe()`', when: 'when the component unmounts (or the effect re-runs)' }),
    ],
  },
  {
    ...ts(`${RX}export class Poller {
  value = 0;
  private subscription?: Subscription;
  start() { this.subscription = values$.subscribe((v) => (this.value = v)); }
  dispose() {}
}`),
    errors: [
      error('subscriptionNotReleased', 9, [
        ['releaseInTeardown', `${RX}export class Poller {
  value = 0;
  private subscription?: Subscription;
  start() { this.subscription = values$.subscribe((v) => (this.value = v)); }
  dispose() { this.subscription?.unsubscribe(); }
}`],
      ], { name: 'this.subscription', handle: 'subscription', call: 'values$.subscribe', verb: 'calls its `unsubscribe()`', when: 'after `dispose()`' }),
    ],
  },

  // A factory that keeps the emitter and hands each new object out: every object it made stays subscribed.
  {
    ...ts(`${VSC}declare const sessionsChanged: Event<void>;
class Sessions { readonly onChange: Event<void> = sessionsChanged; }
class Launcher {
  constructor(private readonly sessions: Sessions) { sessions.onChange(() => this.refresh()); }
  private refresh() {}
  dispose() {}
}
export class LauncherFactory {
  private readonly sessions = new Sessions();
  createLauncher() { return new Launcher(this.sessions); }
}`),
    errors: [error('subscriptionDiscarded', 8, [
      ['releaseInTeardown', `${VSC}declare const sessionsChanged: Event<void>;
class Sessions { readonly onChange: Event<void> = sessionsChanged; }
class Launcher {
  private disposable?: { dispose(): void };
  constructor(private readonly sessions: Sessions) { this.disposable = sessions.onChange(() => this.refresh()); }
  private refresh() {}
  dispose() { this.disposable?.dispose(); }
}
export class LauncherFactory {
  private readonly sessions = new Sessions();
  createLauncher() { return new Launcher(this.sessions); }
}`],
    ])],
  },
  // ---- autofix: true applies the primary remedy (the first suggestion); none where there is no remedy
  {
    ...tsx(`declare const handleResize: () => void;
function Example() {
  useEffect(() => {
    window.addEventListener('resize', handleResize);
  }, []);
  return null;
}`, { autofix: true }),
    output: react(`declare const handleResize: () => void;
function Example() {
  useEffect(() => {
    window.addEventListener('resize', handleResize);
    return () => window.removeEventListener('resize', handleResize);
  }, []);
  return null;
}`),
    errors: [
      error('listenerNotRemoved', 5, [
        ['removeInCleanup', react(`declare const handleResize: () => void;
function Example() {
  useEffect(() => {
    window.addEventListener('resize', handleResize);
    return () => window.removeEventListener('resize', handleResize);
  }, []);
  return null;
}`)],
        ['abortInCleanup', react(`declare const handleResize: () => void;
function Example() {
  useEffect(() => {
    const controller = new AbortController();
    window.addEventListener('resize', handleResize, { signal: controller.signal });
    return () => controller.abort();
  }, []);
  return null;
}`)],
      ], { event: "'resize'", target: 'window', when: 'when the component unmounts (or the effect re-runs)' }),
    ],
  },
  {
    ...tsx(`${STORE}export function Counter() {
  useEffect(() => {
    store.subscribe(render);
  }, []);
  return null;
}`, { autofix: true }),
    output: react(`${STORE}export function Counter() {
  useEffect(() => {
    const unsubscribe = store.subscribe(render);
    return () => unsubscribe();
  }, []);
  return null;
}`),
    errors: [
      error('subscriptionDiscarded', 7, [
        ['releaseInCleanup', react(`${STORE}export function Counter() {
  useEffect(() => {
    const unsubscribe = store.subscribe(render);
    return () => unsubscribe();
  }, []);
  return null;
}`)],
      ], { handle: 'unsubscribe function', call: 'store.subscribe', when: 'when the component unmounts (or the effect re-runs)' }),
    ],
  },
  {
    ...tsx(`function Example({ url }: { url: string }) {
  const [user, setUser] = useState<unknown>(null);
  useEffect(() => {
    fetch(url).then((r) => r.json()).then(setUser);
  }, [url]);
  return user ? null : null;
}`, { autofix: true }),
    output: react(`function Example({ url }: { url: string }) {
  const [user, setUser] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch(url, { signal: controller.signal }).then((r) => r.json()).then(setUser);
    return () => controller.abort();
  }, [url]);
  return user ? null : null;
}`),
    errors: [
      error('requestNotCancellable', 5, [
        ['abortRequestInCleanup', react(`function Example({ url }: { url: string }) {
  const [user, setUser] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch(url, { signal: controller.signal }).then((r) => r.json()).then(setUser);
    return () => controller.abort();
  }, [url]);
  return user ? null : null;
}`)],
      ], { call: 'fetch', when: 'when the component unmounts (or the effect re-runs)' }),
    ],
  },
  {
    ...ts(`export class Watcher {
  onExit = () => {};
  start() { process.on('SIGTERM', this.onExit); }
  dispose() {}
}`, { autofix: true }),
    output: `export class Watcher {
  onExit = () => {};
  start() { process.on('SIGTERM', this.onExit); }
  dispose() { process.removeListener('SIGTERM', this.onExit); }
}`,
    errors: [
      error('listenerNotRemoved', 3, [
        ['removeInTeardown', `export class Watcher {
  onExit = () => {};
  start() { process.on('SIGTERM', this.onExit); }
  dispose() { process.removeListener('SIGTERM', this.onExit); }
}`],
      ], { event: "'SIGTERM'", target: 'process', when: 'after `dispose()`' }),
    ],
  },
  {
    ...tsx(`function C() {
  useEffect(() => {
    new ResizeObserver(() => {}).observe(document.body);
  }, []);
  return <div />;
}`, { autofix: true }),
    output: react(`function C() {
  useEffect(() => {
    const observer = new ResizeObserver(() => {});
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  return <div />;
}`),
    errors: [
      error('observerNotDisconnected', 4, [
        ['disconnectInCleanup', react(`function C() {
  useEffect(() => {
    const observer = new ResizeObserver(() => {});
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  return <div />;
}`)],
      ], { observer: 'ResizeObserver', what: '`document.body`', when: 'when the component unmounts (or the effect re-runs)' }),
    ],
  },
  // No remedy for an inline one-shot listener on process: nothing to apply.
  {
    ...ts(`class Watcher {
  start() { process.once('SIGINT', () => this.dispose()); }
  dispose() {}
}`, { autofix: true, checkOnce: true }),
    output: null,
    errors: [error('listenerNotRemoved', 2)],
  },
  // Vue: added in onMounted, never removed: reported, with no fix (the docs say so).
  {
    ...ts(`${VUE}export function useWindowSize() {
  const width = ref(0);
  const update = () => { width.value = window.innerWidth; };
  onMounted(() => window.addEventListener('resize', update));
  return width;
}`),
    errors: [error('listenerNotRemoved', 5, [], { event: "'resize'", target: 'window', when: 'when the component unmounts' })],
  },
  // Vue: a component's setup() whose onBeforeUnmount ends something else.
  {
    ...ts(`${VUE}export default defineComponent({
  setup(props: { target: HTMLElement }) {
    const onScroll = () => {};
    onMounted(() => {
      props.target.addEventListener('scroll', onScroll);
      new ResizeObserver(() => {}).observe(props.target);
    });
    onBeforeUnmount(() => { document.title = ''; });
    return {};
  },
});`),
    errors: [error('listenerNotRemoved', 6), error('observerNotDisconnected', 7)],
  },
  // Vue: registered directly in setup; the onUnmounted removes another event.
  {
    ...ts(`${VUE}export function useKeys(onKey: (e: KeyboardEvent) => void) {
  window.addEventListener('keydown', onKey);
  window.addEventListener('keyup', onKey);
  onUnmounted(() => window.removeEventListener('keydown', onKey));
}`),
    errors: [error('listenerNotRemoved', 4)],
  },
  // Vue without its types (the import does not resolve): the import from the package decides, as for React.
  {
    ...ts(`import { onMounted } from '@vue/runtime-core';
export function useResize(onResize: () => void) {
  onMounted(() => window.addEventListener('resize', onResize));
}`),
    errors: [error('listenerNotRemoved', 3)],
  },
  // Svelte: onMount without a cleanup is an effect with none: the effect's fixes.
  {
    ...ts(`${SVELTE}export function trackResize(onResize: () => void) {
  onMount(() => {
    window.addEventListener('resize', onResize);
  });
}`),
    errors: [error('listenerNotRemoved', 4, [
      ['removeInCleanup', `${SVELTE}export function trackResize(onResize: () => void) {
  onMount(() => {
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  });
}`],
      ['abortInCleanup', `${SVELTE}export function trackResize(onResize: () => void) {
  onMount(() => {
    const controller = new AbortController();
    window.addEventListener('resize', onResize, { signal: controller.signal });
    return () => controller.abort();
  });
}`],
    ], { event: "'resize'", target: 'window', when: 'when the component unmounts' })],
  },
  // Svelte: an async onMount returns a promise, not a cleanup: reported, no fix.
  {
    ...ts(`${SVELTE}export function trackResize(onResize: () => void, ready: Promise<void>) {
  onMount(async () => {
    await ready;
    window.addEventListener('resize', onResize);
  });
}`),
    errors: [error('listenerNotRemoved', 5)],
  },
  // Svelte: a store subscription in onMount, dropped: kept and ended in the cleanup.
  {
    ...ts(`${SVELTE}${STORE}export function follow() {
  onMount(() => {
    store.subscribe(render);
  });
}`),
    errors: [error('subscriptionDiscarded', 7, [
      ['releaseInCleanup', `${SVELTE}${STORE}export function follow() {
  onMount(() => {
    const unsubscribe = store.subscribe(render);
    return () => unsubscribe();
  });
}`],
    ])],
  },
  // Svelte: set up in a helper the component calls, whose onDestroy ends something else: reported, no fix.
  {
    ...ts(`${SVELTE}${STORE}export function follow(onScroll: () => void) {
  store.subscribe(render);
  window.addEventListener('scroll', onScroll);
  onDestroy(() => { document.title = ''; });
}`),
    errors: [error('subscriptionDiscarded', 6), error('listenerNotRemoved', 7)],
  },

  // eslint-react's web-api suite (tests/peer/): what the code proves still leaks
  // an options const whose signal's controller nothing aborts
  {
    ...tsx(`function Example() {
  useEffect(() => {
    const controller = new AbortController();
    const options = { signal: controller.signal };
    window.addEventListener('scroll', () => {}, options);
  }, []);
  return null;
}`),
    errors: [error('listenerNeverAborted', 6, [
      ['abortControllerInCleanup', react(`function Example() {
  useEffect(() => {
    const controller = new AbortController();
    const options = { signal: controller.signal };
    window.addEventListener('scroll', () => {}, options);
    return () => controller.abort();
  }, []);
  return null;
}`)],
    ])],
  },
  // an options const with `capture: true`, removed without it
  {
    ...tsx(`function Example() {
  useEffect(() => {
    const options = { capture: true };
    const onResize = () => {};
    window.addEventListener('resize', onResize, options);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return null;
}`),
    errors: [error('listenerNotRemoved', 6, [
      ['removeInCleanup', react(`function Example() {
  useEffect(() => {
    const options = { capture: true };
    const onResize = () => {};
    window.addEventListener('resize', onResize, options);
    return () => { window.removeEventListener('resize', onResize); window.removeEventListener('resize', onResize, true); };
  }, []);
  return null;
}`)],
    ])],
  },
  // added from one list, removed from another: no removal names the loop's event at the cleanup's level
  {
    ...tsx(`const down = ['mousedown', 'keydown'];
const up = ['mouseup', 'keyup'];
function Example() {
  const onActivity = () => {};
  useEffect(() => {
    for (const event of down) window.addEventListener(event, onActivity);
    return () => {
      for (const event of up) window.removeEventListener(event, onActivity);
    };
  }, []);
  return null;
}`),
    errors: [error('listenerNotRemoved', 7, [
      ['abortInCleanup', react(`const down = ['mousedown', 'keydown'];
const up = ['mouseup', 'keyup'];
function Example() {
  const onActivity = () => {};
  useEffect(() => {
    const controller = new AbortController();
    for (const event of down) window.addEventListener(event, onActivity, { signal: controller.signal });
    return () => {
      for (const event of up) window.removeEventListener(event, onActivity);
      controller.abort();
    };
  }, []);
  return null;
}`)],
    ])],
  },
  // added by the cleanup itself: the removal in the body runs on mount, before it (no fix: not adding it is the author's call)
  {
    ...tsx(`function Example() {
  const onResize = useRef(() => {});
  useEffect(() => {
    window.removeEventListener('resize', onResize.current);
    return () => {
      window.addEventListener('resize', onResize.current);
    };
  }, []);
  return null;
}`),
    errors: [
      error('listenerNotRemoved', 7, [], {
        event: "'resize'",
        target: 'window',
        when: 'after the component unmounts (the cleanup adds it, and nothing of the component runs after the cleanup to remove it)',
      }),
    ],
  },
  // `once`, and the cleanup's removal takes off a new function: it stays until the next resize
  {
    ...tsx(`function Example() {
  useEffect(() => {
    window.addEventListener('resize', () => {}, { once: true });
    return () => {
      window.removeEventListener('resize', () => {});
    };
  }, []);
  return null;
}`),
    errors: [error('listenerNotRemoved', 4, [
      ['nameAndRemoveInCleanup', react(`function Example() {
  useEffect(() => {
    const onResize = () => {};
    window.addEventListener('resize', onResize, { once: true });
    return () => {
      window.removeEventListener('resize', () => {});
      window.removeEventListener('resize', onResize);
    };
  }, []);
  return null;
}`)],
      ['abortInCleanup', react(`function Example() {
  useEffect(() => {
    const controller = new AbortController();
    window.addEventListener('resize', () => {}, { once: true, signal: controller.signal });
    return () => {
      window.removeEventListener('resize', () => {});
      controller.abort();
    };
  }, []);
  return null;
}`)],
    ])],
  },
  // each matchMedia(q) returns a new MediaQueryList: the removal is from another object
  {
    ...tsx(`function Example() {
  useEffect(() => {
    const onChange = (e: MediaQueryListEvent) => { console.log(e.matches); };
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', onChange);
    return () => window.matchMedia('(prefers-color-scheme: dark)').removeEventListener('change', onChange);
  }, []);
  return null;
}`),
    errors: [error('listenerNotRemoved', 5)],
  },
  // an observer disconnected only in its own callback: a detached element never intersects again
  {
    ...tsx(`function Lazy() {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!ref.current) return;
    const observer = new IntersectionObserver(([entry]) => {
      if (entry?.isIntersecting) {
        setVisible(true);
        observer.disconnect();
      }
    });
    observer.observe(ref.current);
  }, []);
  return visible;
}`),
    errors: [error('observerNotDisconnected', 7, [
      ['disconnectInCleanup', react(`function Lazy() {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!ref.current) return;
    const observer = new IntersectionObserver(([entry]) => {
      if (entry?.isIntersecting) {
        setVisible(true);
        observer.disconnect();
      }
    });
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, []);
  return visible;
}`)],
    ])],
  },
  // the lostcancel of effects: a controller the effect creates for its request and never aborts, the result unread
  {
    ...tsx(`function Ping({ url }: { url: string }) {
  useEffect(() => {
    const controller = new AbortController();
    fetch(url, { signal: controller.signal });
  }, [url]);
  return null;
}`),
    errors: [
      {
        ...error('requestNeverAborted', 5, [
          ['abortControllerInCleanup', react(`function Ping({ url }: { url: string }) {
  useEffect(() => {
    const controller = new AbortController();
    fetch(url, { signal: controller.signal });
    return () => controller.abort();
  }, [url]);
  return null;
}`)],
        ]),
        // the witness: the request, the controller the effect made for it, the unmount it outlives
        data: { call: 'fetch', controller: 'controller', when: 'when the component unmounts (or the effect re-runs)' },
      },
    ],
  },
  // ... through an options const, with a cleanup that does something else
  {
    ...tsx(`function Ping({ url }: { url: string }) {
  useEffect(() => {
    const controller = new AbortController();
    const init = { signal: controller.signal };
    void fetch(url, init);
    return () => {};
  }, [url]);
  return null;
}`),
    errors: [error('requestNeverAborted', 6, [
      ['abortControllerInCleanup', react(`function Ping({ url }: { url: string }) {
  useEffect(() => {
    const controller = new AbortController();
    const init = { signal: controller.signal };
    void fetch(url, init);
    return () => { controller.abort(); };
  }, [url]);
  return null;
}`)],
    ])],
  },
];

addSecondPassCases(valid, invalid, (code, from) => ({ code, options: (from.options as Options | undefined) ?? [{}], ...('filename' in from && typeof from.filename === 'string' ? { filename: from.filename } : {}) }));

ruleTester.run('no-floating-subscription', rule, { valid, invalid });

describe('no-floating-subscription fixes', () => {
  it('every fix and suggestion output type-checks as well as the original', { timeout: 300_000 }, () => {
    let checked = 0;
    for (const testCase of invalid) {
      for (const output of fixOutputs(testCase)) {
        expectNoNewTypeErrors(testCase.code, output, testCase.filename);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});

const untypedTester = createUntypedRuleTester();

// Listeners, observers and cleanups are recognised by type: without type information the rule reports nothing.
untypedTester.run('no-floating-subscription (no type information)', rule, {
  valid: [
    { code: `${REACT}function Example() { useEffect(() => { window.addEventListener('resize', () => {}); }, []); return null; }`, filename: 'react.tsx' },
    `${STORE}class C { start() { store.subscribe(render); } dispose() {} }`,
    "class Watcher { start() { process.on('SIGTERM', () => {}); } dispose() {} }",
    { code: `${REACT}function C() { useEffect(() => { new ResizeObserver(() => {}).observe(document.body); }, []); return null; }`, filename: 'react.tsx' },
    { code: `${REACT}function C({ url }: { url: string }) { useEffect(() => { void fetch(url).then((r) => r.json()); }, [url]); return null; }`, filename: 'react.tsx', options: [{ checkOnce: true, checkOutsideOwners: true, autofix: true }] },
  ],
  invalid: [],
});
