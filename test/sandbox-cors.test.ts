import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AutumnCore } from "../src/core.js";
import { CustomerCore } from "../src/customer-core.js";
import { balancesCheck } from "../src/funcs/balances-check.js";
import { balancesTrack } from "../src/funcs/balances-track.js";
import { billingAttach } from "../src/funcs/billing-attach.js";
import { customersGetOrCreate } from "../src/funcs/customers-get-or-create.js";
import { keysMint } from "../src/funcs/keys-mint.js";
import { type Sandbox, startSandbox } from "../src/sandbox/server.js";

/**
 * A page on another origin calls the sandbox directly with a customer token, so the sandbox answers CORS
 * preflights and lets the page read its answers, errors included: here a page of the app's dev server on
 * a loopback origin (test/sandbox-access.test.ts has the origins it refuses). The requests are made by
 * Node's fetch, which sends what a browser would; the runtime matrix has Chromium make them for real.
 */
const SECRET = "am_sk_test_cors";
const ORIGIN = "http://localhost:5173";
const CUSTOMER = "cors_user_1";
// Headers a browser sends cross-origin without asking first (with the values the SDK gives them).
const SAFELISTED = new Set(["accept"]);

let sandbox: Sandbox;
let server: AutumnCore;

beforeAll(async () => {
  sandbox = await startSandbox();
  server = new AutumnCore({ secretKey: SECRET, serverURL: sandbox.url });
  expect((await customersGetOrCreate(server, { customerId: CUSTOMER })).ok).toBe(true);
  expect((await billingAttach(server, { customerId: CUSTOMER, planId: "free" })).ok).toBe(true);
});
afterAll(async () => {
  await sandbox.close();
});

const list = (value: string | null): string[] => (value ?? "").split(",").map((name) => name.trim().toLowerCase()).filter(Boolean);

/** A raw call as a page on ORIGIN makes it. */
const post = (path: string, headers: Record<string, string>, body: unknown = {}) =>
  fetch(`${sandbox.url}/v1/${path}`, { method: "POST", headers: { origin: ORIGIN, "content-type": "application/json", "x-api-version": "2.3.0", ...headers }, body: JSON.stringify(body) });

describe("the sandbox answers browsers on other origins", () => {
  it("answers a preflight for every header the SDK sends with a customer token, before authenticating, and does not record it", async () => {
    // The headers the SDK really sends on check and track (a mutation, so with an Idempotency-Key).
    const sent = new Set<string>();
    const recording: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      request.headers.forEach((_value, name) => sent.add(name));
      return fetch(request);
    };
    const minted = await keysMint(server, { customerId: CUSTOMER });
    if (!minted.ok) throw minted.error;
    const autumn = new CustomerCore({ tokens: minted.value, serverURL: sandbox.url, fetch: recording });
    expect((await balancesCheck(autumn, { featureId: "messages" })).ok).toBe(true);
    expect((await balancesTrack(autumn, { featureId: "messages", value: 1 })).ok).toBe(true);
    expect([...sent]).toEqual(expect.arrayContaining(["authorization", "content-type", "x-api-version", "idempotency-key"]));

    const recorded = sandbox.requests.length;
    for (const path of ["balances.check", "balances.track", "keys.refresh"]) {
      const preflight = await fetch(`${sandbox.url}/v1/${path}`, {
        method: "OPTIONS",
        headers: { origin: ORIGIN, "access-control-request-method": "POST", "access-control-request-headers": [...sent].sort().join(",") },
      });
      expect(preflight.status, path).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe(ORIGIN);
      expect(list(preflight.headers.get("access-control-allow-methods"))).toContain("post");
      const allowed = list(preflight.headers.get("access-control-allow-headers"));
      for (const name of sent) if (!SAFELISTED.has(name)) expect(allowed, `${name} is not allowed`).toContain(name);
    }
    expect(sandbox.requests.length).toBe(recorded);
  });

  it("lets the page read every answer, errors included, and the rate-limit headers on it", async () => {
    const minted = await keysMint(server, { customerId: CUSTOMER });
    if (!minted.ok) throw minted.error;
    const token = `Bearer ${minted.value.accessToken}`;
    const answers = {
      "200 check": await post("balances.check", { authorization: token }, { feature_id: "messages" }),
      "202 async track": await post("balances.track", { authorization: token }, { feature_id: "messages", async: true }),
      "401 wrong key": await post("balances.check", { authorization: "Bearer am_sk_test_nope!" }, { customer_id: CUSTOMER, feature_id: "messages" }),
      "403 route a token cannot reach": await post("customers.update", { authorization: token }, { name: "Mallory" }),
      "404 unknown route": await post("nothing.here", { authorization: `Bearer ${SECRET}` }),
    };
    for (const [name, answer] of Object.entries(answers)) {
      expect(answer.status, name).toBe(Number(name.slice(0, 3)));
      expect(answer.headers.get("access-control-allow-origin"), name).toBe(ORIGIN);
      const exposed = list(answer.headers.get("access-control-expose-headers"));
      for (const header of ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after"]) expect(exposed, `${name}: ${header}`).toContain(header);
      expect(answer.headers.get("ratelimit-remaining"), name).not.toBeNull();
      await answer.arrayBuffer();
    }
  });

  it("records the credential each request carried", async () => {
    const minted = await keysMint(server, { customerId: CUSTOMER });
    if (!minted.ok) throw minted.error;
    expect(sandbox.requests.at(-1)).toMatchObject({ path: "keys.mint", authorization: `Bearer ${SECRET}` });
    const autumn = new CustomerCore({ tokens: minted.value, serverURL: sandbox.url });
    expect((await balancesCheck(autumn, { featureId: "messages" })).ok).toBe(true);
    expect(sandbox.requests.at(-1)).toMatchObject({ path: "balances.check", authorization: `Bearer ${minted.value.accessToken}`, body: { customer_id: CUSTOMER } });
  });
});
