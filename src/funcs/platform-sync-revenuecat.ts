import type { AutumnCore } from "../core.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import type { Result } from "../lib/result.js";
import {
  type PlatformSyncRevenuecatParams,
  PlatformSyncRevenuecatParamsSchema,
  type PlatformSyncRevenuecatResponse,
  PlatformSyncRevenuecatResponseSchema,
} from "../models/operations/platform-sync-revenuecat.js";

const operation: Operation<PlatformSyncRevenuecatParams, PlatformSyncRevenuecatResponse> = {
  path: "platform.sync_revenuecat",
  params: PlatformSyncRevenuecatParamsSchema,
  response: PlatformSyncRevenuecatResponseSchema,
  // Creates and renames products and sets prices in RevenueCat: retried only under its Idempotency-Key.
  retry: "mutation",
};

/**
 * Pushes an organisation's plans into its linked RevenueCat project as
 * products, in every app, with test-store prices from the plans' prices.
 *
 * @example
 * ```ts
 * const res = await platformSyncRevenuecat(autumn, { organizationSlug: "acme", env: "test", productIds: ["pro"] });
 * if (res.ok) for (const result of res.value.results) console.log(result.planId, result.status);
 * ```
 */
export function platformSyncRevenuecat(
  core: AutumnCore,
  params: PlatformSyncRevenuecatParams,
  options?: RequestOptions,
): Promise<Result<PlatformSyncRevenuecatResponse>> {
  return send(core, operation, params, options);
}
