import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/**
 * Every TypeScript block in the README compiles against the built package, as
 * a user would paste it. A block's imports stay at the top of its module; the
 * rest becomes the body of an async function, so fragments may `await` and
 * `return`; a block that exports something is compiled as the module it is. The only names a block may use without declaring them are the
 * ones a fragment of the README assumes: `autumn` (a client) and the app's
 * own helpers listed in PRELUDE.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
// Inside the package directory, so that `@useautumn/sdk` resolves to this package (dist/ and its types).
const dir = `${root}node_modules/.cache/readme-blocks/`;

const PRELUDE = `
declare const autumn: import("@useautumn/sdk").Autumn;
declare function showPaywall(): void;
`;

function blocks(path = "README.md"): { line: number; code: string }[] {
  const readme = readFileSync(`${root}${path}`, "utf8");
  const found: { line: number; code: string }[] = [];
  const pattern = /^```ts\n([\s\S]*?)^```$/gm;
  for (let match = pattern.exec(readme); match; match = pattern.exec(readme)) {
    found.push({ line: readme.slice(0, match.index).split("\n").length, code: match[1]! });
  }
  return found;
}

function asModule(code: string): string {
  // A block that exports (a route handler) is a module as it stands.
  if (/^export /m.test(code)) return `${code}\n${PRELUDE}\n`;
  const lines = code.split("\n");
  const imports = lines.filter((line) => /^import\s/.test(line));
  const body = lines.filter((line) => !/^import\s/.test(line));
  return `${imports.join("\n")}\n${PRELUDE}\nexport async function block() {\n${body.join("\n")}\n}\n`;
}

/** Writes `files` (name → code) into `into` and compiles them as one program; gives what tsc printed ("" when they compile). */
async function compile(into: string, files: Map<string, string>): Promise<string> {
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into, { recursive: true });
  for (const [file, code] of files) writeFileSync(`${into}${file}`, code);
  writeFileSync(
    `${into}tsconfig.json`,
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "ESNext",
        moduleResolution: "Bundler",
        lib: ["ES2022", "DOM", "DOM.Iterable"],
        types: ["node"],
        typeRoots: [`${root}node_modules/@types`],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        noUnusedLocals: false,
      },
      files: [...files.keys()],
    }),
  );
  const run = promisify(execFile)(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-p", `${into}tsconfig.json`], { cwd: into });
  return run.then(
    () => "",
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
}

describe("the README's TypeScript blocks", () => {
  it("all compile against the built package", { timeout: 120_000 }, async () => {
    const found = blocks();
    expect(found.length).toBeGreaterThanOrEqual(7);
    const output = await compile(dir, new Map(found.map(({ line, code }) => [`readme-line-${line}.ts`, asModule(code)])));
    // tsc names the file, and so the README line, of each error.
    expect(output).toBe("");
  });
});

/**
 * The guides under docs/: each `##` section whose blocks make one app is
 * compiled on its own (a guide may show two ways of doing one thing, such as
 * two catalog registrations, which one program cannot hold). A block whose
 * first line is a file name comment (`// autumn.config.ts`) is that file of
 * the section's app, as it stands; the others compile as the README's do.
 */
function guideSections(): { name: string; files: Map<string, string> }[] {
  const docs = `${root}docs/`;
  let guides: string[];
  try {
    guides = readdirSync(docs).filter((file) => file.endsWith(".md"));
  } catch {
    return [];
  }
  return guides.flatMap((guide) => {
    const text = readFileSync(`${docs}${guide}`, "utf8");
    const sections = new Map<string, Map<string, string>>();
    for (const { line, code } of blocks(`docs/${guide}`)) {
      const before = text.split("\n").slice(0, line).join("\n");
      const heading = [...before.matchAll(/^## (.+)$/gm)].pop()?.[1] ?? "(top)";
      const files = sections.get(heading) ?? new Map<string, string>();
      sections.set(heading, files);
      const named = /^\/\/ ([\w.-]+\.ts)\n/.exec(code);
      files.set(named ? named[1]! : `block-line-${line}.ts`, named ? code : asModule(code));
    }
    return [...sections].map(([heading, files]) => ({ name: `docs/${guide} § ${heading}`, files }));
  });
}

const sections = guideSections();

describe.skipIf(sections.length === 0)("the guides' TypeScript blocks", () => {
  it.each(sections.map((section) => [section.name, section] as const))("%s: compile against the built package", { timeout: 120_000 }, async (_name, { name, files }) => {
    expect(await compile(`${root}node_modules/.cache/guide-blocks/${name.replace(/[^\w.-]+/g, "-")}/`, files)).toBe("");
  });
});

describe("the README's operations table", () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const start = readme.indexOf("| Function | Class method |");
  const table = readme.slice(start, readme.indexOf("\n\n", start));
  const funcsDir = new URL("../src/funcs/", import.meta.url);

  it.each(readdirSync(funcsDir).filter((file) => file.endsWith(".ts")))("lists the function of src/funcs/%s, and its route", (file) => {
    const source = readFileSync(new URL(file, funcsDir), "utf8");
    const name = /export function (\w+)/.exec(source)![1]!;
    expect(table).toContain(`\`${name}\``);
    const path = /path: "([^"]+)"/.exec(source)?.[1];
    if (path) expect(table).toContain(`\`POST /v1/${path}\``);
  });
});
