import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { aliasModules } from "./helpers.js";

/** The layers of ARCHITECTURE.md, lowest first, and which each may import from. */
const src = fileURLToPath(new URL("../src/", import.meta.url));

function layerOf(file: string): string {
  if (file.startsWith("sandbox/")) return "sandbox";
  if (file.startsWith("entitlements/")) return "entitlements";
  if (file.startsWith("usage-queue/")) return "usage queue";
  if (file.startsWith("typegen/")) return "typegen";
  if (file.startsWith("lib/")) return "lib";
  if (file === "core.ts") return "core";
  if (file.startsWith("models/")) return "models";
  if (file.startsWith("funcs/") || file.startsWith("webhooks/")) return "operations";
  if (file === "customer-core.ts" || file === "customer-tokens.ts") return "token client";
  return "facade";
}

const ALLOWED: Record<string, string[]> = {
  lib: ["lib"],
  core: ["core", "lib"],
  models: ["models", "lib"],
  operations: ["operations", "models", "lib", "core"],
  "token client": ["token client", "operations", "models", "lib", "core"],
  facade: ["facade", "token client", "operations", "models", "lib", "core"],
  // The entitlement cache is opt-in, its own entry point: no other layer imports it.
  entitlements: ["entitlements", "operations", "models", "lib", "core"],
  // The Node-only sandbox checks catalogs with the SDK's params schemas; nothing imports it.
  sandbox: ["sandbox", "models", "lib"],
  // The usage queue delivers with balancesTrack; nothing imports it, so only its importers pay for it.
  "usage queue": ["usage queue", "operations", "models", "lib", "core"],
  // The Node-only autumn-types command reads the catalog with the SDK's own functions, or a catalog file
  // with the sandbox's loader (both Node-only commands, never in an app's bundle); nothing imports it.
  typegen: ["typegen", "sandbox", "operations", "models", "lib", "core"],
};

function sources(dir = src): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

const imports = sources().flatMap((path) => {
  const file = relative(src, path);
  const text = readFileSync(path, "utf8");
  return [...text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+"(\.[^"]+)"/gms)].map((match) => ({
    file,
    typeOnly: Boolean(match[1]),
    target: relative(src, join(dirname(path), match[2]!)).replace(/\.js$/, ".ts"),
  }));
});

describe("layers", () => {
  it("finds the imports it checks", () => {
    expect(imports.length).toBeGreaterThan(200);
  });

  it("each layer imports only from the layers below it (lib reaches core only for its type)", () => {
    const upward = imports.filter(({ file, target, typeOnly }) => {
      const from = layerOf(file);
      const to = layerOf(target);
      if (from === "lib" && target === "core.ts") return !typeOnly;
      return !ALLOWED[from]!.includes(to);
    });
    expect(upward.map(({ file, target }) => `${file} -> ${target}`)).toEqual([]);
  });

  it("only the file store of the usage queue reaches a Node module, so the queue's entry runs on the edge", () => {
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const { target } of imports.filter((item) => item.file === file && !item.typeOnly)) visit(target);
    };
    visit("usage-queue/index.ts");
    visit("usage-queue/redis-store.ts");
    const node = [...reached].filter((file) => /^(?:import|export)\s[^;]*?from\s+"node:/m.test(readFileSync(join(src, file), "utf8")));
    expect(node).toEqual([]);
    expect(reached.has("usage-queue/queue.ts")).toBe(true);
    expect(/from\s+"node:fs"/.test(readFileSync(join(src, "usage-queue/file-store.ts"), "utf8"))).toBe(true);
  });

  it("no operation imports another operation, except a page walker its own list and a module named as in Autumn's current SDK the one it re-exports", () => {
    const aliases = aliasModules();
    const across = imports.filter(
      ({ file, target }) =>
        file.startsWith("funcs/") && target.startsWith("funcs/") && file.replace(/-(pages|items)\.ts$/, ".ts") !== target && `funcs/${aliases.get(file.slice("funcs/".length))}` !== target,
    );
    expect(across.map(({ file, target }) => `${file} -> ${target}`)).toEqual([]);
  });

  // A circle of imports has no bottom: none of its modules can be read, tested or moved without the
  // others. Type-only imports count, since they tie the modules' shapes together just the same.
  it("no module reaches itself through its imports", () => {
    const reached = new Map(sourceFiles.map((file) => [file, reachableFrom(file)]));
    const circles = new Set(
      sourceFiles
        .filter((file) => reached.get(file)!.has(file))
        .map((file) => [...reached.get(file)!].filter((other) => reached.get(other)?.has(file)).sort().join(" <-> ")),
    );
    expect([...circles]).toEqual([]);
  });
});

const sourceFiles = sources().map((path) => relative(src, path));

/** Every module `file` reaches through its imports, directly or not. */
function reachableFrom(file: string): Set<string> {
  const seen = new Set<string>();
  const next = [file];
  while (next.length > 0) {
    const current = next.pop()!;
    for (const { target } of imports.filter((edge) => edge.file === current)) {
      if (!seen.has(target)) {
        seen.add(target);
        next.push(target);
      }
    }
  }
  return seen;
}
