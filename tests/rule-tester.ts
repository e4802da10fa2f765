import * as path from 'node:path';

import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** The fixtures project: DOM lib, `@types/node`, `@types/react` and the disposable lib. */
export const fixturesDir = path.join(__dirname, 'fixtures');

/**
 * Parser options for type-aware tests in the fixtures project. Every case reuses
 * the path `file.ts` with new text, so typescript-eslint must not infer a single
 * run (it does when `CI=true`, and then keeps the first program it built).
 */
export const TYPED_PARSER_OPTIONS = {
  project: './tsconfig.json',
  tsconfigRootDir: fixturesDir,
  disallowAutomaticSingleRunInference: true,
};

/** A RuleTester whose cases are type-checked in the fixtures project (`file.ts`, or `react.tsx`). */
export function createTypedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: TYPED_PARSER_OPTIONS,
    },
  });
}

/** A RuleTester without type information: the rules' syntax-only fallback. */
export function createUntypedRuleTester(): RuleTester {
  return new RuleTester();
}
