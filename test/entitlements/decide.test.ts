import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { decide } from "../../src/entitlements/decide.js";
import { customerSnapshot, entitySnapshot, type Snapshot, withMark } from "../../src/entitlements/snapshot.js";
import { CustomerSchema } from "../../src/models/customer.js";
import { EntitySchema } from "../../src/models/entity.js";
import { fixture } from "../helpers.js";

/**
 * The decision of Autumn's `balances.check`, made from a snapshot of a
 * customer in wire JSON as `customers.get` answers it with
 * `expand: ["balances.feature", "flags.feature", "subscriptions.plan", "purchases.plan"]`.
 */

type Wire = Record<string, unknown>;
const RESET = 1_800_000_000_000;
/** When the snapshots here were loaded: after the fixture's plans started. */
const LOADED_AT = 1_772_000_000_000;

function feature(id: string, type = "metered", creditSchema?: Record<string, number>): Wire {
  return {
    id,
    name: id,
    type,
    consumable: true,
    archived: false,
    ...(creditSchema && { credit_schema: Object.entries(creditSchema).map(([metered_feature_id, credit_cost]) => ({ metered_feature_id, credit_cost })) }),
  };
}

interface Grant {
  included?: number;
  prepaid?: number;
  usage?: number;
  unlimited?: boolean;
  usageBased?: { maxPurchase: number | null };
  prepaidPrice?: boolean;
}

/** A balance in wire form, made of its grants as Autumn renders them. */
function balance(featureId: string, grants: Grant[], extra: { type?: string; credits?: Record<string, number>; remaining?: number } = {}): Wire {
  const rows = grants.map((grant, index) => {
    const granted = (grant.included ?? 0) + (grant.prepaid ?? 0);
    const usage = grant.usage ?? 0;
    return {
      id: `cus_ent_${featureId}_${index}`,
      plan_id: "pro",
      included_grant: grant.included ?? 0,
      prepaid_grant: grant.prepaid ?? 0,
      remaining: grant.unlimited ? 0 : Math.max(0, granted - usage),
      usage,
      unlimited: grant.unlimited ?? false,
      reset: { interval: "month", resets_at: RESET },
      price: grant.usageBased
        ? { amount: 0.01, billing_units: 1, billing_method: "usage_based", max_purchase: grant.usageBased.maxPurchase }
        : grant.prepaidPrice
          ? { amount: 10, billing_units: 100, billing_method: "prepaid", max_purchase: null }
          : null,
      expires_at: null,
    };
  });
  const unlimited = rows.some((row) => row.unlimited);
  return {
    feature_id: featureId,
    feature: feature(featureId, extra.type, extra.credits),
    granted: rows.reduce((sum, row) => sum + row.included_grant + row.prepaid_grant, 0),
    remaining: extra.remaining ?? (unlimited ? 0 : rows.reduce((sum, row) => sum + row.remaining, 0)),
    usage: rows.reduce((sum, row) => sum + row.usage, 0),
    unlimited,
    overage_allowed: !unlimited && rows.some((row) => row.price?.billing_method === "usage_based"),
    max_purchase: null,
    next_reset_at: RESET,
    breakdown: rows,
  };
}

/** A customer in wire form with these balances, flags, billing controls and subscriptions. */
function customer(parts: { balances?: Wire[]; flags?: string[]; billingControls?: Wire; subscriptions?: Wire[] } = {}): Snapshot {
  const base = fixture("customer");
  const wire = {
    ...base,
    billing_controls: parts.billingControls ?? {},
    subscriptions: parts.subscriptions ?? base["subscriptions"],
    balances: Object.fromEntries((parts.balances ?? []).map((entry) => [entry["feature_id"], entry])),
    flags: Object.fromEntries(
      (parts.flags ?? []).map((id) => [id, { id: `cus_ent_${id}`, plan_id: "pro", expires_at: null, feature_id: id, feature: feature(id, "boolean") }]),
    ),
  };
  return customerSnapshot(v.parse(CustomerSchema, wire), "user_123", LOADED_AT);
}

describe("decide", () => {
  it("allows a feature the customer has a flag of, whatever the amount", () => {
    expect(decide(customer({ flags: ["sso"] }), "sso", 1e9)).toEqual({ allowed: true, featureId: "sso", requiredBalance: 1e9 });
  });

  it("allows what remains and not a hair more, the amount defaulting as the caller gives it", () => {
    const snapshot = customer({ balances: [balance("messages", [{ included: 100, usage: 60 }])] });
    expect(decide(snapshot, "messages", 40)).toMatchObject({ allowed: true, featureId: "messages", requiredBalance: 40 });
    expect(decide(snapshot, "messages", 40.5)).toMatchObject({ allowed: false });
    expect(decide(snapshot, "messages", 0)).toMatchObject({ allowed: true });
  });

  it("allows anything of an unlimited balance", () => {
    expect(decide(customer({ balances: [balance("messages", [{ unlimited: true, usage: 5_000 }])] }), "messages", 1e12)).toMatchObject({ allowed: true });
  });

  it("lets uncapped overage through, and capped overage up to the purchase cap less the overage already used", () => {
    expect(decide(customer({ balances: [balance("calls", [{ included: 10, usage: 500, usageBased: { maxPurchase: null } }])] }), "calls", 1e9)).toMatchObject({
      allowed: true,
    });
    // 100 included, 150 used: 50 of the cap of 200 is spent, 150 more may be bought.
    const capped = customer({ balances: [balance("calls", [{ included: 100, usage: 150, usageBased: { maxPurchase: 200 } }])] });
    expect(decide(capped, "calls", 150)).toMatchObject({ allowed: true });
    expect(decide(capped, "calls", 150.5)).toMatchObject({ allowed: false });
  });

  it("adds the caps of several usage-priced grants, and what prepaid grants leave, as Autumn does", () => {
    const snapshot = customer({
      balances: [balance("calls", [{ included: 100, usage: 120, usageBased: { maxPurchase: 50 } }, { prepaid: 30, usage: 10, prepaidPrice: true }, { usage: 0, usageBased: { maxPurchase: 25 } }])],
    });
    // Caps 50 + 25, overage used 20: 55 more, and 20 prepaid units left.
    expect(decide(snapshot, "calls", 75)).toMatchObject({ allowed: true });
    expect(decide(snapshot, "calls", 75.01)).toMatchObject({ allowed: false });
  });

  it("counts in decimals as Autumn's server does, where floating point would refuse", () => {
    // 0.3 - (1.1 - 1) + 0.1 is 0.3 in decimals and 0.2999999999999999 in floating point.
    const snapshot = customer({ balances: [balance("calls", [{ included: 0.1 }, { included: 1, usage: 1.1, usageBased: { maxPurchase: 0.3 } }])] });
    expect(decide(snapshot, "calls", 0.3)).toMatchObject({ allowed: true });
    const credits = customer({ balances: [balance("credits", [{ included: 1 }], { type: "credit_system", credits: { tokens: 0.1 } })] });
    expect(decide(credits, "tokens", 3)).toEqual({ allowed: true, featureId: "credits", requiredBalance: 0.3 });
  });

  it("charges a feature the customer holds none of to a credit system that prices it, in credits", () => {
    const snapshot = customer({ balances: [balance("credits", [{ included: 10 }], { type: "credit_system", credits: { messages: 2 } })] });
    expect(decide(snapshot, "messages", 5)).toEqual({ allowed: true, featureId: "credits", requiredBalance: 10 });
    expect(decide(snapshot, "messages", 6)).toEqual({ allowed: false, featureId: "credits", requiredBalance: 12 });
  });

  it("uses the feature's own balance when it covers the amount, and chooses the credit system by the amount in the feature's units", () => {
    const held = (own: number, credits: number) =>
      customer({ balances: [balance("messages", [{ included: own }]), balance("credits", [{ included: credits }], { type: "credit_system", credits: { messages: 2 } })] });
    expect(decide(held(5, 100), "messages", 2)).toEqual({ allowed: true, featureId: "messages", requiredBalance: 2 });
    // The own balance falls short; Autumn picks the credit system because 3 credits cover 2 (messages), then asks it for 4.
    expect(decide(held(1, 3), "messages", 2)).toEqual({ allowed: false, featureId: "credits", requiredBalance: 4 });
    expect(decide(held(1, 4), "messages", 2)).toEqual({ allowed: true, featureId: "credits", requiredBalance: 4 });
  });

  it("leaves to Autumn a choice between credit systems that only its catalog order settles", () => {
    const two = (a: number, b: number) =>
      customer({
        balances: [
          balance("credits_a", [{ included: a }], { type: "credit_system", credits: { messages: 1 } }),
          balance("credits_b", [{ included: b }], { type: "credit_system", credits: { messages: 1 } }),
        ],
      });
    expect(decide(two(10, 10), "messages", 5)).toBeUndefined();
    expect(decide(two(0, 0), "messages", 5)).toBeUndefined();
    expect(decide(two(0, 10), "messages", 5)).toEqual({ allowed: true, featureId: "credits_b", requiredBalance: 5 });
  });

  it("does not charge a metered feature to an AI credit system", () => {
    const snapshot = withMark(customer({ balances: [balance("ai_credits", [{ included: 10 }], { type: "ai_credit_system", credits: { messages: 1 } })] }), "absent", "messages");
    expect(decide(snapshot, "messages", 1)).toEqual({ allowed: false, featureId: "messages", requiredBalance: 1 });
  });

  it("refuses a feature marked used up, for any amount above 0", () => {
    const snapshot = withMark(customer({ balances: [balance("messages", [{ included: 100, usage: 10 }])] }), "exhausted", "messages");
    expect(decide(snapshot, "messages", 1)).toMatchObject({ allowed: false });
    expect(decide(snapshot, "messages", 0)).toMatchObject({ allowed: true });
  });

  it("answers a feature the customer has none of only once Autumn has said so", () => {
    const snapshot = customer({ balances: [balance("messages", [{ included: 1 }])] });
    expect(decide(snapshot, "sso", 1)).toBeUndefined();
    expect(decide(withMark(snapshot, "absent", "sso"), "sso", 1)).toEqual({ allowed: false, featureId: "sso", requiredBalance: 1 });
  });

  it.each([
    ["a spend limit on the feature", { spend_limits: [{ feature_id: "messages", overage_limit: 10 }] }],
    ["a spend limit on every feature", { spend_limits: [{ overage_limit: 10 }] }],
    ["a usage limit", { usage_limits: [{ feature_id: "messages", limit: 5, interval: "day", usage: 1 }] }],
    ["an overage switch", { overage_allowed: [{ feature_id: "messages", enabled: false }] }],
    ["an auto top-up", { auto_topups: [{ feature_id: "messages", threshold: 10, quantity: 100 }] }],
  ])("leaves to Autumn a feature under %s", (_name, controls) => {
    const snapshot = customer({ balances: [balance("messages", [{ included: 100 }])], billingControls: controls });
    expect(decide(snapshot, "messages", 1)).toBeUndefined();
  });

  it("leaves to Autumn a feature priced by a credit system under billing controls", () => {
    const snapshot = customer({
      balances: [balance("credits", [{ included: 10 }], { type: "credit_system", credits: { messages: 1 } })],
      billingControls: { auto_topups: [{ feature_id: "credits", threshold: 10, quantity: 100 }] },
    });
    expect(decide(snapshot, "messages", 1)).toBeUndefined();
  });

  it("leaves to Autumn a customer-level check of what plans on entities grant, which Autumn's customer balance includes and its check does not", () => {
    const plan = fixture("plan");
    const onEntity = { ...fixture<Wire[]>("customer")["subscriptions" as never], id: "sub_e", scope: "entity", plan: { ...plan, items: [{ ...(plan["items"] as Wire[])[0], feature_id: "messages" }] } };
    const base = (fixture("customer")["subscriptions"] as Wire[])[0]!;
    const snapshot = customer({ balances: [balance("messages", [{ included: 100 }]), balance("seats", [{ included: 3 }])], subscriptions: [base, { ...base, ...onEntity }] });
    expect(decide(snapshot, "messages", 1)).toBeUndefined();
    expect(decide(snapshot, "seats", 1)).toMatchObject({ allowed: true });
    // A plan on an entity that did not come expanded: nothing is known of what it grants.
    const unexpanded = customer({ balances: [balance("seats", [{ included: 3 }])], subscriptions: [base, { ...base, id: "sub_e", scope: "entity" }] });
    expect(decide(unexpanded, "seats", 1)).toBeUndefined();
  });

  it("leaves to Autumn a balance that disagrees with its breakdown (entity grants added to the customer's)", () => {
    const snapshot = customer({ balances: [balance("messages", [{ included: 100, usage: 60 }], { remaining: 90 })] });
    expect(decide(snapshot, "messages", 1)).toBeUndefined();
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("leaves to Autumn an amount of %s", (amount) => {
    expect(decide(customer({ balances: [balance("messages", [{ included: 100 }])] }), "messages", amount)).toBeUndefined();
  });

  it("decides an entity's check on the entity's balance, with its customer's feature kinds and billing controls", () => {
    const owner = customer({ balances: [balance("messages", [{ included: 10, usage: 10 }]), balance("credits", [{ included: 1 }], { type: "credit_system", credits: { messages: 1 } })] });
    const wire = fixture("entity");
    const own = balance("messages", [{ included: 10, usage: 10 }, { included: 5 }]);
    const entity = v.parse(EntitySchema, { ...wire, balances: { messages: own }, flags: {} });
    const snapshot = entitySnapshot(entity, owner, "seat_1", LOADED_AT);
    // 5 messages are left in the entity's balance (its own grant and its customer's).
    expect(decide(snapshot, "messages", 5)).toEqual({ allowed: true, featureId: "messages", requiredBalance: 5 });
    expect(decide(snapshot, "messages", 6)).toEqual({ allowed: false, featureId: "messages", requiredBalance: 6 });
    const controlled = customer({ balances: [balance("messages", [{ included: 1 }])], billingControls: { usage_limits: [{ feature_id: "messages", limit: 5, interval: "day" }] } });
    expect(decide(entitySnapshot(entity, controlled, "seat_1", 0), "messages", 1)).toBeUndefined();
  });
});

describe("a snapshot's validity", () => {
  it("ends at the first reset, expiry or end of period in it", () => {
    const base = (fixture("customer")["subscriptions"] as Wire[])[0]!;
    const snapshot = customer({ balances: [balance("messages", [{ included: 1 }])], subscriptions: [{ ...base, current_period_end: RESET - 5, expires_at: null }] });
    expect(snapshot.validUntil).toBe(RESET - 5);
    expect(customer({ balances: [balance("messages", [{ included: 1 }])], subscriptions: [] }).validUntil).toBe(RESET);
  });
});
