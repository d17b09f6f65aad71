import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { AutumnCore } from "../../src/core.js";
import { createUsageQueue } from "../../src/usage-queue/queue.js";
import type { DeadLetter } from "../../src/usage-queue/store.js";
import { faultServers, reply } from "../faults/fault-server.js";
import { FAST, queueSandboxes, tracksUnder } from "./helpers.js";

const HOUR = 60 * 60 * 1000;
const sandboxes = queueSandboxes();
const serve = faultServers();

describe("a 409 while an earlier attempt may still be running at Autumn", () => {
  /**
   * A server that holds an Idempotency-Key from the moment a request arrives, as Autumn does, and
   * lets the test decide how the first request ends. A second request with a held key is refused 409.
   */
  async function autumnLike() {
    const claims = new Set<string>();
    const recorded: string[] = [];
    let first: { key: string; response: ServerResponse } | undefined;
    const server = await serve((_seen, index) => (request, response) => {
      const key = request.idempotencyKey!;
      if (claims.has(key)) return reply(409, { message: "Duplicate", code: "duplicate_idempotency_key" })(request, response);
      claims.add(key);
      // The first request is still being processed: the client will give up waiting.
      if (index === 0) return void (first = { key, response });
      recorded.push(key);
      reply(200, { customer_id: "user_1", value: 1, balance: null })(request, response);
    });
    return {
      server,
      recorded,
      /** The first request fails inside Autumn after all: it releases the key, nothing was recorded. */
      failFirst() {
        claims.delete(first!.key);
        first!.response.destroy();
      },
    };
  }

  async function run(confirmDuplicateAfterMs: number) {
    const autumn = await autumnLike();
    let now = Date.parse("2026-03-01T00:00:00Z");
    const core = new AutumnCore({ secretKey: "am_sk_test_x", serverURL: autumn.server.url });
    const queue = createUsageQueue(core, { ...FAST, now: () => now, attemptTimeoutMs: 200, confirmDuplicateAfterMs });
    queue.add({ customerId: "user_1", featureId: "api_calls" });
    // The first attempt times out: its outcome is unknown.
    await queue.flush();
    now += 1_000;
    // The second is refused 409, since the first still holds the key.
    await queue.flush();
    const afterDuplicate = (await queue.stats()).value!;
    autumn.failFirst();
    now += 60_000;
    await queue.flush();
    const final = (await queue.stats()).value!;
    await queue.close();
    return { afterDuplicate, final, recorded: autumn.recorded.length, requests: autumn.server.count() };
  }

  it("is not trusted at once: the event is asked again after confirmDuplicateAfterMs, and recorded once", async () => {
    const { afterDuplicate, final, recorded, requests } = await run(60_000);
    expect(afterDuplicate).toMatchObject({ delivered: 0, pending: 1 });
    expect(final).toMatchObject({ delivered: 1, pending: 0 });
    expect(recorded).toBe(1);
    expect(requests).toBe(3);
  });

  it("trusted at once (confirmDuplicateAfterMs: 0), the same story loses the event: why the default is a minute", async () => {
    const { afterDuplicate, recorded } = await run(0);
    expect(afterDuplicate).toMatchObject({ delivered: 1, pending: 0 });
    expect(recorded).toBe(0);
  });
});

describe("Autumn's 24-hour claim on a key", () => {
  async function lostAnswer() {
    const { sandbox, core, keep } = await sandboxes();
    let now = sandbox.now();
    const advance = (ms: number) => {
      now += ms;
      sandbox.advanceClock(ms);
    };
    const dead: DeadLetter[] = [];
    const queue = keep(createUsageQueue(core, { ...FAST, now: () => now, onDead: (letter) => dead.push(letter) }));
    // Recorded by Autumn, but the answer is lost: the outcome is unknown, and Autumn holds the key for 24 h from now.
    sandbox.fail({ kind: "reset", afterApplying: true }, { route: "balances.track" });
    const sentAt = now;
    const { idempotencyKey } = queue.add({ customerId: "user_1", featureId: "api_calls", value: 3 }).value!;
    await queue.flush();
    // Then a long outage: every resend is answered 503 (nothing learnt).
    sandbox.fail({ kind: "status", status: 503 }, { route: "balances.track", times: 1_000 });
    return { sandbox, queue, idempotencyKey, sentAt, advance, dead };
  }

  it("an event still unsettled when the window is about to close is never resent: it becomes an outcome_unknown dead letter", async () => {
    const { sandbox, queue, idempotencyKey, sentAt, advance, dead } = await lostAnswer();
    // Resends 1, 12 and 22 hours after the first attempt.
    for (const hours of [1, 11, 10]) {
      advance(hours * HOUR);
      await queue.flush();
    }
    // Within the window (less the default one-hour margin) every resend was made.
    const beforeClose = tracksUnder(sandbox, idempotencyKey).length;
    expect(beforeClose).toBe(4);
    expect((await queue.stats()).value).toMatchObject({ pending: 1, dead: 0 });
    // 23 hours after the first attempt: the margin before Autumn forgets the key has begun.
    advance(HOUR);
    await queue.flush();
    expect(tracksUnder(sandbox, idempotencyKey)).toHaveLength(beforeClose);
    expect((await queue.stats()).value).toMatchObject({ pending: 0, dead: 1, outcomeUnknown: 1 });
    const expected = { idempotencyKey, reason: "outcome_unknown", firstUncertainAt: sentAt, lastUncertainAt: sentAt, windowClosesAt: sentAt + 24 * HOUR, attempts: 4 };
    expect((await queue.deadLetters()).value).toEqual([expect.objectContaining(expected)]);
    expect(dead).toEqual([expect.objectContaining(expected)]);
    // Autumn's outage ends and its clock passes the 24 hours: still nothing is resent, and the event counts once.
    sandbox.clearFaults();
    advance(2 * HOUR);
    await queue.flush();
    expect(tracksUnder(sandbox, idempotencyKey)).toHaveLength(beforeClose);
    expect(sandbox.events.map((event) => event.value)).toEqual([3]);
  });

  it("an event settled before the window closes: the resend under its key is refused 409, and it counts once", async () => {
    const { sandbox, queue, idempotencyKey, advance } = await lostAnswer();
    advance(12 * HOUR);
    await queue.flush();
    sandbox.clearFaults();
    advance(10 * HOUR);
    await queue.flush();
    expect(tracksUnder(sandbox, idempotencyKey).map((request) => request.fault ?? "answered")).toEqual(["reset afterApplying", "status 503", "answered"]);
    expect((await queue.stats()).value).toMatchObject({ pending: 0, delivered: 1, dead: 0 });
    expect(sandbox.events.map((event) => event.value)).toEqual([3]);
  });

  it("an outage with no unknown outcome closes no window: the event is kept and sent when Autumn is back", async () => {
    const { sandbox, core, keep } = await sandboxes();
    let now = sandbox.now();
    const queue = keep(createUsageQueue(core, { ...FAST, now: () => now }));
    sandbox.fail({ kind: "status", status: 503 }, { route: "balances.track", times: 1_000 });
    queue.add({ customerId: "user_1", featureId: "api_calls" });
    await queue.flush();
    now += 30 * HOUR;
    sandbox.advanceClock(30 * HOUR);
    sandbox.clearFaults();
    await queue.flush();
    expect((await queue.stats()).value).toMatchObject({ delivered: 1, dead: 0 });
    expect(sandbox.events).toHaveLength(1);
  });
});
