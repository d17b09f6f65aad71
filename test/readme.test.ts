import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/**
 * Every TypeScript block in the README and in the guides (docs/*.md) compiles against the built package, as
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

/** The README and the guides in docs/: each `ts` block, and where it is. */
function blocks(): { source: string; line: number; code: string }[] {
  const guides = existsSync(`${root}docs`) ? readdirSync(`${root}docs`).filter((file) => file.endsWith(".md")).map((file) => `docs/${file}`) : [];
  const found: { source: string; line: number; code: string }[] = [];
  for (const source of ["README.md", ...guides]) {
    const text = readFileSync(`${root}${source}`, "utf8");
    const pattern = /^```ts\n([\s\S]*?)^```$/gm;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      found.push({ source, line: text.slice(0, match.index).split("\n").length, code: match[1]! });
    }
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

describe("the README's TypeScript blocks", () => {
  it("all compile against the built package", { timeout: 120_000 }, async () => {
    const found = blocks();
    expect(found.length).toBeGreaterThanOrEqual(7);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = found.map(({ source, line, code }) => {
      const file = `${source.replace(/\W+/g, "-")}-line-${line}.ts`;
      writeFileSync(`${dir}${file}`, asModule(code));
      return file;
    });
    writeFileSync(
      `${dir}tsconfig.json`,
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
        files,
      }),
    );
    const run = promisify(execFile)(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-p", `${dir}tsconfig.json`], { cwd: dir });
    const output = await run.then(
      () => "",
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    // tsc names the file, and so the README line, of each error.
    expect(output).toBe("");
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
