import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { AutumnCore } from "../../src/core.js";
import type { Result } from "../../src/lib/result.js";
import nock from "nock";
import { aliasModules, api, BASE_URL, recordRequests, testCore } from "../helpers.js";

/**
 * Each operation states its retry policy in its own descriptor, with the
 * reason beside it. This checks both: that the reason is there, and that the
 * function behaves as stated (a read is retried without a key; a mutation is
 * retried under one key that every attempt carries).
 */
const funcsDir = new URL("../../src/funcs/", import.meta.url);
const operations = readdirSync(funcsDir)
  .filter((file) => file.endsWith(".ts") && !file.endsWith("-pages.ts") && !file.endsWith("-items.ts") && !aliasModules().has(file))
  .map((file) => {
    const source = readFileSync(new URL(file, funcsDir), "utf8");
    return { file, source, name: /export function (\w+)/.exec(source)![1]!, path: /path: "([^"]+)"/.exec(source)![1]! };
  });

/** The least params each operation accepts, where its required fields are not enough. */
const PARAMS: Record<string, unknown> = {
  balancesBatchTrack: [{ customerId: "user_123", featureId: "messages" }],
  balancesCheck: { customerId: "user_123", featureId: "messages" },
  balancesCreate: { customerId: "user_123", featureId: "messages", includedGrant: 10 },
  balancesFinalize: { lockId: "lock_1", action: "confirm" },
  balancesTrack: { customerId: "user_123", featureId: "messages" },
  balancesTrackTokens: { customerId: "user_123", featureId: "tokens", modelId: "openai/gpt-4o", inputTokens: 1, outputTokens: 1 },
  balancesUpdate: { customerId: "user_123", featureId: "messages", remaining: 5 },
  balancesDelete: { customerId: "user_123", featureId: "messages" },
  billingAttach: { customerId: "user_123", planId: "pro" },
  billingCreateSchedule: { customerId: "user_123", phases: [{ startsAt: 1_767_225_600_000, plans: [{ planId: "pro" }] }] },
  billingImport: { customerId: "user_123", billables: [{ plan: { planId: "free" } }] },
  billingMultiAttach: { customerId: "user_123", plans: [{ planId: "pro" }] },
  billingMultiUpdate: { customerId: "user_123", updates: [{ planId: "pro", cancelAction: "uncancel" }] },
  billingOpenCustomerPortal: { customerId: "user_123" },
  billingPreviewAttach: { customerId: "user_123", planId: "pro" },
  billingPreviewMultiAttach: { customerId: "user_123", plans: [{ planId: "pro" }] },
  billingPreviewMultiUpdate: { customerId: "user_123", updates: [{ planId: "pro", cancelAction: "uncancel" }] },
  billingPreviewUpdate: { customerId: "user_123", planId: "pro", cancelAction: "cancel_immediately" },
  billingSetupPayment: { customerId: "user_123" },
  billingUpdate: { customerId: "user_123", planId: "pro", cancelAction: "cancel_immediately" },
  customersDelete: { customerId: "user_123" },
  customersGet: { customerId: "user_123" },
  customersGetOrCreate: { customerId: "user_123" },
  customersList: {},
  customersUpdate: { customerId: "user_123", name: "Pat" },
  entitiesCreate: { customerId: "user_123", entityId: "seat_1", featureId: "seats" },
  entitiesDelete: { customerId: "user_123", entityId: "seat_1" },
  entitiesGet: { customerId: "user_123", entityId: "seat_1" },
  entitiesList: {},
  entitiesUpdate: { customerId: "user_123", entityId: "seat_1", billingControls: {} },
  eventsAggregate: { customerId: "user_123", featureId: "messages" },
  eventsList: { customerId: "user_123" },
  featuresCreate: { featureId: "messages", name: "Messages", type: "metered", consumable: true },
  featuresDelete: { featureId: "messages" },
  featuresGet: { featureId: "messages" },
  featuresList: {},
  featuresUpdate: { featureId: "messages", name: "Messages" },
  invoicesInsert: { invoices: [{ customerId: "user_123", stripeId: "in_1", status: "paid", total: 10, createdAt: 1_767_225_600_000 }] },
  invoicesList: {},
  licensesAttach: { customerId: "user_123", planId: "seat", entities: [{ entityId: "seat_1" }] },
  licensesList: { customerId: "user_123" },
  licensesListAssignments: { customerId: "user_123" },
  licensesRelease: { customerId: "user_123", entityIds: ["seat_1"] },
  keysMint: { customerId: "user_123" },
  keysRefresh: { refreshToken: "am_jwt_refresh.token.sig" },
  keysRevoke: { customerId: "user_123" },
  plansCreate: { planId: "pro", name: "Pro" },
  plansDelete: { planId: "pro" },
  plansGet: { planId: "pro" },
  plansList: {},
  plansUpdate: { planId: "pro", name: "Pro" },
  platformGetRevenuecatKeys: { organizationSlug: "acme", env: "test" },
  platformLinkRevenuecat: { organizationSlug: "acme", env: "test", projectName: "acme-mobile", redirectUrl: "https://app.example.com/done" },
  platformSyncRevenuecat: { organizationSlug: "acme", env: "test" },
  referralProgramsCreate: { id: "refer", rewardId: "beta", redeemOn: "customer_creation", receivedBy: "referrer" },
  referralProgramsDelete: { referralProgramId: "refer" },
  referralProgramsGet: { referralProgramId: "refer" },
  referralProgramsList: {},
  referralProgramsUpdate: { referralProgramId: "refer", receivedBy: "all" },
  referralsCreateCode: { customerId: "user_123", programId: "refer" },
  referralsRedeemCode: { code: "REF-1", customerId: "user_456" },
  rewardsCreate: { featureGrant: { id: "beta", name: "Beta", grants: [{ featureId: "credits", included: 10, expiry: null }], promoCodes: [{ code: "BETA", maxUses: null }] } },
  rewardsDelete: { rewardId: "beta" },
  rewardsGet: { rewardId: "beta" },
  rewardsList: {},
  rewardsRedeem: { code: "BETA", customerId: "user_123" },
  rewardsUpdate: { rewardId: "beta", featureGrant: { name: "Beta" } },
};

describe("retry policy, stated per operation", () => {
  it("every operation states its policy with a one-line reason above it", () => {
    for (const { file, source } of operations) expect(source, file).toMatch(/\n {2}\/\/ .{20,}\n {2}retry: (?:"read"|"mutation"|\(params\) => .+),\n/);
  });

  it.each(operations)("$name behaves as its descriptor says after a 503", async ({ file, name, path, source }) => {
    const module = (await import(/* @vite-ignore */ new URL(file, funcsDir).href)) as Record<string, (core: AutumnCore, params: unknown) => Promise<Result<unknown>>>;
    expect(PARAMS, `add the least params of ${name} to PARAMS`).toHaveProperty(name);
    // keys.refresh authenticates with the refresh token in its params, not the client's key.
    const scope = name === "keysRefresh" ? nock(BASE_URL, { reqheaders: { authorization: "Bearer am_jwt_refresh.token.sig" } }) : api();
    const seen = recordRequests(scope.post(`/v1/${path}`).reply(503, "").post(`/v1/${path}`).reply(200, {}));
    const result = await module[name]!(testCore(), PARAMS[name]);
    if (!result.ok) expect(result.error.name, `${name}: ${result.error.message}`).not.toMatch(/RequestValidationError|ConfigurationError/);
    const keys = seen.map((request) => request.headers["idempotency-key"]);
    expect(keys).toHaveLength(2);
    // The two that decide by their params: a plain check reads; an import that is not a dry run writes.
    const policy = /\n {2}retry: "(read|mutation)",/.exec(source)?.[1] ?? { balancesCheck: "read", billingImport: "mutation" }[name];
    if (policy === "read") expect(keys).toEqual([undefined, undefined]);
    else expect(keys[0] !== undefined && keys[0] === keys[1], `${name} retried under one key`).toBe(true);
  });

  it("check and import decide by their params: a deducting check and a real import are mutations", async () => {
    const { balancesCheck } = await import("../../src/funcs/balances-check.js");
    const { billingImport } = await import("../../src/funcs/billing-import.js");
    const calls: [string, () => Promise<unknown>, boolean][] = [
      ["balances.check", () => balancesCheck(testCore(), { customerId: "user_123", featureId: "messages", sendEvent: true }), true],
      ["balances.check", () => balancesCheck(testCore(), { customerId: "user_123", featureId: "messages", lock: { lockId: "l1" } } as never), true],
      ["billing.import", () => billingImport(testCore(), { customerId: "user_123", billables: [{ plan: { planId: "free" } }], dryRun: true }), false],
      ["billing.import", () => billingImport(testCore(), { customerId: "user_123", billables: [{ plan: { planId: "free" } }] }), true],
    ];
    for (const [path, call, mutation] of calls) {
      const seen = recordRequests(api().post(`/v1/${path}`).reply(200, {}));
      await call();
      expect(seen[0]?.headers["idempotency-key"] !== undefined, path).toBe(mutation);
    }
  });
});
