import { type ParserServicesWithTypeInformation, type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';
import type * as ts from 'typescript';

import { unwrapExpression } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';

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

type CallLikeNode = TSESTree.CallExpression | TSESTree.NewExpression;

/**
 * The callee whose type a call is resolved by: the callee itself, or, when an
 * assertion around it (`as`, `satisfies`, `!`, `<T>`; parentheses are not nodes)
 * hides its signatures (`(setTimeout as any)(…)`), the expression inside. The one
 * place where a call's callee is unwrapped for the checker.
 */
export function getResolvableCallee(info: TypeInfo, call: CallLikeNode): TSESTree.Node {
  const callee = call.callee;
  const inner = unwrapExpression(callee);
  if (inner === callee) return callee;
  const construct = call.type === AST_NODE_TYPES.NewExpression;
  const signatures = (type: ts.Type) => (construct ? type.getConstructSignatures() : type.getCallSignatures());
  return signatures(typeOfNode(info, callee)).length === 0 && signatures(typeOfNode(info, inner)).length > 0 ? inner : callee;
}

/**
 * The signature a call resolves to (the overload the checker picked), looking through
 * an assertion that hides the callee's own signatures: then the first of them that
 * takes the call's number of arguments.
 */
export function getCallSignature(info: TypeInfo, call: CallLikeNode): ts.Signature | undefined {
  const resolved = info.checker.getResolvedSignature(tsNodeOf(info, call) as ts.CallExpression | ts.NewExpression);
  if (resolved?.declaration) return resolved;
  const callee = getResolvableCallee(info, call);
  if (callee === call.callee) return resolved;
  const type = typeOfNode(info, callee);
  const candidates = call.type === AST_NODE_TYPES.NewExpression ? type.getConstructSignatures() : type.getCallSignatures();
  const count = call.arguments.length;
  return (
    candidates.find((signature) => {
      const parameters = signature.getParameters();
      const last = parameters.at(-1)?.valueDeclaration as ts.ParameterDeclaration | undefined;
      const required = parameters.filter((p) => {
        const d = p.valueDeclaration as ts.ParameterDeclaration | undefined;
        return !!d && !d.questionToken && !d.initializer && !d.dotDotDotToken;
      }).length;
      return count >= required && (count <= parameters.length || !!last?.dotDotDotToken);
    }) ?? resolved
  );
}
