import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type FeaturesDeleteParams,
  FeaturesDeleteParamsSchema,
  type FeaturesDeleteResponse,
  FeaturesDeleteResponseSchema,
} from "../models/operations/features-delete.js";

const operation: Operation<FeaturesDeleteParams, FeaturesDeleteResponse> = {
  path: "features.delete",
  params: FeaturesDeleteParamsSchema,
  response: FeaturesDeleteResponseSchema,
  // A change: retried only under its Idempotency-Key, so it cannot be applied twice.
  retry: "mutation",
};

/**
 * Deletes a feature.
 *
 * @example
 * ```ts
 * const res = await featuresDelete(autumn, { featureId: "old_feature" });
 * if (res.ok) console.log(res.value.success);
 * ```
 */
export function featuresDelete(core: AutumnCore, params: FeaturesDeleteParams, options?: RequestOptions): Promise<Result<FeaturesDeleteResponse>> {
  return send(core, operation, params, options);
}
