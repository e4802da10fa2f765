import * as path from 'node:path';

import parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import { walk } from '../../src/analysis';
import { fixturesDir, TYPED_PARSER_OPTIONS } from '../rule-tester';

export type ProbeContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Runs `listen` as a throwaway rule over `code` (type-aware in the fixtures
 * project unless `typed: false`) and returns what it pushed. Parse errors and
 * exceptions fail the test.
 */
export function probe<T>(
  code: string,
  listen: (context: ProbeContext, push: (value: T) => void) => TSESLint.RuleListener,
  { typed = true, filename = 'file.ts' }: { typed?: boolean; filename?: string } = {},
): T[] {
  const found: T[] = [];
  const rule: TSESLint.RuleModule<string, readonly unknown[]> = {
    meta: { type: 'problem', schema: [], messages: {} },
    defaultOptions: [],
    create: (context) => listen(context, (value) => found.push(value)),
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.tsx'],
        plugins: { probe: { rules: { probe: rule } } } as never,
        languageOptions: {
          parser: parser as never,
          parserOptions: typed ? TYPED_PARSER_OPTIONS : {},
        },
        rules: { 'probe/probe': 'error' },
      },
    ],
    path.join(fixturesDir, filename),
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`probe: ${fatal.message} (line ${fatal.line})`);
  return found;
}

/** The node whose text is `text` where it first occurs in `root` (the innermost of those starting there). */
export function findNodeByText(context: ProbeContext, root: TSESTree.Node, text: string): TSESTree.Node {
  let found: TSESTree.Node | null = null;
  walk(root, (node) => {
    if (context.sourceCode.getText(node) === text && (!found || node.range[0] === found.range[0])) found = node;
  });
  if (!found) throw new Error(`findNodeByText: no node reads ${JSON.stringify(text)}`);
  return found;
}
