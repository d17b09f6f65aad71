import { describe, expect, it } from "vitest";
import { AutumnCore } from "../../src/core.js";
import { createUsageQueue } from "../../src/usage-queue/queue.js";
import { type Behaviour, faultServers, hang, refusedURL, reply, reset, resetMidBody } from "../faults/fault-server.js";
import { FAST } from "./helpers.js";

/**
 * The outcome table (src/usage-queue/outcome.ts), row by row, against a real local server: one
 * attempt with the row's answer, then a second one answered 409 `duplicate_idempotency_key`. What
 * the queue does with the event after each shows the row's outcome:
 * - delivered: settled after the first attempt, nothing more sent;
 * - refused: a dead letter after the first attempt, with the error;
 * - transient: retried, and the 409 settles it at once (nothing was recorded by the first attempt);
 * - unknown: retried, and the 409 is not trusted yet (the first attempt may still hold the key), so the
 *   event waits for `confirmDuplicateAfterMs`, then a third attempt's 409 settles it.
 */
const serve = faultServers();
const duplicate = reply(409, { message: "Another request with this idempotency key was already received", code: "duplicate_idempotency_key" });
const tracked = reply(200, { customer_id: "user_1", value: 1, balance: null });
const error = (status: number, code: string) => reply(status, { message: `refused: ${code}`, code });

async function afterFirstAttempt(first: Behaviour, options: { attemptTimeoutMs?: number; refusedFirst?: boolean } = {}) {
  const server = await serve([first, duplicate]);
  let now = Date.parse("2026-03-01T00:00:00Z");
  const refused = options.refusedFirst ? await refusedURL() : undefined;
  let calls = 0;
  // The first attempt goes to a port nothing listens on: the connection is really refused.
  const fetchVia: typeof fetch = (input, init) =>
    fetch(refused && calls++ === 0 && input instanceof Request ? new Request(input.url.replace(server.url, refused), input) : input, init);
  const core = new AutumnCore({ secretKey: "am_sk_test_x", serverURL: server.url, ...(refused && { fetch: fetchVia }) });
  const queue = createUsageQueue(core, { ...FAST, now: () => now, confirmDuplicateAfterMs: 60_000, attemptTimeoutMs: options.attemptTimeoutMs ?? 10_000 });
  queue.add({ customerId: "user_1", featureId: "api_calls" });
  await queue.flush();
  const afterOne = (await queue.stats()).value!;
  const letters = (await queue.deadLetters()).value!;
  // Past any backoff, but within the minute a 409 is held in doubt after an unknown outcome.
  now += 1_000;
  await queue.flush();
  const afterTwo = (await queue.stats()).value!;
  now += 60_000;
  await queue.flush();
  const afterThree = (await queue.stats()).value!;
  await queue.close();
  const requests = server.count() + (refused ? 1 : 0);
  if (afterOne.delivered === 1 && requests === 1) return { outcome: "delivered" };
  if (afterOne.dead === 1 && requests === 1) return { outcome: "refused", error: letters[0]?.error };
  if (afterTwo.delivered === 1 && requests === 2) return { outcome: "transient" };
  if (afterTwo.pending === 1 && afterThree.delivered === 1 && requests === 3) return { outcome: "unknown" };
  return { outcome: "unexpected", afterOne, afterTwo, afterThree, requests };
}

describe("each outcome of an attempt, as the queue acts on it", () => {
  const cases: [string, string, Behaviour, Record<string, unknown>?][] = [
    ["200 with Autumn's answer", "delivered", tracked],
    ["202 without a body (queued by Autumn)", "delivered", reply(202, "")],
    ["a 2xx whose body does not parse", "delivered", reply(200, "<html>ok</html>")],
    ["409 duplicate_idempotency_key on the first attempt", "delivered", duplicate],
    ["404 customer_not_found", "refused", error(404, "customer_not_found"), { status: 404, code: "customer_not_found" }],
    ["404 feature_not_found", "refused", error(404, "feature_not_found"), { status: 404, code: "feature_not_found" }],
    ["400 invalid_inputs", "refused", error(400, "invalid_inputs"), { status: 400, code: "invalid_inputs" }],
    ["409 with another code", "refused", error(409, "customer_already_exists"), { status: 409 }],
    ["422", "refused", error(422, "unprocessable"), { status: 422 }],
    ["429 (plain text, Retry-After 0)", "transient", reply(429, "Too many requests", { "retry-after": "0" })],
    ["408", "transient", error(408, "request_timeout")],
    ["500", "transient", error(500, "internal_error")],
    ["503", "transient", error(503, "service_unavailable")],
    ["501", "transient", error(501, "not_implemented")],
    ["401 (the key, not the event)", "transient", error(401, "invalid_secret_key")],
    ["403 (the key, not the event)", "transient", error(403, "insufficient_scopes")],
    ["502 from a gateway (HTML)", "unknown", reply(502, "<html>Bad gateway</html>")],
    ["504 from a gateway", "unknown", reply(504, "<html>Gateway timeout</html>")],
    ["a reset before the answer", "unknown", reset()],
    ["a reset mid-body", "unknown", resetMidBody(200, '{"customer_id"')],
  ];

  it.each(cases)("%s: %s", async (_name, outcome, behaviour, error) => {
    const seen = await afterFirstAttempt(behaviour);
    expect(seen).toEqual({ outcome, ...(outcome === "refused" && { error: expect.objectContaining({ name: "AutumnAPIError", ...error }) }) });
  });

  it("no answer within attemptTimeoutMs: unknown", async () => {
    expect(await afterFirstAttempt(hang(), { attemptTimeoutMs: 200 })).toEqual({ outcome: "unknown" });
  });

  it("a refused connection (nothing reached Autumn): transient", async () => {
    expect(await afterFirstAttempt(duplicate, { refusedFirst: true })).toEqual({ outcome: "transient" });
  });
});
