import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** The layers of ARCHITECTURE.md, lowest first, and which each may import from. */
const src = fileURLToPath(new URL("../src/", import.meta.url));

function layerOf(file: string): string {
  if (file.startsWith("sandbox/")) return "sandbox";
  if (file.startsWith("entitlements/")) return "entitlements";
  if (file.startsWith("lib/")) return "lib";
  if (file === "core.ts") return "core";
  if (file.startsWith("models/")) return "models";
  if (file.startsWith("funcs/") || file.startsWith("webhooks/")) return "operations";
  if (file === "customer-core.ts") return "token client";
  return "facade";
}

const ALLOWED: Record<string, string[]> = {
  lib: ["lib"],
  core: ["core", "lib"],
  models: ["models", "lib"],
  operations: ["operations", "models", "lib", "core"],
  "token client": ["operations", "models", "lib", "core"],
  facade: ["facade", "token client", "operations", "models", "lib", "core"],
  // The entitlement cache is opt-in, its own entry point: no other layer imports it.
  entitlements: ["entitlements", "operations", "models", "lib", "core"],
  // The Node-only sandbox checks catalogs with the SDK's params schemas; nothing imports it.
  sandbox: ["sandbox", "models", "lib"],
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

  it("no operation imports another operation, except a page walker its own list", () => {
    const across = imports.filter(({ file, target }) => file.startsWith("funcs/") && target.startsWith("funcs/") && file.replace(/-(pages|items)\.ts$/, ".ts") !== target);
    expect(across.map(({ file, target }) => `${file} -> ${target}`)).toEqual([]);
  });
});
