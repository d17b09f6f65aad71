import * as v from "valibot";
import { inbound, outbound } from "../../lib/wire.js";
import { EventPropertiesSchema, LockIdSchema } from "../balance-params.js";

export const FinalizeLockParamsSchema = /* @__PURE__ */ outbound({
  /** The `lockId` given to the check or track that took the lock. */
  lockId: LockIdSchema,
  /** `confirm` keeps the deduction; `release` returns the held units. */
  action: v.picklist(["confirm", "release"]),
  /** With `confirm`, the units actually used, in place of the amount held. Not with `release`. */
  overrideValue: v.optional(v.number()),
  /** Your properties for the finalize event. */
  properties: EventPropertiesSchema,
});
/** Params of `balances.finalize`. */
export type FinalizeLockParams = v.InferInput<typeof FinalizeLockParamsSchema>;

export const FinalizeLockResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `balances.finalize`. */
export type FinalizeLockResponse = v.InferOutput<typeof FinalizeLockResponseSchema>;
