import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import type { AnyContext } from './context';

/** What a rule needs from the type checker, or `null` for a file outside every TS program. */
export interface TypeInfo {
  readonly services: ParserServicesWithTypeInformation;
  readonly checker: ts.TypeChecker;
  readonly program: ts.Program;
}

const cache = new WeakMap<object, TypeInfo | null>();

/**
 * The type information of the file being linted, or `null` when there is none (no
 * `parserOptions.project`/`projectService`, a file outside every program, another
 * parser). Never throws: rules degrade to their syntax-only mode instead.
 */
export function getTypeInfo(context: AnyContext): TypeInfo | null {
  const sourceCode = context.sourceCode;
  const cached = cache.get(sourceCode);
  if (cached !== undefined) return cached;
  const services = sourceCode.parserServices as Partial<ParserServicesWithTypeInformation> | undefined;
  let info: TypeInfo | null = null;
  if (services?.program && services.esTreeNodeToTSNodeMap && services.tsNodeToESTreeNodeMap) {
    info = {
      services: services as ParserServicesWithTypeInformation,
      checker: services.program.getTypeChecker(),
      program: services.program,
    };
  }
  cache.set(sourceCode, info);
  return info;
}

/** The checker's type of an ESTree node. */
export function typeOfNode(info: TypeInfo, node: TSESTree.Node): ts.Type {
  return info.checker.getTypeAtLocation(info.services.esTreeNodeToTSNodeMap.get(node));
}

/** The TypeScript node behind an ESTree node. */
export function tsNodeOf(info: TypeInfo, node: TSESTree.Node): ts.Node {
  return info.services.esTreeNodeToTSNodeMap.get(node);
}
