import { describe, expect, it, onTestFinished, vi } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { startSandbox } from "../../src/sandbox/index.js";

/**
 * Idempotency keys as Autumn holds them: claimed for 24 hours of the
 * sandbox's clock, in the environment of the request's key, across routes.
 */

const HOUR = 3_600_000;

async function open() {
  const sandbox = await startSandbox();
  onTestFinished(() => sandbox.close());
  return { sandbox, autumn: new Autumn({ secretKey: sandbox.secretKey, serverURL: sandbox.url, retryConfig: { limit: 0 } }) };
}

describe("idempotency keys", () => {
  it("are claimed for 24 hours across routes, per environment, and accepted again after that", async () => {
    const { sandbox, autumn } = await open();
    // The real clock stands still (timers and sockets stay real): only advanceClock moves the sandbox's.
    vi.useFakeTimers({ toFake: ["Date"] });
    await autumn.customers.getOrCreate({ customerId: "keyed" });
    await autumn.customers.update({ customerId: "keyed", name: "A" }, { idempotencyKey: "order-1" });
    // On another route as well: the key is the organisation's, not the route's.
    await expect(autumn.track({ customerId: "keyed", featureId: "messages" }, { idempotencyKey: "order-1" })).rejects.toMatchObject({ status: 409, code: "duplicate_idempotency_key" });
    // The live environment has keys of its own.
    const live = new Autumn({ secretKey: "am_sk_live_keyed", serverURL: sandbox.url, retryConfig: { limit: 0 } });
    await expect(live.customers.getOrCreate({ customerId: "keyed_live" }, { idempotencyKey: "order-1" })).resolves.toMatchObject({ id: "keyed_live" });

    sandbox.advanceClock(24 * HOUR - 1);
    await expect(autumn.customers.update({ customerId: "keyed", name: "B" }, { idempotencyKey: "order-1" })).rejects.toMatchObject({ status: 409 });
    sandbox.advanceClock(1);
    await expect(autumn.customers.update({ customerId: "keyed", name: "C" }, { idempotencyKey: "order-1" })).resolves.toMatchObject({ name: "C" });
    // Claimed again, for another 24 hours.
    await expect(autumn.customers.update({ customerId: "keyed", name: "D" }, { idempotencyKey: "order-1" })).rejects.toMatchObject({ status: 409 });
  });
});
