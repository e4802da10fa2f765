// Types for the parts of fix-check.mjs that the fix-composition test (tests/compose.test.ts) uses.
import type { ESLint, Linter } from 'eslint';

export interface FixCheckTarget {
  readonly name: string;
  readonly dir: string;
  readonly tsconfig: string;
  readonly files: readonly string[];
}

export interface FixCheckCounts {
  reports: number;
  fixes: number;
  fixedFiles: number;
  suggestions: number;
  crashes: number;
}

export function withAutofix(plugin: { rules: Record<string, unknown> }, rules: Partial<Linter.RulesRecord>): Linter.RulesRecord;

export function checkTarget(
  target: FixCheckTarget,
  options: {
    eslintFor: (fix: boolean) => ESLint;
    failures: string[];
    rel?: (file: string) => string;
    typecheck?: 'tsc' | 'service';
  },
): Promise<FixCheckCounts>;
