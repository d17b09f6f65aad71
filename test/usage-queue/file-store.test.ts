import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fileStore } from "../../src/usage-queue/file-store.js";
import { createUsageQueue } from "../../src/usage-queue/queue.js";
import { SPAWNING_TEST } from "../helpers.js";
import { eventsByN, FAST, queueSandboxes, tracksUnder } from "./helpers.js";
import { workers } from "./workers.js";

const sandboxes = queueSandboxes();
const worker = workers();
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function logPath(): string {
  const dir = mkdtempSync(join(tmpdir(), "usage-queue-"));
  dirs.push(dir);
  return join(dir, "usage.log");
}
const track = (n: number) => ({ customerId: "user_1", featureId: "api_calls", value: 1, properties: { n } });

describe("the file store", () => {
  it("what add returned is in the file when the process is killed (SIGKILL) right after", SPAWNING_TEST, async () => {
    const { sandbox, core, keep } = await sandboxes();
    const path = logPath();
    const numbers = Array.from({ length: 50 }, (_, n) => n);
    // No delivery in the child: every event is still to send when it dies.
    const child = worker({ mode: "add", store: { kind: "file", path }, serverURL: sandbox.url, secretKey: sandbox.secretKey, customers: ["user_1"], numbers, queue: { flushAt: 1_000, flushIntervalMs: 0 } });
    const { added } = (await child.until((message) => "added" in message)) as { added: string[] };
    await child.kill();
    const queue = keep(createUsageQueue(core, { ...FAST, store: fileStore({ path }) }));
    expect((await queue.stats()).value).toMatchObject({ pending: 50 });
    await queue.flush();
    expect(new Set(sandbox.requests.filter((request) => request.path === "balances.track").map((request) => request.idempotencyKey))).toEqual(new Set(added));
    expect([...eventsByN(sandbox).entries()].sort((a, b) => a[0] - b[0])).toEqual(numbers.map((n) => [n, 1]));
  });

  it("an attempt in flight when the process was killed is resent under its key after a restart, and counts once", SPAWNING_TEST, async () => {
    const { sandbox, core, keep } = await sandboxes();
    const path = logPath();
    // The child's attempts are held by the sandbox, unanswered, until it dies.
    sandbox.fail({ kind: "timeout" }, { route: "balances.track", times: 5 });
    const child = worker({ mode: "add", store: { kind: "file", path }, serverURL: sandbox.url, secretKey: sandbox.secretKey, customers: ["user_1"], numbers: [0, 1, 2, 3, 4], queue: { flushIntervalMs: 0 } });
    const { added } = (await child.until((message) => "added" in message)) as { added: string[] };
    while (sandbox.requests.filter((request) => request.fault === "timeout").length < 5) await new Promise((resolve) => setTimeout(resolve, 5));
    await child.kill();
    const queue = keep(createUsageQueue(core, { ...FAST, confirmDuplicateAfterMs: 0, store: fileStore({ path }) }));
    // The dead process's leases are over: its events are pending again.
    expect((await queue.stats()).value).toMatchObject({ pending: 5, inFlight: 0 });
    await queue.flush();
    for (const key of added) expect(tracksUnder(sandbox, key).map((request) => request.fault ?? "answered")).toEqual(["timeout", "answered"]);
    expect(sandbox.events).toHaveLength(5);
  });

  it("keeps pending events and dead letters across a close and a reopen", async () => {
    const { sandbox, core } = await sandboxes();
    const path = logPath();
    // A long backoff: what the first 503 puts back stays pending through close().
    const first = createUsageQueue(core, { ...FAST, retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 }, store: fileStore({ path }) });
    sandbox.fail({ kind: "status", status: 503 }, { route: "balances.track", times: 1 });
    const pending = first.add(track(1)).value!;
    const ghost = first.add({ customerId: "ghost", featureId: "api_calls" }).value!;
    await first.flush();
    expect(await first.close()).toMatchObject({ pending: 1, lost: [] });
    const later = Date.now() + 120_000;
    const second = createUsageQueue(core, { ...FAST, now: () => later, store: fileStore({ path }) });
    expect((await second.stats()).value).toMatchObject({ pending: 1, dead: 1 });
    expect((await second.deadLetters()).value).toEqual([expect.objectContaining({ idempotencyKey: ghost.idempotencyKey, reason: "refused" })]);
    await second.flush();
    expect(tracksUnder(sandbox, pending.idempotencyKey).map((request) => request.fault ?? "answered")).toEqual(["status 503", "answered"]);
    expect(sandbox.events).toHaveLength(1);
    await second.close();
  });

  it("drops a last line cut off mid-write, and writes the next one on a line of its own", async () => {
    const path = logPath();
    const event = (key: string) => ({ key, params: track(1), addedAt: 1, attempts: 0, nextAt: 1 });
    const first = fileStore({ path });
    first.add(event("a"), 10);
    first.add(event("b"), 10);
    await first.close();
    writeFileSync(path, `${readFileSync(path, "utf8")}{"e":{"key":"cut-off","par`);
    const second = fileStore({ path });
    expect((await second.counts(2)).pending).toBe(2);
    second.add(event("c"), 10);
    await second.close();
    const third = fileStore({ path });
    expect((await third.take("h", 10, 2, 1_000)).map((taken) => taken.key)).toEqual(["a", "b", "c"]);
    await third.close();
  });

  it("refuses a log damaged before its last line, and a file that is not a log, naming the path and leaving the file as it was", async () => {
    const path = logPath();
    writeFileSync(path, '{"autumnUsageQueue":1}\n{"e":{broken\n{"x":"a"}\n');
    expect(() => fileStore({ path })).toThrow(expect.objectContaining({ name: "ConfigurationError", setting: "path", message: expect.stringMatching(/damaged at line 2/) }));
    const other = logPath();
    writeFileSync(other, "important data\n");
    expect(() => fileStore({ path: other })).toThrow(expect.objectContaining({ name: "ConfigurationError", setting: "path" }));
    expect(readFileSync(other, "utf8")).toBe("important data\n");
    // A refused open leaves no lock behind.
    expect(existsSync(`${other}.lock`)).toBe(false);
  });

  it("lets one process at a time open a log, and takes over the lock of a process that died", async () => {
    const path = logPath();
    const store = fileStore({ path });
    expect(() => fileStore({ path })).toThrow(expect.objectContaining({ name: "ConfigurationError", setting: "path", message: expect.stringMatching(new RegExp(`in use by process ${process.pid}`)) }));
    await store.close();
    // A process that has ended, as a crash leaves its lock.
    const ended = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    writeFileSync(`${path}.lock`, ended.stdout.trim());
    const taken = fileStore({ path });
    expect(readFileSync(`${path}.lock`, "utf8")).toBe(String(process.pid));
    await taken.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("rewrites the log when most of it is history, keeping everything it holds", async () => {
    const { sandbox, core } = await sandboxes();
    const path = logPath();
    const queue = createUsageQueue(core, { ...FAST, capacity: 5_000, store: fileStore({ path }) });
    queue.add({ customerId: "ghost", featureId: "api_calls" });
    for (let n = 0; n < 1_500; n++) queue.add(track(n));
    const kept = queue.add(track(9_999), { idempotencyKey: "kept" });
    expect(kept.ok).toBe(true);
    while ((await queue.stats()).value!.pending > 0) await queue.flush();
    // Each delivered event wrote three lines (added, taken, delivered): without rewrites, over 4,500.
    const lines = readFileSync(path, "utf8").split("\n").length - 1;
    expect(lines).toBeLessThan(1_500);
    await queue.close();
    const reopened = createUsageQueue(core, { ...FAST, store: fileStore({ path }) });
    expect((await reopened.stats()).value).toMatchObject({ pending: 0, dead: 1 });
    await reopened.close();
    expect(sandbox.events).toHaveLength(1_501);
  });

  it("with fsync: true, writes through to the disk before add returns", async () => {
    const { core } = await sandboxes();
    const path = logPath();
    const queue = createUsageQueue(core, { ...FAST, flushAt: 1_000, store: fileStore({ path, fsync: true }) });
    const added = queue.add(track(1)).value!;
    expect(readFileSync(path, "utf8")).toContain(added.idempotencyKey);
    await queue.close({ deadlineMs: 0 });
  });

  it("checks its options", () => {
    expect(() => fileStore({ path: "" })).toThrow(expect.objectContaining({ name: "ConfigurationError", setting: "path" }));
    expect(() => fileStore({ path: logPath(), fsync: "yes" } as never)).toThrow(expect.objectContaining({ name: "ConfigurationError", setting: "fsync" }));
  });
});
