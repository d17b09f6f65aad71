import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CatalogIdSchema, EpochMsParamSchema } from "../billing-params.js";
import { CustomerSchema } from "../customer.js";
import { CustomerIdSchema, EmailSchema } from "../customer-params.js";
import { BILLING_PROCESSORS } from "../shared.js";

/** A processor a plan can be imported from. */
const ProcessorSchema = /* @__PURE__ */ v.picklist(BILLING_PROCESSORS);

/** A balance to set on an imported plan. */
export const ImportBalanceParamsSchema = /* @__PURE__ */ outbound({
  /** The feature. */
  featureId: CatalogIdSchema,
  /** Which of the feature's balances, when the plan grants several. */
  filter: v.optional(
    outbound({
      // Not RESET_INTERVALS: the spec has `lifetime` here where those have `one_off`.
      /** The reset interval; `lifetime` or null for the one that never resets. */
      interval: v.optional(
        v.nullable(v.picklist(["lifetime", "minute", "hour", "day", "week", "month", "quarter", "semi_annual", "year"])),
      ),
      // Not BILLING_METHODS: a balance filter can also pick the `included` grant.
      /** Included, prepaid or usage-based. */
      billingBehavior: v.optional(v.picklist(["included", "prepaid", "usage_based"])),
    }),
  ),
  /** Units already used; the balance is the grant minus this. */
  usage: v.optional(v.number()),
  /** The remaining balance, instead of `usage`. */
  balance: v.optional(v.number()),
  /** Epoch ms of the next reset. */
  nextResetAt: v.optional(v.number()),
});

/** A subscription or one-off purchase to import, with its plan. */
export const ImportBillableParamsSchema = /* @__PURE__ */ outbound({
  /** The processor that bills it; omit for a free plan. */
  processor: v.optional(ProcessorSchema),
  /** The existing processor subscription or schedule it comes from; omit for paid one-offs. */
  link: v.optional(outbound({ subscriptionId: v.optional(v.string()), scheduleId: v.optional(v.string()) })),
  /** Epoch ms billing anchor of the plans billed together. */
  billingCycleAnchor: v.optional(v.number()),
  /** The plan. */
  plan: v.optional(
    outbound({
      /** The plan to give the customer. */
      planId: CatalogIdSchema,
      /** The plan version; the latest when omitted. */
      version: v.optional(v.number()),
      /** The plan's status; `active` when omitted. */
      status: v.optional(v.picklist(["active", "trialing", "past_due", "canceled", "expired"])),
      /** Epoch ms when it started; set it for one-off purchases. */
      startedAt: v.optional(EpochMsParamSchema),
      /** Seats or units of the plan. */
      quantity: v.optional(v.number()),
      /** Prepaid quantities bought. */
      featureQuantities: v.optional(v.array(outbound({ featureId: CatalogIdSchema, quantity: v.number() }))),
      /** Balances to set. */
      balances: v.optional(v.array(ImportBalanceParamsSchema)),
    }),
  ),
});

/** Params of `billing.import`. */
export const BillingImportParamsSchema = /* @__PURE__ */ outbound({
  /** The customer to import into. */
  customerId: CustomerIdSchema,
  /** Name, email and fingerprint to set, on a new or existing customer. */
  customerData: v.optional(
    outbound({ name: v.optional(v.string()), email: v.optional(EmailSchema), fingerprint: v.optional(v.string()) }),
  ),
  /** The customer's ids at its processors (Stripe customer id, RevenueCat app user id). */
  processors: v.optional(v.array(outbound({ type: ProcessorSchema, id: v.pipe(v.string(), v.minLength(1, "must not be empty")) }))),
  /** The subscriptions and one-offs to import. */
  billables: v.array(ImportBillableParamsSchema),
  /** Check and compute without saving anything. */
  dryRun: v.optional(v.boolean()),
});
/** Params of `billing.import`. */
export type BillingImportParams = CatalogParams<v.InferInput<typeof BillingImportParamsSchema>>;

/** What an import did, plan by plan, and the customer afterwards. */
export const BillingImportSchema = /* @__PURE__ */ inbound({
  /** The customer. */
  customerId: v.string(),
  /** One outcome per plan. */
  flashed: v.array(
    inbound({
      planId: v.string(),
      processor: v.string(),
      /** The customer product created or found. */
      customerProductId: v.nullable(v.string()),
      /** The plan's resulting status. */
      status: v.string(),
      /** An active plan already existed and was left alone. */
      skipped: v.boolean(),
      /** An existing plan was ended because the import did not list it. */
      expired: v.optional(v.boolean()),
      /** The imported state may be wrong; see `reason`. */
      mismatch: v.optional(v.boolean()),
      /** Why the plan was skipped, ended or flagged. */
      reason: v.optional(v.string()),
    }),
  ),
  /** The customer after the import. */
  customer: v.nullable(CustomerSchema),
});
/** What an import did. */
export type BillingImport = CatalogAnswer<v.InferOutput<typeof BillingImportSchema>>;
/** The answer to `billing.import`: what the import did. */
export type BillingImportResponse = BillingImport;

/** @deprecated Use BillingImportParams. */
export type ImportBillingParams = BillingImportParams;
/** @deprecated Use BillingImportParamsSchema. */
export const ImportBillingParamsSchema: typeof BillingImportParamsSchema = BillingImportParamsSchema;
