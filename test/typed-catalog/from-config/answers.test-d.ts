/**
 * With ./autumn.config.ts registered, answers name the catalog's ids where
 * that helps: a customer's and an entity's `balances` and `flags` are keyed by
 * its feature ids, and feature and plan id fields offer its ids, while any
 * other id the server sends (its catalog may be ahead of the code) still
 * type-checks.
 */
import type { Autumn, Balance, BalancesCheckResponse, Customer, Entity, FeatureId, LimitReachedData, PlanId, WebhookEvent } from "@useautumn/sdk";
import { expectTypeOf } from "vitest";

declare const autumn: Autumn;

type KnownFeature = "messages" | "seats" | "sso" | "credits";
type KnownPlan = "free" | "pro" | "extra_seats";

export async function customer() {
  expectTypeOf<FeatureId>().toEqualTypeOf<KnownFeature>();
  expectTypeOf<PlanId>().toEqualTypeOf<KnownPlan>();

  const customer = await autumn.customers.get({ customerId: "user_123" });
  // Keyed by the catalog's features, each of which the customer may not have.
  expectTypeOf(customer.balances.messages).toEqualTypeOf<Balance | undefined>();
  expectTypeOf(customer.flags.sso).not.toBeAny();
  // A feature the code does not know yet is still read.
  expectTypeOf(customer.balances["launched_yesterday"]).toEqualTypeOf<Balance>();

  // Id fields offer the catalog's ids and accept any other.
  expectTypeOf(customer.subscriptions[0]!.planId).toEqualTypeOf<KnownPlan | (string & {})>();
  expectTypeOf(customer.balances.messages!.featureId).toEqualTypeOf<KnownFeature | (string & {})>();
  const fromTheServer: Customer["subscriptions"][number]["planId"] = "enterprise_2027";
  expectTypeOf(fromTheServer).toBeString();
  // A list of ids in an answer stays the mutable array it was.
  expectTypeOf(customer.invoicePreviews![0]!.planIds).toEqualTypeOf<(KnownPlan | (string & {}))[]>();
}

export async function aggregation() {
  // A deduction's `balances` is a list, not a record keyed by feature.
  const usage = await autumn.events.aggregate({ customerId: "user_123", featureId: "messages", aggregateOn: "deducted" });
  const deducted = usage.deductions![0]!.values["credits"]!.balances;
  expectTypeOf(deducted).toBeArray();
  expectTypeOf(deducted[0]).not.toBeAny();
}

export async function entityAndCheck() {
  const entity: Entity = await autumn.entities.get({ customerId: "user_123", entityId: "seat_1" });
  expectTypeOf(entity.balances!.seats).toEqualTypeOf<Balance | undefined>();

  const check = await autumn.balances.check({ customerId: "user_123", featureId: "messages" });
  expectTypeOf(check.balances!.credits).toEqualTypeOf<BalancesCheckResponse["balance"] | undefined>();
  expectTypeOf(check.balance!.featureId).toEqualTypeOf<KnownFeature | (string & {})>();
}

export function webhooks(event: WebhookEvent) {
  expectTypeOf<LimitReachedData["featureId"]>().toEqualTypeOf<KnownFeature | (string & {})>();
  if (event.known && event.type === "balances.limit_reached") {
    expectTypeOf(event.data.featureId).toEqualTypeOf<KnownFeature | (string & {})>();
  }
  if (event.known && event.type === "billing.updated") {
    expectTypeOf(event.data.planChanges[0]!.subscription!.planId).toEqualTypeOf<KnownPlan | (string & {})>();
  }
}
