import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

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

/**
 * A name that no variable of the file uses and no reference reaches through:
 * `base`, else `base2`, `base3`... so the new binding neither collides nor shadows.
 */
export function getUniqueName(sourceCode: SourceCode, base: string): string {
  const taken = new Set<string>();
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    for (const variable of scope.variables) taken.add(variable.name);
    for (const reference of scope.through) taken.add(reference.identifier.name);
  }
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}
