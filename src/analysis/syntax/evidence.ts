import type { TSESTree } from '@typescript-eslint/utils';

/**
 * How strongly the code shows one link of a leak (README, "Evidence"): `proven` when
 * types, declarations, control flow or call sites show it; `possible` when only a
 * plausible execution would make it so. `recommended` reports proven witnesses,
 * `strict` possible ones too.
 */
export type Evidence = 'proven' | 'possible';

/**
 * The links every leak is made of. Each rule builds the ones its family needs:
 * - `reentry`: the code runs again while the old handle is live (a loop, an interval,
 *   a repeating event, an unguarded public method) and its work is not over;
 * - `belongs`: the signal or the owner is the operation's (the activation that
 *   received it), not a closure stored and run later, a finished request's, a
 *   kill-switch the function aborts itself;
 * - `work`: the call does real work (I/O, timers, processes, streams fed by I/O);
 * - `cost`: what is left running costs something that matters (not a one-shot
 *   state reset, a poll that checks the signal on every pass);
 * - `end`: the owner has an end the resource outlives (a teardown, an unmount, an abort).
 */
export type LinkName = 'reentry' | 'belongs' | 'work' | 'cost' | 'end';

export interface WitnessLink {
  readonly name: LinkName;
  readonly evidence: Evidence;
  /** Why the link is only possible, in the words a report or a test names it by. */
  readonly because?: string;
}

/**
 * A leak's witness: what was started and where, which end of its owner it outlives,
 * and the links of the execution in which it is still live after that end (or piles
 * up). A rule reports a witness whose links are all at least as strong as its
 * `evidence` option asks.
 */
export interface Witness {
  /** What was started, in a report's words: `interval`, `AbortController`, `request`. */
  readonly resource: string;
  /** Where it starts. */
  readonly start: TSESTree.Node;
  /** The end it outlives, in a report's words: `dispose()`, `unmount`, `the caller's abort`. */
  readonly end: string;
  readonly links: readonly WitnessLink[];
}

export const proven = (name: LinkName): WitnessLink => ({ name, evidence: 'proven' });
export const possible = (name: LinkName, because: string): WitnessLink => ({ name, evidence: 'possible', because });
/** A link that is proven when `shown`, else only possible for the reason given. */
export const link = (name: LinkName, shown: boolean, because: string): WitnessLink => (shown ? proven(name) : possible(name, because));

/** The weakest of the witness's links: proven only when every link is. */
export function getEvidence(witness: Pick<Witness, 'links'>): Evidence {
  return witness.links.every((l) => l.evidence === 'proven') ? 'proven' : 'possible';
}

/** The first link that is only possible, if any (what keeps the witness out of `recommended`). */
export function getWeakestLink(witness: Pick<Witness, 'links'>): WitnessLink | null {
  return witness.links.find((l) => l.evidence === 'possible') ?? null;
}

/** Does a rule with `evidence: required` report this witness? */
export function meetsEvidence(witness: Pick<Witness, 'links'>, required: Evidence): boolean {
  return required === 'possible' || getEvidence(witness) === 'proven';
}

/** The `evidence` option every rule takes (README, "Evidence"). */
export const EVIDENCE_OPTION_SCHEMA = {
  type: 'string',
  enum: ['proven', 'possible'] as string[],
  description:
    'Which leaks to report: `proven` (the default, `recommended`) only those whose every link the code proves; `possible` (`strict`) also those a plausible execution would make.',
} as const;

/** `line 28`, for messages that say where a resource started. */
export function lineOf(node: TSESTree.Node): string {
  return `line ${node.loc.start.line}`;
}
