// `npm run demo`: lints the example service (and its React client) with `flat/recommended` and checks
// that the findings are exactly the ones the example marks with
// `// expect: asyncleak/<rule>` on the reported line (correct twins unmarked).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const exampleDir = path.join(root, 'examples');
const plugin = createRequire(import.meta.url)(root);

const eslint = new ESLint({
  cwd: exampleDir,
  overrideConfigFile: true,
  overrideConfig: [
    plugin.configs['flat/recommended'],
    { languageOptions: { parserOptions: { tsconfigRootDir: exampleDir } } },
  ],
});
const results = await eslint.lintFiles(['src/**/*.ts', 'src/**/*.tsx']);
const formatter = await eslint.loadFormatter('stylish');
const output = await formatter.format(results);
if (output) console.log(output);

const key = (file, line, rule) => `${path.relative(exampleDir, file)}:${line} ${rule}`;
const expected = new Set();
const actual = new Set();
const problems = [];
for (const result of results) {
  readFileSync(result.filePath, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      for (const match of text.matchAll(/expect: (asyncleak\/[\w-]+)/g)) expected.add(key(result.filePath, i + 1, match[1]));
    });
  for (const message of result.messages) {
    if (message.fatal || !message.ruleId?.startsWith('asyncleak/')) {
      problems.push(`${path.relative(exampleDir, result.filePath)}:${message.line} ${message.message}`);
    } else {
      actual.add(key(result.filePath, message.line, message.ruleId));
    }
  }
}
const missing = [...expected].filter((k) => !actual.has(k));
const unexpected = [...actual].filter((k) => !expected.has(k));
const rules = new Set([...actual].map((k) => k.split(' ')[1]));
if (missing.length === 0 && unexpected.length === 0 && problems.length === 0) {
  console.log(
    `demo: ${actual.size} leaks found by ${rules.size} rules in ${results.length} files, exactly the ones the example marks; every correct twin left alone.`,
  );
} else {
  for (const k of missing) console.error(`demo: expected but not reported: ${k}`);
  for (const k of unexpected) console.error(`demo: reported but not expected: ${k}`);
  for (const p of problems) console.error(`demo: error: ${p}`);
  console.error('demo: the findings differ from what the example expects.');
  process.exitCode = 1;
}
