import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, openEnum, outbound, withEntries } from "../../lib/wire.js";
import { paymentOutcomeEntries } from "../billing.js";
import {
  CatalogIdSchema,
  CheckoutSessionParamsSchema,
  DiscountParamsSchema,
  FeatureQuantityParamsSchema,
  InvoiceModeParamsSchema,
  ProrationBehaviorSchema,
  RedirectModeSchema,
} from "../billing-params.js";
import { CustomerIdSchema } from "../customer-params.js";
import { EntityIdSchema } from "../entity-params.js";
import { FreeTrialParamsSchema, ScheduledPlanCustomizeParamsSchema } from "../plan-customize-params.js";

/** A plan in a schedule phase. */
export const ScheduledPlanParamsSchema = /* @__PURE__ */ outbound({
  /** The plan. */
  planId: CatalogIdSchema,
  /** The entity for this plan; null for the customer, omitted for the request's entity. */
  entityId: v.optional(v.nullable(EntityIdSchema)),
  /** Quantities of its prepaid features. */
  featureQuantities: v.optional(v.array(FeatureQuantityParamsSchema)),
  /** The plan version; the latest when omitted. */
  version: v.optional(v.number()),
  /** Changes to the plan for this customer. */
  customize: v.optional(ScheduledPlanCustomizeParamsSchema),
  /** Your id for the subscription. */
  subscriptionId: v.optional(v.string()),
});

/** One phase of a schedule: the plans that apply from its start. */
export const SchedulePhaseParamsSchema = /* @__PURE__ */ outbound({
  /** Epoch ms when the phase starts, or `now` for the immediate phase. */
  startsAt: v.optional(v.union([v.number(), v.literal("now")])),
  /** A start relative to the previous phase, instead of `startsAt`. */
  startingAfter: v.optional(
    outbound({
      // Months or years only (the spec has no days here), so not TRIAL_DURATIONS.
      /** The unit of `durationCount`. */
      durationType: v.picklist(["month", "year"]),
      durationCount: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
    }),
  ),
  /** The plans of the phase; at least one. */
  plans: v.pipe(v.array(ScheduledPlanParamsSchema), v.minLength(1, "must contain at least one plan")),
  /** `phase_start` restarts the billing cycle when the phase starts. */
  billingCycleAnchor: v.optional(v.literal("phase_start")),
});

/** Params of `billing.createSchedule`. */
export const BillingCreateScheduleParamsSchema = /* @__PURE__ */ outbound({
  /** The customer. */
  customerId: CustomerIdSchema,
  /** The entity, for an entity-level schedule. */
  entityId: v.optional(EntityIdSchema),
  /** The phases, in order. */
  phases: v.array(SchedulePhaseParamsSchema),
  /** Plans to put on the customer now, outside the schedule. */
  unscheduledPlans: v.optional(v.array(ScheduledPlanParamsSchema)),
  /** A trial for every plan of the immediate phase, or null for none. */
  freeTrial: v.optional(v.nullable(FreeTrialParamsSchema)),
  /** The three-letter billing currency (`usd`). */
  currency: v.optional(v.pipe(v.string(), v.length(3, "must be a three-letter currency code"))),
  /** Send an invoice for the first phase instead of charging the card. */
  invoiceMode: v.optional(InvoiceModeParamsSchema),
  /** Discounts for the immediate phase. */
  discounts: v.optional(v.array(DiscountParamsSchema)),
  /** Where the customer lands after checkout. */
  successUrl: v.optional(v.string()),
  /** Extra Stripe Checkout session parameters. */
  checkoutSessionParams: CheckoutSessionParamsSchema,
  /** When to return a checkout URL for the immediate phase. Defaults to `if_required`. */
  redirectMode: v.optional(RedirectModeSchema),
  /** Prorate the immediate phase, or charge nothing for it. */
  billingBehavior: v.optional(ProrationBehaviorSchema),
  /** Record the schedule without any billing change in Stripe. */
  noBillingChanges: v.optional(v.boolean()),
  /** `now` restarts the billing cycle of the immediate phase today. */
  billingCycleAnchor: v.optional(v.literal("now")),
  /** Activate the immediate phase before payment completes. */
  enablePlanImmediately: v.optional(v.boolean()),
  /** @deprecated Ignored by the server: plans the schedule does not name are always kept. */
  preserveAddOns: v.optional(v.boolean()),
});
/** Params of `billing.createSchedule`. */
export type BillingCreateScheduleParams = CatalogParams<v.InferInput<typeof BillingCreateScheduleParamsSchema>>;

/** A created schedule, or one waiting for payment. */
export const ScheduleSchema = /* @__PURE__ */ inbound(
  withEntries(
    {
      /** The customer. */
      customerId: v.string(),
      /** The entity; null for a customer-level schedule. */
      entityId: v.nullable(v.string()),
      /** `pending_payment` until checkout or confirmation completes. */
      status: openEnum(["created", "pending_payment"]),
      /** The schedule; null while waiting for Autumn checkout confirmation. */
      scheduleId: v.nullable(v.string()),
      /** The stored phases by start time; empty while waiting for confirmation. */
      phases: v.array(
        inbound({
          phaseId: v.string(),
          /** Epoch ms when the phase starts. */
          startsAt: v.number(),
          /** The customer products created for the phase. */
          customerProductIds: v.array(v.string()),
        }),
      ),
    },
    paymentOutcomeEntries,
  ),
);
/** A created schedule. */
export type Schedule = CatalogAnswer<v.InferOutput<typeof ScheduleSchema>>;
/** The answer to `billing.createSchedule`: the created schedule. */
export type BillingCreateScheduleResponse = Schedule;

/** @deprecated Use BillingCreateScheduleParams. */
export type CreateScheduleParams = BillingCreateScheduleParams;
/** @deprecated Use BillingCreateScheduleParamsSchema. */
export const CreateScheduleParamsSchema: typeof BillingCreateScheduleParamsSchema = BillingCreateScheduleParamsSchema;
