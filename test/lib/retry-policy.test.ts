import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as retryPolicy from "../../src/lib/retry-policy.js";

const funcsDir = new URL("../../src/funcs/", import.meta.url);
const operations = readdirSync(funcsDir)
  .filter((file) => file.endsWith(".ts") && !file.endsWith("-pages.ts"))
  .map((file) => ({ file, source: readFileSync(new URL(file, funcsDir), "utf8") }))
  .map(({ file, source }) => ({ file, name: /export function (\w+)/.exec(source)![1]!, source }));

describe("the retry policy table", () => {
  it("has exactly one row per operation, and each operation uses its own row", () => {
    expect(Object.keys(retryPolicy).sort()).toEqual(operations.map((operation) => operation.name).sort());
    for (const { file, name, source } of operations) expect(source, file).toContain(`retry: retryPolicy.${name},`);
  });

  it("gives every row a reason", () => {
    const table = readFileSync(new URL("../../src/lib/retry-policy.ts", import.meta.url), "utf8");
    for (const name of Object.keys(retryPolicy)) expect(table).toMatch(new RegExp(`/\\*\\* [a-z_]+\\.[a-z_]+: .{10,} \\*/\\nexport const ${name}\\b`));
  });

  it("treats reads and previews as reads and every other change as a mutation", () => {
    for (const [name, policy] of Object.entries(retryPolicy)) {
      if (typeof policy === "function") continue;
      const isRead = /(Get|List|Preview|Aggregate)/.test(name) && !/GetOrCreate/.test(name);
      expect(policy, name).toBe(isRead || name === "customersGetOrCreate" ? "read" : "mutation");
    }
  });

  it("makes check a read only when it records nothing, and import a read only as a dry run", () => {
    expect(retryPolicy.balancesCheck({ customerId: "u", featureId: "f" })).toBe("read");
    expect(retryPolicy.balancesCheck({ customerId: "u", featureId: "f", sendEvent: true })).toBe("mutation");
    expect(retryPolicy.balancesCheck({ customerId: "u", featureId: "f", lock: { lockId: "l1" } } as never)).toBe("mutation");
    expect(retryPolicy.billingImport({ dryRun: true } as never)).toBe("read");
    expect(retryPolicy.billingImport({} as never)).toBe("mutation");
  });
});
