import * as v from "valibot";
import { dataRecord, outbound, type WireObject } from "../lib/wire.js";
import { CustomerIdSchema } from "./customer-params.js";
import { ResetIntervalParamSchema } from "./shared.js";

/** Your id for a lock, at most 256 characters. */
export const LockIdSchema = /* @__PURE__ */ v.pipe(v.string(), v.maxLength(256, "must be at most 256 characters"));

/** Holds units until `balances.finalize` confirms or releases them. */
export const LockParamsSchema = /* @__PURE__ */ outbound({
  /** Your id for the lock; pass it to `balances.finalize` later. */
  lockId: LockIdSchema,
  /** Always `true`; may be left out. */
  enabled: v.optional(v.literal(true), true),
  /** Epoch ms when the hold is released automatically. The server allows at most a day ahead. */
  expiresAt: v.optional(v.number()),
});
/** A lock on the units a call deducts. */
export type LockParams = v.InferInput<typeof LockParamsSchema>;

/** Properties attached to the usage event. Keys are sent exactly as given. */
export const EventPropertiesSchema = /* @__PURE__ */ v.optional(dataRecord(v.unknown()));

/** Epoch ms of the usage event; defaults to now. The server refuses a time in the future. */
export const EventTimestampSchema = /* @__PURE__ */ v.optional(
  v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
);

/** What happens to usage beyond the balance: `cap` (default) stops at zero, `overflow` goes negative. */
export const OverageBehaviorSchema = /* @__PURE__ */ v.optional(v.picklist(["cap", "overflow"]));

/** @deprecated Use ResetIntervalParamSchema: a balance resets on the same intervals as a plan item. */
export const BalanceIntervalSchema: typeof ResetIntervalParamSchema = ResetIntervalParamSchema;

/** The fields of one usage event, shared by `balances.track` and `balances.batchTrack`. */
export const usageEventEntries = {
  /** The customer who used the feature. */
  customerId: CustomerIdSchema,
  /** The feature used. Give this or `eventName`. */
  featureId: v.optional(v.string()),
  /** The entity, for entity-scoped balances (per seat, per workspace). */
  entityId: v.optional(v.string()),
  /** An event name that maps to one or more features. Give this or `featureId`. */
  eventName: v.optional(v.pipe(v.string(), v.minLength(1, "must not be empty"))),
  /** Units used; defaults to 1. A negative value credits the balance back. */
  value: v.optional(v.number()),
  /** Your properties for the event. */
  properties: EventPropertiesSchema,
  /** Epoch ms of the usage; defaults to now. */
  timestamp: EventTimestampSchema,
  /** What happens to usage beyond the balance. */
  overageBehavior: OverageBehaviorSchema,
  /** Holds the units until `balances.finalize`. */
  lock: v.optional(LockParamsSchema),
};

/** A usage event schema: one of `featureId` and `eventName`, never both, each case with its own message. */
// @__NO_SIDE_EFFECTS__
export function usageEvent<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return v.pipe(
    outbound(entries),
    v.check((wire: WireObject) => wire["feature_id"] !== undefined || wire["event_name"] !== undefined, "give featureId or eventName"),
    v.check((wire: WireObject) => wire["feature_id"] === undefined || wire["event_name"] === undefined, "give either featureId or eventName, not both"),
  );
}
