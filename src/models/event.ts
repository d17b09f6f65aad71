import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { dataRecord, inbound } from "../lib/wire.js";
import { DeductionSchema } from "./balance.js";

/** A usage event recorded for a customer. */
export const EventSchema = /* @__PURE__ */ inbound({
  /** The event's id. */
  id: v.string(),
  /** Epoch ms of the event. */
  timestamp: v.number(),
  /** The feature the event counted towards. */
  featureId: v.string(),
  customerId: v.string(),
  /** The tracked amount. */
  value: v.number(),
  /** The properties sent with the event; keys are kept exactly as sent. */
  properties: dataRecord(v.unknown()),
  /** What the event took from each balance; null for events recorded before this was tracked. */
  deductions: v.nullable(v.array(DeductionSchema)),
});

/** A usage event. */
export type Event = CatalogAnswer<v.InferOutput<typeof EventSchema>>;
/** What one event took from one balance. */
