import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AutumnCore } from "../../src/core.js";
import { CustomerExpandSchema } from "../../src/models/customer-params.js";
import type { CustomerTokens } from "../../src/models/customer-tokens.js";
import { sandboxRoutes } from "../../src/sandbox/routes.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";
import { type SdkOperation, sdkOperation } from "./operations.js";
import { unknownWireFields } from "./unknown-fields.js";
import { recordingCore, type WireAnswer } from "./wire-recorder.js";

/**
 * Every route the sandbox serves, called through the SDK function of that
 * operation, with the raw answer checked against the response schema the
 * function's descriptor names. The sandbox builds its answers by hand; these
 * checks keep it the same Autumn the SDK is written against.
 */

/** One call of a route, made against the state the earlier scenarios left. */
interface Scenario {
  readonly name: string;
  /** The SDK function's params (camelCase; an array for batch routes), or a function making them from what earlier scenarios got. */
  readonly params: Record<string, unknown> | readonly Record<string, unknown>[] | (() => Record<string, unknown>);
  /** Autumn answers this call with a 202 (accepted for later) and a body, rather than a 200. */
  readonly accepted?: true;
  /** What this scenario is there to show, beyond matching the schema. */
  readonly shows?: (value: Record<string, any>) => void;
}

const EVERY_EXPANSION = CustomerExpandSchema.options;
const ADA = "contract_ada";
const GRACE = "contract_grace";
const TEAM = "contract_team";
const GRANT = "contract_beta";
const PROGRAM = "contract_refer";

/** Scenarios per route. A route the sandbox serves without an entry here fails the coverage test. */
const scenarios: Record<string, readonly Scenario[]> = {
  "customers.get_or_create": [
    {
      name: "a new customer with metadata and a fingerprint",
      params: { customerId: "contract_new", name: "New", email: "new@example.com", fingerprint: "fp_1", metadata: { source: "contract" } },
      shows: (customer) => expect(customer).toMatchObject({ id: "contract_new", metadata: { source: "contract" }, balances: {} }),
    },
    {
      name: "an existing customer, returned with its plan and balances",
      params: { customerId: ADA, name: "Not Ada" },
      shows: (customer) => expect(customer).toMatchObject({ name: "Ada", subscriptions: [{ planId: "free" }], balances: { messages: { usage: 2 } } }),
    },
    {
      name: "an id-less customer, matched by email",
      params: { customerId: null, email: "anonymous@example.com" },
      shows: (customer) => expect(customer["id"]).toBe(null),
    },
    {
      name: "a customer created in Stripe",
      params: { customerId: "contract_stripe", createInStripe: true },
      shows: (customer) => expect(customer["stripeId"]).toMatch(/^cus_/),
    },
  ],
  "customers.get": [
    {
      name: "a customer with an attached plan and usage",
      params: { customerId: ADA },
      shows: (customer) => expect(customer["balances"]["messages"]).toMatchObject({ granted: 5, usage: 2, remaining: 3 }),
    },
    {
      name: "a new customer, on the auto-enabled free plan",
      params: { customerId: GRACE },
      shows: (customer) => expect(customer).toMatchObject({ subscriptions: [{ planId: "free", autoEnable: true, status: "active" }], balances: { messages: { granted: 5, usage: 0 } } }),
    },
    {
      name: "with everything expanded",
      params: { customerId: ADA, expand: [...EVERY_EXPANSION] },
      shows: (customer) =>
        expect(customer).toMatchObject({
          subscriptions: [{ planId: "free", plan: { id: "free", items: [{ featureId: "messages" }] } }],
          balances: { messages: { feature: { id: "messages", type: "metered" } } },
          invoices: [],
          entities: [],
        }),
    },
  ],
  "customers.update": [
    {
      name: "metadata merged, a key deleted, Stripe unlinked",
      params: { customerId: GRACE, metadata: { plan: "later", cohort: null }, stripeId: null, sendEmailReceipts: true },
      shows: (customer) => expect(customer).toMatchObject({ metadata: { plan: "later" }, stripeId: null, sendEmailReceipts: true }),
    },
    {
      name: "renamed to a new id",
      params: { customerId: "contract_rename_me", newCustomerId: "contract_renamed" },
      shows: (customer) => expect(customer["id"]).toBe("contract_renamed"),
    },
  ],
  "customers.delete": [{ name: "a customer with a plan", params: { customerId: "contract_delete_me" }, shows: (answer) => expect(answer["success"]).toBe(true) }],
  "customers.list": [
    { name: "a first page with a cursor", params: { limit: 2, search: "contract_page" }, shows: (page) => expect(page["nextCursor"]).toEqual(expect.any(String)) },
    { name: "a last page", params: { limit: 1000 }, shows: (page) => expect(page["nextCursor"]).toBe(null) },
    {
      name: "filtered by plan and processor",
      params: { plans: [{ id: "team" }], processors: ["stripe"], createdAtRange: { start: 0 } },
      shows: (page) => expect(page["list"].map((customer: { id: string }) => customer.id)).toEqual(["contract_linked"]),
    },
  ],
  "billing.attach": [
    { name: "a free plan", params: { customerId: GRACE, planId: "free" }, shows: (result) => expect(result["paymentUrl"]).toBe(null) },
    { name: "a paid plan, answered with a checkout URL", params: { customerId: ADA, planId: "pro" }, shows: (result) => expect(result["paymentUrl"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/checkout\/cs_/) },
  ],
  "billing.update": [
    {
      name: "a cancellation at the end of the cycle",
      params: { customerId: "contract_paid", planId: "pro", cancelAction: "cancel_end_of_cycle" },
      shows: (result) => expect(result).toMatchObject({ customerId: "contract_paid", paymentUrl: null }),
    },
    { name: "taken back", params: { customerId: "contract_paid", planId: "pro", cancelAction: "uncancel" }, shows: (result) => expect(result["paymentUrl"]).toBe(null) },
  ],
  "billing.setup_payment": [
    { name: "a page that takes a card", params: { customerId: GRACE }, shows: (result) => expect(result["url"]).toMatch(/\/checkout\/cs_/) },
  ],
  "billing.open_customer_portal": [
    { name: "the portal's address", params: { customerId: GRACE }, shows: (result) => expect(result).toMatchObject({ customerId: GRACE, url: expect.stringMatching(/\/portal\//) }) },
  ],
  "entities.create": [
    {
      name: "a seat of a team, counted against its seats",
      params: { customerId: TEAM, entityId: "contract_member", featureId: "seats", name: "Member" },
      shows: (entity) => expect(entity).toMatchObject({ id: "contract_member", customerId: TEAM, featureId: "seats", balances: { seats: { usage: 1, granted: 3 } } }),
    },
    { name: "a second, with billing controls", params: { customerId: TEAM, entityId: "contract_member_2", featureId: "seats", billingControls: { spendLimits: [] } } },
  ],
  "entities.get": [
    { name: "with the customer", params: { customerId: TEAM, entityId: "contract_member" }, shows: (entity) => expect(entity["name"]).toBe("Member") },
    { name: "by entity id alone", params: { entityId: "contract_member" }, shows: (entity) => expect(entity["customerId"]).toBe(TEAM) },
  ],
  "entities.update": [
    { name: "its billing controls", params: { customerId: TEAM, entityId: "contract_member", billingControls: { spendLimits: [] } }, shows: (entity) => expect(entity["id"]).toBe("contract_member") },
  ],
  "entities.list": [
    {
      name: "a customer's, one page at a time",
      params: { customerId: TEAM, limit: 1 },
      shows: (page) => expect(page).toMatchObject({ list: [{ id: "contract_member" }], nextCursor: expect.any(String) }),
    },
  ],
  "entities.delete": [
    { name: "a seat given back", params: { customerId: TEAM, entityId: "contract_member_2" }, shows: (result) => expect(result).toEqual({ success: true }) },
  ],
  "balances.check": [
    { name: "allowed, with a balance", params: { customerId: ADA, featureId: "messages" }, shows: (check) => expect(check["allowed"]).toBe(true) },
    {
      name: "denied, the balance too low",
      params: { customerId: ADA, featureId: "messages", requiredBalance: 100 },
      shows: (check) => expect(check).toMatchObject({ allowed: false, requiredBalance: 100 }),
    },
    { name: "a customer without the feature", params: { customerId: "contract_stripe", featureId: "seats" }, shows: (check) => expect(check).toMatchObject({ allowed: false, balance: null }) },
    {
      name: "checked and deducted at once",
      params: { customerId: ADA, featureId: "messages", sendEvent: true },
      shows: (check) => expect(check["balance"]).toMatchObject({ usage: 3 }),
    },
    {
      name: "units held under a lock, until finalized",
      params: { customerId: "contract_page_1", featureId: "messages", requiredBalance: 2, lock: { lockId: "contract_lock_confirm" } },
      shows: (check) => expect(check).toMatchObject({ allowed: true, balance: { usage: 2, remaining: 3 } }),
    },
    {
      name: "units held under a lock that expires in a minute",
      params: () => ({ customerId: "contract_page_1", featureId: "messages", lock: { lockId: "contract_lock_release", expiresAt: sandbox.now() + 60_000 } }),
      shows: (check) => expect(check["balance"]).toMatchObject({ usage: 3 }),
    },
  ],
  "balances.track": [
    { name: "usage against a balance", params: { customerId: ADA, featureId: "messages", value: 1 }, shows: (track) => expect(track["balance"]).toMatchObject({ usage: 4 }) },
    { name: "a customer without the feature", params: { customerId: "contract_stripe", featureId: "seats" }, shows: (track) => expect(track["balance"]).toBe(null) },
    {
      name: "queued with async, answered with a 202 and no balance",
      params: { customerId: ADA, featureId: "messages", value: 1, async: true },
      accepted: true,
      shows: (track) => expect(track).toEqual({ customerId: ADA, value: 1, balance: null }),
    },
  ],
  "balances.create": [
    {
      name: "a one-off grant with its own id",
      params: { customerId: "contract_page_2", featureId: "messages", includedGrant: 20, balanceId: "contract_topup" },
      shows: (answer) => expect(answer).toEqual({ success: true }),
    },
    {
      name: "a daily grant for an entity",
      params: { customerId: TEAM, entityId: "contract_member", featureId: "messages", includedGrant: 5, reset: { interval: "day" } },
      shows: (answer) => expect(answer).toEqual({ success: true }),
    },
  ],
  "balances.update": [
    { name: "one grant's units left set", params: { customerId: "contract_page_2", featureId: "messages", balanceId: "contract_topup", remaining: 15 }, shows: (answer) => expect(answer).toEqual({ success: true }) },
    { name: "units added to a feature's balance", params: { customerId: "contract_page_2", featureId: "messages", addToBalance: 5 }, shows: (answer) => expect(answer).toEqual({ success: true }) },
  ],
  "balances.delete": [{ name: "a grant of no plan, by its id", params: { customerId: "contract_page_2", balanceId: "contract_topup" }, shows: (answer) => expect(answer).toEqual({ success: true }) }],
  "balances.finalize": [
    {
      name: "a hold confirmed for less than was held",
      params: { lockId: "contract_lock_confirm", action: "confirm", overrideValue: 1, properties: { job: "contract" } },
      shows: (answer) => expect(answer).toEqual({ success: true }),
    },
    { name: "a hold released", params: { lockId: "contract_lock_release", action: "release" }, shows: (answer) => expect(answer).toEqual({ success: true }) },
  ],
  "balances.batch_track": [
    {
      name: "two events, one by event name, accepted with a 202",
      params: [
        { customerId: "contract_page_1", featureId: "messages" },
        { customerId: "contract_page_2", eventName: "message.sent", value: 2 },
      ],
      accepted: true,
      shows: (answer) => expect(answer).toEqual({ success: true }),
    },
  ],
  "balances.track_tokens": [
    {
      name: "a model's tokens charged to the AI credits, markup included",
      params: { customerId: "contract_paid", modelId: "anthropic/claude-sonnet-4", inputTokens: 1000, outputTokens: 500 },
      shows: (track) => expect(track).toMatchObject({ value: 0.0126, balance: { featureId: "ai_credits", granted: 10, usage: 0.0126 } }),
    },
  ],
  "events.list": [
    {
      name: "a customer's, newest first, a page at a time",
      params: { customerId: ADA, limit: 1 },
      shows: (page) => expect(page).toMatchObject({ list: [{ customerId: ADA, featureId: "messages", value: 1 }], nextCursor: expect.any(String) }),
    },
    {
      name: "by feature and time, with what each took",
      params: () => ({ featureId: ["messages"], customRange: { start: 0, end: sandbox.now() + 1 }, customerId: "contract_page_1" }),
      shows: (page) => expect(page["list"]).toMatchObject([{ value: 1, deductions: [{ featureId: "messages", value: 1 }] }, { value: 1, properties: { job: "contract" } }]),
    },
  ],
  "events.aggregate": [
    {
      name: "a customer's daily sums over a week",
      params: { customerId: ADA, featureId: "messages", range: "7d" },
      shows: (aggregation) => expect(aggregation["total"]).toEqual({ messages: { count: 4, sum: 5 } }),
    },
    {
      name: "hourly, grouped, with what was deducted from each balance",
      params: { customerId: "contract_page_1", featureId: "messages", range: "24h", groupBy: "properties.job", aggregateOn: "deducted" },
      shows: (aggregation) => {
        expect(aggregation["list"].at(-1)).toMatchObject({ values: { messages: 2 }, groupedValues: { messages: { contract: 1, "": 1 } } });
        expect(aggregation["deductions"].at(-1).values["messages"]).toMatchObject({ featureType: "metered", deducted: 2, events: 2 });
      },
    },
  ],
  "plans.list": [{ name: "the catalog", params: {}, shows: (list) => expect(list["list"].length).toBeGreaterThan(0) }],
  "features.create": [
    {
      name: "a metered feature",
      params: { featureId: "contract_exports", name: "Exports", type: "metered", consumable: true, eventNames: ["export"] },
      shows: (feature) => expect(feature).toMatchObject({ id: "contract_exports", type: "metered", consumable: true, eventNames: ["export"], archived: false }),
    },
    { name: "a boolean feature", params: { featureId: "contract_scratch", name: "Scratch", type: "boolean" }, shows: (feature) => expect(feature).toMatchObject({ consumable: false }) },
  ],
  "features.update": [
    {
      name: "a new name and display",
      params: { featureId: "contract_exports", name: "Data exports", display: { singular: "export", plural: "exports" } },
      shows: (feature) => expect(feature).toMatchObject({ id: "contract_exports", name: "Data exports", display: { plural: "exports" }, eventNames: ["export"] }),
    },
    { name: "a new id for a feature nobody uses", params: { featureId: "contract_scratch", newFeatureId: "contract_scratch_2" }, shows: (feature) => expect(feature["id"]).toBe("contract_scratch_2") },
  ],
  "features.delete": [{ name: "a feature nobody uses", params: { featureId: "contract_scratch_2" }, shows: (answer) => expect(answer).toEqual({ success: true }) }],
  "plans.create": [
    {
      name: "a paid plan with a prepaid feature",
      params: {
        planId: "contract_business",
        name: "Business",
        group: "main",
        price: { amount: 50, interval: "month" },
        items: [
          { featureId: "contract_exports", included: 100, reset: { interval: "month" } },
          { featureId: "messages", included: 0, price: { amount: 5, billingUnits: 100, interval: "month", billingMethod: "prepaid" } },
        ],
      },
      shows: (plan) => expect(plan).toMatchObject({ id: "contract_business", version: 1, price: { amount: 50 }, items: [{ featureId: "contract_exports" }, { featureId: "messages" }] }),
    },
    { name: "a free plan", params: { planId: "contract_doomed", name: "Doomed" }, shows: (plan) => expect(plan).toMatchObject({ price: null, items: [] }) },
  ],
  "plans.update": [
    { name: "a plan nobody is on, changed in place", params: { planId: "contract_business", description: "For teams" }, shows: (plan) => expect(plan).toMatchObject({ description: "For teams", version: 1 }) },
    { name: "a new version, forced", params: { planId: "contract_business", name: "Business 2", forceVersion: true }, shows: (plan) => expect(plan).toMatchObject({ name: "Business 2", version: 2, description: "For teams" }) },
  ],
  "plans.delete": [{ name: "a plan nobody is on", params: { planId: "contract_doomed" }, shows: (answer) => expect(answer).toEqual({ success: true }) }],
  "billing.preview_attach": [
    {
      name: "an upgrade with a card on file, charged in full",
      params: { customerId: "contract_paid", planId: "contract_business", featureQuantities: [{ featureId: "messages", quantity: 200 }] },
      shows: (preview) =>
        expect(preview).toMatchObject({
          total: 60,
          lineItems: [{ planId: "contract_business", featureId: null, total: 50 }, { featureId: "messages", quantity: 200, total: 10 }],
          nextCycle: { total: 60 },
          incoming: [{ planId: "contract_business", effectiveAt: null }],
          outgoing: [{ planId: "pro" }],
          redirectToCheckout: false,
          checkoutType: null,
        }),
    },
    {
      name: "a paid plan for a customer without a card",
      params: { customerId: GRACE, planId: "pro" },
      shows: (preview) => expect(preview).toMatchObject({ total: 20, outgoing: [{ planId: "free" }], redirectToCheckout: true, checkoutType: "stripe_checkout" }),
    },
  ],
  "billing.preview_update": [
    {
      name: "a cancellation at the end of the cycle",
      params: { customerId: "contract_paid", planId: "pro", cancelAction: "cancel_end_of_cycle" },
      shows: (preview) => expect(preview).toMatchObject({ intent: "cancel_end_of_cycle", total: 0, incoming: [], outgoing: [{ planId: "pro", expiresAt: expect.any(Number) }] }),
    },
  ],
  "billing.preview_multi_attach": [
    {
      name: "a plan and an add-on",
      params: { customerId: "contract_paid", plans: [{ planId: "contract_business" }, { planId: "seat" }] },
      shows: (preview) => expect(preview).toMatchObject({ total: 50, incoming: [{ planId: "contract_business" }, { planId: "seat" }], redirectToCheckout: false }),
    },
  ],
  "billing.preview_multi_update": [
    {
      name: "an immediate cancellation of a paid plan",
      params: { customerId: "contract_paid", updates: [{ planId: "pro", cancelAction: "cancel_immediately" }] },
      shows: (preview) => expect(preview).toMatchObject({ total: 0, subscriptions: [{ planIds: ["pro"], outgoing: [{ planId: "pro" }] }] }),
    },
  ],
  "billing.multi_attach": [
    {
      name: "a paid plan and an add-on without a card: one checkout",
      params: { customerId: "contract_page_1", plans: [{ planId: "pro" }, { planId: "seat" }] },
      shows: (result) => expect(result["paymentUrl"]).toMatch(/\/checkout\/cs_sandbox_/),
    },
    {
      name: "a plan and an add-on with a card on file: both started",
      params: { customerId: "contract_paid", plans: [{ planId: "contract_business" }, { planId: "seat" }] },
      shows: (result) => expect(result).toEqual({ customerId: "contract_paid", paymentUrl: null }),
    },
  ],
  "billing.multi_update": [
    {
      name: "a plan cancelled at the end of its cycle, an add-on at once",
      params: { customerId: "contract_paid", updates: [{ planId: "contract_business", cancelAction: "cancel_end_of_cycle" }, { planId: "seat", cancelAction: "cancel_immediately" }] },
      shows: (result) => expect(result).toEqual({ customerId: "contract_paid", paymentUrl: null }),
    },
  ],
  "billing.create_schedule": [
    {
      name: "free plans now and in a month",
      params: { customerId: "contract_page_2", phases: [{ startsAt: "now", plans: [{ planId: "team" }] }, { startingAfter: { durationType: "month", durationCount: 1 }, plans: [{ planId: "free" }] }] },
      shows: (schedule) =>
        expect(schedule).toMatchObject({
          status: "created",
          scheduleId: expect.stringMatching(/^sch_/),
          entityId: null,
          phases: [{ customerProductIds: [expect.stringMatching(/^sub_/)] }, { startsAt: expect.any(Number), customerProductIds: [expect.stringMatching(/^sub_/)] }],
          paymentUrl: null,
        }),
    },
    {
      name: "a paid phase for a customer without a card: a checkout first",
      params: { customerId: "contract_page_3", phases: [{ plans: [{ planId: "free" }] }, { startingAfter: { durationType: "month", durationCount: 1 }, plans: [{ planId: "pro" }] }] },
      shows: (schedule) => expect(schedule).toMatchObject({ status: "pending_payment", scheduleId: null, phases: [], paymentUrl: expect.stringMatching(/\/checkout\//) }),
    },
  ],
  "billing.import": [
    {
      name: "a new customer on a paid plan, with its usage",
      params: {
        customerId: "contract_imported",
        customerData: { name: "Imported", email: "imported@example.com" },
        processors: [{ type: "stripe", id: "cus_imported" }],
        billables: [{ processor: "stripe", link: { subscriptionId: "sub_imported" }, plan: { planId: "pro", balances: [{ featureId: "messages", usage: 10 }] } }],
      },
      shows: (answer) =>
        expect(answer).toMatchObject({
          customerId: "contract_imported",
          flashed: [{ planId: "pro", processor: "stripe", customerProductId: expect.stringMatching(/^sub_/), status: "active", skipped: false }],
          customer: { name: "Imported", stripeId: "cus_imported", subscriptions: [{ planId: "pro" }], balances: { messages: { granted: 1000, usage: 10 } } },
        }),
    },
    {
      name: "a dry run over a plan already active",
      params: { customerId: ADA, billables: [{ plan: { planId: "free" } }], dryRun: true },
      shows: (answer) => expect(answer).toMatchObject({ flashed: [{ planId: "free", skipped: true }], customer: null }),
    },
  ],
  "plans.get": [
    { name: "a free plan", params: { planId: "free" }, shows: (plan) => expect(plan["price"]).toBe(null) },
    { name: "a paid plan", params: { planId: "pro" }, shows: (plan) => expect(plan["price"]).toMatchObject({ interval: "month" }) },
  ],
  "features.list": [{ name: "the catalog", params: {}, shows: (list) => expect(list["list"].length).toBeGreaterThan(0) }],
  "features.get": [{ name: "a metered feature", params: { featureId: "messages" }, shows: (feature) => expect(feature["type"]).toBe("metered") }],
  "keys.mint": [
    {
      name: "a pair for a customer",
      params: { customerId: ADA },
      shows: (tokens) => {
        expect(tokens).toMatchObject({ accessToken: expect.stringMatching(/^am_jwt_/), refreshToken: expect.stringMatching(/^am_jwt_/), expiresAt: expect.any(Number) });
        minted = tokens as CustomerTokens;
      },
    },
    { name: "an indefinite token", params: { customerId: ADA, indefinite: true }, shows: (tokens) => expect(tokens).toEqual({ accessToken: expect.any(String), expiresAt: null }) },
  ],
  "keys.refresh": [
    {
      name: "a rotation of the pair minted before last",
      // The indefinite mint advanced the generation, so this pair is one behind: answered as the grace case.
      params: () => ({ refreshToken: minted!.refreshToken }),
      shows: (tokens) => expect(tokens["refreshToken"]).not.toBe(minted!.refreshToken),
    },
  ],
  "keys.revoke": [{ name: "every token of a customer", params: { customerId: GRACE }, shows: (answer) => expect(answer).toEqual({ revoked: true }) }],
  "invoices.insert": [
    {
      name: "historical invoices of two customers, answered in order",
      params: {
        invoices: [
          { customerId: ADA, stripeId: "in_contract_1", status: "paid", total: 29.99, amountPaid: 29.99, currency: "usd", planIds: ["pro"], createdAt: 1_451_606_400_000, hostedInvoiceUrl: "https://billing.example.com/in_contract_1" },
          { customerId: GRACE, stripeId: "rc_contract_1", processorType: "revenuecat", status: "open", total: 10, createdAt: 1_454_284_800_000 },
        ],
      },
      shows: (answer) => {
        expect(answer["invoices"]).toMatchObject([
          { id: expect.stringMatching(/^inv_/), customerId: ADA, processorType: "stripe", refundedAmount: 0 },
          { customerId: GRACE, processorType: "revenuecat", amountPaid: null, currency: "usd", planIds: [] },
        ]);
        insertedId = answer["invoices"][0].id;
      },
    },
    {
      name: "the same processor id again: updated, keeping its id",
      params: { invoices: [{ customerId: ADA, stripeId: "in_contract_1", status: "void", total: 29.99, createdAt: 1_451_606_400_000 }] },
      shows: (answer) => expect(answer["invoices"]).toMatchObject([{ id: insertedId, status: "void" }]),
    },
  ],
  "licenses.attach": [
    {
      name: "seats for two new entities",
      params: { customerId: TEAM, planId: "seat", entities: [{ entityId: "seat_ada", name: "Ada", featureId: "seats" }, { entityId: "seat_grace", featureId: "seats" }] },
      shows: (answer) => expect(answer).toEqual({ success: true }),
    },
  ],
  "licenses.release": [
    { name: "one entity's seat", params: { customerId: TEAM, licensePlanId: "seat", entityIds: ["seat_grace"] }, shows: (answer) => expect(answer).toEqual({ success: true }) },
  ],
  "licenses.list": [
    {
      name: "the team plan's pool, one seat taken",
      params: { customerId: TEAM },
      shows: (pools) => expect(pools["list"]).toEqual([{ licensePlanId: "seat", parentPlanId: "team", licensePlanName: "Seat", granted: 3, usage: 1, remaining: 2, paidQuantity: 0 }]),
    },
    { name: "as one of its entities sees it", params: { customerId: TEAM, entityId: "seat_ada" }, shows: (pools) => expect(pools["list"]).toMatchObject([{ usage: 1 }]) },
  ],
  "licenses.list_assignments": [
    { name: "the seats held", params: { customerId: TEAM }, shows: (seats) => expect(seats["list"]).toMatchObject([{ entityId: "seat_ada", licensePlanId: "seat", endedAt: null }]) },
    {
      name: "released ones too",
      params: { customerId: TEAM, planId: "seat", active: false },
      shows: (seats) => expect(seats["list"]).toMatchObject([{ entityId: "seat_ada", endedAt: null }, { entityId: "seat_grace", endedAt: expect.any(Number) }]),
    },
  ],
  "rewards.create": [
    {
      name: "a coupon for one plan",
      params: { coupon: { id: "contract_sale", name: "Sale", type: "percentage_discount", value: 20, duration: { type: "months", length: 3 }, planIds: ["pro"], promoCodes: [{ code: "CONTRACT20" }] } },
      shows: (reward) => expect(reward["coupon"]).toMatchObject({ planIds: ["pro"], promoCodes: [{ code: "CONTRACT20", globalMaxRedemption: null, firstTimeTransaction: null }] }),
    },
    {
      name: "a feature grant with a one-use code",
      params: { featureGrant: { id: GRANT, name: "Beta", grants: [{ featureId: "messages", included: 100, expiry: { type: "month", length: 1 } }], promoCodes: [{ code: "CONTRACT-BETA", maxUses: 1 }] } },
      shows: (reward) => expect(reward).toEqual({ featureGrant: expect.objectContaining({ id: GRANT, createdAt: expect.any(Number) }) }),
    },
  ],
  "rewards.list": [{ name: "both kinds", params: {}, shows: (list) => expect([list["coupons"].length, list["featureGrants"].length]).toEqual([1, 1]) }],
  "rewards.get": [{ name: "a coupon", params: { rewardId: "contract_sale" }, shows: (reward) => expect(Object.keys(reward)).toEqual(["coupon"]) }],
  "rewards.update": [
    {
      name: "a coupon's promo codes replaced, for every plan",
      params: { rewardId: "contract_sale", coupon: { planIds: null, promoCodes: [{ code: "CONTRACT25", globalMaxRedemption: 10 }] } },
      shows: (reward) => expect(reward["coupon"]).toMatchObject({ planIds: null, promoCodes: [{ code: "CONTRACT25", globalMaxRedemption: 10 }], value: 20 }),
    },
    { name: "a feature grant's name", params: { rewardId: GRANT, featureGrant: { name: "Beta testers" } }, shows: (reward) => expect(reward["featureGrant"]).toMatchObject({ name: "Beta testers" }) },
  ],
  "rewards.redeem": [
    {
      name: "a feature grant's code",
      params: { code: "CONTRACT-BETA", customerId: ADA },
      shows: (answer) => expect(answer).toEqual({ rewardId: GRANT, entitlementsGranted: [{ featureId: "messages", balance: 100 }] }),
    },
    { name: "a coupon's code", params: { code: "CONTRACT25", customerId: GRACE }, shows: (answer) => expect(answer).toEqual({ rewardId: "contract_sale", entitlementsGranted: [] }) },
  ],
  "rewards.delete": [{ name: "a coupon", params: { rewardId: "contract_sale" }, shows: (answer) => expect(answer).toEqual({ success: true }) }],
  "referral_programs.create": [
    {
      name: "a program giving a feature grant on redemption",
      params: { id: PROGRAM, rewardId: GRANT, redeemOn: "customer_creation", receivedBy: "referrer", maxRedemptions: 2 },
      shows: (program) => expect(program).toMatchObject({ id: PROGRAM, maxRedemptions: 2, planIds: null, excludeTrial: null, createdAt: expect.any(Number) }),
    },
    {
      name: "a program giving it at checkout of one plan",
      params: { id: "contract_checkout", rewardId: GRANT, redeemOn: "checkout", receivedBy: "referrer", planIds: ["pro"], excludeTrial: true },
      shows: (program) => expect(program).toMatchObject({ planIds: ["pro"], excludeTrial: true, maxRedemptions: null }),
    },
  ],
  "referral_programs.list": [{ name: "both programs", params: {}, shows: (list) => expect(list["list"].map((program: { id: string }) => program.id)).toEqual([PROGRAM, "contract_checkout"]) }],
  "referral_programs.get": [{ name: "a program", params: { referralProgramId: PROGRAM }, shows: (program) => expect(program["rewardId"]).toBe(GRANT) }],
  "referral_programs.update": [
    { name: "both parties rewarded", params: { referralProgramId: "contract_checkout", receivedBy: "all" }, shows: (program) => expect(program).toMatchObject({ receivedBy: "all", planIds: ["pro"] }) },
  ],
  "referral_programs.delete": [{ name: "a program", params: { referralProgramId: "contract_checkout" }, shows: (answer) => expect(answer).toEqual({ success: true }) }],
  "referrals.create_code": [
    {
      name: "a referrer's code",
      params: { customerId: ADA, programId: PROGRAM },
      shows: (answer) => {
        expect(answer).toMatchObject({ code: expect.stringMatching(/^REF-/), customerId: ADA });
        referralCode = answer["code"];
      },
    },
    { name: "the same code, asked again", params: { customerId: ADA, programId: PROGRAM }, shows: (answer) => expect(answer["code"]).toBe(referralCode) },
  ],
  "referrals.redeem_code": [
    {
      name: "a referred customer's redemption",
      params: () => ({ code: referralCode!, customerId: GRACE }),
      shows: (answer) => expect(answer).toEqual({ id: expect.stringMatching(/^redemption_/), customerId: GRACE, rewardId: GRANT }),
    },
  ],
  "platform.link_revenuecat": [
    {
      name: "a consent page for a managed organisation",
      params: { organizationSlug: "contract-org", env: "test", projectName: "contract-mobile", redirectUrl: "https://app.example.com/revenuecat/done" },
      shows: (answer) => expect(answer["oauthUrl"]).toMatch(/^https:\/\/api\.revenuecat\.com\/oauth2\/authorize\?.*redirect_uri=https%3A%2F%2Fapp\.example\.com/),
    },
  ],
  "platform.sync_revenuecat": [
    {
      name: "every plan pushed, in the sandbox environment",
      params: { organizationSlug: "contract-org", env: "sandbox" },
      shows: (answer) => expect(answer["results"]).toContainEqual({ planId: "pro", status: "synced", storeIdentifier: "autumn.sandbox.contract-org.pro", apps: [expect.objectContaining({ product: "created", price: "set" })] }),
    },
    { name: "a plan that does not exist", params: { organizationSlug: "contract-org", env: "test", productIds: ["enterprise"] }, shows: (answer) => expect(answer["results"]).toMatchObject([{ status: "error" }]) },
  ],
  "platform.get_revenuecat_keys": [
    {
      name: "the test store's key and a fresh token",
      params: { organizationSlug: "contract-org", env: "test" },
      shows: (answer) => expect(answer).toMatchObject({ apps: [{ appType: "test_store", apiKeys: [{ key: expect.any(String) }] }], oauthAccessToken: expect.stringMatching(/^atk_/) }),
    },
  ],
  "invoices.list": [
    { name: "every customer's, newest first, a page at a time", params: { limit: 1 }, shows: (page) => expect(page).toMatchObject({ list: [{ customerId: GRACE, entityId: null }], nextCursor: expect.any(String) }) },
    {
      name: "one customer's, by status and processor",
      params: { customerId: ADA, status: ["void"], processorTypes: ["stripe"] },
      shows: (page) => expect(page).toMatchObject({ list: [{ id: insertedId, status: "void" }], nextCursor: null }),
    },
  ],
};
let minted: CustomerTokens | undefined;
let insertedId: string | undefined;
let referralCode: string | undefined;

let sandbox: Sandbox;
const answers: WireAnswer[] = [];
let core: AutumnCore;

/** A small world: customers with and without plans, usage, a Stripe link, enough customers to page. */
async function seed(): Promise<void> {
  const must = async (result: Promise<{ ok: boolean }>) => expect((await result).ok).toBe(true);
  const operations = Object.fromEntries(
    await Promise.all(["customers.get_or_create", "billing.attach", "balances.track"].map(async (route) => [route, await sdkOperation(route)] as const)),
  );
  const call = (route: string, params: Record<string, unknown>) => must(operations[route]!.call(core, params));
  await call("customers.get_or_create", { customerId: ADA, name: "Ada", email: "ada@example.com", metadata: { tier: "gold" } });
  await call("billing.attach", { customerId: ADA, planId: "free" });
  await call("balances.track", { customerId: ADA, featureId: "messages", value: 2 });
  await call("customers.get_or_create", { customerId: GRACE, name: "Grace", stripeId: "cus_grace", metadata: { cohort: "2026" } });
  await call("customers.get_or_create", { customerId: "contract_linked", stripeId: "cus_linked" });
  await call("billing.attach", { customerId: "contract_linked", planId: "team" });
  await call("customers.get_or_create", { customerId: "contract_rename_me" });
  await call("customers.get_or_create", { customerId: "contract_delete_me" });
  await call("billing.attach", { customerId: "contract_delete_me", planId: "free" });
  for (const n of [1, 2, 3]) await call("customers.get_or_create", { customerId: `contract_page_${n}`, email: `page${n}@example.com` });
  await call("customers.get_or_create", { customerId: "contract_paid" });
  await call("billing.attach", { customerId: "contract_paid", planId: "pro" });
  sandbox.completeCheckout("contract_paid");
  await call("customers.get_or_create", { customerId: TEAM, name: "Team" });
  await call("billing.attach", { customerId: TEAM, planId: "team" });
}

beforeAll(async () => {
  sandbox = await startSandbox();
  core = recordingCore(sandbox.url, answers);
  await seed();
});
afterAll(async () => {
  await sandbox.close();
});

describe("the sandbox's route table", () => {
  it("serves every operation the SDK calls", () => {
    const funcs = fileURLToPath(new URL("../../src/funcs/", import.meta.url));
    const paths = readdirSync(funcs).flatMap((file) => /\bpath:\s*"([^"]+)"/.exec(readFileSync(`${funcs}${file}`, "utf8"))?.[1] ?? []);
    expect(paths.length).toBeGreaterThanOrEqual(67);
    expect(paths.filter((path) => !(path in sandboxRoutes))).toEqual([]);
  });

  it("has scenarios for every route it serves, and none for routes it does not", () => {
    expect(Object.keys(scenarios).sort()).toEqual(Object.keys(sandboxRoutes).sort());
    for (const [route, list] of Object.entries(scenarios)) expect(list.length, route).toBeGreaterThan(0);
  });
});

describe.each(Object.entries(scenarios))("%s answers what the SDK's schema describes", (route, list) => {
  let operation: SdkOperation;
  beforeAll(async () => {
    operation = await sdkOperation(route);
  });

  it.each(list)("$name", async ({ params, accepted, shows }) => {
    const result = await operation.call(core, typeof params === "function" ? params() : params);
    const answer = answers.at(-1)!;
    expect(answer).toMatchObject({ path: `/v1/${route}`, status: accepted ? 202 : 200 });
    expect(result.ok ? "ok" : result.error).toBe("ok");
    if (!result.ok) return;
    expect(answer.contentType).toBe("application/json");

    // The raw JSON against the schema: what the server sent, not what the SDK made of it.
    const json: unknown = JSON.parse(answer.text);
    const parsed = v.safeParse(operation.schema, json);
    expect(parsed.success ? [] : parsed.issues.map((issue) => `${v.getDotPath(issue) ?? "$"}: ${issue.message}`), operation.schemaName).toEqual([]);
    expect(unknownWireFields(operation.schema, json), `fields ${operation.schemaName} does not know`).toEqual([]);

    // And through the SDK function: the same value.
    if (parsed.success) expect(result.value).toEqual(parsed.output);
    shows?.(result.value as Record<string, any>);
  });
});
