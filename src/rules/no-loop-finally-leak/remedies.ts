import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../analysis/syntax/node-types';

import { getEnclosingFunction, isFunction, isInside, unwrapExpression, walk } from '../../analysis/syntax/ast';
import type { AnyContext } from '../../analysis/syntax/context';
import { getPlace, objectKey } from '../../analysis/syntax/references';
import { containsAwait } from '../../analysis/syntax/control-flow';
import { removalMethodFor, type ListenerCall } from '../../analysis/resources/listeners';
import { isPresenceTest } from '../../analysis/lifetimes/guards';
import { getLoopBody, type Loop } from '../../analysis/lifetimes/loops';
import type { LoopLeak } from '../../analysis/lifetimes/loop-leaks';
import {
  allocateName,
  getFileStyle,
  getIndent,
  hasCommentsAround,
  insertStatementBefore,
  isOnOwnLine,
  releaseAfter,
  removeStatement,
  removeStatementsWithEmptied,
  type Remedy,
} from '../../fixes';

export type RemedyIds = 'moveReleaseIntoLoop' | 'usingInLoop' | 'usingInsteadOfStack' | 'removeListenerInFinally' | 'perIterationSignal' | 'shareController';

type Variable = TSESLint.Scope.Variable;
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;
type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Move the release after the loop into a per-iteration `try/finally`, and, for a
 * disposable, declare it with `using` in the loop instead. Only for a plain variable
 * that holds nothing before the loop, whose outer releases are whole statements, and
 * which only this iteration's code uses after the acquisition.
 */
export function acquisitionRemedies(context: AnyContext, node: TSESTree.AssignmentExpression, { loop, variable, resource, releases }: LoopLeak): Remedy<RemedyIds>[] {
  const sourceCode = context.sourceCode;
  const statement = node.parent;
  const body = getLoopBody(loop);
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.parent !== body || body.type !== AST_NODE_TYPES.BlockStatement) return [];
  const rest = body.body.slice(body.body.indexOf(statement) + 1);
  if (rest.length === 0) return [];
  const fn = getEnclosingFunction(statement);
  // A plain variable that holds nothing before the loop (else its first value needs the outer release).
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def?.type !== 'Variable') return [];
  const init = def.node.init && unwrapExpression(def.node.init);
  if (init && !(init.type === AST_NODE_TYPES.Identifier && init.name === 'undefined')) return [];
  // Every outer release must be a whole statement we can take away.
  const releaseStatements = releases.map((release) => getReleaseStatement(context, release, variable));
  if (releaseStatements.some((s) => !s || getEnclosingFunction(s) !== fn)) return [];
  const removals = [...new Set(releaseStatements as TSESTree.Statement[])];
  if (removals.some((s) => hasCommentsAround(sourceCode, s))) return [];
  // The variable is only used by this iteration's code after the acquisition.
  const restStart = rest[0]!.range[0];
  const restEnd = rest.at(-1)!.range[1];
  for (const reference of variable.references) {
    const id = reference.identifier;
    if (id === node.left || removals.some((r) => isInside(id, r)) || reference.init) continue;
    if (reference.isWrite() || id.range[0] < restStart || id.range[1] > restEnd || getEnclosingFunction(id) !== fn) return [];
  }
  const remedies: Remedy<RemedyIds>[] = [];
  // Taking the outer releases away removes what they leave empty (a `finally {}`, a `try` with only its block).
  const removeAll = (fixer: Fixer, others: Fix[]) => removeStatementsWithEmptied(fixer, sourceCode, removals, others);
  const wrap = releaseAfter(sourceCode, rest, { text: sourceCode.getText(removals[0]!), indent: getIndent(sourceCode, removals[0]!) });
  if (wrap) remedies.push({ messageId: 'moveReleaseIntoLoop', fix: (fixer) => removeAll(fixer, wrap(fixer)) });
  if (resource.kind === 'disposable') {
    const declaration = getRemovableDeclaration(sourceCode, variable);
    const keyword = resource.release.type === 'method' && resource.release.async ? 'await using' : 'using';
    if (declaration && getEnclosingFunction(declaration) === fn && (keyword === 'using' || canAwait(sourceCode, statement))) {
      const { semi } = getFileStyle(sourceCode);
      const text = `${keyword} ${variable.name} = ${sourceCode.getText(node.right)}${semi}`;
      remedies.push({
        messageId: 'usingInLoop',
        data: { keyword },
        fix: (fixer) => removeAll(fixer, [fixer.replaceText(statement, text), removeStatement(fixer, sourceCode, declaration)]),
      });
    }
  }
  return remedies;
}

/**
 * For a controller whose iterations do not wait for their work: one controller made
 * before the loop and shared by every iteration, so that the abort after the loop
 * stops the work of all of them, and none of it sooner. Only for `x = new
 * AbortController()` as a statement of a loop statement's body, when the loop only
 * reads `x.signal` and `x` is declared before the loop without a value.
 */
export function shareController(sourceCode: SourceCode, node: TSESTree.AssignmentExpression, { loop, variable }: LoopLeak): Remedy<RemedyIds> | null {
  if (loop.type === 'IterationCallback') return null;
  const statement = node.parent;
  const value = unwrapExpression(node.right);
  if (
    statement.type !== AST_NODE_TYPES.ExpressionStatement ||
    statement.parent !== loop.body ||
    value.type !== AST_NODE_TYPES.NewExpression ||
    value.arguments.length > 0 ||
    value.callee.type !== AST_NODE_TYPES.Identifier ||
    value.callee.name !== 'AbortController' ||
    hasCommentsAround(sourceCode, statement)
  ) {
    return null;
  }
  const outer = loop.parent.type === AST_NODE_TYPES.LabeledStatement ? loop.parent : loop;
  if (outer.parent.type !== AST_NODE_TYPES.BlockStatement && outer.parent.type !== AST_NODE_TYPES.Program) return null;
  // Declared before the loop, holding nothing there (else the abort after the loop has work of its own).
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def?.type !== 'Variable' || def.name.range[0] > outer.range[0]) return null;
  const init = def.node.init && unwrapExpression(def.node.init);
  if (init && !(init.type === AST_NODE_TYPES.Identifier && init.name === 'undefined')) return null;
  for (const reference of variable.references) {
    const id = reference.identifier;
    if (id === node.left || !isInside(id, loop)) continue;
    const member = id.parent;
    const readsSignal =
      reference.isRead() && !reference.isWrite() && member.type === AST_NODE_TYPES.MemberExpression && member.object === id && !member.computed && member.property.type === AST_NODE_TYPES.Identifier && member.property.name === 'signal';
    if (!readsSignal) return null;
  }
  return {
    messageId: 'shareController',
    fix: (fixer) => [insertStatementBefore(fixer, sourceCode, outer, sourceCode.getText(node)), removeStatement(fixer, sourceCode, statement)],
  };
}

/** `x.close();`, `await x?.close();`, `clearInterval(x);`, `if (x) x.close();` as a whole statement in a block. */
function getReleaseStatement(context: AnyContext, release: TSESTree.CallExpression, variable: Variable): TSESTree.Statement | null {
  let node: TSESTree.Node = release;
  while (
    node.parent &&
    (node.parent.type === AST_NODE_TYPES.ChainExpression ||
      node.parent.type === AST_NODE_TYPES.AwaitExpression ||
      node.parent.type === AST_NODE_TYPES.TSNonNullExpression)
  ) {
    node = node.parent;
  }
  const statement = node.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  let candidate: TSESTree.Statement = statement;
  let parent = statement.parent;
  if (parent.type === AST_NODE_TYPES.BlockStatement && parent.body.length === 1 && parent.parent.type === AST_NODE_TYPES.IfStatement) {
    candidate = parent;
    parent = parent.parent;
  }
  if (parent.type === AST_NODE_TYPES.IfStatement) {
    const id = variable.defs[0]!.name;
    const place = getPlace(context, id);
    if (parent.consequent !== candidate || parent.alternate || !place || !isPresenceTest(context, parent.test, place)) return null;
    candidate = parent;
    parent = parent.parent;
  }
  return parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program ? candidate : null;
}

/** `let x;` / `let x: T | undefined;` / `let x = undefined;` alone in its statement, in a block. */
function getRemovableDeclaration(sourceCode: SourceCode, variable: Variable): TSESTree.VariableDeclaration | null {
  if (variable.defs.length !== 1) return null;
  const def = variable.defs[0]!;
  if (def.type !== 'Variable') return null;
  const declaration = def.parent;
  if (declaration.kind !== 'let' || declaration.declarations.length !== 1) return null;
  const init = def.node.init;
  if (init && !(init.type === AST_NODE_TYPES.Identifier && init.name === 'undefined')) return null;
  if (declaration.parent.type !== AST_NODE_TYPES.BlockStatement && declaration.parent.type !== AST_NODE_TYPES.Program) return null;
  return hasCommentsAround(sourceCode, declaration) ? null : declaration;
}

/** `const x = stack.use(v)` in a loop → `using x = v` (per iteration). */
export function usingInsteadOfStack(
  sourceCode: SourceCode,
  node: TSESTree.CallExpression,
  stack: TSESTree.Identifier,
  stackKind: string,
): Remedy<RemedyIds> | null {
  const keyword = stackKind === 'AsyncDisposableStack' ? 'await using' : 'using';
  const declarator = node.parent;
  const argument = node.arguments[0];
  if (
    !argument ||
    node.arguments.length !== 1 ||
    argument.type === AST_NODE_TYPES.SpreadElement ||
    declarator.type !== AST_NODE_TYPES.VariableDeclarator ||
    declarator.init !== node ||
    declarator.id.type !== AST_NODE_TYPES.Identifier ||
    declarator.parent.kind !== 'const' ||
    declarator.parent.declarations.length !== 1 ||
    declarator.parent.parent.type !== AST_NODE_TYPES.BlockStatement ||
    (keyword !== 'using' && !canAwait(sourceCode, declarator.parent))
  ) {
    return null;
  }
  const declaration = declarator.parent;
  const text = `${keyword} ${sourceCode.getText(declarator.id)} = ${sourceCode.getText(argument)}`;
  return {
    messageId: 'usingInsteadOfStack',
    data: { keyword, stack: stack.name },
    fix: (fixer) => fixer.replaceTextRange([declaration.range[0], declarator.range[1]], text),
  };
}

/**
 * Remove the listener in the iteration's `finally`, or register it with the signal
 * of a per-iteration controller aborted there. Only when the iteration waits (an
 * `await` after the registration): else it would be removed before it could run.
 */
export function listenerRemedies(context: AnyContext, registration: ListenerCall, loop: Loop): Remedy<RemedyIds>[] {
  const sourceCode = context.sourceCode;
  const remedies: Remedy<RemedyIds>[] = [];
  const chain = registration.call.parent.type === AST_NODE_TYPES.ChainExpression ? registration.call.parent : registration.call;
  const statement = chain.parent;
  const body = getLoopBody(loop);
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.parent !== body || body.type !== AST_NODE_TYPES.BlockStatement) return remedies;
  const rest = body.body.slice(body.body.indexOf(statement) + 1);
  if (rest.length === 0 || !registration.event || !isStableText(context, registration.event)) return remedies;
  // Removed at the end of an iteration that never waits, the listener could never hear its event.
  if (!rest.some(containsAwait)) return remedies;
  const callee = unwrapExpression(registration.call.callee) as TSESTree.MemberExpression;
  const target = `${sourceCode.getText(registration.target)}${callee.optional ? '?' : ''}`;
  if (registration.listener && isStableText(context, registration.listener) && registration.capture !== null) {
    const args = [sourceCode.getText(registration.event), sourceCode.getText(registration.listener)];
    if (registration.capture) args.push('true');
    const removal = releaseAfter(sourceCode, rest, `${target}.${removalMethodFor(registration)}(${args.join(', ')})`);
    if (removal) remedies.push({ messageId: 'removeListenerInFinally', fix: removal });
  }
  if (registration.method === 'addEventListener' && !registration.signal) {
    const perIteration = perIterationSignal(sourceCode, registration, statement, rest);
    if (perIteration) remedies.push(perIteration);
  }
  return remedies;
}

function perIterationSignal(
  sourceCode: SourceCode,
  registration: ListenerCall,
  statement: TSESTree.ExpressionStatement,
  rest: readonly TSESTree.Statement[],
): Remedy<RemedyIds> | null {
  const { semi } = getFileStyle(sourceCode);
  // Without semicolons, a statement starting with `(`/`[`/a template would continue the inserted one.
  if (semi === '' && /^[([`+\-/]/.test(sourceCode.getText(statement))) return null;
  const name = allocateName(sourceCode, 'listeners');
  const abort = releaseAfter(sourceCode, rest, `${name}.abort()`);
  const options = registration.options ? unwrapExpression(registration.options) : null;
  let optionsEdit: ((fixer: Fixer) => Fix) | null = null;
  if (!options) {
    const last = registration.call.arguments.at(-1)!;
    optionsEdit = (fixer) => fixer.insertTextAfter(last, `, { signal: ${name}.signal }`);
  } else if (options.type === AST_NODE_TYPES.Literal && options.value === true) {
    optionsEdit = (fixer) => fixer.replaceText(options, `{ capture: true, signal: ${name}.signal }`);
  } else if (options.type === AST_NODE_TYPES.Literal && options.value === false) {
    optionsEdit = (fixer) => fixer.replaceText(options, `{ signal: ${name}.signal }`);
  } else if (options.type === AST_NODE_TYPES.ObjectExpression) {
    const last = options.properties.at(-1);
    optionsEdit = last
      ? (fixer) => {
          const after = sourceCode.getTokenAfter(last)!;
          return after.value === ',' ? fixer.insertTextAfter(after, ` signal: ${name}.signal,`) : fixer.insertTextAfter(last, `, signal: ${name}.signal`);
        }
      : (fixer) => fixer.replaceText(options, `{ signal: ${name}.signal }`);
  }
  if (!abort || !optionsEdit) return null;
  const edit = optionsEdit;
  const separator = isOnOwnLine(sourceCode, statement) ? `\n${getIndent(sourceCode, statement)}` : ' ';
  return {
    messageId: 'perIterationSignal',
    fix: (fixer) => [fixer.insertTextBefore(statement, `const ${name} = new AbortController()${semi}${separator}`), edit(fixer), ...abort(fixer)],
  };
}

/** An argument that can be written again without side effects: a literal or a place. */
function isStableText(context: AnyContext, node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Literal) return true;
  if (value.type === AST_NODE_TYPES.TemplateLiteral) return value.expressions.length === 0;
  return objectKey(context, value) !== null;
}

/** Whether `await` may be written where `node` is (an async function, or a module that awaits already). */
function canAwait(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const fn = getEnclosingFunction(node);
  if (fn) return fn.async;
  let awaits = false;
  walk(sourceCode.ast, (inner) => {
    if (awaits || isFunction(inner)) return false;
    if (inner.type === AST_NODE_TYPES.AwaitExpression || (inner.type === AST_NODE_TYPES.ForOfStatement && inner.await)) awaits = true;
    return !awaits;
  });
  return awaits;
}
