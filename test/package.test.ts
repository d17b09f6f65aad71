import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../src/sandbox/server.js";
import { apps, pins } from "../scripts/runtimes/pins.js";
import { CHILD_TIMEOUT_MS, SPAWNING_TEST } from "./helpers.js";
import { documents, readDocument } from "./markdown.js";

/**
 * The built package as its users load it. Needs `npm run build` first, which
 * `npm test` does.
 */
const require = createRequire(import.meta.url);
const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe("the CommonJS build", () => {
  it("reaches the API through ky when loaded with require", async () => {
    const { AutumnCore } = require("../dist/core.cjs") as typeof import("../src/core.js");
    const { customersGetOrCreate } = require("../dist/funcs/customers-get-or-create.cjs") as typeof import("../src/funcs/customers-get-or-create.js");
    const core = new AutumnCore({ secretKey: "am_sk_test_cjs", serverURL: sandbox.url });
    const created = await customersGetOrCreate(core, { customerId: "cjs_1" });
    expect(created.ok || created.error).toBe(true);
  });
});

describe("the sandbox entry point", () => {
  it("starts a sandbox from @useautumn/sdk/sandbox, imported or required, that the built SDK can call", async () => {
    const imported = await import("@useautumn/sdk/sandbox");
    const required = require("@useautumn/sdk/sandbox") as typeof imported;
    expect(typeof required.startSandbox).toBe("function");
    for (const { startSandbox: start } of [imported, required]) {
      const own = await start();
      try {
        const { AutumnCore } = require("../dist/core.cjs") as typeof import("../src/core.js");
        const { plansList } = require("../dist/funcs/plans-list.cjs") as typeof import("../src/funcs/plans-list.js");
        const plans = await plansList(new AutumnCore({ secretKey: own.secretKey, serverURL: own.url }));
        expect(plans.ok && plans.value.list.length).toBeGreaterThan(0);
      } finally {
        await own.close();
      }
    }
  });

  it("ships the autumn-sandbox and autumn-types commands as executable scripts", () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toEqual(["autumn-sandbox", "autumn-types"]);
    for (const bin of Object.values(pkg.bin)) expect(readFileSync(`${root}${bin}`, "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });
});

describe("the webhook entry points", () => {
  it("give the same functions under @useautumn/sdk/webhooks and the funcs/ paths, imported or required", async () => {
    const entry = await import("@useautumn/sdk/webhooks");
    const verify = await import("@useautumn/sdk/funcs/webhooks-verify.js");
    const sign = await import("@useautumn/sdk/funcs/webhooks-sign");
    expect(verify.webhooksVerify).toBe(entry.webhooksVerify);
    expect(sign.webhooksSign).toBe(entry.webhooksSign);
    const required = require("@useautumn/sdk/funcs/webhooks-verify.js") as typeof verify;
    expect(typeof required.webhooksVerify).toBe("function");
    expect((require("@useautumn/sdk/webhooks") as typeof entry).WebhookVerificationError.name).toBe("WebhookVerificationError");
  });
});

describe("the entitlement cache's entry points", () => {
  it("give the cache and its Redis store, imported or required, and check a customer through the built package", async () => {
    const entry = await import("@useautumn/sdk/entitlements");
    const redis = await import("@useautumn/sdk/entitlements/redis");
    const required = require("@useautumn/sdk/entitlements") as typeof entry;
    expect(typeof required.cachedCheck).toBe("function");
    expect(typeof (require("@useautumn/sdk/entitlements/redis.js") as typeof redis).redisStore).toBe("function");
    const { AutumnCore } = require("../dist/core.cjs") as typeof import("../src/core.js");
    const { customersGetOrCreate } = require("../dist/funcs/customers-get-or-create.cjs") as typeof import("../src/funcs/customers-get-or-create.js");
    const core = new AutumnCore({ secretKey: "am_sk_test_cache", serverURL: sandbox.url });
    await customersGetOrCreate(core, { customerId: "cached_1" });
    for (const { cachedCheck, createEntitlementCache } of [entry, required]) {
      // The client is the CommonJS build's, typed from src: the cast only bridges the two declarations.
      const answer = await cachedCheck(createEntitlementCache(core) as never, { customerId: "cached_1", featureId: "messages" });
      expect(answer.value).toMatchObject({ allowed: true, source: "cache" });
    }
  });
});

describe("the module export condition", () => {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { exports: Record<string, string | Record<string, unknown>> };

  it("sends bundlers to the ESM files for require too, in every entry, after import and before require", () => {
    for (const [path, entry] of Object.entries(pkg.exports)) {
      if (typeof entry === "string") continue;
      expect(Object.keys(entry), path).toEqual(["import", "module", "require"]);
      expect(entry["module"], path).toEqual(entry["import"]);
    }
  });

  it("is not one Node reads: require still loads the CommonJS files", () => {
    for (const path of ["@useautumn/sdk", "@useautumn/sdk/core", "@useautumn/sdk/funcs/customers-get-or-create", "@useautumn/sdk/webhooks"]) {
      expect(require.resolve(path), path).toMatch(/\.cjs$/);
    }
  });
});

describe("the published package", () => {
  // publint packs the package with npm: a process.
  it("has no publint problems, suggestions included", SPAWNING_TEST, async () => {
    const { messages, pkg } = await publint({ pkgDir: root, strict: true, pack: "npm" });
    expect(messages.map((message) => formatMessage(message, pkg) ?? message.code)).toEqual([]);
  });

  it("resolves types for every entry point under node10, node16 (CJS and ESM) and bundler", SPAWNING_TEST, async () => {
    // attw cannot expand `./funcs/*`, so two concrete function paths are checked too.
    const { stdout } = await run(
      "npx",
      ["--no-install", "attw", "--pack", ".", "--format", "json", "--include-entrypoints", "./funcs/customers-get-or-create.js", "./funcs/balances-check"],
      { cwd: root, maxBuffer: 64 * 1024 * 1024, timeout: CHILD_TIMEOUT_MS },
    ).catch((error: { stdout?: string; killed?: boolean }) => {
      // attw exits non-zero when it finds problems, which the JSON lists; a child killed for its time is an error.
      if (error.killed) throw error;
      return { stdout: error.stdout ?? "" };
    });
    const { analysis } = JSON.parse(stdout) as { analysis: { problems: unknown[]; entrypoints: Record<string, unknown> } };
    expect(analysis.problems).toEqual([]);
    expect(Object.keys(analysis.entrypoints)).toContain("./funcs/customers-get-or-create.js");
  });

  it("packs only dist, the README and its guides, the licence and package.json", SPAWNING_TEST, async () => {
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--loglevel=error"], { cwd: root, timeout: CHILD_TIMEOUT_MS });
    const [packed] = JSON.parse(stdout) as { size: number; unpackedSize: number; files: { path: string }[] }[];
    const paths = packed!.files.map((file) => file.path);
    // The guides ship with the package, so that the README's links to them resolve wherever it is read.
    const others = paths.filter((path) => !/^dist\/.+\.(js|cjs|d\.ts|d\.cts)$/.test(path));
    expect(others.sort()).toEqual(["LICENSE", ...documents(), "package.json"].sort());
    expect(paths).toContain("dist/funcs/customers-get-or-create.cjs");
    expect(paths.filter((path) => /\.map$|^(src|test|examples|scripts)\//.test(path))).toEqual([]);
    console.log(`npm pack: ${paths.length} files, ${(packed!.size / 1024).toFixed(1)} kB packed, ${(packed!.unpackedSize / 1024).toFixed(1)} kB unpacked`);
  });
});

describe("the runtime table (docs/runtimes-and-bundles.md)", () => {
  it("names the versions the matrix pins", () => {
    const guide = readDocument("docs/runtimes-and-bundles.md");
    const start = guide.indexOf("| Runtime | Version tested |");
    expect(start).toBeGreaterThan(-1);
    const table = guide.slice(start, guide.indexOf("\n\n", start));
    for (const [name, pin] of [...Object.entries(pins), ...Object.entries(apps)]) expect(table, name).toContain(`| ${pin.version}`);
  });
});
