import { type CatalogFeature, findFeature } from "./catalog.js";
import { require400, SandboxError } from "./errors.js";
import { rowsInScope } from "./ledger.js";
import type { SandboxState, StoredCustomer } from "./state.js";

/**
 * AI credit systems: `balances.track_tokens` turns token counts into dollars
 * with the prices the feature's `model_markups` gives the model (dollars per
 * million tokens, as models.dev quotes them; the sandbox cannot ask
 * models.dev), raised by the model's markup, else its provider's, else the
 * feature's default (percent; -100 makes usage free). Cache and audio input
 * tokens are priced as input, reasoning and audio output tokens as output.
 */

const INPUT_POOLS = ["input_tokens", "cache_read_tokens", "cache_write_tokens", "audio_input_tokens"];
const OUTPUT_POOLS = ["output_tokens", "reasoning_tokens", "audio_output_tokens"];

/** The AI credit system a request charges: the one named, else the only one the scope holds (or the catalog has). */
export function aiCreditSystem(state: SandboxState, customer: StoredCustomer, id: unknown, entityId: string | undefined): CatalogFeature {
  if (id !== undefined) {
    const feature = findFeature(state.catalog, id);
    require400(feature.type === "ai_credit_system", `${feature.id} is not an AI credit system`);
    return feature;
  }
  const systems = [...state.catalog.features.values()].filter((feature) => feature.type === "ai_credit_system");
  const held = systems.filter((feature) => rowsInScope(customer.rows, feature.id, entityId).length > 0);
  const candidates = held.length > 0 ? held : systems;
  if (candidates.length === 0) throw new SandboxError("featureNotFound", "The catalog has no AI credit system");
  require400(candidates.length === 1, `Customer ${customer.id} has several AI credit systems; give feature_id`);
  return candidates[0]!;
}

/** The dollars a model's tokens cost, markup included. */
export function tokenCost(feature: CatalogFeature, modelId: unknown, body: Record<string, unknown>): number {
  require400(typeof modelId === "string" && /^[^/]+\/.+/.test(modelId), "model_id must be provider/model");
  require400(body["input_tokens"] !== undefined && body["output_tokens"] !== undefined, "input_tokens and output_tokens are required");
  const count = (pools: string[]) =>
    pools.reduce((sum, pool) => {
      const tokens = body[pool] ?? 0;
      require400(typeof tokens === "number" && Number.isInteger(tokens) && tokens >= 0, `${pool} must be a whole number of tokens`);
      return sum + tokens;
    }, 0);
  const [input, output] = [count(INPUT_POOLS), count(OUTPUT_POOLS)];
  const model = feature.model_markups?.[modelId];
  if (model?.input_cost === undefined || model.output_cost === undefined) {
    throw new SandboxError("modelNotPriced", `${feature.id} has no input_cost and output_cost for ${modelId}; the sandbox prices only the models its model_markups price`);
  }
  const markup = model.markup ?? feature.provider_markups?.[modelId.split("/")[0]!]?.markup ?? feature.default_markup ?? 0;
  const dollars = ((input * model.input_cost + output * model.output_cost) / 1_000_000) * (1 + markup / 100);
  // Rounded past the last cent's fraction that matters, so that 0.0126 is not 0.012600000000000002.
  return Math.round(dollars * 1e10) / 1e10;
}
