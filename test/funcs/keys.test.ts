import { inspect } from "node:util";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { keysMint } from "../../src/funcs/keys-mint.js";
import { keysRefresh } from "../../src/funcs/keys-refresh.js";
import { keysRevoke } from "../../src/funcs/keys-revoke.js";
import { platformGetRevenuecatKeys } from "../../src/funcs/platform-get-revenuecat-keys.js";
import { api, BASE_URL, recordRequests, SECRET_KEY, testCore } from "../helpers.js";

const ACCESS = "am_jwt_eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEyMyJ9.YWNjZXNz";
const REFRESH = "am_jwt_eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEyMyJ9.cmVmcmVzaA";
const pair = { access_token: ACCESS, refresh_token: REFRESH, expires_at: 1_781_113_864_000, refresh_expires_at: 1_781_196_664_000 };

describe("keys.mint", () => {
  it("posts customer_id and indefinite with the secret key and an idempotency key, and returns the camelCase pair", async () => {
    const seen = recordRequests(api().post("/v1/keys.mint").reply(200, pair));
    const result = await keysMint(testCore(), { customerId: "user_123", indefinite: false });
    expect(seen[0]?.body).toEqual({ customer_id: "user_123", indefinite: false });
    expect(seen[0]?.headers["idempotency-key"]).toEqual(expect.any(String));
    expect(result.ok && result.value).toEqual({ accessToken: ACCESS, refreshToken: REFRESH, expiresAt: pair.expires_at, refreshExpiresAt: pair.refresh_expires_at });
  });

  it("parses an indefinite token: no refresh token, expiresAt null", async () => {
    api().post("/v1/keys.mint").reply(200, { access_token: ACCESS, expires_at: null });
    const result = await keysMint(testCore(), { customerId: "user_123", indefinite: true });
    expect(result.ok && result.value).toEqual({ accessToken: ACCESS, expiresAt: null });
  });
});

describe("keys.refresh", () => {
  it("sends the refresh token as the credential, nowhere else, with an empty body and no idempotency key", async () => {
    const seen = recordRequests(nock(BASE_URL, { reqheaders: { authorization: `Bearer ${REFRESH}` } }).post("/v1/keys.refresh").reply(200, pair));
    const result = await keysRefresh(testCore(), { refreshToken: REFRESH });
    expect(result.ok).toBe(true);
    expect(seen[0]?.body).toEqual({});
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
    expect(JSON.stringify(seen[0]?.headers)).not.toContain(SECRET_KEY);
  });

  it("repeats an answer that may have rotated the token once and never twice, however many retries the client allows", async () => {
    const seen = recordRequests(nock(BASE_URL).post("/v1/keys.refresh").times(3).reply(502, "<html>Bad gateway</html>"));
    const result = await keysRefresh(testCore({ retryConfig: { limit: 5 } }), { refreshToken: REFRESH });
    expect(result.ok || result.error).toMatchObject({ name: "AutumnAPIError", status: 502 });
    expect(seen).toHaveLength(2);
  });

  it("retries answers that prove nothing was applied (429, 503) as the client allows, and still repeats a lost one only once", async () => {
    const busy = { message: "busy", code: "service_unavailable" };
    const seen = recordRequests(
      nock(BASE_URL).post("/v1/keys.refresh").reply(503, busy).post("/v1/keys.refresh").reply(429, "Too many requests").post("/v1/keys.refresh").reply(500, busy).post("/v1/keys.refresh").times(2).reply(500, busy),
    );
    const result = await keysRefresh(testCore({ retryConfig: { limit: 5 } }), { refreshToken: REFRESH });
    expect(result.ok || result.error).toMatchObject({ name: "AutumnAPIError", status: 500 });
    expect(seen).toHaveLength(4);

    // Within the client's own limit: two 503s and then an answer.
    nock.cleanAll();
    const again = recordRequests(nock(BASE_URL).post("/v1/keys.refresh").times(2).reply(503, busy).post("/v1/keys.refresh").reply(200, pair));
    expect((await keysRefresh(testCore(), { refreshToken: REFRESH })).ok).toBe(true);
    expect(again).toHaveLength(3);
  });

  it("refuses a refresh token that is not an Autumn credential before sending", async () => {
    const seen = recordRequests(nock(BASE_URL).post("/v1/keys.refresh").reply(200, pair));
    const result = await keysRefresh(testCore(), { refreshToken: "not a token" });
    expect(result.ok || result.error).toMatchObject({ name: "ConfigurationError", setting: "refreshToken" });
    expect(seen).toHaveLength(0);
  });
});

describe("keys.revoke", () => {
  it("posts customer_id and returns revoked", async () => {
    const seen = recordRequests(api().post("/v1/keys.revoke").reply(200, { revoked: true }));
    const result = await keysRevoke(testCore(), { customerId: "user_123" });
    expect(seen[0]?.body).toEqual({ customer_id: "user_123" });
    expect(result.ok && result.value).toEqual({ revoked: true });
  });
});

describe("an answer that holds credentials and does not parse", () => {
  it.each([
    ["keys.mint", () => keysMint(testCore(), { customerId: "user_123" }), { access_token: ACCESS, refresh_token: REFRESH, expires_at: "soon" }, [ACCESS, REFRESH]],
    ["keys.refresh", () => keysRefresh(testCore(), { refreshToken: REFRESH }), { access_token: ACCESS, expires_at: "soon" }, [ACCESS]],
    [
      "platform.get_revenuecat_keys",
      () => platformGetRevenuecatKeys(testCore(), { organizationSlug: "acme", env: "live" }),
      { apps: "none", oauth_access_token: "atk_secretOauthToken123" },
      ["atk_secretOauthToken123"],
    ],
  ] as const)("%s: the error keeps the issues and withholds the body", async (path, call, body, secrets) => {
    nock(BASE_URL).post(`/v1/${path}`).reply(200, body);
    const result = await call();
    if (result.ok || result.error.name !== "ResponseValidationError") throw new Error("expected a ResponseValidationError");
    expect(result.error.issues.length).toBeGreaterThan(0);
    expect(result.error.rawBody).toMatch(/withheld/);
    for (const text of [JSON.stringify(result.error), inspect(result.error, { depth: Infinity, showHidden: true }), result.error.message]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });
});
