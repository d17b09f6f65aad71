import { describe, expect, it } from "vitest";
import { platformGetRevenuecatKeys } from "../../src/funcs/platform-get-revenuecat-keys.js";
import { platformLinkRevenuecat } from "../../src/funcs/platform-link-revenuecat.js";
import { platformSyncRevenuecat } from "../../src/funcs/platform-sync-revenuecat.js";
import { Platform } from "../../src/sdk/platform.js";
import { api, expectMalformed, expectRefused, fixture, recordRequests, testCore } from "../helpers.js";

const keys = fixture<{ apps: Record<string, unknown>[]; oauth_access_token: string }>("revenuecat-keys");
const sync = fixture("revenuecat-sync");
const link = { organizationSlug: "acme", env: "test", projectName: "acme-mobile", redirectUrl: "https://app.example.com/revenuecat/done" } as const;

describe("platform.link_revenuecat", () => {
  it("sends the project in snake_case under an Idempotency-Key and returns the consent page", async () => {
    const oauthUrl = "https://api.revenuecat.com/oauth2/authorize?client_id=autumn&response_type=code&scope=project.read+project.write";
    const seen = recordRequests(api().post("/v1/platform.link_revenuecat").reply(200, { oauth_url: oauthUrl }));
    const result = await platformLinkRevenuecat(testCore(), link);
    expect(seen[0]?.path).toBe("/v1/platform.link_revenuecat");
    expect(seen[0]?.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[0]?.body).toEqual({ organization_slug: "acme", env: "test", project_name: "acme-mobile", redirect_url: "https://app.example.com/revenuecat/done" });
    expect(result.ok && result.value).toEqual({ oauthUrl });
  });

  it("refuses the sandbox env (linking takes test or live), a long name, a redirect that is not a URL, without sending", async () => {
    const scope = api().post("/v1/platform.link_revenuecat").reply(200, { oauth_url: "https://x" });
    await expectRefused((params) => platformLinkRevenuecat(testCore(), params), [
      [{ ...link, env: "sandbox" }, "env"],
      [{ ...link, projectName: "x".repeat(256) }, "projectName"],
      [{ ...link, projectName: "" }, "projectName"],
      [{ ...link, redirectUrl: "/revenuecat/done" }, "redirectUrl"],
      [{ ...link, organizationSlug: "" }, "organizationSlug"],
    ]);
    expect(scope.isDone()).toBe(false);
  });
});

describe("platform.sync_revenuecat", () => {
  it("sends the plans under an Idempotency-Key and returns each plan's result, per app", async () => {
    const seen = recordRequests(api().post("/v1/platform.sync_revenuecat").reply(200, sync));
    const result = await platformSyncRevenuecat(testCore(), { organizationSlug: "acme", env: "sandbox", productIds: ["pro", "legacy"] });
    expect(seen[0]?.body).toEqual({ organization_slug: "acme", env: "sandbox", product_ids: ["pro", "legacy"] });
    expect(seen[0]?.headers["idempotency-key"]).toBeDefined();
    if (!result.ok) throw result.error;
    expect(result.value.results).toEqual([
      {
        planId: "pro",
        status: "synced",
        storeIdentifier: "autumn.sandbox.org_123.pro",
        apps: [
          { appId: "app1a2b3c4d", appType: "test_store", product: "created", storePush: "skipped", price: "set" },
          { appId: "app9z8y7x6w", appType: "app_store", product: "updated", storePush: "failed", price: "skipped", message: "App Store Connect credentials missing" },
        ],
      },
      { planId: "legacy", status: "skipped", message: "Plan has no price" },
    ]);
  });

  it("tolerates new statuses, and reports a result without its plan as a ResponseValidationError with the raw body", async () => {
    api().post("/v1/platform.sync_revenuecat").reply(200, { results: [{ plan_id: "pro", status: "queued", apps: [{ app_id: "a", app_type: "amazon", product: "archived" }] }] });
    const result = await platformSyncRevenuecat(testCore(), { organizationSlug: "acme", env: "live" });
    expect(result.ok && result.value.results[0]).toEqual({ planId: "pro", status: "queued", apps: [{ appId: "a", appType: "amazon", product: "archived" }] });
    await expectMalformed("platform.sync_revenuecat", { results: [{ status: "synced" }] }, () => platformSyncRevenuecat(testCore(), { organizationSlug: "acme", env: "live" }), "results.0.plan_id");
  });
});

describe("platform.get_revenuecat_keys", () => {
  it("posts the organisation without a key and returns the apps' keys and the access token", async () => {
    const seen = recordRequests(api().post("/v1/platform.get_revenuecat_keys").reply(200, keys));
    const result = await platformGetRevenuecatKeys(testCore(), { organizationSlug: "acme", env: "live" });
    expect(seen[0]?.body).toEqual({ organization_slug: "acme", env: "live" });
    expect(seen[0]?.headers["idempotency-key"]).toBeUndefined();
    if (!result.ok) throw result.error;
    expect(result.value.oauthAccessToken).toBe("atk_aBcDeFgHiJkLmNoPqRsTuVwXyZ");
    expect(result.value.apps[0]).toEqual({
      appId: "app1a2b3c4d",
      appType: "test_store",
      name: "Acme (Test Store)",
      apiKeys: [{ id: "apikey12345", key: "test_aBcDeFgHiJkLmNoPqRsTuVwXyZ", environment: "production", appId: "app1a2b3c4d", createdAt: 1718000000000 }],
    });
    expect(result.value.apps[1]?.apiKeys).toEqual([{ id: "apikey67890", key: "appl_QwErTyUiOpAsDfGhJkL" }]);
  });

  it("keeps the answer, which holds an access token, out of the debug log", async () => {
    const lines: string[] = [];
    api().post("/v1/platform.get_revenuecat_keys").reply(200, keys);
    const core = testCore({ debugLogger: { debug: (...parts: unknown[]) => lines.push(parts.join(" ")) } });
    expect((await platformGetRevenuecatKeys(core, { organizationSlug: "acme", env: "test" })).ok).toBe(true);
    expect(lines.join("\n")).not.toContain("atk_");
    expect(lines.join("\n")).toContain("[body withheld");
  });

  it("requires the token's key, nullable for organisations linked with an API key", async () => {
    api().post("/v1/platform.get_revenuecat_keys").reply(200, { apps: [], oauth_access_token: null });
    expect((await platformGetRevenuecatKeys(testCore(), { organizationSlug: "acme", env: "test" })).value).toEqual({ apps: [], oauthAccessToken: null });
    // The answer holds a token, so a malformed one keeps its issues but not its body (test/funcs/keys.test.ts).
    api().post("/v1/platform.get_revenuecat_keys").reply(200, { apps: [] });
    const malformed = await platformGetRevenuecatKeys(testCore(), { organizationSlug: "acme", env: "test" });
    expect(malformed.ok || malformed.error).toMatchObject({ name: "ResponseValidationError", issues: [{ path: "oauth_access_token" }], rawBody: expect.stringMatching(/withheld/) });
  });
});

describe("Platform facade", () => {
  it("returns the values and throws the error", async () => {
    api()
      .post("/v1/platform.get_revenuecat_keys")
      .reply(200, keys)
      .post("/v1/platform.sync_revenuecat")
      .reply(400, { message: "RevenueCat is not linked for acme", code: "invalid_request" });
    const platform = new Platform(testCore());
    await expect(platform.getRevenuecatKeys({ organizationSlug: "acme", env: "test" })).resolves.toMatchObject({ apps: [{ appType: "test_store" }, { appType: "app_store" }] });
    await expect(platform.syncRevenuecat({ organizationSlug: "acme", env: "test" })).rejects.toMatchObject({ name: "AutumnAPIError", code: "invalid_request" });
  });
});
