import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { dataRecord, inbound } from "../lib/wire.js";
import { BalanceSchema, DeductionSchema } from "./balance.js";

/** The answer to `balances.track` and `balances.trackTokens`. */
export const TrackResponseSchema = /* @__PURE__ */ inbound({
  /** The customer whose usage was recorded. */
  customerId: v.string(),
  /** The entity, for an entity-scoped call. */
  entityId: v.optional(v.string()),
  /** The event name, when usage was tracked by event name. */
  eventName: v.optional(v.string()),
  /** Units recorded (for token tracking, the cost in the credit system's unit). */
  value: v.number(),
  /** The updated balance of the tracked feature; null when the event touched several features, or was queued. */
  balance: v.nullable(BalanceSchema),
  /** Updated balances keyed by feature id; a value is null when the customer has no balance for that feature. */
  balances: v.optional(dataRecord(v.nullable(BalanceSchema))),
  /** The balance rows the usage was taken from. */
  deductions: v.optional(v.array(DeductionSchema)),
});

/** The answer to `balances.track` and `balances.trackTokens`. */
export type TrackResponse = CatalogAnswer<v.InferOutput<typeof TrackResponseSchema>>;
/** One balance row that a track call drew from. */
