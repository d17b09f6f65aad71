import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type ListFeaturesParams,
  ListFeaturesParamsSchema,
  type FeatureList,
  FeatureListSchema,
} from "../models/operations/features-list.js";

const operation: Operation<ListFeaturesParams, FeatureList> = {
  path: "features.list",
  params: ListFeaturesParamsSchema,
  response: FeatureListSchema,
  // Reading has no effect on the server, so repeats are harmless.
  retry: "read",
};

/**
 * Lists every feature in one response (no pagination).
 *
 * @example
 * ```ts
 * const res = await featuresList(autumn);
 * if (res.ok) for (const feature of res.value.list) console.log(feature.id, feature.type);
 * ```
 */
export function featuresList(core: AutumnCore, params: ListFeaturesParams = {}, options?: RequestOptions): Promise<Result<FeatureList>> {
  return send(core, operation, params, options);
}
