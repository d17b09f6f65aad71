import * as v from "valibot";
import type { CatalogParams } from "../../lib/catalog.js";
import { outbound } from "../../lib/wire.js";
import { EventPropertiesSchema, EventTimestampSchema, OverageBehaviorSchema } from "../balance-params.js";
import { CustomerIdSchema } from "../customer-params.js";

/** A token count: a whole number, zero or more. */
const TokenCountSchema = /* @__PURE__ */ v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

/** Params of `balances.trackTokens`. */
export const BalancesTrackTokensParamsSchema = /* @__PURE__ */ outbound({
  /** The customer who used the model. */
  customerId: CustomerIdSchema,
  /** The entity, for entity-scoped balances. */
  entityId: v.optional(v.string()),
  /** The AI credit system to charge; found automatically unless the customer has several. */
  featureId: v.optional(v.string()),
  /** The model as `provider/model`, e.g. `anthropic/claude-sonnet-4-20250514`. */
  modelId: v.string(),
  /** Text input tokens, not counting cached or audio tokens. */
  inputTokens: TokenCountSchema,
  /** Text output tokens, not counting reasoning or audio tokens. */
  outputTokens: TokenCountSchema,
  /** Input tokens read from the cache. */
  cacheReadTokens: v.optional(TokenCountSchema),
  /** Input tokens written to the cache. */
  cacheWriteTokens: v.optional(TokenCountSchema),
  /** Audio input tokens. */
  audioInputTokens: v.optional(TokenCountSchema),
  /** Audio output tokens. */
  audioOutputTokens: v.optional(TokenCountSchema),
  /** Reasoning tokens. */
  reasoningTokens: v.optional(TokenCountSchema),
  /** Your properties for the event. */
  properties: EventPropertiesSchema,
  /** Epoch ms of the usage; defaults to now. */
  timestamp: EventTimestampSchema,
  /** What happens to usage beyond the balance. */
  overageBehavior: OverageBehaviorSchema,
  /** Queue the event and answer at once; the answer then carries no balance (`balance: null`). */
  async: v.optional(v.boolean()),
});
/** Params of `balances.trackTokens`. */
export type BalancesTrackTokensParams = CatalogParams<v.InferInput<typeof BalancesTrackTokensParamsSchema>>;

/** @deprecated Use BalancesTrackTokensParams. */
export type TrackTokensParams = BalancesTrackTokensParams;
/** @deprecated Use BalancesTrackTokensParamsSchema. */
export const TrackTokensParamsSchema: typeof BalancesTrackTokensParamsSchema = BalancesTrackTokensParamsSchema;
