/**
 * Constructions of a class across the program: what each `new C(…)` hands one of its
 * constructor parameters, and where the new object is kept. An object that another one
 * builds, keeps in a field and hands one of its own fields
 * (`this.thread = new Thread(this.sources)`) lives as long as that field's object does,
 * in the same owner: what it registers on it goes when their common owner goes.
 */
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../syntax/node-types';
import ts from 'typescript';

import { getMemberName, unwrapExpression } from '../syntax/ast';
import type { AnyContext } from '../syntax/context';
import { escapeRegExp } from '../syntax/file-index';
import { resolveVariable } from '../syntax/references';
import { getTypeInfo, tsNodeOf, type TypeInfo } from '../types/type-info';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

const cache = new WeakMap<ClassNode, Map<number, boolean>>();

/**
 * Is `source` (a constructor parameter of `cls`, or the parameter property `this.x`)
 * handed, at every `new` of the class in the program, a field of the constructing
 * object that also keeps the new object in a field of its own? Then the two are
 * siblings of one owner. `false` when the class is never constructed in the program
 * (a dependency-injection container, another package), or without types.
 */
export function isSiblingOfCreator(context: AnyContext, source: TSESTree.Node, cls: ClassNode): boolean {
  const index = constructorParameterIndex(context, source, cls);
  const info = getTypeInfo(context);
  if (index === -1 || !info || !cls.id) return false;
  let byIndex = cache.get(cls);
  if (!byIndex) cache.set(cls, (byIndex = new Map()));
  let result = byIndex.get(index);
  if (result === undefined) {
    const sites = findConstructions(info, cls);
    result = sites.length > 0 && sites.every((site) => isSiblingConstruction(site, index));
    byIndex.set(index, result);
  }
  return result;
}

/** The position of the constructor parameter that `source` is (`sources`, or `this.sources` for a parameter property), or -1. */
function constructorParameterIndex(context: AnyContext, source: TSESTree.Node, cls: ClassNode): number {
  const ctor = cls.body.body.find(
    (member): member is TSESTree.MethodDefinition => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor',
  );
  if (!ctor) return -1;
  const node = unwrapExpression(source);
  const nameOf = (param: TSESTree.Parameter): TSESTree.Node | null => {
    const inner = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    const binding = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
    return binding.type === AST_NODE_TYPES.Identifier ? binding : null;
  };
  if (node.type === AST_NODE_TYPES.Identifier) {
    const def = resolveVariable(context, node)?.defs[0];
    return def?.type === 'Parameter' && def.node === ctor.value ? ctor.value.params.findIndex((param) => nameOf(param) === def.name) : -1;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && unwrapExpression(node.object).type === AST_NODE_TYPES.ThisExpression) {
    const name = getMemberName(node);
    return ctor.value.params.findIndex(
      (param) => param.type === AST_NODE_TYPES.TSParameterProperty && (nameOf(param) as TSESTree.Identifier | null)?.name === name,
    );
  }
  return -1;
}

const constructionSites = new WeakMap<ClassNode, readonly ts.NewExpression[]>();

/**
 * Every `new C(…)` of the class in the program's own files (not declarations), found by
 * text first, then by symbol. Kept per class: both questions of this module ask it.
 */
function findConstructions(info: TypeInfo, cls: ClassNode): readonly ts.NewExpression[] {
  let sites = constructionSites.get(cls);
  if (!sites) constructionSites.set(cls, (sites = computeConstructions(info, cls)));
  return sites;
}

function computeConstructions(info: TypeInfo, cls: ClassNode): ts.NewExpression[] {
  const declaration = tsNodeOf(info, cls) as ts.ClassLikeDeclaration;
  const symbol = declaration.name && info.checker.getSymbolAtLocation(declaration.name);
  const name = cls.id?.name;
  if (!symbol || !name) return [];
  const sites: ts.NewExpression[] = [];
  const needle = new RegExp(`\\bnew\\s+(?:[\\w$]+\\.)?${escapeRegExp(name)}\\b`);
  for (const file of getOwnFilesMentioning(info, name)) {
    if (!needle.test(file.text)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && constructs(info, node, symbol)) sites.push(node);
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return sites;
}

/**
 * The program's own source files (no declaration files, no default library) whose text
 * has `name`: a substring search, far cheaper than any pattern, on each of them.
 */
function getOwnFilesMentioning(info: TypeInfo, name: string): ts.SourceFile[] {
  return getOwnFiles(info.program).filter((file) => file.text.includes(name));
}

const ownFiles = new WeakMap<ts.Program, readonly ts.SourceFile[]>();

/** The program's own source files, once per program: it has as many declaration files as the dependencies bring. */
function getOwnFiles(program: ts.Program): readonly ts.SourceFile[] {
  let files = ownFiles.get(program);
  if (!files) ownFiles.set(program, (files = program.getSourceFiles().filter((file) => !file.isDeclarationFile && !program.isSourceFileDefaultLibrary(file))));
  return files;
}

/**
 * Visits the nodes of `file` in order, as `ts.forEachChild` does, but only those whose
 * text contains `name`: a call of `.name(…)` is written with its name, and the subtrees
 * without it (most of a file) are not walked. `visit` returning false stops the walk.
 */
function visitAroundText(file: ts.SourceFile, name: string, visit: (node: ts.Node) => boolean): void {
  const offsets: number[] = [];
  for (let at = file.text.indexOf(name); at !== -1; at = file.text.indexOf(name, at + 1)) offsets.push(at);
  // The first occurrence at or after `pos` is the one to test: any later one ends later.
  const contains = (node: ts.Node): boolean => {
    let low = 0;
    let high = offsets.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (offsets[middle]! < node.pos) low = middle + 1;
      else high = middle;
    }
    return low < offsets.length && offsets[low]! + name.length <= node.end;
  };
  let going = true;
  const walk = (node: ts.Node): void => {
    if (!going || !contains(node)) return;
    if (!visit(node)) {
      going = false;
      return;
    }
    ts.forEachChild(node, walk);
  };
  walk(file);
}

function constructs(info: TypeInfo, node: ts.NewExpression, symbol: ts.Symbol): boolean {
  const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression;
  let target = info.checker.getSymbolAtLocation(callee);
  if (target && target.flags & ts.SymbolFlags.Alias) target = info.checker.getAliasedSymbol(target);
  return target === symbol;
}

/** `this.child = new C(…, this.field, …)` (or a field initializer): kept and handed by the same object. */
function isSiblingConstruction(site: ts.NewExpression, index: number): boolean {
  const args = site.arguments ?? ts.factory.createNodeArray();
  if (args.slice(0, index + 1).some(ts.isSpreadElement)) return false;
  const argument = args[index] && skipOuter(args[index]);
  if (!argument || !isThisField(argument)) return false;
  let node: ts.Node = site;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isNonNullExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (ts.isPropertyDeclaration(parent)) return parent.initializer === node && !parent.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
  return ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node && isThisField(skipOuter(parent.left));
}

function isThisField(node: ts.Expression): boolean {
  return (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && node.expression.kind === ts.SyntaxKind.ThisKeyword;
}

function skipOuter(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current)) current = current.expression;
  return current;
}

const onceCache = new WeakMap<ClassNode, Map<string, boolean>>();

/**
 * Is method `name` of `cls` called at most once per object across the program? Every
 * `new C(…)` is kept in a `const` (`const p = new C(…)`, also awaited or in a loop body
 * of its own), and every call of `.name(…)` on an instance of the class is one call on
 * such a `const`, made once per run of the code that built it (not in a loop inside
 * that code). `false` when the class is never built in the program (a library's
 * callers may call it again), or without types.
 */
export function isCalledOncePerConstruction(context: AnyContext, cls: ClassNode, name: string): boolean {
  const info = getTypeInfo(context);
  if (!info || !cls.id) return false;
  let byName = onceCache.get(cls);
  if (!byName) onceCache.set(cls, (byName = new Map()));
  let result = byName.get(name);
  if (result === undefined) {
    result = computeCalledOnce(info, cls, name);
    byName.set(name, result);
  }
  return result;
}

function computeCalledOnce(info: TypeInfo, cls: ClassNode, name: string): boolean {
  // Only a method with an identifier name is found by its calls' text; `k['go(']()` or `k['start']()` is not.
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  const declaration = tsNodeOf(info, cls) as ts.ClassLikeDeclaration;
  const symbol = declaration.name && info.checker.getSymbolAtLocation(declaration.name);
  const className = cls.id?.name;
  if (!symbol || !className) return false;
  const sites = findConstructions(info, cls);
  if (sites.length === 0) return false;
  const holders = new Set<ts.Symbol>();
  for (const site of sites) {
    let node: ts.Node = site;
    while (ts.isParenthesizedExpression(node.parent) || ts.isAwaitExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
    const declarator = node.parent;
    if (!ts.isVariableDeclaration(declarator) || declarator.initializer !== node || !ts.isIdentifier(declarator.name)) return false;
    if (!(declarator.parent.flags & ts.NodeFlags.Const)) return false;
    const holder = info.checker.getSymbolAtLocation(declarator.name);
    if (!holder) return false;
    holders.add(holder);
  }
  // Every call of `.name(…)` on an instance: on a holder, once each, not repeated by a loop of its own.
  const calls = new Map<ts.Symbol, number>();
  const needle = new RegExp(`\\.${escapeRegExp(name)}\\s*\\(`);
  // A call by element access (`k['start']()`) is not followed below: it may be another call.
  const byElement = new RegExp(`[\\w$)\\]]\\s*\\[\\s*['"\`]${escapeRegExp(name)}['"\`]\\s*\\]\\s*\\(`);
  let ok = true;
  for (const file of getOwnFilesMentioning(info, name)) {
    if (!ok) break;
    // The pattern starts with a character class, which the engine tries at every position: test it only if the name is ever followed by a quote.
    if (QUOTES.some((quote) => file.text.includes(`${name}${quote}`)) && byElement.test(file.text)) return false;
    if (!needle.test(file.text)) continue;
    visitAroundText(file, name, (node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === name) {
        const receiver = node.expression.expression;
        const type = info.checker.getTypeAtLocation(receiver);
        const isInstance = type.getSymbol() === symbol || (type.isUnion() && type.types.some((part) => part.getSymbol() === symbol));
        if (isInstance || receiver.kind === ts.SyntaxKind.ThisKeyword) {
          const holder = ts.isIdentifier(receiver) ? info.checker.getSymbolAtLocation(receiver) : undefined;
          if (!holder || !holders.has(holder) || isRepeatedAfter(node, holder)) ok = isInstance ? false : ok;
          else calls.set(holder, (calls.get(holder) ?? 0) + 1);
        }
      }
      return ok;
    });
  }
  return ok && [...calls.values()].every((count) => count === 1);
}

const QUOTES = ["'", '"', '`'];

/** Is `call` in a loop, or a function other than the one that declares `holder`? */
function isRepeatedAfter(call: ts.Node, holder: ts.Symbol): boolean {
  const declaration = holder.valueDeclaration;
  if (!declaration) return true;
  for (let node: ts.Node = call.parent; node; node = node.parent) {
    if (node.pos <= declaration.pos && declaration.end <= node.end) return false;
    if (ts.isIterationStatement(node, false) || ts.isFunctionLike(node)) return true;
  }
  return true;
}
