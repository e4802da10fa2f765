/**
 * Fixes that make an owner's teardown stop something: a statement added to a React
 * effect's cleanup (created, or merged into the one it returns) on every path that
 * started it, or to a class's teardown method.
 */
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/syntax/node-types';

import { getOwnReturnStatements, unwrapExpression } from '../analysis/syntax/ast';
import type { EffectCallback, TeardownMethod } from '../analysis/lifetimes/owners';
import { appendStatement, insertStatementBefore } from './edits';
import { getFileStyle } from './style';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

/**
 * Edits that run `cleanup` (a statement without its `;`, e.g. `clearInterval(timer)`)
 * when the effect cleans up, on every path that ran `anchor`: the statement at the top
 * of the effect's body after which what `cleanup` needs exists. Each `return;` after
 * the anchor returns the cleanup, a cleanup function it returns gets the statement,
 * and a body that can run to its end gets `return () => cleanup`. `null` when the
 * anchor is not at the top of a block body, or a return after it returns something
 * that is not a function written out. With `returnsValue` (`emitter.off(…)` returns the
 * emitter), a new cleanup gets a block body, since React's cleanup must return nothing.
 */
export function cleanupInEffect(
  sourceCode: SourceCode,
  effect: EffectCallback,
  anchor: TSESTree.Statement,
  cleanup: string,
  { returnsValue = false }: { returnsValue?: boolean } = {},
): ((fixer: Fixer) => Fix[]) | null {
  const body = effect.callback.body;
  // An async callback (Svelte's `onMount(async () => …)`) returns a promise: no cleanup can be returned.
  if (effect.callback.async || body.type !== AST_NODE_TYPES.BlockStatement || anchor.parent !== body) return null;
  const { semi } = getFileStyle(sourceCode);
  const newCleanup = returnsValue ? `() => { ${cleanup}${semi} }` : `() => ${cleanup}`;
  const edits: ((fixer: Fixer) => Fix)[] = [];
  for (const statement of getOwnReturnStatements(effect.callback)) {
    if (statement.range[0] < anchor.range[1]) continue; // this path did not start it
    const value = statement.argument && unwrapExpression(statement.argument);
    if (!value) {
      edits.push((fixer) => fixer.replaceText(statement, `return ${newCleanup}${semi}`));
      continue;
    }
    if (value.type !== AST_NODE_TYPES.ArrowFunctionExpression && value.type !== AST_NODE_TYPES.FunctionExpression) return null;
    const cleanupBody = value.body;
    if (cleanupBody.type === AST_NODE_TYPES.BlockStatement) {
      const last = cleanupBody.body.at(-1);
      edits.push((fixer) => (last ? appendStatement(fixer, sourceCode, last, cleanup) : fixer.replaceText(cleanupBody, `{ ${cleanup}${semi} }`)));
    } else {
      edits.push((fixer) => fixer.replaceText(cleanupBody, `{ ${sourceCode.getText(cleanupBody)}${semi} ${cleanup}${semi} }`));
    }
  }
  const last = body.body.at(-1)!;
  if (!endsInExit(last)) edits.push((fixer) => appendStatement(fixer, sourceCode, last, `return ${newCleanup}`));
  return (fixer) => edits.map((edit) => edit(fixer));
}

/**
 * For an effect whose body is an expression that starts something (`() =>
 * setInterval(tick, 1000)`, `() => void setTimeout(f, 10)`): the body as a block that
 * keeps `value` in `name` and returns the cleanup.
 */
export function blockBodyWithCleanup(
  sourceCode: SourceCode,
  effect: EffectCallback,
  value: TSESTree.Node,
  name: string,
  cleanup: string,
): ((fixer: Fixer) => Fix) | null {
  const body = effect.callback.body;
  if (effect.callback.async || body.type === AST_NODE_TYPES.BlockStatement) return null;
  const inner = unwrapExpression(body);
  const started = inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'void' ? unwrapExpression(inner.argument) : inner;
  if (started !== value) return null;
  const { semi } = getFileStyle(sourceCode);
  return (fixer) => fixer.replaceText(body, `{ const ${name} = ${sourceCode.getText(value)}${semi} return () => ${cleanup}${semi} }`);
}

/** Runs `statement` first thing in a class's teardown method (`clearInterval(this.timer)` in `dispose()`). */
export function runInTeardown(sourceCode: SourceCode, method: TeardownMethod, statement: string): ((fixer: Fixer) => Fix) | null {
  const body = method.fn.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return null;
  const { semi } = getFileStyle(sourceCode);
  const first = body.body[0];
  return (fixer) => (first ? insertStatementBefore(fixer, sourceCode, first, statement) : fixer.replaceText(body, `{ ${statement}${semi} }`));
}

/** `return …`/`throw …`, or an `if`/block whose every branch ends in one: the body cannot run past it. */
function endsInExit(statement: TSESTree.Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement:
      return !!statement.body.at(-1) && endsInExit(statement.body.at(-1)!);
    case AST_NODE_TYPES.IfStatement:
      return !!statement.alternate && endsInExit(statement.consequent) && endsInExit(statement.alternate);
    default:
      return false;
  }
}
