import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect } from "vitest";

/**
 * Compiles an app's program against the built package, as a user's editor
 * would: every .ts file of a folder inside this package, where
 * `@useautumn/sdk` resolves to dist/. A registered catalog is global to a
 * program, so each such app is compiled on its own.
 */
const root = fileURLToPath(new URL("..", import.meta.url));

const DIRECTIVE = /^\s*\/\/ @ts-expect-error (.+)$/;

export interface CompiledApp {
  /** Every error, with its 0-based line. */
  readonly errors: readonly { file: string; line: number; message: string }[];
  /** The lines after a `// @ts-expect-error <tag>` directive, which must fail (0-based). */
  readonly marked: readonly { file: string; line: number; tag: string }[];
}

/** Compiles the .ts files of `dir` with their expect-error directives blanked out, so that the marked lines' own errors show. */
export function compileApp(dir: string, types: readonly string[] = []): CompiledApp {
  const files = readdirSync(dir).filter((name) => name.endsWith(".ts")).map((name) => join(dir, name));
  const marked: { file: string; line: number; tag: string }[] = [];
  const texts = new Map<string, string>();
  for (const file of files) {
    const lines = readFileSync(file, "utf8").split("\n");
    lines.forEach((text, index) => {
      const match = DIRECTIVE.exec(text);
      if (!match) return;
      marked.push({ file, line: index + 1, tag: match[1]! });
      lines[index] = "//";
    });
    texts.set(file, lines.join("\n"));
  }
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [...types],
    typeRoots: [join(root, "node_modules/@types")],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => texts.get(name) ?? readFile(name);
  const program = ts.createProgram(files, options, host);
  const errors = ts.getPreEmitDiagnostics(program).map((diagnostic) => ({
    file: diagnostic.file?.fileName ?? "(global)",
    line: diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line : -1,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
  }));
  return { errors, marked };
}

/**
 * Only the marked lines fail, each of them does, and its message contains
 * every text its tag lists (for a misspelt id: each valid id of its kind).
 */
export function expectOnlyMarkedLinesFail({ errors, marked }: CompiledApp, tags: Readonly<Record<string, readonly string[]>>, dir: string): void {
  expect(marked.length).toBeGreaterThan(0);
  const unexpected = errors.filter((error) => !marked.some((mark) => mark.file === error.file && mark.line === error.line));
  expect(unexpected.map(({ file, line, message }) => `${file.slice(dir.length)}:${line + 1}: ${message}`)).toEqual([]);
  for (const { file, line, tag } of marked) {
    const where = `${file.slice(dir.length)}:${line + 1} (${tag})`;
    expect(tags, where).toHaveProperty([tag]);
    const messages = errors.filter((error) => error.file === file && error.line === line).map((error) => error.message);
    expect(messages, `${where} compiles, but should not`).not.toEqual([]);
    for (const text of tags[tag]!) expect(messages.join("\n"), where).toContain(text);
  }
}
