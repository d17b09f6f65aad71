import { describe, expect, it } from "vitest";
import { serveOnLoopback } from "../../src/sandbox/loopback-http.js";
import { Autumn } from "../../src/autumn.js";
import { balancesCheck } from "../../src/funcs/balances-check.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { customersGet } from "../../src/funcs/customers-get.js";
import { refusedURL } from "../faults/fault-server.js";
import { api, fixture, recordRequests, SECRET_KEY, testCore } from "../helpers.js";

describe("fail-open", () => {
  it("is off by default: an outage is an error", async () => {
    api().post("/v1/balances.check").times(3).reply(503, { message: "down", code: "service_unavailable" });
    const result = await balancesCheck(testCore(), { customerId: "user_123", featureId: "messages" });
    expect(result.ok || result.error.name).toBe("AutumnAPIError");
  });

  it("answers check with a marked 'allowed' after the retries of a 5xx are spent", async () => {
    const scope = api().post("/v1/balances.check").times(3).reply(502, "<html>bad gateway</html>", { "content-type": "text/html" });
    const seen = recordRequests(scope);
    const result = await balancesCheck(testCore({ failOpen: true }), { customerId: "user_123", featureId: "messages", entityId: "seat_1" });
    expect(seen).toHaveLength(3);
    if (!result.ok) throw result.error;
    expect(result.value).toMatchObject({ allowed: true, customerId: "user_123", entityId: "seat_1", balance: null, flag: null, failedOpen: true });
    expect(result.value.failOpenCause).toMatchObject({ name: "AutumnAPIError", status: 502 });
  });

  it("answers check when Autumn is unreachable, per call", async () => {
    const result = await balancesCheck(testCore({ serverURL: await refusedURL() }), { customerId: "user_123", featureId: "messages" }, { failOpen: true });
    if (!result.ok) throw result.error;
    expect(result.value.failedOpen).toBe(true);
    expect(result.value.failOpenCause?.name).toBe("ConnectionError");
  });

  it("answers track with the value it was given, marked, on a timeout", async () => {
    const server = await serveOnLoopback(() => {});
    try {
      const result = await balancesTrack(testCore({ serverURL: server.url, timeoutMs: 150, failOpen: true }), { customerId: "user_123", featureId: "messages", value: 3 });
      if (!result.ok) throw result.error;
      expect(result.value).toMatchObject({ customerId: "user_123", value: 3, balance: null, failedOpen: true });
      expect(result.value.failOpenCause?.name).toBe("RequestTimeoutError");
    } finally {
      await server.close();
    }
  });

  it("does not fail open on a refusal: a 4xx is the caller's to handle", async () => {
    api().post("/v1/balances.check").reply(404, { message: "Customer not found", code: "customer_not_found" });
    const result = await balancesCheck(testCore({ failOpen: true }), { customerId: "user_123", featureId: "messages" });
    expect(result.ok || result.error).toMatchObject({ name: "AutumnAPIError", code: "customer_not_found" });
  });

  it("does not fail open on bad input, and a per-call false wins over the client", async () => {
    expect((await balancesCheck(testCore({ failOpen: true }), { customerId: "bad id", featureId: "messages" })).ok).toBe(false);
    api().post("/v1/balances.check").times(3).reply(500, { message: "boom", code: "internal_error" });
    const result = await balancesCheck(testCore({ failOpen: true }), { customerId: "user_123", featureId: "messages" }, { failOpen: false });
    expect(result.ok).toBe(false);
  });

  it("never marks a real answer, and leaves other operations alone", async () => {
    api().post("/v1/balances.check").reply(200, fixture("balance-check"));
    const real = await balancesCheck(testCore({ failOpen: true }), { customerId: "user_123", featureId: "messages" });
    expect(real.ok && "failedOpen" in real.value).toBe(false);
    api().post("/v1/customers.get").times(3).reply(503, "");
    expect((await customersGet(testCore({ failOpen: true }), { customerId: "user_123" })).ok).toBe(false);
  });

  it("applies to the class's top-level check", async () => {
    api().post("/v1/balances.check").times(3).reply(503, "");
    const autumn = new Autumn({ secretKey: SECRET_KEY, serverURL: testCore().serverURL, failOpen: true, retryConfig: { initialDelayMs: 1 } });
    expect((await autumn.check({ customerId: "user_123", featureId: "messages" })).failedOpen).toBe(true);
  });
});
