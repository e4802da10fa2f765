// The analysis, by layer, bottom-up (docs/architecture.md): each layer imports only
// from itself and the layers before it (tests/architecture.test.ts).

// 1. Syntax and references
export * from './syntax/ast';
export * from './syntax/context';
export * from './syntax/references';
export * from './syntax/control-flow';
export { getMembersNamed } from './syntax/file-index';
export * from './syntax/settings';
export * from './syntax/evidence';

// 2. Types and signatures
export * from './types/type-info';
export * from './types/types';
export * from './types/signatures';
export { getReactHook, type ComponentFramework } from './types/packages';

// 3. Resources: what is started, and the signals in scope
export * from './resources/timers';
export * from './resources/resources';
export * from './resources/promises';
export * from './resources/listeners';
export * from './resources/observers';
export * from './resources/subscriptions';
export * from './resources/handles';
export * from './resources/escape';
export * from './resources/allow';
export * from './resources/constructions';
export * from './resources/signals';

// 4. Lifetimes and owners
export * from './lifetimes/functions';
export * from './lifetimes/owners';
export * from './lifetimes/activations';
export * from './lifetimes/lifetimes';
export * from './lifetimes/releases';
export * from './lifetimes/guards';
export * from './lifetimes/loops';
export * from './lifetimes/loop-leaks';
export * from './lifetimes/owner-ends';
export * from './lifetimes/waits';

// 5. Propagation: what a signal must reach
export * from './propagation/operations';
export * from './propagation/propagation';
export * from './propagation/effect-requests';

// 6. Witnesses built on owners' ends (timer-costs is imported by its rules directly)
export * from './witnesses/late-starts';
