import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/syntax/node-types';

import { walk } from '../analysis/syntax/ast';

type SourceCode = Readonly<TSESLint.SourceCode>;

const styleCache = new WeakMap<object, { semi: string; quote: string }>();

/**
 * The file's own style, so fixes blend in: whether statements end in `;` (by
 * majority of the top-level statements that can) and which quote strings use.
 */
export function getFileStyle(sourceCode: SourceCode): { semi: string; quote: string } {
  const cached = styleCache.get(sourceCode);
  if (cached) return cached;
  let withSemi = 0;
  let without = 0;
  const visit = (statements: readonly TSESTree.Node[]) => {
    for (const statement of statements) {
      if (
        statement.type === AST_NODE_TYPES.ExpressionStatement ||
        statement.type === AST_NODE_TYPES.VariableDeclaration ||
        statement.type === AST_NODE_TYPES.ImportDeclaration ||
        statement.type === AST_NODE_TYPES.ReturnStatement
      ) {
        if (sourceCode.getLastToken(statement)?.value === ';') withSemi++;
        else without++;
      }
    }
  };
  visit(sourceCode.ast.body);
  let quote = "'";
  for (const token of sourceCode.ast.tokens) {
    if (token.type === 'String') {
      quote = token.value.startsWith('"') ? '"' : "'";
      break;
    }
  }
  const style = { semi: without > withSemi ? '' : ';', quote };
  styleCache.set(sourceCode, style);
  return style;
}

/** The indentation of the line `node` starts on. */
export function getIndent(sourceCode: SourceCode, node: TSESTree.Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line)![0];
}

/** One indentation step as the file uses it (two spaces when it cannot tell). */
export function getIndentUnit(sourceCode: SourceCode): string {
  for (const line of sourceCode.lines) {
    const match = /^(\t+| +)\S/.exec(line);
    if (match) return match[1]!.startsWith('\t') ? '\t' : match[1]!.length >= 4 ? '    ' : '  ';
  }
  return '  ';
}

/** A string literal in the file's quote style. */
export function quoted(sourceCode: SourceCode, value: string): string {
  const { quote } = getFileStyle(sourceCode);
  return `${quote}${value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`)}${quote}`;
}

/** Whether `node` is the first thing on its line. */
export function isOnOwnLine(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const line = sourceCode.lines[node.loc.start.line - 1]!;
  return /^\s*$/.test(line.slice(0, node.loc.start.column));
}

/**
 * Re-indents moved code: every line after the first gets `indent` in place of its
 * old indentation `from` (a line that does not start with `from` is trimmed).
 */
export function reindent(text: string, indent: string, from = ''): string {
  return text
    .split('\n')
    .map((line, i) => {
      if (i === 0 || line.trim() === '') return i === 0 ? line : '';
      return `${indent}${line.startsWith(from) ? line.slice(from.length) : line.trimStart()}`;
    })
    .join('\n');
}

/** Whether any of the nodes holds a template literal spanning lines (re-indenting would change its value). */
export function hasMultilineTemplate(nodes: readonly TSESTree.Node[]): boolean {
  let found = false;
  for (const node of nodes) {
    walk(node, (inner) => {
      if (inner.type === AST_NODE_TYPES.TemplateLiteral && inner.loc.start.line !== inner.loc.end.line) found = true;
      return !found;
    });
  }
  return found;
}

/** Whether a statement holds a comment or has one after it on its last line (moving or removing it would lose it). */
export function hasCommentsAround(sourceCode: SourceCode, statement: TSESTree.Node): boolean {
  return (
    sourceCode.getCommentsInside(statement).length > 0 ||
    sourceCode.getCommentsAfter(statement).some((c) => c.loc.start.line === statement.loc.end.line)
  );
}
