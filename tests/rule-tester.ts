import * as path from 'node:path';

import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** The fixtures project: DOM lib, `@types/node`, `@types/react` and the disposable lib. */
export const fixturesDir = path.join(__dirname, 'fixtures');

/** A RuleTester whose cases are type-checked in the fixtures project (`file.ts`, or `react.tsx`). */
export function createTypedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: fixturesDir },
    },
  });
}

/** A RuleTester without type information: the rules' syntax-only fallback. */
export function createUntypedRuleTester(): RuleTester {
  return new RuleTester();
}
