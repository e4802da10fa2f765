// Types for the parts of dir-corpus.mjs that the verdict test (tests/dir-corpus.test.ts) uses.

export type Config = 'recommended' | 'strict';
export type Verdict = 'real' | 'harmless' | 'false';

export interface DirReport {
  rule: string;
  file: string;
  line: number;
  column: number;
  message?: string;
}

export interface VerdictEntry {
  readonly config: Config | null;
  readonly rule: string;
  readonly file: string;
  readonly line: number;
  readonly column: number | null;
  readonly verdict: Verdict;
  readonly reason: string;
  readonly message?: string;
}

export interface Verdicts {
  readonly file: string | null;
  readonly entries: readonly VerdictEntry[];
  readonly byLine: ReadonlyMap<string, readonly VerdictEntry[]>;
}

export interface Counts {
  reports: number;
  real: number;
  harmless: number;
  false: number;
  unjudged: number;
}

export type Tally = Record<Config, { rows: Record<string, Counts>; total: Counts }>;

export interface JudgedLocation {
  key: string;
  verdict: Verdict;
  reason: string;
  reportedBy: Config[];
}

export interface Target {
  name: string;
  value: number;
  of: number | null;
  target: string;
  met: boolean;
}

export const CONFIGS: readonly Config[];
export function readVerdicts(file: string | null | undefined): Verdicts;
export function verdictOf(verdicts: Verdicts, config: Config, report: DirReport): VerdictEntry | undefined;
export function tally(reports: Record<Config, DirReport[]>, verdicts: Verdicts): Tally;
export function judgedLocations(reports: Record<Config, DirReport[]>, verdicts: Verdicts): JudgedLocation[];
export function targets(table: Tally, locations: readonly JudgedLocation[]): Target[];
export function targetValue(target: Target): string;
