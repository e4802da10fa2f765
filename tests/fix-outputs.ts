/** An invalid RuleTester case, as far as its fix outputs go. */
interface CaseWithOutputs {
  readonly code: string;
  readonly options?: readonly unknown[];
  readonly output?: string | readonly string[] | null;
  readonly errors: readonly { readonly suggestions?: readonly { readonly output: string }[] | null }[];
}

/** Every distinct output of a case: its `--fix` output and each suggestion's output. */
export function fixOutputs(testCase: CaseWithOutputs): string[] {
  const outputs = new Set<string>();
  if (typeof testCase.output === 'string') outputs.add(testCase.output);
  for (const error of testCase.errors) for (const suggestion of error.suggestions ?? []) outputs.add(suggestion.output);
  return [...outputs];
}

/**
 * A second pass changes nothing: adds every fixed or suggested output of `invalid`
 * to `valid` (with the case's options), so the rule must leave fixed code alone.
 */
export function addSecondPassCases<Case extends { code: string }>(
  valid: (string | Case)[],
  invalid: readonly CaseWithOutputs[],
  toCase: (code: string, from: CaseWithOutputs) => Case,
): void {
  const known = new Set(valid.map((v) => (typeof v === 'string' ? v : v.code)));
  for (const testCase of invalid) {
    for (const output of fixOutputs(testCase)) {
      if (!known.has(output)) valid.push(toCase(output, testCase));
      known.add(output);
    }
  }
}
