import { type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../analysis/syntax/node-types';

import { getFileStyle, getIndent, getIndentUnit, hasMultilineTemplate, quoted, reindent } from './style';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

/** A text edit: replace `range` (empty for an insertion) with `text`. Fixes that rewrite a statement's text compose these. */
export interface Edit {
  readonly range: readonly [number, number];
  readonly text: string;
}

/** The fixer operation for an edit. */
export function applyEdit(fixer: Fixer, edit: Edit): Fix {
  return fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text);
}

/** `text` (which starts at offset `base` of the file) with the edits applied, last first. */
export function applyEdits(text: string, base: number, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.range[0] - a.range[0]);
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, edit.range[0] - base) + edit.text + result.slice(edit.range[1] - base);
  }
  return result;
}

/** Inserts a statement (without its `;`) on its own line before `statement`, at its indentation. */
export function insertStatementBefore(fixer: Fixer, sourceCode: SourceCode, statement: TSESTree.Node, text: string): Fix {
  const { semi } = getFileStyle(sourceCode);
  const indent = getIndent(sourceCode, statement);
  const startsLine = /^\s*$/.test(sourceCode.lines[statement.loc.start.line - 1]!.slice(0, statement.loc.start.column));
  return fixer.insertTextBefore(statement, startsLine ? `${text}${semi}\n${indent}` : `${text}${semi} `);
}

/** Inserts a statement on its own line after `statement`. */
export function insertStatementAfter(fixer: Fixer, sourceCode: SourceCode, statement: TSESTree.Node, text: string): Fix {
  const { semi } = getFileStyle(sourceCode);
  const indent = getIndent(sourceCode, statement);
  return fixer.insertTextAfter(statement, `\n${indent}${text}${semi}`);
}

/**
 * Inserts a statement after `statement` in the layout it sits in: on its own line
 * when `statement` starts a line, else on the same line (`{ a(); b(); }`).
 */
export function appendStatement(fixer: Fixer, sourceCode: SourceCode, statement: TSESTree.Node, text: string): Fix {
  const before = sourceCode.getTokenBefore(statement);
  if (!before || before.loc.end.line < statement.loc.start.line) return insertStatementAfter(fixer, sourceCode, statement, text);
  const { semi } = getFileStyle(sourceCode);
  return fixer.insertTextAfter(statement, ` ${text}${semi}`);
}

/** Removes a statement: its whole line(s) when it stands alone on them, else the statement and the spaces after it. */
export function removeStatement(fixer: Fixer, sourceCode: SourceCode, statement: TSESTree.Node): Fix {
  const line = sourceCode.lines[statement.loc.start.line - 1]!;
  const endLine = sourceCode.lines[statement.loc.end.line - 1]!;
  const before = line.slice(0, statement.loc.start.column);
  const after = endLine.slice(statement.loc.end.column);
  if (/^\s*$/.test(before) && /^\s*$/.test(after)) {
    const start = statement.range[0] - before.length;
    const end = statement.range[1] + after.length + 1;
    return fixer.removeRange([start, Math.min(end, sourceCode.text.length)]);
  }
  const next = sourceCode.text.slice(statement.range[1]).match(/^ */)![0].length;
  return fixer.removeRange([statement.range[0], statement.range[1] + next]);
}

/**
 * Removes whole statements (releases a fix moves elsewhere) together with what they
 * leave empty, so that no `finally {}` or `{}` is left behind: a block they were all
 * of, a `finally` clause, and a `try` left with only its block, which gives way to the
 * block's statements (one indentation step out; a bare block where its declarations
 * would otherwise leak into the scope around it). A block or clause that holds a
 * comment stays. `others` are the fix's other edits: those inside an unwrapped `try`
 * are applied to its text, so that the fix's edits never overlap. Returns every edit
 * of the fix.
 */
export function removeStatementsWithEmptied(
  fixer: Fixer,
  sourceCode: SourceCode,
  statements: readonly TSESTree.Node[],
  others: readonly Fix[],
): Fix[] {
  const removed = new Set<TSESTree.Node>(statements);
  const emptied = (block: TSESTree.BlockStatement) => block.body.every((s) => removed.has(s)) && sourceCode.getCommentsInside(block).length === 0;
  const targets = new Set<TSESTree.Node>();
  for (const statement of statements) {
    let target: TSESTree.Node = statement;
    while (target.parent?.type === AST_NODE_TYPES.BlockStatement && emptied(target.parent)) {
      const block: TSESTree.BlockStatement = target.parent;
      const owner = block.parent;
      if (owner.type === AST_NODE_TYPES.TryStatement && owner.finalizer === block) {
        target = block;
        break;
      }
      if (owner.type !== AST_NODE_TYPES.BlockStatement && owner.type !== AST_NODE_TYPES.Program) break;
      removed.add(block);
      target = block;
    }
    targets.add(target);
  }
  let fixes = [...others];
  for (const target of targets) {
    if (target.parent?.type !== AST_NODE_TYPES.TryStatement) {
      fixes.push(removeStatement(fixer, sourceCode, target));
      continue;
    }
    const tryStatement = target.parent;
    if (tryStatement.handler) {
      fixes.push(fixer.removeRange([tryStatement.handler.range[1], target.range[1]]));
      continue;
    }
    const unwrapped = unwrapTry(fixer, sourceCode, tryStatement, fixes);
    fixes = [...fixes.filter((fix) => !unwrapped.absorbed.includes(fix)), ...unwrapped.fixes];
  }
  return fixes;
}

/** `try { … } finally { <emptied> }` → its block's statements (or `{ … }`), with the fixes inside the block applied to them. */
function unwrapTry(fixer: Fixer, sourceCode: SourceCode, tryStatement: TSESTree.TryStatement, fixes: readonly Fix[]): { fixes: Fix[]; absorbed: Fix[] } {
  const block = tryStatement.block;
  const open = block.range[0] + 1;
  const close = block.range[1] - 1;
  const absorbed = fixes.filter((fix) => fix.range[0] >= open && fix.range[1] <= close);
  const inner = applyEdits(sourceCode.text.slice(open, close), open, absorbed);
  const declares = block.body.some(
    (s) =>
      (s.type === AST_NODE_TYPES.VariableDeclaration && s.kind !== 'var') ||
      s.type === AST_NODE_TYPES.ClassDeclaration ||
      s.type === AST_NODE_TYPES.FunctionDeclaration,
  );
  const inList = [AST_NODE_TYPES.BlockStatement, AST_NODE_TYPES.Program, AST_NODE_TYPES.SwitchCase].includes(tryStatement.parent.type);
  if (block.body.length === 0 || declares || (!inList && block.body.length !== 1)) {
    // A bare block keeps the scope: drop `try` and the `finally` clause only.
    const text = `{${inner}}`;
    return { fixes: [fixer.replaceTextRange(tryStatement.range, text)], absorbed };
  }
  const indent = getIndent(sourceCode, tryStatement);
  const text = hasMultilineTemplate(block.body) ? inner.trim() : reindent(inner.trim(), indent, `${indent}${getIndentUnit(sourceCode)}`);
  return { fixes: [fixer.replaceTextRange(tryStatement.range, text)], absorbed };
}

/** Adds `text` (a property, e.g. `signal` or `signal: opts.signal`) to an object literal, keeping its layout. */
export function objectPropertyEdit(sourceCode: SourceCode, object: TSESTree.ObjectExpression, text: string): Edit {
  const last = object.properties.at(-1);
  if (!last) return { range: object.range, text: `{ ${text} }` };
  const after = sourceCode.getTokenAfter(last)!;
  if (after.value === ',') {
    const multiline = object.loc.start.line !== object.loc.end.line;
    return { range: [after.range[1], after.range[1]], text: multiline ? `\n${getIndent(sourceCode, last)}${text},` : ` ${text},` };
  }
  return { range: [last.range[1], last.range[1]], text: `, ${text}` };
}

export function addObjectProperty(fixer: Fixer, sourceCode: SourceCode, object: TSESTree.ObjectExpression, text: string): Fix {
  return applyEdit(fixer, objectPropertyEdit(sourceCode, object, text));
}

/** Appends arguments to a call (after its last argument, or into empty parentheses). */
export function appendArgumentsEdit(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression, texts: readonly string[]): Edit {
  const last = call.arguments.at(-1);
  if (last) {
    const after = sourceCode.getTokenAfter(last)!;
    const target = after.value === ',' ? after : last;
    return { range: [target.range[1], target.range[1]], text: `${after.value === ',' ? ' ' : ', '}${texts.join(', ')}` };
  }
  const closing = sourceCode.getLastToken(call)!;
  // `new Foo` without parentheses.
  if (closing.value !== ')') return { range: [call.range[1], call.range[1]], text: `(${texts.join(', ')})` };
  return { range: [closing.range[0], closing.range[0]], text: texts.join(', ') };
}

export function appendArguments(fixer: Fixer, sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression, texts: string[]): Fix {
  return applyEdit(fixer, appendArgumentsEdit(sourceCode, call, texts));
}

/**
 * Makes `name` importable from `source`: adds it to an existing named import of
 * that module, or adds an import declaration after the last one (at the top when
 * there is none). Returns no edit when it is already imported under that name.
 */
export function addNamedImport(fixer: Fixer, sourceCode: SourceCode, source: string, name: string, local = name): Fix[] {
  const program = sourceCode.ast;
  const imports = program.body.filter((s): s is TSESTree.ImportDeclaration => s.type === AST_NODE_TYPES.ImportDeclaration);
  const specifier = local === name ? name : `${name} as ${local}`;
  for (const declaration of imports) {
    if (declaration.source.value !== source || declaration.importKind === 'type') continue;
    const named = declaration.specifiers.filter((s): s is TSESTree.ImportSpecifier => s.type === AST_NODE_TYPES.ImportSpecifier);
    if (named.some((s) => s.local.name === local)) return [];
    const lastNamed = named.at(-1);
    if (lastNamed) return [fixer.insertTextAfter(lastNamed, `, ${specifier}`)];
  }
  const { semi } = getFileStyle(sourceCode);
  const text = `import { ${specifier} } from ${quoted(sourceCode, source)}${semi}`;
  const lastImport = imports.at(-1);
  if (lastImport) return [fixer.insertTextAfter(lastImport, `\n${text}`)];
  const first = program.body[0];
  return first ? [fixer.insertTextBefore(first, `${text}\n`)] : [fixer.insertTextAfterRange([0, 0], `${text}\n`)];
}
