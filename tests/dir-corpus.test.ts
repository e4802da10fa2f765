// The verdict side of `npm run corpus -- --dir` (scripts/lib/dir-corpus.mjs): both verdict
// formats, the lookup that tally, check and review share, and issue 23's targets (recall
// over the locations ever judged real).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import * as path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { judgedLocations, readVerdicts, tally, targets, targetValue, verdictOf, type DirReport } from '../scripts/lib/dir-corpus.mjs';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'asyncleak-verdicts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
}

const tsv = (lines: string[][]) => ['# a comment', '# config\trule\tfile:line\tverdict\treason', '', ...lines.map((l) => l.join('\t'))].join('\n') + '\n';

const report = (rule: string, at: string, column = 5): DirReport => {
  const [file, line] = at.split(':');
  return { rule: `asyncleak/${rule}`, file, line: Number(line), column };
};

describe('readVerdicts', () => {
  it('reads TSV lines, skipping comments and blank lines, with the rule prefix added', () => {
    const v = readVerdicts(write('a.tsv', tsv([['strict', 'no-floating-timer', 'pkg/src/a:b.ts:12', 'harmless', 'a 10 ms reset']])));
    expect(v.entries).toEqual([
      { config: 'strict', rule: 'asyncleak/no-floating-timer', file: 'pkg/src/a:b.ts', line: 12, column: null, verdict: 'harmless', reason: 'a 10 ms reset' },
    ]);
  });

  it('reads the JSON format, config-independent and keyed by column', () => {
    const file = write('a.json', JSON.stringify({ 'asyncleak/no-floating-timer src/x.ts:3:7': { verdict: 'real', reason: 'r', message: 'm' } }));
    expect(readVerdicts(file).entries).toEqual([
      { config: null, rule: 'asyncleak/no-floating-timer', file: 'src/x.ts', line: 3, column: 7, verdict: 'real', reason: 'r', message: 'm' },
    ]);
  });

  it('names the line of a malformed TSV entry', () => {
    expect(() => readVerdicts(write('bad1.tsv', tsv([['strict', 'no-floating-timer', 'x.ts:1', 'maybe', 'r']])))).toThrow(/bad1\.tsv:4: verdict "maybe"/);
    expect(() => readVerdicts(write('bad2.tsv', tsv([['strict', 'no-floating-timer', 'x.ts:1', 'real']])))).toThrow(/bad2\.tsv:4: 4 tab-separated fields/);
    expect(() => readVerdicts(write('bad3.tsv', tsv([['strict', 'no-floating-timer', 'x.ts', 'real', 'r']])))).toThrow(/bad3\.tsv:4: not a <file>:<line> position/);
  });

  it('gives no verdicts without a file', () => {
    expect(readVerdicts(null).entries).toEqual([]);
  });
});

describe('verdictOf', () => {
  const v = readVerdicts(
    write(
      'lookup.tsv',
      tsv([
        ['recommended', 'no-cancel-overwrite', 'a.ts:10', 'false', 'guarded'],
        ['strict', 'no-cancel-overwrite', 'a.ts:10', 'harmless', 'read again'],
        ['strict', 'no-floating-timer', 'b.ts:20', 'real', 'never cleared'],
      ]),
    ),
  );

  it("matches by config, rule and file:line, whatever the column", () => {
    expect(verdictOf(v, 'recommended', report('no-cancel-overwrite', 'a.ts:10', 1))?.verdict).toBe('false');
    expect(verdictOf(v, 'strict', report('no-cancel-overwrite', 'a.ts:10', 9))?.verdict).toBe('harmless');
    expect(verdictOf(v, 'strict', report('no-floating-timer', 'a.ts:10'))).toBeUndefined();
    expect(verdictOf(v, 'strict', report('no-cancel-overwrite', 'a.ts:11'))).toBeUndefined();
  });

  it("counts a line judged in one config for the other when that one has no line of its own", () => {
    expect(verdictOf(v, 'recommended', report('no-floating-timer', 'b.ts:20'))).toMatchObject({ config: 'strict', verdict: 'real' });
  });

  it('matches JSON verdicts by column too, in either config', () => {
    const json = readVerdicts(write('lookup.json', JSON.stringify({ 'asyncleak/no-floating-timer x.ts:3:7': { verdict: 'real', reason: 'r' } })));
    expect(verdictOf(json, 'recommended', report('no-floating-timer', 'x.ts:3', 7))?.verdict).toBe('real');
    expect(verdictOf(json, 'strict', report('no-floating-timer', 'x.ts:3', 7))?.verdict).toBe('real');
    expect(verdictOf(json, 'strict', report('no-floating-timer', 'x.ts:3', 8))).toBeUndefined();
  });
});

describe('judged locations and the targets', () => {
  // Four locations judged real (one only in strict, one in both), one harmless, one false.
  const v = readVerdicts(
    write(
      'targets.tsv',
      tsv([
        ['recommended', 'no-cancel-overwrite', 'a.ts:1', 'real', 'r1'],
        ['strict', 'no-cancel-overwrite', 'a.ts:1', 'real', 'r1'],
        ['recommended', 'no-cancel-overwrite', 'a.ts:2', 'real', 'r2'],
        ['strict', 'no-floating-timer', 'b.ts:3', 'real', 'r3 (strict only)'],
        ['recommended', 'no-floating-timer', 'b.ts:4', 'harmless', 'h'],
        ['strict', 'no-floating-timer', 'b.ts:4', 'real', 'judged real in strict: a real location'],
        ['recommended', 'require-signal-propagation', 'c.ts:5', 'false', 'f'],
      ]),
    ),
  );
  const reports = {
    recommended: [report('no-cancel-overwrite', 'a.ts:1'), report('no-floating-timer', 'b.ts:4'), report('require-signal-propagation', 'c.ts:5')],
    strict: [report('no-cancel-overwrite', 'a.ts:1'), report('no-floating-timer', 'b.ts:3'), report('no-floating-timer', 'b.ts:4'), report('require-signal-propagation', 'c.ts:5')],
  };

  it('groups the entries of both configs by location, real when any config judged it real, with who reports it now', () => {
    const locations = judgedLocations(reports, v);
    expect(locations.map((l) => [l.key, l.verdict, l.reportedBy])).toEqual([
      ['asyncleak/no-cancel-overwrite a.ts:1', 'real', ['recommended', 'strict']],
      ['asyncleak/no-cancel-overwrite a.ts:2', 'real', []],
      ['asyncleak/no-floating-timer b.ts:3', 'real', ['strict']],
      ['asyncleak/no-floating-timer b.ts:4', 'real', ['recommended', 'strict']],
      ['asyncleak/require-signal-propagation c.ts:5', 'false', ['recommended', 'strict']],
    ]);
  });

  it('computes precision per config and recall over the locations ever judged real', () => {
    const table = tally(reports, v);
    expect(table.recommended.total).toEqual({ reports: 3, real: 1, harmless: 1, false: 1, unjudged: 0 });
    expect(table.strict.total).toEqual({ reports: 4, real: 3, harmless: 0, false: 1, unjudged: 0 });
    const goals = targets(table, judgedLocations(reports, v));
    expect(goals.map((t) => [t.name, targetValue(t), t.target, t.met])).toEqual([
      ['recommended real', '1/3 (33 %)', '≥ 90 %', false],
      ['recommended false', '1', '0', false],
      ['recommended recall', '2/4 (50 %)', '≥ 80 %', false],
      ['strict recall', '3/4 (75 %)', '≥ 90 %', false],
      ['strict false', '1', '0', false],
    ]);
  });

  it('meets every target when all reports are real and none vanished', () => {
    const clean = { recommended: [report('no-cancel-overwrite', 'a.ts:1')], strict: [report('no-cancel-overwrite', 'a.ts:1')] };
    const only = readVerdicts(write('clean.tsv', tsv([['recommended', 'no-cancel-overwrite', 'a.ts:1', 'real', 'r']])));
    expect(targets(tally(clean, only), judgedLocations(clean, only)).every((t) => t.met)).toBe(true);
  });
});
