import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { QUEUE_DEFAULTS } from "../../src/usage-queue/options.js";

/** The guide states the defaults the code has. */
const guide = readFileSync(new URL("../../docs/usage-queue.md", import.meta.url), "utf8");

function optionsTable(): Map<string, string> {
  const section = guide.slice(guide.indexOf("## Options"), guide.indexOf("\n## ", guide.indexOf("## Options") + 1));
  const rows = new Map<string, string>();
  for (const [, name, value] of section.matchAll(/^\| `([\w.]+)` \| `?([^`|]+?)`? \|/gm)) rows.set(name!, value!.trim());
  return rows;
}

describe("docs/usage-queue.md", () => {
  it("gives every option the default the code has", () => {
    const rows = optionsTable();
    const { retry, closeDeadlineMs: _close, ...flat } = QUEUE_DEFAULTS;
    const numbers = { ...flat, "retry.initialDelayMs": retry.initialDelayMs, "retry.maxDelayMs": retry.maxDelayMs };
    for (const [name, value] of Object.entries(numbers)) expect(rows.get(name), name).toBe(String(value));
    expect(rows.get("store")).toBe("memoryStore()");
    expect(rows.get("now")).toBe("Date.now");
    expect([...rows.keys()].sort()).toEqual([...Object.keys(numbers), "store", "now", "onDelivered", "onDead"].sort());
  });

  it("gives close() the deadline the code has", () => {
    expect(guide).toContain(`until the deadline (default ${QUEUE_DEFAULTS.closeDeadlineMs / 1000} s)`);
  });
});
