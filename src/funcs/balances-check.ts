import type { AutumnCore } from "../core.js";
import type { Client, CustomerClient, ForCustomer } from "../lib/client.js";
import type { RequestOptions } from "../lib/config.js";
import { type Operation, send } from "../lib/pipeline.js";
import { checkFailedOpen, type FailOpenMarker } from "../lib/fail-open.js";
import type { Result } from "../lib/result.js";
import {
  type BalancesCheckParams,
  BalancesCheckParamsSchema,
  type BalancesCheckResponse,
  BalancesCheckResponseSchema,
} from "../models/operations/balances-check.js";

/** The answer of `balancesCheck`: Autumn's, or during an outage with `failOpen`, a synthesised "allowed". */
export type CheckResult = BalancesCheckResponse & FailOpenMarker;

const operation: Operation<BalancesCheckParams, CheckResult> = {
  path: "balances.check",
  params: BalancesCheckParamsSchema,
  response: BalancesCheckResponseSchema,
  // A plain check only reads; with sendEvent or a lock it deducts, so it is retried only under its Idempotency-Key.
  retry: (params) => (params.sendEvent || params.lock !== undefined ? "mutation" : "read"),
  // Opted in: an outage must not lock users out. No balance is known, so none is made up.
  failOpen: checkFailedOpen,
};

/**
 * Checks whether a customer may use a feature now; with `sendEvent: true` it
 * also deducts `requiredBalance` in the same call.
 *
 * With a `CustomerCore` (a customer's token), leave `customerId` out: it is the token's customer.
 *
 * @example
 * ```ts
 * const res = await balancesCheck(autumn, { customerId: "user_123", featureId: "messages", requiredBalance: 3 });
 * if (res.ok && !res.value.allowed) showPaywall();
 * ```
 */
export function balancesCheck(core: CustomerClient, params: ForCustomer<BalancesCheckParams>, options?: RequestOptions): Promise<Result<CheckResult>>;
export function balancesCheck(core: AutumnCore, params: BalancesCheckParams, options?: RequestOptions): Promise<Result<CheckResult>>;
export function balancesCheck(core: Client, params: BalancesCheckParams | ForCustomer<BalancesCheckParams>, options?: RequestOptions): Promise<Result<CheckResult>> {
  return send(core, operation, params as BalancesCheckParams, options);
}
