import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { AutumnCore } from "../../src/core.js";
import { CustomerCore } from "../../src/customer-core.js";
import { keysRefresh } from "../../src/funcs/keys-refresh.js";
import nock from "nock";
import { api, BASE_URL, fixture, recordRequests, SECRET_KEY } from "../helpers.js";

const require = createRequire(import.meta.url);

/** Each module of Autumn's current SDK that this SDK names differently, and the function it is. */
const ALIASES = [
  ["check", "check", "balances-check", "balancesCheck"],
  ["track", "track", "balances-track", "balancesTrack"],
  ["track-tokens", "trackTokens", "balances-track-tokens", "balancesTrackTokens"],
  ["batch-track", "batchTrack", "balances-batch-track", "balancesBatchTrack"],
  ["referrals-create-program", "referralsCreateProgram", "referral-programs-create", "referralProgramsCreate"],
  ["referrals-get-program", "referralsGetProgram", "referral-programs-get", "referralProgramsGet"],
  ["referrals-list-programs", "referralsListPrograms", "referral-programs-list", "referralProgramsList"],
  ["referrals-update-program", "referralsUpdateProgram", "referral-programs-update", "referralProgramsUpdate"],
  ["referrals-delete-program", "referralsDeleteProgram", "referral-programs-delete", "referralProgramsDelete"],
  ["platform-link-revenue-cat", "platformLinkRevenueCat", "platform-link-revenuecat", "platformLinkRevenuecat"],
  ["platform-sync-revenue-cat", "platformSyncRevenueCat", "platform-sync-revenuecat", "platformSyncRevenuecat"],
  ["platform-get-revenue-cat-keys", "platformGetRevenueCatKeys", "platform-get-revenuecat-keys", "platformGetRevenuecatKeys"],
  ["rewards-redeem-code", "rewardsRedeemCode", "rewards-redeem", "rewardsRedeem"],
] as const;

describe("the function modules of Autumn's current SDK", () => {
  it.each(ALIASES)("@useautumn/sdk/funcs/%s.js exports %s, the same function as %s's", async (path, name, primaryPath, primaryName) => {
    const imported = (await import(`@useautumn/sdk/funcs/${path}.js`)) as Record<string, unknown>;
    const primary = (await import(`@useautumn/sdk/funcs/${primaryPath}.js`)) as Record<string, unknown>;
    expect(typeof primary[primaryName]).toBe("function");
    expect(imported[name]).toBe(primary[primaryName]);
    // Without the extension, and required from CommonJS, it is the same function of the CommonJS build.
    expect(((await import(`@useautumn/sdk/funcs/${path}`)) as Record<string, unknown>)[name]).toBe(primary[primaryName]);
    const required = require(`@useautumn/sdk/funcs/${path}.js`) as Record<string, unknown>;
    expect(required[name]).toBe((require(`@useautumn/sdk/funcs/${primaryPath}.js`) as Record<string, unknown>)[primaryName]);
  });
});

describe("the class methods Autumn's API reference calls", () => {
  const autumn = () => new Autumn({ secretKey: SECRET_KEY, serverURL: BASE_URL });
  const program = fixture("referral-program");

  it("referrals.*Program go to the referral_programs routes, as referralPrograms.* do", async () => {
    const seen = recordRequests(
      api()
        .post("/v1/referral_programs.create").reply(200, program)
        .post("/v1/referral_programs.get").reply(200, program)
        .post("/v1/referral_programs.list").reply(200, { list: [program] })
        .post("/v1/referral_programs.update").reply(200, program)
        .post("/v1/referral_programs.delete").reply(200, { success: true }),
    );
    const client = autumn();
    await client.referrals.createProgram({ id: "refer_a_friend", rewardId: "beta_credits", redeemOn: "customer_creation", receivedBy: "referrer", maxRedemptions: 10 });
    await client.referrals.getProgram({ referralProgramId: "refer_a_friend" });
    await client.referrals.listPrograms();
    await client.referrals.updateProgram({ referralProgramId: "refer_a_friend", maxRedemptions: 20 });
    await client.referrals.deleteProgram({ referralProgramId: "refer_a_friend" });
    expect(seen.map((request) => request.path)).toEqual([
      "/v1/referral_programs.create",
      "/v1/referral_programs.get",
      "/v1/referral_programs.list",
      "/v1/referral_programs.update",
      "/v1/referral_programs.delete",
    ]);
    expect(seen[0]?.body).toMatchObject({ id: "refer_a_friend", reward_id: "beta_credits", max_redemptions: 10 });
  });

  it("platform.*RevenueCat and rewards.redeemCode go to their routes", async () => {
    const seen = recordRequests(
      api()
        .post("/v1/platform.link_revenuecat").reply(200, { oauth_url: "https://api.revenuecat.com/oauth2/authorize" })
        .post("/v1/rewards.redeem").reply(200, { reward_id: "beta_credits_grant", entitlements_granted: [], redeemed_at: 1718000000000 }),
    );
    const client = autumn();
    const link = await client.platform.linkRevenueCat({ organizationSlug: "acme", env: "test", projectName: "acme-mobile", redirectUrl: "https://app.example.com/done" });
    expect(link.oauthUrl).toBe("https://api.revenuecat.com/oauth2/authorize");
    expect((await client.rewards.redeemCode({ code: "BETA2024", customerId: "user_123" })).rewardId).toBe("beta_credits_grant");
    expect(seen.map((request) => request.path)).toEqual(["/v1/platform.link_revenuecat", "/v1/rewards.redeem"]);
  });
});

/** A token as Autumn mints them: `am_jwt_` and an HS256 JWT naming its customer (unsigned here: only its shape is read). */
function jwt(kind: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `am_jwt_${part({ alg: "HS256", typ: "JWT" })}.${part({ sub: "user_123", exp: 4_102_444_800, kind })}.c2ln`;
}

describe("keys.refresh({}) on a client whose key is the refresh token", () => {
  const refreshToken = jwt("refresh");
  const pair = { access_token: jwt("access"), refresh_token: jwt("next"), expires_at: 4_102_444_800_000, refresh_expires_at: 4_102_444_800_000 };

  it("sends the client's own key as the credential, with an empty body", async () => {
    const seen = recordRequests(nock(BASE_URL).post("/v1/keys.refresh").reply(200, pair));
    const autumn = new Autumn({ secretKey: refreshToken, serverURL: BASE_URL });
    const tokens = await autumn.keys.refresh({});
    expect(tokens.accessToken).toBe(pair.access_token);
    expect(seen[0]?.headers["authorization"]).toBe(`Bearer ${refreshToken}`);
    expect(seen[0]?.body).toEqual({});
  });

  it("takes the param over the client's key when both are there", async () => {
    const seen = recordRequests(nock(BASE_URL).post("/v1/keys.refresh").reply(200, pair));
    const result = await keysRefresh(new AutumnCore({ secretKey: SECRET_KEY, serverURL: BASE_URL }), { refreshToken });
    expect(result.ok).toBe(true);
    expect(seen[0]?.headers["authorization"]).toBe(`Bearer ${refreshToken}`);
  });

  it("with a CustomerCore, whose key is its access token, needs the param and sends nothing without it", async () => {
    const scope = nock(BASE_URL).post("/v1/keys.refresh").reply(200, pair);
    const core = new CustomerCore({ tokens: { accessToken: jwt("access"), refreshToken, expiresAt: 4_102_444_800_000 }, serverURL: BASE_URL });
    const result = await keysRefresh(core, {} as never);
    expect(!result.ok && result.error.name).toBe("RequestValidationError");
    expect(!result.ok && result.error.message).toMatch(/refreshToken/);
    expect(scope.isDone()).toBe(false);
  });
});
