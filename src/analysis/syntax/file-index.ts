/**
 * What many nodes of one file ask about the whole file, computed once per file (and
 * per lint pass: the cache is keyed by the `SourceCode`): every call, `for…of` loop
 * and object destructuring (also those inside a node, by position), and every member
 * expression by name. The layers above
 * keep what they derive from it the same way (`perFile`): the calls of local functions
 * and the call sites of each (`functions`), every release (`releases.getFileReleases`).
 */
import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './node-types';

import { getMemberName, walk } from './ast';
import type { AnyContext } from './context';

interface FileIndex {
  readonly calls: readonly TSESTree.CallExpression[];
  readonly forOfs: readonly TSESTree.ForOfStatement[];
  readonly membersByName: ReadonlyMap<string, readonly TSESTree.MemberExpression[]>;
  /** `const { a } = o` and `({ a } = o)`: the declarators and assignments that destructure an object. */
  readonly destructurings: readonly (TSESTree.VariableDeclarator | TSESTree.AssignmentExpression)[];
}

const indexes = new WeakMap<object, FileIndex>();

function getFileIndex(context: AnyContext): FileIndex {
  let index = indexes.get(context.sourceCode);
  if (!index) {
    const calls: TSESTree.CallExpression[] = [];
    const forOfs: TSESTree.ForOfStatement[] = [];
    const members: TSESTree.MemberExpression[] = [];
    const destructurings: (TSESTree.VariableDeclarator | TSESTree.AssignmentExpression)[] = [];
    walk(context.sourceCode.ast, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression) calls.push(node);
      else if (node.type === AST_NODE_TYPES.MemberExpression) members.push(node);
      else if (isObjectDestructuring(node)) destructurings.push(node);
      else if (node.type === AST_NODE_TYPES.ForOfStatement) forOfs.push(node);
    });
    index = { calls, forOfs, membersByName: groupBy(members, getMemberName), destructurings };
    indexes.set(context.sourceCode, index);
  }
  return index;
}

/** `const { a } = o` or `({ a } = o)`. */
function isObjectDestructuring(node: TSESTree.Node): node is TSESTree.VariableDeclarator | TSESTree.AssignmentExpression {
  if (node.type === AST_NODE_TYPES.VariableDeclarator) return node.id.type === AST_NODE_TYPES.ObjectPattern;
  return node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.ObjectPattern;
}

/** Every member expression of the file with that member name (`x.timer`, `this.timer`, `a['timer']`). */
export function getMembersNamed(context: AnyContext, name: string): readonly TSESTree.MemberExpression[] {
  return getFileIndex(context).membersByName.get(name) ?? [];
}

/** The member expressions of that name inside `node`, in source order. */
export function getMembersNamedWithin(context: AnyContext, name: string, node: TSESTree.Node): readonly TSESTree.MemberExpression[] {
  const members = getFileIndex(context).membersByName.get(name);
  return members ? within(members, node) : [];
}

/** The object destructurings inside `node` (`const { a } = o`, `({ a } = o)`), in source order. */
export function getDestructuringsWithin(context: AnyContext, node: TSESTree.Node): readonly (TSESTree.VariableDeclarator | TSESTree.AssignmentExpression)[] {
  return within(getFileIndex(context).destructurings, node);
}

/** Every call of the file, in source order. */
export function getFileCalls(context: AnyContext): readonly TSESTree.CallExpression[] {
  return getFileIndex(context).calls;
}

/** The calls inside `node` (`node` included), in source order: a slice of the file's calls, found by position. */
export function getCallsWithin(context: AnyContext, node: TSESTree.Node): readonly TSESTree.CallExpression[] {
  return within(getFileIndex(context).calls, node);
}

/** The `for…of` loops inside `node`, in source order. */
export function getForOfsWithin(context: AnyContext, node: TSESTree.Node): readonly TSESTree.ForOfStatement[] {
  return within(getFileIndex(context).forOfs, node);
}

function within<T extends TSESTree.Node>(items: readonly T[], node: TSESTree.Node): readonly T[] {
  return sliceWithin(items, node, (item) => item);
}

/**
 * The items of a source-ordered list (pre-order: a node before those inside it) whose
 * node (`nodeOf`) lies inside `node`: they are one run of the list, from the first that
 * starts at or after `node` and ends within it, to the first that starts after it ends.
 * For the lists the layers above derive from this index (`releases`, `functions`).
 */
export function sliceWithin<T>(items: readonly T[], node: TSESTree.Node, nodeOf: (item: T) => TSESTree.Node): readonly T[] {
  const [start, end] = node.range;
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (nodeOf(items[middle]!).range[0] < start) low = middle + 1;
    else high = middle;
  }
  // Those that start where `node` does but end after it are around it (`x.f()` around `x`): they come first.
  while (low < items.length && nodeOf(items[low]!).range[0] < end && nodeOf(items[low]!).range[1] > end) low++;
  let last = low;
  while (last < items.length && nodeOf(items[last]!).range[0] < end) last++;
  return items.slice(low, last);
}

/**
 * An answer about the whole file that a layer above derives from this index: computed
 * on its first request, then kept like the index, once per file and lint pass (keyed
 * by the `SourceCode`).
 */
export function perFile<T>(compute: (context: AnyContext) => T): (context: AnyContext) => T {
  const answers = new WeakMap<object, T>();
  return (context) => {
    const key = context.sourceCode;
    let answer = answers.get(key);
    if (answer === undefined && !answers.has(key)) {
      answer = compute(context);
      answers.set(key, answer);
    }
    return answer as T;
  };
}

/**
 * A per-file test: could the file name one of these names anywhere? Its text contains
 * one (one pattern, one pass over the text: a search per name passes over it once per
 * name), or it may spell one with an escape (`mayEscapeNames`).
 */
export function mentionsAnyOf(names: Iterable<string>): (context: AnyContext) => boolean {
  return mentions(anyOfPattern(names));
}

/** A per-file test: could the file name what `pattern` finds (`mayMention`)? Asked once per file. */
export function mentions(pattern: RegExp): (context: AnyContext) => boolean {
  return perFile((context) => mayMention(context, pattern));
}

/**
 * Could the file name what `pattern` finds? Its text has a match, or it may spell a
 * name with an escape (`mayEscapeNames`). The one answer of every text filter for names.
 */
export function mayMention(context: AnyContext, pattern: RegExp): boolean {
  return pattern.test(context.sourceCode.text) || mayEscapeNames(context);
}

/** The tokens whose value can spell a name: a string (`p['th\x65n']`), a template, an identifier (`th\u0065n`). */
const NAME_TOKENS: ReadonlySet<string> = new Set(['String', 'Template', 'Identifier', 'PrivateIdentifier']);

/**
 * An escape that can stand for a character of a name (a letter, a digit, `_`, `$`): an
 * odd run of backslashes before anything but `\b \f \n \r \t \v`, a quote or a lone
 * `\0`. `\x65`, `\u0065`, an octal escape, a line continuation and `\h` (which is `h`) all can.
 */
const NAME_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\(?:[^bfnrtv'"`\\0]|0[0-9])/;

/**
 * Could a name in this file be written with an escape, so that its text need not
 * contain the name (`promise['th\x65n'](…)`)? Only then does a text search for a
 * name (`mentionsAnyOf`) need more than the text. Not in a file without a backslash
 * (most files: nine in ten on the corpora); without tokens, yes.
 */
const mayEscapeNames = perFile((context) => {
  if (!context.sourceCode.text.includes('\\')) return false;
  const tokens = context.sourceCode.ast.tokens as readonly { type: string; value: string }[] | undefined;
  return !tokens || tokens.some((token) => NAME_TOKENS.has(token.type) && token.value.includes('\\') && NAME_ESCAPE.test(token.value));
});

/** A pattern that finds any of these strings (none: one that finds nothing). */
export function anyOfPattern(names: Iterable<string>): RegExp {
  const alternatives = [...new Set(names)].map(escapeRegExp);
  return alternatives.length > 0 ? new RegExp(alternatives.join('|')) : /(?!)/;
}

/** A string as a pattern that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The items by key, in their order; an item whose key is `null` is left out. */
export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K | null): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
