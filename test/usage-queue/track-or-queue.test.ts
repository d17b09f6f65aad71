import { describe, expect, it } from "vitest";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { createUsageQueue } from "../../src/usage-queue/queue.js";
import { trackOrQueue } from "../../src/usage-queue/track-or-queue.js";
import { FAST, queueSandboxes, tracksUnder } from "./helpers.js";

const sandboxes = queueSandboxes();
const FAST_CLIENT = { retryConfig: { initialDelayMs: 1, maxDelayMs: 5 } };
const params = { customerId: "user_1", featureId: "api_calls", value: 2 };

describe("trackOrQueue", () => {
  it("tracks at once when Autumn answers: Autumn's answer, nothing queued", async () => {
    const { sandbox, core, keep } = await sandboxes(["user_1"], FAST_CLIENT);
    const queue = keep(createUsageQueue(core, FAST));
    const res = await trackOrQueue(queue, params);
    expect(res.ok && res.value.balance).toMatchObject({ usage: 2 });
    expect(res.value?.queued).toBeUndefined();
    expect(res.value?.failedOpen).toBeUndefined();
    expect((await queue.stats()).value?.pending).toBe(0);
    expect(sandbox.events).toHaveLength(1);
  });

  it("during an outage hands the event to the queue under the key the failed call used, and it counts once", async () => {
    const { sandbox, core, keep } = await sandboxes(["user_1"], FAST_CLIENT);
    const queue = keep(createUsageQueue(core, { ...FAST, confirmDuplicateAfterMs: 0 }));
    // The first attempt is recorded but its answer lost; the retries meet an outage.
    sandbox.fail({ kind: "reset", afterApplying: true }, { route: "balances.track" });
    sandbox.fail({ kind: "status", status: 503 }, { route: "balances.track", times: 2 });
    const res = await trackOrQueue(queue, params);
    expect(res.ok).toBe(true);
    const { queued, failedOpen, failOpenCause, balance } = res.value!;
    expect({ failedOpen, balance, cause: failOpenCause?.name }).toEqual({ failedOpen: true, balance: null, cause: "AutumnAPIError" });
    const key = (failOpenCause as { idempotencyKey?: string }).idempotencyKey!;
    expect(queued?.idempotencyKey).toBe(key);
    while ((await queue.flush()).pending > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    // The call's three attempts and the queue's resend, all under one key: Autumn refused the resend, the event counts once.
    expect(tracksUnder(sandbox, key).map((request) => request.fault ?? "answered")).toEqual(["reset afterApplying", "status 503", "status 503", "answered"]);
    expect(sandbox.events.map((event) => event.value)).toEqual([2]);
    expect((await queue.stats()).value).toMatchObject({ delivered: 1, pending: 0 });
  });

  it("uses your idempotency key when you give one", async () => {
    const { sandbox, core, keep } = await sandboxes(["user_1"], FAST_CLIENT);
    const queue = keep(createUsageQueue(core, FAST));
    sandbox.fail({ kind: "status", status: 503 }, { route: "balances.track", times: 3 });
    const res = await trackOrQueue(queue, params, { idempotencyKey: "message-81" });
    expect(res.value?.queued?.idempotencyKey).toBe("message-81");
    await queue.flush();
    expect(sandbox.events).toHaveLength(1);
    expect(new Set(tracksUnder(sandbox, "message-81").map((request) => request.idempotencyKey))).toEqual(new Set(["message-81"]));
  });

  it("a queued event counts as possibly recorded: a 409 is trusted only once the failed call cannot still be running", async () => {
    const { sandbox, core, keep } = await sandboxes(["user_1"], FAST_CLIENT);
    let now = sandbox.now();
    const queue = keep(createUsageQueue(core, { ...FAST, now: () => now }));
    sandbox.fail({ kind: "reset", afterApplying: true }, { route: "balances.track" });
    sandbox.fail({ kind: "status", status: 503 }, { route: "balances.track", times: 2 });
    const key = (await trackOrQueue(queue, params)).value!.queued!.idempotencyKey;
    await queue.flush();
    expect((await queue.stats()).value).toMatchObject({ delivered: 0, pending: 1 });
    now += 60_000;
    await queue.flush();
    expect((await queue.stats()).value).toMatchObject({ delivered: 1, pending: 0 });
    expect(tracksUnder(sandbox, key).map((request) => request.fault ?? "answered")).toEqual(["reset afterApplying", "status 503", "status 503", "answered", "answered"]);
    expect(sandbox.events).toHaveLength(1);
  });

  it("returns a refusal as balancesTrack does; nothing is queued", async () => {
    const { core, keep } = await sandboxes(["user_1"], FAST_CLIENT);
    const queue = keep(createUsageQueue(core, FAST));
    const res = await trackOrQueue(queue, { customerId: "ghost", featureId: "api_calls" });
    expect(!res.ok && res.error).toMatchObject({ name: "AutumnAPIError", code: "customer_not_found" });
    expect((await queue.stats()).value?.pending).toBe(0);
  });

  it("returns the queue's refusal when it cannot take the event either", async () => {
    const { sandbox, core, keep } = await sandboxes(["user_1"], FAST_CLIENT);
    const queue = keep(createUsageQueue(core, { ...FAST, capacity: 1 }));
    // A dead letter fills it.
    queue.add({ customerId: "ghost", featureId: "api_calls" });
    await queue.flush();
    sandbox.fail({ kind: "status", status: 503 }, { route: "balances.track", times: 3 });
    const res = await trackOrQueue(queue, params);
    expect(!res.ok && res.error.name).toBe("QueueFullError");
  });

  it("differs from plain failOpen, which leaves the replay to you", async () => {
    const { sandbox, core } = await sandboxes(["user_1"], FAST_CLIENT);
    sandbox.fail({ kind: "status", status: 503 }, { route: "balances.track", times: 3 });
    const res = await balancesTrack(core, params, { failOpen: true });
    expect(res.value?.failedOpen).toBe(true);
    expect(sandbox.events).toHaveLength(0);
  });
});
