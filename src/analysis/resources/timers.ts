import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';
import type * as ts from 'typescript';

import { getPropertyName, getStaticPropertyName, isUndefinedLiteral, unwrapExpression } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { mentionsAnyOf } from '../syntax/file-index';
import { isGlobalObject, resolveVariable } from '../syntax/references';
import { getAgreedDeclaration } from '../types/signatures';
import { getTypeInfo, type TypeInfo } from '../types/type-info';
import { isHostDeclarationFile } from '../types/types';

export type TimerFunction = 'setTimeout' | 'setInterval';
export type ClearFunction = 'clearTimeout' | 'clearInterval';

const TIMER_FUNCTIONS: ReadonlySet<string> = new Set<TimerFunction>(['setTimeout', 'setInterval']);
const CLEAR_FUNCTIONS: ReadonlySet<string> = new Set<ClearFunction>(['clearTimeout', 'clearInterval']);

/** Objects through which the host's timer functions are reached: `window.setTimeout`... */
const TIMER_MODULES: ReadonlySet<string> = new Set(['timers', 'node:timers']);

/**
 * Is this call the host's `setTimeout`/`setInterval` (DOM lib or `@types/node`:
 * the globals, `window.`/`globalThis.`/`self.`, `node:timers`, aliases and
 * destructuring)? A shadowed or user-defined function of that name, a fake-timer
 * object's method and `node:timers/promises` are not timers.
 */
export function getTimerCall(context: AnyContext, node: TSESTree.CallExpression): TimerFunction | null {
  return resolveHostFunction(context, node, TIMER_FUNCTIONS) as TimerFunction | null;
}

/** Is this call the host's `clearTimeout`/`clearInterval`? Either clears either kind of handle. */
export function getClearTimerCall(context: AnyContext, node: TSESTree.CallExpression): ClearFunction | null {
  return resolveHostFunction(context, node, CLEAR_FUNCTIONS) as ClearFunction | null;
}

/** The handle a `clearTimeout(x)`/`clearInterval(x)` (or `clearTimeout(x ?? undefined)`) call clears, if it is one. */
export function getClearedTimerHandle(context: AnyContext, node: TSESTree.CallExpression): TSESTree.Node | null {
  const argument = node.arguments[0];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
  if (!getClearTimerCall(context, node)) return null;
  // `clearTimeout(ref.current ?? undefined)`: a handle that may be `null` clears the same.
  const value = unwrapExpression(argument);
  return value.type === AST_NODE_TYPES.LogicalExpression && value.operator === '??' && isUndefinedLiteral(unwrapExpression(value.right)) ? value.left : argument;
}

function resolveHostFunction(
  context: AnyContext,
  node: TSESTree.CallExpression,
  names: ReadonlySet<string>,
): string | null {
  // Cheap syntactic filter: which host function could this callee possibly be?
  const candidate = syntacticCandidate(context, node.callee, names);
  if (candidate === null) return null;
  const info = getTypeInfo(context);
  if (!info) return candidate;
  // Type-aware confirmation: the declaration the checker resolved must be the host's.
  const declared = declaredHostFunction(info, node);
  return declared !== null && names.has(declared) ? declared : null;
}

/**
 * The host function a callee could be, judged by syntax and scope analysis alone.
 * This is also the whole answer when a file has no type information.
 */
function syntacticCandidate(context: AnyContext, calleeNode: TSESTree.Node, names: ReadonlySet<string>): string | null {
  const callee = unwrapExpression(calleeNode);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = getStaticPropertyName(callee);
    if (name === null || !names.has(name)) return null;
    const object = unwrapExpression(callee.object);
    if (object.type !== AST_NODE_TYPES.Identifier) return null;
    return isHostNamespace(context, object) ? name : null;
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return null;
  // Another name can only be an alias or a renamed import in a file that names a host function somewhere.
  if (!names.has(callee.name) && !mentionsAnyName(context, names)) return null;
  const variable = resolveVariable(context, callee);
  if (!variable || variable.defs.length === 0) return names.has(callee.name) ? callee.name : null;
  // Declared here: an import from node:timers, or an alias of a host function.
  for (const def of variable.defs) {
    if (def.type === 'ImportBinding' && def.node.type === AST_NODE_TYPES.ImportSpecifier) {
      const source = importSource(def.parent);
      const imported = def.node.imported;
      const importedName = imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value;
      if (source && TIMER_MODULES.has(source) && names.has(importedName)) return importedName;
    }
    if (def.type === 'Variable' && def.node.init) {
      const aliased = aliasedHostFunction(context, def.node, callee.name, names);
      if (aliased) return aliased;
    }
  }
  return null;
}

/** Does the file's text contain one of these names anywhere? Once per file, for each set of host names. */
const MENTIONS: ReadonlyMap<ReadonlySet<string>, (context: AnyContext) => boolean> = new Map(
  [TIMER_FUNCTIONS, CLEAR_FUNCTIONS].map((names) => [names, mentionsAnyOf(names)]),
);

function mentionsAnyName(context: AnyContext, names: ReadonlySet<string>): boolean {
  return MENTIONS.get(names)?.(context) ?? true;
}

/** `const every = setInterval`, `const { setInterval: every } = globalThis`. */
function aliasedHostFunction(
  context: AnyContext,
  declarator: TSESTree.VariableDeclarator,
  localName: string,
  names: ReadonlySet<string>,
): string | null {
  const init = declarator.init!;
  if (declarator.id.type === AST_NODE_TYPES.Identifier) {
    return syntacticCandidate(context, init, names);
  }
  if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return null;
  const source = unwrapExpression(init);
  if (source.type !== AST_NODE_TYPES.Identifier || !isHostNamespace(context, source)) return null;
  for (const property of declarator.id.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const key = getPropertyName(property);
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value.type === AST_NODE_TYPES.Identifier && value.name === localName && key !== null && names.has(key)) return key;
  }
  return null;
}

/** `window`, `globalThis`, `self`, `global` (unshadowed), or `import * as timers from 'node:timers'`. */
function isHostNamespace(context: AnyContext, identifier: TSESTree.Identifier): boolean {
  const variable = resolveVariable(context, identifier);
  if (!variable || variable.defs.length === 0) return isGlobalObject(context, identifier);
  return variable.defs.some(
    (def) =>
      def.type === 'ImportBinding' &&
      (def.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier ||
        def.node.type === AST_NODE_TYPES.ImportDefaultSpecifier) &&
      TIMER_MODULES.has(importSource(def.parent) ?? ''),
  );
}

function importSource(declaration: TSESTree.Node): string | null {
  return declaration.type === AST_NODE_TYPES.ImportDeclaration ? declaration.source.value : null;
}

/** The name of the host function the checker resolved the call to, or `null` if it is not a host one. */
function declaredHostFunction(info: TypeInfo, node: TSESTree.CallExpression): string | null {
  return getAgreedDeclaration(info, node, (declaration) => {
    if (!declaration || !isHostDeclarationFile(info, declaration.getSourceFile())) return null;
    return declaration.name ? declaration.name.getText(declaration.getSourceFile()) : null;
  });
}

/** Whether a declaration file is `node:timers/promises`. */
export function isTimersPromisesFile(file: ts.SourceFile): boolean {
  return file.fileName.replace(/\\/g, '/').endsWith('/@types/node/timers/promises.d.ts');
}

/**
 * A timer call's delay when it is known: a number literal (`setTimeout(f, 50)` → 50;
 * absent → 0), or, given the rule context, a constant whose type is a number literal
 * (`const DELAY = 0` → 0). Else `null`.
 */
export function getLiteralDelay(call: TSESTree.CallExpression, context?: AnyContext): number | null {
  const delay = call.arguments[1];
  if (!delay) return call.arguments.length <= 1 ? 0 : null;
  return getKnownNumber(delay, context);
}

/**
 * A number the code states: a number literal, or, given the rule context, a name or
 * property whose type is a number literal (`const DELAY = 0`). Else `null`.
 */
export function getKnownNumber(node: TSESTree.Node, context?: AnyContext): number | null {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'number' ? value.value : null;
  if (!context || (value.type !== AST_NODE_TYPES.Identifier && value.type !== AST_NODE_TYPES.MemberExpression)) return null;
  const info = getTypeInfo(context);
  const tsNode = info?.services.esTreeNodeToTSNodeMap.get(value);
  if (!info || !tsNode) return null;
  const type = info.checker.getTypeAtLocation(tsNode);
  return type.isNumberLiteral() ? type.value : null;
}

/**
 * `setTimeout(f)`, `setTimeout(f, 0)`: a deferral to the next turn of the event loop
 * (often to rethrow an error outside a `try`), like `setImmediate`: nothing worth clearing.
 * With the rule context, a constant delay of literal type `0` counts too.
 */
export function isDeferral(call: TSESTree.CallExpression, context?: AnyContext): boolean {
  return getLiteralDelay(call, context) === 0;
}

/** A timeout shorter than `minMs` (a number literal delay): it settles before the code around it can run again or end. */
export function isShortTimeout(call: TSESTree.CallExpression, minMs: number, context?: AnyContext): boolean {
  const delay = getLiteralDelay(call, context);
  return delay !== null && delay < minMs;
}

/** Where timer code runs, for the words of a message: no process to keep alive in a browser or a VS Code extension host. */
export type TimerHost = 'node' | 'browser' | 'extension-host';

const extensionPrograms = new WeakMap<object, boolean>();

/**
 * Where this code runs: a browser (`runsInBrowser`), a VS Code extension host (a file
 * that imports `vscode`, or a program with `@types/vscode`: a process the user does not
 * wait on), else Node, whose process a pending timer keeps alive.
 */
export function getTimerHost(context: AnyContext, call?: TSESTree.CallExpression): TimerHost {
  if (runsInBrowser(context, call)) return 'browser';
  if (context.sourceCode.ast.body.some((s) => s.type === AST_NODE_TYPES.ImportDeclaration && s.source.value === 'vscode')) return 'extension-host';
  const info = getTypeInfo(context);
  if (!info) return 'node';
  let extension = extensionPrograms.get(info.program);
  if (extension === undefined) {
    extension = info.program.getSourceFiles().some((file) => file.fileName.replace(/\\/g, '/').includes('/@types/vscode/'));
    extensionPrograms.set(info.program, extension);
  }
  return extension ? 'extension-host' : 'node';
}

const UI_MODULES = /^(?:react|react-dom|preact|vue|svelte|solid-js|@angular\/core)(?:\/|$)/;
const nodeTypedPrograms = new WeakMap<object, boolean>();

/**
 * Does this code run in a browser rather than in Node? A `.tsx`/`.jsx` file, a file
 * that imports a UI framework, a timer called through `window`/`self`, or a program
 * without Node's types. It decides the words of a message (a browser has no process
 * to keep alive), never whether to report.
 */
export function runsInBrowser(context: AnyContext, call?: TSESTree.CallExpression): boolean {
  if (/\.[jt]sx$/.test(context.filename)) return true;
  if (call) {
    const callee = unwrapExpression(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const object = unwrapExpression(callee.object);
      if (object.type === AST_NODE_TYPES.Identifier && (object.name === 'window' || object.name === 'self')) return true;
    }
  }
  if (context.sourceCode.ast.body.some((s) => s.type === AST_NODE_TYPES.ImportDeclaration && UI_MODULES.test(s.source.value))) return true;
  const info = getTypeInfo(context);
  if (!info) return false;
  let nodeTyped = nodeTypedPrograms.get(info.program);
  if (nodeTyped === undefined) {
    nodeTyped = info.program.getSourceFiles().some((file) => file.fileName.replace(/\\/g, '/').includes('/@types/node/'));
    nodeTypedPrograms.set(info.program, nodeTyped);
  }
  return !nodeTyped;
}
