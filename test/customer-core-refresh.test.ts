import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CustomerCore } from "../src/customer-core.js";
import { balancesCheck } from "../src/funcs/balances-check.js";
import { balancesTrack } from "../src/funcs/balances-track.js";
import type { RequestOptions } from "../src/lib/config.js";
import type { Result } from "../src/lib/result.js";
import { advance, fakeClock, until } from "./clock.js";
import { HOUR, tokenHarness } from "./token-harness.js";

/**
 * What each answer to `keys.refresh` does to the refresh token it presented. Autumn rotates the token
 * when its generation is current, answers the one before it once more (the grace), and revokes the
 * customer's tokens for anything older; the sandbox does the same. A presentation whose answer proves
 * the refresh was not applied leaves the token as it was; one that may have rotated it counts, and no
 * token is presented more than twice while either may have rotated it.
 */
const t = tokenHarness();
const check = (autumn: CustomerCore, options?: RequestOptions) => balancesCheck(autumn, { featureId: "messages" }, options);
const expired = () => vi.setSystemTime(Date.now() + HOUR + 1_000);
const failure = (result: Result<unknown>) => (result.ok ? "ok" : result.error);
/** The customer's tokens still work (nothing was revoked): a pair minted now is accepted. */
async function notRevoked(): Promise<void> {
  expect((await check(t.client(await t.mint()))).ok).toBe(true);
}

describe("answers that may have rotated the refresh token", () => {
  it("a refresh lost to the call's timeout is presented once more by the next call, which the grace answers", async () => {
    fakeClock();
    const autumn = t.client(await t.mint());
    expired();
    t.sandbox.fail({ kind: "timeout" }, { route: "keys.refresh" });
    const first = check(autumn, { timeoutMs: 5_000 });
    await until(() => t.refreshes() === 1);
    await advance(5_000);
    expect(failure(await first)).toMatchObject({ name: "RequestTimeoutError" });
    expect(t.refreshes()).toBe(1);
    expect((await check(autumn)).ok).toBe(true);
    expect(t.refreshes()).toBe(2);
    await notRevoked();
  });

  it("a 500 is presented once more within the call, and the grace answers it", async () => {
    const autumn = t.client(await t.mint());
    expired();
    t.sandbox.fail({ kind: "status", status: 500 }, { route: "keys.refresh" });
    expect((await check(autumn)).ok).toBe(true);
    expect(t.refreshes()).toBe(2);
  });

  it("two answers that may have rotated it end with refresh_lost, and no later call presents it a third time", async () => {
    const autumn = t.client(await t.mint());
    expired();
    t.sandbox.fail({ kind: "status", status: 502 }, { route: "keys.refresh", times: 2 });
    const first = await check(autumn);
    expect(failure(first)).toMatchObject({ name: "CustomerTokenError", reason: "refresh_lost", cause: { name: "AutumnAPIError", status: 502 } });
    expect(t.refreshes()).toBe(2);
    expect(failure(await balancesTrack(autumn, { featureId: "messages" }))).toMatchObject({ name: "CustomerTokenError", reason: "refresh_lost" });
    expect(t.refreshes()).toBe(2);
    await notRevoked();
  });

  it("answers that prove nothing was applied do not count: a 500, a 429 and the grace make three presentations", async () => {
    const autumn = t.client(await t.mint());
    expired();
    t.sandbox.fail({ kind: "status", status: 500 }, { route: "keys.refresh" });
    t.sandbox.fail({ kind: "status", status: 429, retryAfterSeconds: 0 }, { route: "keys.refresh" });
    expect((await check(autumn)).ok).toBe(true);
    expect(t.refreshes()).toBe(3);
  });

  it("a 500, a 429 and a lost answer: two may have rotated it, so it ends with refresh_lost", async () => {
    const autumn = t.client(await t.mint());
    expired();
    t.sandbox.fail({ kind: "status", status: 500 }, { route: "keys.refresh" });
    t.sandbox.fail({ kind: "status", status: 429, retryAfterSeconds: 0 }, { route: "keys.refresh" });
    t.sandbox.fail({ kind: "reset", afterApplying: true }, { route: "keys.refresh" });
    expect(failure(await check(autumn))).toMatchObject({ name: "CustomerTokenError", reason: "refresh_lost", cause: { name: "ConnectionError" } });
    expect(t.refreshes()).toBe(3);
    expect(failure(await check(autumn))).toMatchObject({ name: "CustomerTokenError", reason: "refresh_lost" });
    expect(t.refreshes()).toBe(3);
  });
});

describe("answers that prove the refresh was not applied", () => {
  it("two 503s, 429s or 408s do not end the session: the call tries again within its budget", async () => {
    const autumn = t.client(await t.mint());
    expired();
    t.sandbox.fail({ kind: "status", status: 503 }, { route: "keys.refresh", times: 2 });
    expect((await check(autumn)).ok).toBe(true);
    expect(t.refreshes()).toBe(3);
    expired();
    t.sandbox.fail({ kind: "status", status: 429, retryAfterSeconds: 0 }, { route: "keys.refresh", times: 2 });
    expect((await check(autumn)).ok).toBe(true);
    expect(t.refreshes()).toBe(6);
    expired();
    t.sandbox.fail({ kind: "status", status: 408 }, { route: "keys.refresh", times: 2 });
    expect((await check(autumn)).ok).toBe(true);
    expect(t.refreshes()).toBe(9);
  });

  it("an outage longer than the call ends it with Autumn's 503 (an outage, so failOpen applies) and leaves the token to the next call", async () => {
    const autumn = t.client(await t.mint());
    expired();
    t.sandbox.fail({ kind: "status", status: 503 }, { route: "keys.refresh", times: 6 });
    expect(failure(await check(autumn))).toMatchObject({ name: "AutumnAPIError", status: 503 });
    const open = await check(autumn, { failOpen: true });
    expect(open.ok && open.value).toMatchObject({ allowed: true, failedOpen: true });
    expect(t.refreshes()).toBe(6);
    expect((await check(autumn)).ok).toBe(true);
    await notRevoked();
  });

  it("a 429 asking for a wait longer than the budget ends the call at once with it, the token unspent", async () => {
    const autumn = t.client(await t.mint());
    expired();
    t.sandbox.fail({ kind: "status", status: 429, retryAfterSeconds: 3_600 }, { route: "keys.refresh" });
    expect(failure(await check(autumn))).toMatchObject({ name: "AutumnAPIError", status: 429 });
    expect(t.refreshes()).toBe(1);
    expect((await check(autumn)).ok).toBe(true);
  });

  it("a connection refused before anything was sent does not count", async () => {
    let refused = 2;
    const fetchDouble: typeof fetch = async (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith("/keys.refresh") && refused-- > 0) {
        throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1"), { code: "ECONNREFUSED" }) });
      }
      return fetch(input, init);
    };
    const autumn = t.client(await t.mint(), { fetch: fetchDouble });
    expired();
    expect((await check(autumn)).ok).toBe(true);
    expect(refused).toBe(-1);
  });

  it("a refusal before any work (400, 403) ends the call with it, and the next call presents the token again", async () => {
    const autumn = t.client(await t.mint());
    expired();
    t.sandbox.fail({ kind: "status", status: 403 }, { route: "keys.refresh" });
    expect(failure(await check(autumn))).toMatchObject({ name: "AutumnAPIError", status: 403 });
    expect(t.refreshes()).toBe(1);
    expect((await check(autumn)).ok).toBe(true);
    expect(t.refreshes()).toBe(2);
  });

  it("inside the margin, a refresh that cannot get through leaves the access token in use", async () => {
    const autumn = t.client(await t.mint());
    vi.setSystemTime(Date.now() + HOUR - 30_000);
    t.sandbox.fail({ kind: "status", status: 503 }, { route: "keys.refresh", times: 3 });
    expect((await check(autumn)).ok).toBe(true);
    expect(t.refreshes()).toBe(3);
  });
});

describe("answers that settle the refresh token", () => {
  it("a 401 for an expired or invalid refresh token ends with expired, and it is not presented again", async () => {
    const autumn = t.client(await t.mint());
    expired();
    t.sandbox.fail({ kind: "status", status: 401, code: "invalid_request" }, { route: "keys.refresh" });
    expect(failure(await check(autumn))).toMatchObject({ name: "CustomerTokenError", reason: "expired" });
    expect(failure(await check(autumn))).toMatchObject({ name: "CustomerTokenError", reason: "expired" });
    expect(t.refreshes()).toBe(1);
  });

  it("a refresh token two generations old is answered as reuse: revoked, and nothing is sent again", async () => {
    const stale = await t.mint();
    await t.mint();
    await t.mint();
    const autumn = t.client(stale);
    expired();
    expect(failure(await check(autumn))).toMatchObject({ name: "CustomerTokenError", reason: "revoked" });
    const sent = t.seen.length;
    expect(failure(await check(autumn))).toMatchObject({ name: "CustomerTokenError", reason: "revoked" });
    expect(t.seen.length).toBe(sent);
  });
});

describe("a pair keys.refresh answers is checked like any other", () => {
  const cases = {
    "a token with a line break": (body: Record<string, unknown>) => ({ ...body, access_token: `${String(body["access_token"])}\nX-Leak: 1` }),
    "not an Autumn token": (body: Record<string, unknown>) => ({ ...body, access_token: "eyJhbGciOiJIUzI1NiJ9.e30.sig" }),
    "another customer's token": (body: Record<string, unknown>) => ({ ...body, access_token: `am_jwt_e30.${Buffer.from(JSON.stringify({ sub: "someone_else" })).toString("base64url")}.sig` }),
  };

  it.each(Object.entries(cases))("%s is refused without quoting it; the refresh may have rotated, so it is presented once more", async (_name, rewrite) => {
    const autumn = t.client(await t.mint());
    expired();
    let bad: string | undefined;
    let left = 1;
    t.rewriteRefresh = (text) => {
      if (left-- <= 0) return text;
      const body = rewrite(JSON.parse(text) as Record<string, unknown>);
      bad = String(body.access_token);
      return JSON.stringify(body);
    };
    expect((await check(autumn)).ok).toBe(true);
    expect(t.refreshes()).toBe(2);
    expect(t.seen.map((request) => request.credential)).not.toContain(bad);
  });

  it("two malformed answers end with refresh_lost, and neither the error nor the client quotes a token", async () => {
    const autumn = t.client(await t.mint());
    expired();
    t.rewriteRefresh = (text) => JSON.stringify({ ...JSON.parse(text), access_token: "am_jwt_FORGED token\r\n" });
    const result = await check(autumn);
    expect(failure(result)).toMatchObject({ name: "CustomerTokenError", reason: "refresh_lost" });
    const texts = [JSON.stringify(result), inspect(result, { depth: Infinity, showHidden: true }), String(result.error?.stack), inspect(autumn, { depth: Infinity, showHidden: true })].join("\n");
    expect(texts).not.toContain("FORGED");
    expect(texts).not.toMatch(/am_jwt_[\w-]+\.[\w-]+\.[\w-]+/);
    expect(t.refreshes()).toBe(2);
  });
});

describe("a client whose clock is wrong", () => {
  const skews: number[] = [];
  /** Puts this machine's clock `ms` ahead of Autumn's (behind when negative) for the rest of the test. */
  function skew(ms: number): void {
    vi.setSystemTime(Date.now() + ms);
    t.sandbox.advanceClock(-ms);
    skews.push(ms);
  }
  // The sandbox outlives the test: its clock goes back to this process's.
  afterEach(() => {
    for (const ms of skews.splice(0)) t.sandbox.advanceClock(ms);
  });

  it("two hours ahead costs one extra refresh, not one per call", async () => {
    skew(2 * HOUR);
    const autumn = t.client(await t.mint());
    for (let minute = 0; minute < 50; minute += 10) {
      vi.setSystemTime(Date.now() + 10 * 60_000);
      expect((await check(autumn)).ok, `minute ${minute}`).toBe(true);
    }
    expect(t.refreshes()).toBe(1);
  });

  it("two hours behind costs one refused call, then refreshes before the token expires", async () => {
    skew(-2 * HOUR);
    const autumn = t.client(await t.mint());
    for (let hour = 1; hour <= 3; hour++) {
      vi.setSystemTime(Date.now() + HOUR);
      expect((await check(autumn)).ok, `hour ${hour}`).toBe(true);
    }
    // Only the first expiry was found out by a refused call; the others were refreshed ahead of it.
    expect(t.seen.map((request) => request.path)).toEqual(["balances.check", "keys.refresh", "balances.check", "keys.refresh", "balances.check", "keys.refresh", "balances.check"]);
  });

  it("a day ahead, where the refresh token looks expired, still refreshes: Autumn judges the token", async () => {
    skew(25 * HOUR);
    const autumn = t.client(await t.mint());
    expect((await check(autumn)).ok).toBe(true);
    expect((await check(autumn)).ok).toBe(true);
    expect(t.refreshes()).toBe(1);
  });
});
