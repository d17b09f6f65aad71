import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { dataRecord, inbound, withEntries } from "../lib/wire.js";
import { BalanceSchema } from "./balance.js";
import { BillingControlsSchema } from "./billing-controls.js";
import { entityIdentity, FlagSchema, PurchaseSchema, SubscriptionSchema } from "./customer.js";
import { InvoiceSchema } from "./invoice.js";

/** An entity: a seat, workspace or other resource of a customer, with balances of its own. */
export const EntitySchema = /* @__PURE__ */ inbound(
  withEntries(entityIdentity, {
    /** Recurring plans, the entity's own and those inherited from the customer. */
    subscriptions: v.array(SubscriptionSchema),
    /** One-time purchases. */
    purchases: v.array(PurchaseSchema),
    /** Balances keyed by feature id. */
    balances: dataRecord(BalanceSchema),
    /** On/off feature access keyed by feature id. */
    flags: dataRecord(FlagSchema),
    /** Spend limits, usage limits, alerts and overage switches set on the entity (entities have no auto top-ups). */
    billingControls: v.optional(BillingControlsSchema),
    invoices: v.optional(v.array(InvoiceSchema)),
  }),
);

/** An entity of a customer. */
export type Entity = CatalogAnswer<v.InferOutput<typeof EntitySchema>>;
