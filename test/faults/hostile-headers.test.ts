import { describe, expect, it } from "vitest";
import { AutumnCore } from "../../src/core.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { customersGet } from "../../src/funcs/customers-get.js";
import { fixture, testCore } from "../helpers.js";
import { reply, faultServers, startFaultServer } from "./fault-server.js";

const serve = faultServers();

// Found by the property suite: fetch throws a TypeError on these, which read as a ConnectionError
// ("Could not reach …") although nothing was sent. They are options, so each is a ConfigurationError naming it.
const unsendable = ["Ā", "ü€", "😀", "\u0001", "a\u007fb", "\ud800"];

describe("header values fetch cannot send are refused before sending", () => {
  it.each(unsendable)("an idempotency key %j", async (key) => {
    const server = await serve([reply(200, fixture("balance-track"))]);
    const result = await balancesTrack(testCore({ serverURL: server.url }), { customerId: "user_123", featureId: "messages" }, { idempotencyKey: key });
    expect(result.ok || result.error).toMatchObject({ name: "ConfigurationError", setting: "idempotencyKey" });
    expect(server.count()).toBe(0);
  });

  it.each(unsendable)("a per-call header %j", async (value) => {
    const server = await serve([reply(200, fixture("customer"))]);
    const result = await customersGet(testCore({ serverURL: server.url }), { customerId: "user_123" }, { headers: { "x-trace": value } });
    expect(result.ok || result.error).toMatchObject({ name: "ConfigurationError", setting: "headers.x-trace" });
    expect(server.count()).toBe(0);
  });

  it.each(unsendable)("a secret key %j: refused by the constructor, and when a key function returns it", async (secretKey) => {
    const server = await serve([reply(200, fixture("customer"))]);
    expect(() => new AutumnCore({ secretKey: `am_sk_test_${secretKey}x`, serverURL: server.url })).toThrow(
      expect.objectContaining({ name: "ConfigurationError", setting: "secretKey" }),
    );
    const result = await customersGet(new AutumnCore({ secretKey: () => `am_sk_test_${secretKey}x`, serverURL: server.url }), { customerId: "user_123" });
    expect(result.ok || result.error).toMatchObject({ name: "ConfigurationError", setting: "secretKey" });
    expect(server.count()).toBe(0);
  });

  it("a tab inside a header value is still sent", async () => {
    const server = await serve([reply(200, fixture("customer"))]);
    const result = await customersGet(testCore({ serverURL: server.url }), { customerId: "user_123" }, { headers: { "x-trace": "a\tb" } });
    expect(result.ok).toBe(true);
    expect(server.requests[0]?.headers["x-trace"]).toBe("a\tb");
  });
});
