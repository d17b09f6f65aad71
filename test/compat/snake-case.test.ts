import { describe, expect, it } from "vitest";
import { balancesCheck } from "../../src/funcs/balances-check.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { billingAttach } from "../../src/funcs/billing-attach.js";
import { customersGetOrCreate } from "../../src/funcs/customers-get-or-create.js";
import { customersUpdate } from "../../src/funcs/customers-update.js";
import { entitiesCreate } from "../../src/funcs/entities-create.js";
import { eventsList } from "../../src/funcs/events-list.js";
import { featuresCreate } from "../../src/funcs/features-create.js";
import { invoicesList } from "../../src/funcs/invoices-list.js";
import { keysMint } from "../../src/funcs/keys-mint.js";
import { licensesAttach } from "../../src/funcs/licenses-attach.js";
import { plansCreate } from "../../src/funcs/plans-create.js";
import { platformSyncRevenuecat } from "../../src/funcs/platform-sync-revenuecat.js";
import { referralsCreateCode } from "../../src/funcs/referrals-create-code.js";
import { rewardsRedeem } from "../../src/funcs/rewards-redeem.js";
import type { Result } from "../../src/lib/result.js";
import { api, recordRequests, testCore } from "../helpers.js";

/**
 * A JavaScript caller with a snippet from Autumn's older docs writes the wire's snake_case keys. The
 * SDK refuses them (Autumn would drop them without a word) and names the camelCase key to write.
 */
const CASES: readonly (readonly [family: string, call: (params: never) => Promise<Result<unknown>>, params: unknown, path: string, write: string])[] = [
  ["balances.check", (p) => balancesCheck(testCore(), p), { customer_id: "user_123", featureId: "messages" }, "customer_id", "customerId"],
  ["balances.track", (p) => balancesTrack(testCore(), p), { customerId: "user_123", feature_id: "messages", value: 1 }, "feature_id", "featureId"],
  ["billing.attach", (p) => billingAttach(testCore(), p), { customerId: "user_123", plan_id: "pro" }, "plan_id", "planId"],
  ["customers.get_or_create", (p) => customersGetOrCreate(testCore(), p), { customer_id: "user_123" }, "customer_id", "customerId"],
  ["customers.update", (p) => customersUpdate(testCore(), p), { customerId: "user_123", new_customer_id: "user_456" }, "new_customer_id", "newCustomerId"],
  ["entities.create", (p) => entitiesCreate(testCore(), p), { customerId: "user_123", entityId: "seat_1", feature_id: "seats" }, "feature_id", "featureId"],
  ["events.list", (p) => eventsList(testCore(), p), { customer_id: "user_123" }, "customer_id", "customerId"],
  ["features.create", (p) => featuresCreate(testCore(), p), { featureId: "messages", name: "Messages", type: "metered", consumable: true, event_names: ["message"] }, "event_names", "eventNames"],
  ["plans.create (an item)", (p) => plansCreate(testCore(), p), { planId: "pro", name: "Pro", items: [{ feature_id: "messages", included: 100 }] }, "items.0.feature_id", "featureId"],
  ["invoices.list", (p) => invoicesList(testCore(), p), { customer_id: "user_123" }, "customer_id", "customerId"],
  ["keys.mint", (p) => keysMint(testCore(), p), { customer_id: "user_123" }, "customer_id", "customerId"],
  ["licenses.attach (an entity)", (p) => licensesAttach(testCore(), p), { customerId: "user_123", planId: "team_seats", entities: [{ entity_id: "seat_1" }] }, "entities.0.entity_id", "entityId"],
  ["platform.sync_revenuecat", (p) => platformSyncRevenuecat(testCore(), p), { organization_slug: "acme", env: "test", productIds: ["pro"] }, "organization_slug", "organizationSlug"],
  ["referrals.create_code", (p) => referralsCreateCode(testCore(), p), { customerId: "user_123", program_id: "refer" }, "program_id", "programId"],
  ["rewards.redeem", (p) => rewardsRedeem(testCore(), p), { code: "BETA2024", customer_id: "user_123" }, "customer_id", "customerId"],
];

describe("snake_case keys from older docs", () => {
  it.each(CASES)("%s: refused, naming the camelCase key, and nothing is sent", async (_family, call, params, path, write) => {
    const seen = recordRequests(api().post(/.*/).reply(200, {}));
    const result = await call(params as never);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.name).toBe("RequestValidationError");
    const issue = result.error.name === "RequestValidationError" ? result.error.issues.find((each) => each.path === path) : undefined;
    expect(issue?.message).toBe(`unknown field: the SDK takes camelCase, write ${write}`);
    expect(result.error.message).toContain(write);
    expect(seen).toEqual([]);
  });

  it("a key that is unknown in any casing is still just an unknown field", async () => {
    const result = await customersGetOrCreate(testCore(), { customerId: "user_123", favourite_colour: "blue" } as never);
    expect(!result.ok && result.error.name === "RequestValidationError" && result.error.issues[0]).toEqual({ path: "favourite_colour", message: "unknown field" });
  });
});
