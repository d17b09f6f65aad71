import * as v from "valibot";
import { dataRecord, inbound, openEnum } from "../lib/wire.js";

/** What one event took from one balance. */
export const EventDeductionSchema = /* @__PURE__ */ inbound({
  /** The balance row drawn from (a grant or a rollover). */
  balanceId: v.string(),
  /** The feature the balance belongs to. */
  featureId: v.string(),
  /** The plan the balance came with; null when it cannot be tied to one plan. */
  planId: v.nullable(v.string()),
  /** How the balance resets; null when it does not. `interval` is `"multiple"` for merged grants. */
  reset: v.nullable(
    inbound({
      interval: openEnum(["one_off", "minute", "hour", "day", "week", "month", "quarter", "semi_annual", "year", "multiple"]),
      intervalCount: v.optional(v.number()),
      /** Epoch ms of the next reset. */
      resetsAt: v.nullable(v.number()),
    }),
  ),
  /** Units taken; negative when credit was given back. */
  value: v.number(),
});

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
  deductions: v.nullable(v.array(EventDeductionSchema)),
});

/** A usage event. */
export type Event = v.InferOutput<typeof EventSchema>;
/** What one event took from one balance. */
export type EventDeduction = v.InferOutput<typeof EventDeductionSchema>;
