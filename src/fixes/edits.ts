import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { getFileStyle, getIndent, quoted } from './style';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

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

/** Adds `text` (a property, e.g. `signal` or `signal: opts.signal`) to an object literal, keeping its layout. */
export function addObjectProperty(fixer: Fixer, sourceCode: SourceCode, object: TSESTree.ObjectExpression, text: string): Fix {
  const last = object.properties.at(-1);
  if (!last) {
    return fixer.replaceText(object, `{ ${text} }`);
  }
  const after = sourceCode.getTokenAfter(last)!;
  if (after.value === ',') {
    const multiline = object.loc.start.line !== object.loc.end.line;
    return multiline
      ? fixer.insertTextAfter(after, `\n${getIndent(sourceCode, last)}${text},`)
      : fixer.insertTextAfter(after, ` ${text},`);
  }
  return fixer.insertTextAfter(last, `, ${text}`);
}

/** Appends arguments to a call (after its last argument, or into empty parentheses). */
export function appendArguments(fixer: Fixer, sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression, texts: string[]): Fix {
  const last = call.arguments.at(-1);
  if (last) {
    const after = sourceCode.getTokenAfter(last)!;
    const target = after.value === ',' ? after : last;
    return fixer.insertTextAfter(target, `${after.value === ',' ? ' ' : ', '}${texts.join(', ')}`);
  }
  const closing = sourceCode.getLastToken(call)!;
  if (closing.value !== ')') {
    // `new Foo` without parentheses.
    return fixer.insertTextAfter(call, `(${texts.join(', ')})`);
  }
  return fixer.insertTextBefore(closing, texts.join(', '));
}

/**
 * Makes `name` importable from `source`: adds it to an existing named import of
 * that module, or adds an import declaration after the last one (at the top when
 * there is none). Returns no edit when it is already imported under that name.
 */
export function addNamedImport(fixer: Fixer, sourceCode: SourceCode, source: string, name: string, local = name): Fix[] {
  const program = sourceCode.ast;
  const imports = program.body.filter((s): s is TSESTree.ImportDeclaration => s.type === AST_NODE_TYPES.ImportDeclaration);
  for (const declaration of imports) {
    if (declaration.source.value !== source || declaration.importKind === 'type') continue;
    const named = declaration.specifiers.filter((s): s is TSESTree.ImportSpecifier => s.type === AST_NODE_TYPES.ImportSpecifier);
    if (named.some((s) => s.local.name === local)) return [];
    const lastNamed = named.at(-1);
    const spec = local === name ? name : `${name} as ${local}`;
    if (lastNamed) return [fixer.insertTextAfter(lastNamed, `, ${spec}`)];
  }
  const { semi } = getFileStyle(sourceCode);
  const spec = local === name ? name : `${name} as ${local}`;
  const text = `import { ${spec} } from ${quoted(sourceCode, source)}${semi}`;
  const lastImport = imports.at(-1);
  if (lastImport) return [fixer.insertTextAfter(lastImport, `\n${text}`)];
  const first = program.body[0];
  return first ? [fixer.insertTextBefore(first, `${text}\n`)] : [fixer.insertTextAfterRange([0, 0], `${text}\n`)];
}
