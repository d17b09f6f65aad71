import { describe, expectTypeOf, it } from "vitest";
import type {
  BILLING_METHODS,
  BILLING_PROCESSORS,
  COUPON_DURATIONS,
  COUPON_TYPES,
  Coupon,
  CouponCreateParams,
  Balance,
  BalanceIntervalSchema,
  BalancesCreateParams,
  BalancesDeleteParams,
  BalancesUpdateParams,
  BillingControls,
  BillingControlsParams,
  BillingImportParams,
  Customer,
  CustomersListParams,
  EntitiesListParams,
  FEATURE_TYPES,
  Feature,
  FeatureGrant,
  FeatureGrantCreateParams,
  FeaturesCreateParams,
  FreeTrialParams,
  GRANT_EXPIRY_INTERVALS,
  INVOICE_STATUSES,
  InvoiceInsertParams,
  InvoiceRecord,
  InvoicesListParams,
  PRICE_INTERVALS,
  PRORATIONS_ON_DECREASE,
  PRORATIONS_ON_INCREASE,
  PURCHASE_LIMIT_INTERVALS,
  Plan,
  PlanItemParams,
  PlatformLinkRevenuecatParams,
  PlatformSyncRevenuecatParams,
  REFERRAL_RECIPIENTS,
  REFERRAL_TRIGGERS,
  RESET_INTERVALS,
  REVENUECAT_ENVS,
  ReferralProgram,
  ReferralProgramsCreateParams,
  ReferralProgramsUpdateParams,
  ROLLOVER_DURATIONS,
  ResetIntervalParamSchema,
  SPEND_LIMIT_TYPES,
  SUBSCRIPTION_STATUSES,
  TIER_BEHAVIORS,
  TRIAL_DURATIONS,
  TRIAL_END_ACTIONS,
  USAGE_ALERT_THRESHOLD_TYPES,
  USAGE_LIMIT_ANCHORS,
  USAGE_LIMIT_INTERVALS,
} from "../../src/models/index.js";

/** The values a request takes from a list. */
type Closed<TList extends readonly string[]> = TList[number];
/** The values a response reads from a list: those, and any it does not know yet. */
type Open<TList extends readonly string[]> = TList[number] | (string & {});

type Item = PlanItemParams;
type ItemPrice = NonNullable<Item["price"]>;
type PlanItem = Plan["items"][number];
type Breakdown = NonNullable<Balance["breakdown"]>[number];
type Controls = Required<BillingControls>;
type ControlsParams = Required<BillingControlsParams>;

describe("each shared value list types both sides of the wire", () => {
  it("reset intervals: every request takes the list; responses read it, and a balance adds `multiple`", () => {
    expectTypeOf<NonNullable<Item["reset"]>["interval"]>().toEqualTypeOf<Closed<typeof RESET_INTERVALS>>();
    expectTypeOf<NonNullable<BalancesCreateParams["reset"]>["interval"]>().toEqualTypeOf<Closed<typeof RESET_INTERVALS>>();
    expectTypeOf<BalancesDeleteParams["interval"]>().toEqualTypeOf<Closed<typeof RESET_INTERVALS> | undefined>();
    expectTypeOf<BalancesUpdateParams["interval"]>().toEqualTypeOf<Closed<typeof RESET_INTERVALS> | undefined>();
    expectTypeOf<NonNullable<PlanItem["reset"]>["interval"]>().toEqualTypeOf<Open<typeof RESET_INTERVALS>>();
    expectTypeOf<NonNullable<Breakdown["reset"]>["interval"]>().toEqualTypeOf<Open<[...typeof RESET_INTERVALS, "multiple"]>>();
    expectTypeOf<typeof BalanceIntervalSchema>().toEqualTypeOf<typeof ResetIntervalParamSchema>();
  });

  it("price intervals, billing methods, tier behaviors", () => {
    expectTypeOf<ItemPrice["interval"]>().toEqualTypeOf<Closed<typeof PRICE_INTERVALS>>();
    expectTypeOf<NonNullable<PlanItem["price"]>["interval"]>().toEqualTypeOf<Open<typeof PRICE_INTERVALS>>();
    expectTypeOf<ItemPrice["billingMethod"]>().toEqualTypeOf<Closed<typeof BILLING_METHODS>>();
    expectTypeOf<NonNullable<Breakdown["price"]>["billingMethod"]>().toEqualTypeOf<Open<typeof BILLING_METHODS>>();
    expectTypeOf<ItemPrice["tierBehavior"]>().toEqualTypeOf<Closed<typeof TIER_BEHAVIORS> | undefined>();
    expectTypeOf<NonNullable<PlanItem["price"]>["tierBehavior"]>().toEqualTypeOf<Open<typeof TIER_BEHAVIORS> | undefined>();
    expectTypeOf<NonNullable<Breakdown["price"]>["tierBehavior"]>().toEqualTypeOf<Open<typeof TIER_BEHAVIORS> | undefined>();
  });

  it("rollovers, prorations, free trials", () => {
    expectTypeOf<NonNullable<Item["rollover"]>["expiryDurationType"]>().toEqualTypeOf<Closed<typeof ROLLOVER_DURATIONS>>();
    expectTypeOf<NonNullable<BalancesCreateParams["rollover"]>["duration"]>().toEqualTypeOf<Closed<typeof ROLLOVER_DURATIONS> | undefined>();
    expectTypeOf<NonNullable<PlanItem["rollover"]>["expiryDurationType"]>().toEqualTypeOf<Open<typeof ROLLOVER_DURATIONS>>();
    expectTypeOf<NonNullable<Item["proration"]>["onIncrease"]>().toEqualTypeOf<Closed<typeof PRORATIONS_ON_INCREASE>>();
    expectTypeOf<NonNullable<Item["proration"]>["onDecrease"]>().toEqualTypeOf<Closed<typeof PRORATIONS_ON_DECREASE>>();
    expectTypeOf<FreeTrialParams["durationType"]>().toEqualTypeOf<Closed<typeof TRIAL_DURATIONS> | undefined>();
    expectTypeOf<FreeTrialParams["onEnd"]>().toEqualTypeOf<Closed<typeof TRIAL_END_ACTIONS> | undefined>();
    expectTypeOf<NonNullable<Plan["freeTrial"]>["durationType"]>().toEqualTypeOf<Open<typeof TRIAL_DURATIONS>>();
    expectTypeOf<NonNullable<Plan["freeTrial"]>["onEnd"]>().toEqualTypeOf<Open<typeof TRIAL_END_ACTIONS> | null | undefined>();
  });

  it("subscription statuses, processors, feature types", () => {
    expectTypeOf<CustomersListParams["subscriptionStatus"]>().toEqualTypeOf<Closed<typeof SUBSCRIPTION_STATUSES> | undefined>();
    expectTypeOf<EntitiesListParams["subscriptionStatus"]>().toEqualTypeOf<Closed<typeof SUBSCRIPTION_STATUSES> | undefined>();
    expectTypeOf<Customer["subscriptions"][number]["status"]>().toEqualTypeOf<Open<typeof SUBSCRIPTION_STATUSES>>();
    expectTypeOf<NonNullable<BillingImportParams["processors"]>[number]["type"]>().toEqualTypeOf<Closed<typeof BILLING_PROCESSORS>>();
    expectTypeOf<NonNullable<Customer["invoices"]>[number]["processorType"]>().toEqualTypeOf<Open<typeof BILLING_PROCESSORS> | undefined>();
    expectTypeOf<NonNullable<CustomersListParams["processors"]>[number]>().toEqualTypeOf<Closed<typeof BILLING_PROCESSORS> | "vercel">();
    expectTypeOf<FeaturesCreateParams["type"]>().toEqualTypeOf<Closed<typeof FEATURE_TYPES>>();
    expectTypeOf<Feature["type"]>().toEqualTypeOf<Open<typeof FEATURE_TYPES>>();
  });

  it("billing controls", () => {
    type TopUp = ControlsParams["autoTopups"][number];
    type Limit = ControlsParams["usageLimits"][number];
    expectTypeOf<NonNullable<TopUp["purchaseLimit"]>["interval"]>().toEqualTypeOf<Closed<typeof PURCHASE_LIMIT_INTERVALS>>();
    expectTypeOf<NonNullable<Controls["autoTopups"][number]["purchaseLimit"]>["interval"]>().toEqualTypeOf<Open<typeof PURCHASE_LIMIT_INTERVALS> | null>();
    expectTypeOf<Limit["interval"]>().toEqualTypeOf<Closed<typeof USAGE_LIMIT_INTERVALS>>();
    expectTypeOf<Controls["usageLimits"][number]["interval"]>().toEqualTypeOf<Open<typeof USAGE_LIMIT_INTERVALS>>();
    expectTypeOf<Limit["anchor"]>().toEqualTypeOf<Closed<typeof USAGE_LIMIT_ANCHORS> | undefined>();
    expectTypeOf<Controls["usageLimits"][number]["anchor"]>().toEqualTypeOf<Open<typeof USAGE_LIMIT_ANCHORS> | undefined>();
    expectTypeOf<ControlsParams["spendLimits"][number]["limitType"]>().toEqualTypeOf<Closed<typeof SPEND_LIMIT_TYPES> | undefined>();
    expectTypeOf<Controls["spendLimits"][number]["limitType"]>().toEqualTypeOf<Open<typeof SPEND_LIMIT_TYPES> | undefined>();
    expectTypeOf<ControlsParams["usageAlerts"][number]["thresholdType"]>().toEqualTypeOf<Closed<typeof USAGE_ALERT_THRESHOLD_TYPES>>();
    expectTypeOf<Controls["usageAlerts"][number]["thresholdType"]>().toEqualTypeOf<Open<typeof USAGE_ALERT_THRESHOLD_TYPES>>();
  });

  it("invoices, rewards, referral programs, RevenueCat environments", () => {
    expectTypeOf<InvoiceInsertParams["status"]>().toEqualTypeOf<Closed<typeof INVOICE_STATUSES>>();
    expectTypeOf<NonNullable<InvoicesListParams["status"]>[number]>().toEqualTypeOf<Closed<typeof INVOICE_STATUSES>>();
    expectTypeOf<InvoiceRecord["status"]>().toEqualTypeOf<Open<typeof INVOICE_STATUSES>>();
    expectTypeOf<NonNullable<Customer["invoices"]>[number]["status"]>().toEqualTypeOf<Open<typeof INVOICE_STATUSES>>();
    expectTypeOf<NonNullable<InvoicesListParams["processorTypes"]>[number]>().toEqualTypeOf<Closed<typeof BILLING_PROCESSORS>>();
    expectTypeOf<CouponCreateParams["duration"]["type"]>().toEqualTypeOf<Closed<typeof COUPON_DURATIONS>>();
    expectTypeOf<Coupon["duration"]["type"]>().toEqualTypeOf<Open<typeof COUPON_DURATIONS>>();
    expectTypeOf<NonNullable<NonNullable<Customer["rewards"]>["discounts"]>[number]["durationType"]>().toEqualTypeOf<Open<typeof COUPON_DURATIONS>>();
    expectTypeOf<CouponCreateParams["type"]>().toEqualTypeOf<Closed<typeof COUPON_TYPES>>();
    expectTypeOf<Coupon["type"]>().toEqualTypeOf<Open<[...typeof COUPON_TYPES, "invoice_credits"]>>();
    expectTypeOf<NonNullable<FeatureGrantCreateParams["grants"][number]["expiry"]>["type"]>().toEqualTypeOf<Closed<typeof GRANT_EXPIRY_INTERVALS>>();
    expectTypeOf<NonNullable<FeatureGrant["grants"][number]["expiry"]>["type"]>().toEqualTypeOf<Open<typeof GRANT_EXPIRY_INTERVALS>>();
    expectTypeOf<ReferralProgramsCreateParams["redeemOn"]>().toEqualTypeOf<Closed<typeof REFERRAL_TRIGGERS>>();
    expectTypeOf<ReferralProgramsUpdateParams["receivedBy"]>().toEqualTypeOf<Closed<typeof REFERRAL_RECIPIENTS> | undefined>();
    expectTypeOf<ReferralProgram["redeemOn"]>().toEqualTypeOf<Open<typeof REFERRAL_TRIGGERS>>();
    expectTypeOf<ReferralProgram["receivedBy"]>().toEqualTypeOf<Open<typeof REFERRAL_RECIPIENTS>>();
    expectTypeOf<PlatformSyncRevenuecatParams["env"]>().toEqualTypeOf<Closed<typeof REVENUECAT_ENVS>>();
    expectTypeOf<PlatformLinkRevenuecatParams["env"]>().toEqualTypeOf<Exclude<Closed<typeof REVENUECAT_ENVS>, "sandbox">>();
  });
});
