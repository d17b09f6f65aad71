import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The typed catalog as an app meets it: each folder of test/typed-catalog/ is
 * an app's program that registers a catalog and calls the built package
 * (`@useautumn/sdk` resolves to this package's dist/, as installed), so the
 * declaration files are what is tested. They are compiled apart from the
 * other tests because a registration is global to its program.
 *
 * A line after `// @ts-expect-error <tag>` must fail, and with the message
 * the tag expects: each program is compiled with those directives removed,
 * and every error must be on such a line, every such line must have one, and
 * its message must contain each text its tag lists (for a misspelt id, every
 * valid id of that kind, so that the message names them).
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const programs = join(root, "test/typed-catalog");

const FEATURES = ['"messages"', '"seats"', '"sso"', '"credits"'];
const PLANS = ['"free"', '"pro"', '"extra_seats"'];

const EXPECTED: Record<string, { types: string[]; tags: Record<string, string[]> }> = {
  "from-config": { types: [], tags: { feature: FEATURES, plan: PLANS } },
  "from-sandbox-data": { types: ["node"], tags: { feature: ['"api_calls"', '"storage_gb"'], plan: ['"hobby"', '"scale"'] } },
  "from-cli-helpers": {
    types: [],
    tags: {
      "unchecked feature": ["the catalog's feature ids are typed string, not literals"],
      "unchecked plan": ["the catalog's plan ids are typed string, not literals"],
    },
  },
};

const DIRECTIVE = /^\s*\/\/ @ts-expect-error (.+)$/;

interface Marked {
  file: string;
  /** The 0-based line that must fail. */
  line: number;
  tag: string;
}

/** Compiles the program in `dir` with its expect-error directives blanked out; gives its errors and the lines that must fail. */
function compileWithoutDirectives(dir: string, types: string[]): { errors: { file: string; line: number; message: string }[]; marked: Marked[] } {
  const files = readdirSync(dir).filter((name) => name.endsWith(".ts")).map((name) => join(dir, name));
  const marked: Marked[] = [];
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
    types,
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

describe("the types a registered catalog changes", () => {
  const models = join(root, "src/models");
  const sources = readdirSync(models, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => ({ name, text: readFileSync(join(models, name), "utf8") }));

  it("are every params and answer type the models export: each goes through CatalogParams or CatalogAnswer", () => {
    const wrapped = sources.flatMap(({ text }) => text.match(/^export type \w+(?:<[^=]*>)? = Catalog(?:Params|Answer)<v\.Infer(?:Input|Output)</gm) ?? []);
    expect(wrapped.length).toBeGreaterThan(140);
    // A type inferred from a schema and exported as it is would keep plain strings when a catalog is registered.
    const bare = sources.flatMap(({ name, text }) => (text.match(/^export type \w+(?:<[^=]*>)? = (?:v\.Infer(?:Input|Output)|ObjectInput)<.*$/gm) ?? []).map((line) => `${name}: ${line}`));
    expect(bare).toEqual([]);
  });
});

describe("a registered catalog, in an app's program compiled against dist/", () => {
  it("has a folder for each program this test expects, and no other", () => {
    expect(readdirSync(programs).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED))("%s: only the marked lines fail, each with a message naming what it expects", { timeout: 120_000 }, (name) => {
    if (!existsSync(join(root, "dist/index.d.ts"))) throw new Error("dist/ is missing: run `npm run build` first");
    const { types, tags } = EXPECTED[name]!;
    const { errors, marked } = compileWithoutDirectives(join(programs, name), types);
    expect(marked.length).toBeGreaterThan(0);
    const at = (file: string, line: number) => errors.filter((error) => error.file === file && error.line === line);
    const unexpected = errors.filter((error) => !marked.some((mark) => mark.file === error.file && mark.line === error.line));
    expect(unexpected.map(({ file, line, message }) => `${file.slice(programs.length)}:${line + 1}: ${message}`)).toEqual([]);
    for (const { file, line, tag } of marked) {
      const where = `${file.slice(programs.length)}:${line + 1} (${tag})`;
      expect(tags, where).toHaveProperty([tag]);
      const messages = at(file, line).map((error) => error.message);
      expect(messages, `${where} compiles, but should not`).not.toEqual([]);
      for (const text of tags[tag]!) expect(messages.join("\n"), where).toContain(text);
    }
  });
});
