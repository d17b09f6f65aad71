import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { dataRecord, outbound } from "../lib/wire.js";
import { BillingControlsParamsSchema } from "./billing-controls-params.js";
import { SUBSCRIPTION_STATUSES } from "./shared.js";

/** Your id for a customer. The server refuses `@`, spaces and dots, so the SDK does too. */
export const CustomerIdSchema = /* @__PURE__ */ v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_:-]+$/, "must be letters, digits, '_', ':' or '-' (no '@', spaces or dots)"),
);

export const EmailSchema = /* @__PURE__ */ v.pipe(v.string(), v.email("must be an email address"));

/** Related data a customer response can include. */
export const CustomerExpandSchema = /* @__PURE__ */ v.picklist([
  "invoices",
  "invoice_previews",
  "trials_used",
  "rewards",
  "entities",
  "referrals",
  "payment_method",
  "subscriptions.plan",
  "purchases.plan",
  "balances.feature",
  "flags.feature",
  "billing_controls.auto_topups.purchase_limit",
]);

/** A value for `expand`. */
export type CustomerExpand = CatalogAnswer<v.InferOutput<typeof CustomerExpandSchema>>;

export const ExpandListSchema = /* @__PURE__ */ v.optional(v.array(CustomerExpandSchema));

/** A subscription status to filter a list by. */
export const SubscriptionStatusParamSchema = /* @__PURE__ */ v.picklist(SUBSCRIPTION_STATUSES);

/** A processor a customer can be linked to, to filter a list by. */
export const LinkedProcessorParamSchema = /* @__PURE__ */ v.picklist(["stripe", "revenuecat", "vercel"]);

/** Your metadata. Keys are sent exactly as given; on update, a key set to null is deleted. */
export const MetadataSchema = /* @__PURE__ */ v.optional(v.nullable(dataRecord(v.unknown())));

/** Settings shared by `customers.getOrCreate` and `customers.update`. */
export const customerSettings = {
  /** The customer's name. */
  name: v.optional(v.nullable(v.string())),
  /** The customer's email address. */
  email: v.optional(v.nullable(EmailSchema)),
  /** A device or account fingerprint, used to spot duplicate sign-ups and trial abuse. */
  fingerprint: v.optional(v.nullable(v.string())),
  /** Your metadata. */
  metadata: MetadataSchema,
  /** An existing Stripe customer to link. */
  stripeId: v.optional(v.nullable(v.string())),
  /** Whether Autumn emails receipts to the customer. */
  sendEmailReceipts: v.optional(v.boolean()),
  /** The billing currency (`usd`, `eur`); defaults to the organisation's. */
  currency: v.optional(v.nullable(v.string())),
  /** Auto top-ups, spend and usage limits, alerts. */
  billingControls: v.optional(BillingControlsParamsSchema),
  /** Pooling and overage billing switches. */
  config: v.optional(
    outbound({
      disablePooledBalance: v.optional(v.boolean()),
      disableOverageBilling: v.optional(v.boolean()),
    }),
  ),
};
