import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { aliasModules } from "./helpers.js";

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

function blocks(): { line: number; code: string }[] {
  const readme = readFileSync(`${root}README.md`, "utf8");
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

describe("the README's TypeScript blocks", () => {
  it("all compile against the built package", { timeout: 120_000 }, async () => {
    const found = blocks();
    expect(found.length).toBeGreaterThanOrEqual(7);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = found.map(({ line, code }) => {
      const file = `readme-line-${line}.ts`;
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

  const aliases = aliasModules();
  it.each(readdirSync(funcsDir).filter((file) => file.endsWith(".ts") && !aliases.has(file)))("lists the function of src/funcs/%s, and its route", (file) => {
    const source = readFileSync(new URL(file, funcsDir), "utf8");
    const name = /export function (\w+)/.exec(source)![1]!;
    expect(table).toContain(`\`${name}\``);
    const path = /path: "([^"]+)"/.exec(source)?.[1];
    if (path) expect(table).toContain(`\`POST /v1/${path}\``);
  });

  it.each([...aliases])("leaves src/funcs/%s (the name of %s in Autumn's current SDK) to the guide for those coming from it", (file, primary) => {
    const guide = readFileSync(`${root}docs/migrating-from-autumn-js.md`, "utf8");
    expect(guide).toContain(`\`funcs/${file.replace(/\.ts$/, ".js")}\``);
    expect(guide).toContain(`\`funcs/${primary.replace(/\.ts$/, ".js")}\``);
  });
});
