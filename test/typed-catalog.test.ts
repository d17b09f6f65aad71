import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileApp, expectOnlyMarkedLinesFail } from "./compile-app.js";

/**
 * The typed catalog as an app meets it: each folder of test/typed-catalog/ is
 * an app's program that registers a catalog and calls the built package
 * (`@useautumn/sdk` resolves to this package's dist/, as installed), so the
 * declaration files are what is tested. They are compiled apart from the
 * other tests because a registration is global to its program.
 *
 * A line after `// @ts-expect-error <tag>` must fail, and with the message
 * the tag expects (test/compile-app.ts): for a misspelt id, one that lists
 * every valid id of its kind.
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
    const dir = join(programs, name);
    expectOnlyMarkedLinesFail(compileApp(dir, types), tags, dir);
  });
});

describe("a registered catalog's cost and messages", () => {
  it("is types only: the built catalog module is empty and no built module imports it", () => {
    for (const file of ["dist/lib/catalog.js", "dist/lib/catalog.cjs"]) expect(readFileSync(join(root, file), "utf8").trim()).toBe("");
    const dist = join(root, "dist");
    const importers = readdirSync(dist, { recursive: true, encoding: "utf8" })
      .filter((name) => /\.c?js$/.test(name))
      .filter((name) => /lib\/catalog\.c?js["']/.test(readFileSync(join(dist, name), "utf8")));
    expect(importers).toEqual([]);
  });

  it("lists 200 feature ids in a shortened message that still suggests the nearest", { timeout: 120_000 }, () => {
    mkdirSync(join(root, "node_modules/.cache"), { recursive: true });
    const dir = mkdtempSync(join(root, "node_modules/.cache/typed-catalog-200-"));
    try {
      const features = Array.from({ length: 200 }, (_, index) => `{ id: "feature_${String(index).padStart(3, "0")}" }`);
      writeFileSync(
        join(dir, "register.ts"),
        `import type {} from "@useautumn/sdk";\ndeclare module "@useautumn/sdk" { interface Register { catalog: { features: [${features.join(", ")}]; plans: [{ id: "pro" }] } } }\n`,
      );
      writeFileSync(
        join(dir, "app.ts"),
        `import type { Autumn } from "@useautumn/sdk";\ndeclare const autumn: Autumn;\n// @ts-expect-error feature\nexport const typo = autumn.balances.check({ customerId: "user_123", featureId: "feature_01" });\n`,
      );
      expectOnlyMarkedLinesFail(compileApp(dir), { feature: ['"feature_000" | "feature_001"', "... 188 more ...", `Did you mean '"feature_001"'?`] }, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
