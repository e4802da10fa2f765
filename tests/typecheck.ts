import * as path from 'node:path';

import * as ts from 'typescript';

import { fixturesDir } from './rule-tester';

let options: ts.CompilerOptions | undefined;

function fixtureOptions(): ts.CompilerOptions {
  if (!options) {
    const configPath = path.join(fixturesDir, 'tsconfig.json');
    const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
    options = ts.parseJsonConfigFileContent(config.config, ts.sys, fixturesDir).options;
  }
  return options;
}

/**
 * The type errors of `code` as a file of the fixtures project (`file.ts` unless
 * named otherwise), as `TS1234: message` strings. Used to prove that a fix keeps
 * code type-checking: compare the errors before and after.
 */
const libraryFiles = new Map<string, ts.SourceFile | undefined>();
let previous: ts.Program | undefined;

export function typeErrors(code: string, filename = 'file.ts'): string[] {
  const fileName = path.join(fixturesDir, filename);
  const host = ts.createCompilerHost(fixtureOptions(), true);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === fileName ? code : readFile(name));
  // Library and dependency declarations are parsed once and shared by every check.
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    if (path.resolve(name) === fileName) return ts.createSourceFile(name, code, languageVersion, true);
    if (!libraryFiles.has(name)) libraryFiles.set(name, getSourceFile(name, languageVersion, onError, shouldCreate));
    return libraryFiles.get(name);
  };
  // The fixtures' ambient framework modules (`vue`, `svelte`) are part of the project, as in the rule tests.
  const rootNames = [fileName, path.join(fixturesDir, 'frameworks.d.ts')];
  const program = ts.createProgram({ rootNames, options: fixtureOptions(), host, oldProgram: previous });
  previous = program;
  const file = program.getSourceFile(fileName)!;
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map(
    (d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
  );
}

/** Asserts that `fixed` has no type error that `original` did not have. */
export function expectNoNewTypeErrors(original: string, fixed: string, filename?: string): void {
  const before = new Set(typeErrors(original, filename));
  const added = typeErrors(fixed, filename).filter((error) => !before.has(error));
  if (added.length > 0) {
    throw new Error(`the fix introduced type errors:\n${added.join('\n')}\n--- fixed code ---\n${fixed}`);
  }
}

