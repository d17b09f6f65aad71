import type * as v from "valibot";
import { describe, expectTypeOf, it } from "vitest";
import type { Autumn } from "../../src/autumn.js";
import type { CatalogAnswer, CatalogParams, FeatureId, FeatureIdsOf, PlanId, PlanIdsOf } from "../../src/lib/catalog.js";
import type { Customer, CustomerSchema } from "../../src/models/customer.js";
import type { BalancesCheckParams, BalancesCheckParamsSchema } from "../../src/models/operations/balances-check.js";
import type { BillingAttachParams, BillingAttachParamsSchema } from "../../src/models/operations/billing-attach.js";
import type { EventsListParams } from "../../src/models/operations/events-list.js";
import type { WebhookEventData, webhookEventDataSchemas } from "../../src/models/webhook-events.js";
import type * as aiApp from "../fixtures/ai-app.config.js";
import type { TEAM_WORKSPACE } from "../fixtures/catalogs.js";

// This program registers no catalog (test/typed-catalog/ holds the programs that do).

describe("without a registered catalog", () => {
  it("a feature or plan id is any string", () => {
    expectTypeOf<FeatureId>().toEqualTypeOf<string>();
    expectTypeOf<PlanId>().toEqualTypeOf<string>();
  });

  it("params and answers are exactly the types their schemas infer", () => {
    expectTypeOf<CatalogParams<{ featureId: string; items: readonly { planId?: string }[] }>>().toEqualTypeOf<{ featureId: string; items: readonly { planId?: string }[] }>();
    expectTypeOf<CatalogAnswer<{ balances: Record<string, number>; planId: string }>>().toEqualTypeOf<{ balances: Record<string, number>; planId: string }>();
    expectTypeOf<BalancesCheckParams>().toEqualTypeOf<v.InferInput<typeof BalancesCheckParamsSchema>>();
    expectTypeOf<BillingAttachParams>().toEqualTypeOf<v.InferInput<typeof BillingAttachParamsSchema>>();
    expectTypeOf<Customer>().toEqualTypeOf<v.InferOutput<typeof CustomerSchema>>();
    expectTypeOf<WebhookEventData<"balances.limit_reached">>().toEqualTypeOf<v.InferOutput<(typeof webhookEventDataSchemas)["balances.limit_reached"]>>();
    expectTypeOf<EventsListParams["featureId"]>().toEqualTypeOf<string | readonly string[] | undefined>();
  });

  it("code written before the typed catalog still compiles: ids held in strings are taken", async () => {
    const autumn = {} as Autumn;
    const feature: string = ["messages", "seats"][Date.now() % 2]!;
    const plan: string = process.env["PLAN"] ?? "pro";
    const check = autumn.balances.check({ customerId: "user_123", featureId: feature });
    const attach = autumn.billing.attach({ customerId: "user_123", planId: plan, customize: { items: [{ featureId: feature }] } });
    const customer = await autumn.customers.get({ customerId: "user_123" });
    expectTypeOf(customer.balances[feature]).toEqualTypeOf<Customer["balances"][string]>();
    expectTypeOf(check).not.toBeAny();
    expectTypeOf(attach).not.toBeAny();
  });
});

describe("the ids of a catalog type", () => {
  const sandboxData = {
    features: [
      { id: "messages", name: "Messages", type: "metered", consumable: true },
      { featureId: "seats", name: "Seats", type: "metered", consumable: false },
      { feature_id: "sso", name: "SSO", type: "boolean" },
    ],
    plans: [{ id: "free", name: "Free" }, { planId: "pro", name: "Pro" }, { plan_id: "team", name: "Team" }],
  } as const;

  it("reads { features, plans } data under any of the id keys the sandbox takes", () => {
    expectTypeOf<FeatureIdsOf<typeof sandboxData>>().toEqualTypeOf<"messages" | "seats" | "sso">();
    expectTypeOf<PlanIdsOf<typeof sandboxData>>().toEqualTypeOf<"free" | "pro" | "team">();
  });

  it("reads a module's exports: features by their type, plans by an id and a name; rewards, referral programs and helpers are neither", () => {
    interface ConfigModule {
      readonly messages: { readonly id: "messages"; readonly name: "Messages"; readonly type: "metered" };
      readonly credits: { readonly id: "credits"; readonly name: "Credits"; readonly type: "credit_system" };
      readonly pro: { readonly id: "pro"; readonly name: "Pro"; readonly items: readonly [] };
      readonly launch: { readonly id: "launch"; readonly name: "Launch"; readonly type: "percentage_discount" };
      readonly referral: { readonly id: "refer"; readonly rewardId: "launch" };
      readonly helper: (id: string) => string;
      readonly region: "eu";
    }
    expectTypeOf<FeatureIdsOf<ConfigModule>>().toEqualTypeOf<"messages" | "credits">();
    expectTypeOf<PlanIdsOf<ConfigModule>>().toEqualTypeOf<"pro">();
  });

  it("reads a module whose default export is { features, plans }", () => {
    expectTypeOf<FeatureIdsOf<{ default: typeof sandboxData }>>().toEqualTypeOf<"messages" | "seats" | "sso">();
  });

  it("is a message for entries written without `as const`, whose ids (and feature types) TypeScript widens", () => {
    type Widened<TKind extends string> = `the catalog's ${TKind} ids are typed string, not literals: declare them as const, or write them with autumn-types`;
    expectTypeOf<FeatureIdsOf<typeof aiApp>>().toEqualTypeOf<Widened<"feature">>();
    expectTypeOf<PlanIdsOf<typeof aiApp>>().toEqualTypeOf<Widened<"plan">>();
    expectTypeOf<FeatureIdsOf<typeof TEAM_WORKSPACE>>().toEqualTypeOf<Widened<"feature">>();
    expectTypeOf<PlanIdsOf<typeof TEAM_WORKSPACE>>().toEqualTypeOf<Widened<"plan">>();
  });

  it("is a message for a catalog without features or without plans", () => {
    expectTypeOf<PlanIdsOf<{ features: typeof sandboxData.features }>>().toEqualTypeOf<"the catalog has no plans">();
    expectTypeOf<FeatureIdsOf<{ plans: typeof sandboxData.plans }>>().toEqualTypeOf<"the catalog has no features">();
  });
});
