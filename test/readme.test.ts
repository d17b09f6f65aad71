import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { aliasModules } from "./helpers.js";
import { documents, readDocument, root, typeScriptBlocks } from "./markdown.js";

/**
 * Every TypeScript block in the README and in the guides of docs/ compiles
 * against the built package, as a user would paste it. A block's imports stay
 * at the top of its module; the rest becomes the body of an async function, so
 * fragments may `await` and `return`; a block that exports something is
 * compiled as the module it is. The only names a block may use without
 * declaring them are the ones a fragment of the docs assumes: `autumn` (a
 * client) and the app's own helpers listed in PRELUDE.
 */
// Inside the package directory, so that `@useautumn/sdk` resolves to this package (dist/ and its types).
const dir = `${root}node_modules/.cache/readme-blocks/`;

// What the guides' framework snippets import and this repository does not install, as those packages
// publish it (Next.js 15+'s \`after\`).
const FRAMEWORK_TYPES = `declare module "next/server" {
  export function after<T>(task: Promise<T> | (() => T | Promise<T>)): void;
}
`;

const PRELUDE = `
declare const autumn: import("@useautumn/sdk").Autumn;
declare function showPaywall(): void;
`;

/** Each block with the document and line it comes from, which name its file so that tsc's errors point back to it. */
function blocks(): { document: string; line: number; code: string }[] {
  return documents().flatMap((document) => typeScriptBlocks(readDocument(document)).map(({ line, code }) => ({ document, line, code })));
}

function asModule(code: string): string {
  // A block that exports (a route handler) is a module as it stands.
  if (/^export /m.test(code)) return `${code}\n${PRELUDE}\n`;
  const lines = code.split("\n");
  const imports = lines.filter((line) => /^import\s/.test(line));
  const body = lines.filter((line) => !/^import\s/.test(line));
  return `${imports.join("\n")}\n${PRELUDE}\nexport async function block() {\n${body.join("\n")}\n}\n`;
}

describe("the TypeScript blocks of the README and the guides", () => {
  it("all compile against the built package", { timeout: 120_000 }, async () => {
    const found = blocks();
    // The README's two quick starts, and the fifteen blocks it held before the guides were split out of it.
    expect(found.filter((block) => block.document === "README.md").length).toBeGreaterThanOrEqual(2);
    expect(found.length).toBeGreaterThanOrEqual(15);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = found.map(({ document, line, code }) => {
      // docs/webhooks.md line 12 → docs--webhooks.md-line-12.ts
      const file = `${document.replaceAll("/", "--")}-line-${line}.ts`;
      writeFileSync(`${dir}${file}`, asModule(code));
      return file;
    });
    writeFileSync(`${dir}framework-types.d.ts`, FRAMEWORK_TYPES);
    files.push("framework-types.d.ts");
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
    // tsc names the file, and so the document and the line of the block, of each error.
    expect(output).toBe("");
  });
});

describe("the operations table (docs/operations.md)", () => {
  const guide = readDocument("docs/operations.md");
  const start = guide.indexOf("| Function | Class method |");
  const table = guide.slice(start, guide.indexOf("\n\n", start));
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
