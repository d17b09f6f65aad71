import * as v from "valibot";
import type { WireObject } from "../lib/wire.js";
import { type BillingControlsParams, BillingControlsParamsSchema } from "./billing-controls-params.js";

/** Your id for an entity. */
export const EntityIdSchema = /* @__PURE__ */ v.pipe(v.string(), v.minLength(1, "must not be empty"));

/** Billing controls to set on an entity: those of a customer, without auto top-ups. */
export type EntityBillingControlsParams = Omit<BillingControlsParams, "autoTopups">;

/**
 * Billing controls to set on an entity. Auto top-ups belong to the customer:
 * the server would drop them silently, so the SDK refuses them.
 */
export const EntityBillingControlsParamsSchema = /* @__PURE__ */ v.pipe(
  BillingControlsParamsSchema,
  v.check((wire: WireObject) => wire["auto_topups"] === undefined, "autoTopups cannot be set on an entity; set them on the customer"),
) as unknown as v.GenericSchema<EntityBillingControlsParams, WireObject>;
