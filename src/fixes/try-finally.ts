/**
 * Fixes that make a release run on every path out of some code: `try { … } finally { … }`.
 */
import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/syntax/node-types';

import { getFileStyle, getIndent, getIndentUnit, hasMultilineTemplate, isOnOwnLine, reindent } from './style';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

/**
 * Edits that run `release` after `rest` (the statements that follow an acquisition
 * in a block) on every path: added to the `finally` of a lone `try` that follows,
 * given to that `try` as a new `finally`, or a new `try { …rest } finally { … }`.
 * `release` is a new statement (a string: it gets the file's semicolon style) or a
 * statement moved from elsewhere (`{ text, indent }`: it keeps its text and is
 * re-indented). `null` when the rest cannot be wrapped (it declares a function).
 */
export function releaseAfter(
  sourceCode: SourceCode,
  rest: readonly TSESTree.Statement[],
  release: string | { text: string; indent: string },
): ((fixer: Fixer) => Fix[]) | null {
  if (rest.length === 0 || rest.some((s) => s.type === AST_NODE_TYPES.FunctionDeclaration)) return null;
  const { semi } = getFileStyle(sourceCode);
  const unit = getIndentUnit(sourceCode);
  const text = typeof release === 'string' ? `${release}${semi}` : release.text;
  const first = rest[0]!;
  const indent = getIndent(sourceCode, first);
  const reindented = typeof release === 'string' ? text : reindent(text, `${indent}${unit}`, release.indent);
  if (rest.length === 1 && first.type === AST_NODE_TYPES.TryStatement) {
    const tryStatement = first;
    if (tryStatement.finalizer) {
      const finalizer = tryStatement.finalizer;
      const open = sourceCode.getFirstToken(finalizer)!;
      const multiline = finalizer.loc.start.line !== finalizer.loc.end.line;
      // Placed before the finally's own statements: end it explicitly.
      const terminated = finalizer.body.length > 0 && !/[;}]$/.test(text) ? ';' : '';
      return (fixer) => [
        multiline
          ? fixer.insertTextAfter(open, `\n${indent}${unit}${reindented}${terminated}`)
          : fixer.insertTextAfter(open, ` ${text}${terminated}${finalizer.body.length === 0 ? ' ' : ''}`),
      ];
    }
    const handler = tryStatement.handler!;
    const multiline = handler.loc.start.line !== handler.loc.end.line;
    return (fixer) => [
      fixer.insertTextAfter(handler, multiline ? ` finally {\n${indent}${unit}${reindented}\n${indent}}` : ` finally { ${text} }`),
    ];
  }
  const last = rest.at(-1)!;
  const trailing = sourceCode.getCommentsAfter(last).filter((c) => c.loc.start.line === last.loc.end.line);
  const end = trailing.at(-1)?.range[1] ?? last.range[1];
  const body = sourceCode.text.slice(first.range[0], end);
  if (!isOnOwnLine(sourceCode, first)) {
    if (trailing.some((c) => c.type === 'Line')) return null;
    return (fixer) => [fixer.replaceTextRange([first.range[0], end], `try { ${body} } finally { ${text} }`)];
  }
  const inner = hasMultilineTemplate(rest) ? body : reindent(body, `${indent}${unit}`, indent);
  return (fixer) => [
    fixer.replaceTextRange([first.range[0], end], `try {\n${indent}${unit}${inner}\n${indent}} finally {\n${indent}${unit}${reindented}\n${indent}}`),
  ];
}

/**
 * The text that replaces `statement` so that `finallyStatements` run once it is
 * done: `try { <text> } finally { … }` (on one line when the statement shares its
 * line), after an optional `prelude` statement. `text` is the statement's own text,
 * possibly edited; `wrap: false` keeps it unwrapped (it settles by itself: a `.finally()`).
 */
export function wrapInTryFinally(
  sourceCode: SourceCode,
  statement: TSESTree.Statement,
  { text, prelude, finallyStatements, wrap }: { text: string; prelude: string | null; finallyStatements: readonly string[]; wrap: boolean },
): string {
  const { semi } = getFileStyle(sourceCode);
  const indent = getIndent(sourceCode, statement);
  const unit = getIndentUnit(sourceCode);
  const inline = !isOnOwnLine(sourceCode, statement) && statement.loc.start.line === statement.loc.end.line;
  const head = prelude ? `${prelude}${semi}${inline ? ' ' : `\n${indent}`}` : '';
  let body = text;
  if (wrap && inline) {
    body = `try { ${body} } finally { ${finallyStatements.map((s) => `${s}${semi}`).join(' ')} }`;
  } else if (wrap) {
    if (!hasMultilineTemplate([statement])) body = body.replace(/\n(?=[^\n])/g, `\n${unit}`);
    body =
      `try {\n${indent}${unit}${body}\n${indent}} finally {\n` +
      finallyStatements.map((s) => `${indent}${unit}${s}${semi}\n`).join('') +
      `${indent}}`;
  }
  return head + body;
}
