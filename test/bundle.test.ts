import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * Tree-shaking, checked on the built package the way an app bundles it: one
 * standalone function (with AutumnCore) must not carry any other operation's
 * route. Needs `npm run build` first, which `npm test` does.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const funcsDir = new URL("../src/funcs/", import.meta.url);
const routes = new Map(
  readdirSync(funcsDir)
    .filter((file) => file.endsWith(".ts"))
    .map((file) => [file.replace(/\.ts$/, ""), /path: "([^"]+)"/.exec(readFileSync(new URL(file, funcsDir), "utf8"))?.[1]] as const),
);
const allRoutes = [...routes.values()].filter((route): route is string => route !== undefined);

async function bundle(module: string): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { AutumnCore } from "@useautumn/sdk/core.js"; import * as op from "@useautumn/sdk/funcs/${module}.js"; console.log(AutumnCore, op);`,
      resolveDir: root,
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

describe("one standalone function's bundle", () => {
  it.each([...routes.keys()])("%s holds no other operation's route", async (module) => {
    const code = await bundle(module);
    const own = routes.get(module) ?? routes.get(module.replace(/-pages$/, ""));
    const foreign = allRoutes.filter((route) => route !== own && code.includes(`"${route}"`));
    expect(foreign).toEqual([]);
    expect(code).toContain(`"${own}"`);
  });
});
