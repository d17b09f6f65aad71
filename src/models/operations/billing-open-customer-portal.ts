import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { CustomerIdSchema } from "../customer-params.js";

/** Params of `billing.openCustomerPortal`. */
export const BillingOpenCustomerPortalParamsSchema = /* @__PURE__ */ outbound({
  /** The customer. */
  customerId: CustomerIdSchema,
  /** A Stripe billing portal configuration (`bpc_…`); the default one when omitted. */
  configurationId: v.optional(v.string()),
  /** Where the portal's back link goes. */
  returnUrl: v.optional(v.string()),
});
/** Params of `billing.openCustomerPortal`. */
export type BillingOpenCustomerPortalParams = CatalogParams<v.InferInput<typeof BillingOpenCustomerPortalParamsSchema>>;

/** A Stripe billing portal session. */
export const CustomerPortalSchema = /* @__PURE__ */ inbound({
  /** The customer. */
  customerId: v.string(),
  /** The portal URL to send the customer to. */
  url: v.string(),
});
/** A Stripe billing portal session. */
export type CustomerPortal = CatalogAnswer<v.InferOutput<typeof CustomerPortalSchema>>;
/** The answer to `billing.openCustomerPortal`: a Stripe billing portal session. */
export type BillingOpenCustomerPortalResponse = CustomerPortal;

/** @deprecated Use BillingOpenCustomerPortalParams. */
export type OpenCustomerPortalParams = BillingOpenCustomerPortalParams;
/** @deprecated Use BillingOpenCustomerPortalParamsSchema. */
export const OpenCustomerPortalParamsSchema: typeof BillingOpenCustomerPortalParamsSchema = BillingOpenCustomerPortalParamsSchema;
