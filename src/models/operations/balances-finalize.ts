import * as v from "valibot";
import type { CatalogAnswer, CatalogParams } from "../../lib/catalog.js";
import { inbound, outbound } from "../../lib/wire.js";
import { EventPropertiesSchema, LockIdSchema } from "../balance-params.js";

/** Params of `balances.finalize`. */
export const BalancesFinalizeParamsSchema = /* @__PURE__ */ outbound({
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
export type BalancesFinalizeParams = CatalogParams<v.InferInput<typeof BalancesFinalizeParamsSchema>>;

/** The answer to `balances.finalize`. */
export const BalancesFinalizeResponseSchema = /* @__PURE__ */ inbound({ success: v.boolean() });
/** The answer to `balances.finalize`. */
export type BalancesFinalizeResponse = CatalogAnswer<v.InferOutput<typeof BalancesFinalizeResponseSchema>>;

/** @deprecated Use BalancesFinalizeParams. */
export type FinalizeLockParams = BalancesFinalizeParams;
/** @deprecated Use BalancesFinalizeParamsSchema. */
export const FinalizeLockParamsSchema: typeof BalancesFinalizeParamsSchema = BalancesFinalizeParamsSchema;
/** @deprecated Use BalancesFinalizeResponse. */
export type FinalizeLockResponse = BalancesFinalizeResponse;
/** @deprecated Use BalancesFinalizeResponseSchema. */
export const FinalizeLockResponseSchema: typeof BalancesFinalizeResponseSchema = BalancesFinalizeResponseSchema;
