import { randomBytes } from "node:crypto";
import { aiCreditSystem, tokenCost } from "./ai-credits.js";
import { entityOf, track, trackAnswer, usageOptions, usageRequest } from "./billing.js";
import { findFeature } from "./catalog.js";
import { require400, SandboxError } from "./errors.js";
import { addInterval, atCost1, type BalanceRow, rowFor, rowsInScope, spend, spendingOrder } from "./ledger.js";
import { release } from "./locks.js";
import { findCustomer } from "./lookups.js";
import { settle } from "./plans.js";
import { Accepted, type Route, type StoredCustomer } from "./state.js";

/**
 * Balances beyond plans: grants made with `balances.create` (rows of no plan,
 * which stack with the plans' and, when one-off, are spent after them),
 * balances edited and deleted, locks finalized, usage tracked in batches and
 * by AI model tokens.
 */

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** Refuses a field that is present but not a number. */
function optionalNumbers(body: Record<string, unknown>, fields: string[]): void {
  for (const field of fields) require400(body[field] === undefined || isNumber(body[field]), `${field} must be a number`);
}

const create: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const feature = findFeature(state.catalog, body["feature_id"]);
  require400(feature.type !== "boolean", `${feature.id} is a boolean feature; it has no balance`);
  const entityId = entityOf(customer, body) ?? null;
  optionalNumbers(body, ["included_grant", "expires_at", "next_reset_at"]);
  const included = (body["included_grant"] as number | undefined) ?? 0;
  const unlimited = body["unlimited"] === true;
  require400(!(unlimited && body["included_grant"] !== undefined), "give included_grant or unlimited, not both");
  const reset = body["reset"] as { interval: string; interval_count?: number } | undefined;
  const recurring = reset !== undefined && reset.interval !== "one_off";
  require400(!recurring || addInterval(0, reset.interval, reset.interval_count) !== undefined, "reset.interval is not an interval");
  require400(!(recurring && body["expires_at"] !== undefined), "give reset or expires_at, not both");
  require400(body["next_reset_at"] === undefined || recurring, "next_reset_at needs a reset");
  const id = body["balance_id"] ?? `cus_ent_${randomBytes(6).toString("hex")}`;
  require400(typeof id === "string" && id !== "", "balance_id must be a non-empty string");
  if (customer.rows.some((row) => row.id === id)) throw new SandboxError("balanceAlreadyExists", `Customer ${customer.id} already has a balance ${id}`);
  const row = rowFor({ feature_id: feature.id, included, unlimited, reset: recurring ? reset : null, price: null }, { id, plan_id: null, source_id: null, entity_id: entityId }, state.clock());
  row.next_reset_at = (body["next_reset_at"] as number | undefined) ?? row.next_reset_at;
  row.expires_at = (body["expires_at"] as number | undefined) ?? null;
  customer.rows.push(row);
  return { success: true };
};

/**
 * The rows an update or delete is about, in spending order: the one with
 * `balance_id`, else the feature's in the request's scope exactly (the
 * entity's own, or the customer's own), those with `interval` when given.
 */
function targeted(customer: StoredCustomer, body: Record<string, unknown>): BalanceRow[] {
  const featureId = body["feature_id"];
  const entityId = entityOf(customer, body) ?? null;
  const balanceId = body["balance_id"];
  require400(featureId !== undefined || balanceId !== undefined, "feature_id or balance_id is required");
  const rows = customer.rows.filter(
    (row) =>
      (balanceId === undefined ? row.entity_id === entityId : row.id === balanceId) &&
      (featureId === undefined || row.feature_id === featureId) &&
      (body["interval"] === undefined || (row.reset?.interval ?? "one_off") === body["interval"]),
  );
  if (rows.length === 0) throw new SandboxError("balanceNotFound", `Customer ${customer.id} has no such balance of ${String(featureId ?? balanceId)}`);
  return spendingOrder(rows);
}

/** Moves usage by `delta` across the rows, in deduction order as a track would; what they cannot take lands on the first. */
function adjust(rows: BalanceRow[], delta: number): void {
  const moved = spend(atCost1(rows), delta).reduce((sum, deduction) => sum + deduction.value, 0);
  rows[0]!.usage += delta - moved;
}

const update: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  if (body["feature_id"] !== undefined) findFeature(state.catalog, body["feature_id"]);
  optionalNumbers(body, ["remaining", "add_to_balance", "usage", "included_grant", "next_reset_at", "expires_at"]);
  const changes = ["remaining", "add_to_balance", "usage"].filter((field) => body[field] !== undefined);
  require400(changes.length <= 1, "give one of remaining, add_to_balance and usage");
  require400(changes.length > 0 || ["included_grant", "next_reset_at", "expires_at"].some((field) => body[field] !== undefined), "nothing to update");
  const rows = targeted(customer, body);
  // A field of one grant goes to the grant spent first.
  const [first] = rows as [BalanceRow];
  if (body["included_grant"] !== undefined) first.included = body["included_grant"] as number;
  if (body["next_reset_at"] !== undefined) first.next_reset_at = body["next_reset_at"] as number;
  if (body["expires_at"] !== undefined) first.expires_at = body["expires_at"] as number;
  const granted = rows.reduce((sum, row) => sum + row.included + row.prepaid, 0);
  const usage = rows.reduce((sum, row) => sum + row.usage, 0);
  if (body["usage"] !== undefined) adjust(rows, (body["usage"] as number) - usage);
  if (body["remaining"] !== undefined) adjust(rows, granted - (body["remaining"] as number) - usage);
  if (body["add_to_balance"] !== undefined) adjust(rows, -(body["add_to_balance"] as number));
  return { success: true };
};

const remove: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  if (body["feature_id"] !== undefined) findFeature(state.catalog, body["feature_id"]);
  const rows = targeted(customer, body);
  if (rows.some((row) => row.price !== null)) throw new SandboxError("pricedBalance", "A balance with a usage price cannot be deleted");
  customer.rows = customer.rows.filter((row) => !rows.includes(row));
  if (body["recalculate_balances"] === true) {
    const left = rows.reduce((sum, row) => sum + (row.unlimited ? 0 : Math.max(0, row.included + row.prepaid - row.usage)), 0);
    spend(atCost1(rowsInScope(customer.rows, rows[0]!.feature_id, rows[0]!.entity_id ?? undefined)), left);
  }
  return { success: true };
};

const finalize: Route = (state, body) => {
  const id = body["lock_id"];
  require400(typeof id === "string" && id !== "", "lock_id is required");
  const action = body["action"];
  require400(action === "confirm" || action === "release", "action must be confirm or release");
  require400(body["override_value"] === undefined || (action === "confirm" && isNumber(body["override_value"])), "override_value is a number, and goes with confirm only");
  const customer = state.customers.get(state.locks.get(id)?.customer_key ?? "");
  // Reading the customer releases the lock if it expired.
  if (customer) settle(state, customer);
  const lock = state.locks.get(id);
  if (!customer || !lock) {
    state.locks.delete(id);
    throw new SandboxError("lockNotFound", `No lock ${id} is held: never taken, finalized already, or expired`);
  }
  release(state, customer, lock);
  if (action === "confirm") {
    const properties = body["properties"] as Record<string, unknown> | undefined;
    const value = (body["override_value"] as number | undefined) ?? lock.value;
    track(state, customer, findFeature(state.catalog, lock.feature_id), value, { entityId: lock.entity_id ?? undefined, ...(properties && { properties }) });
  }
  return { success: true };
};

const batchTrack: Route = (state, body) => {
  // The wire body is a JSON array of events (server.ts lets it through for this route).
  const items = body as unknown as unknown[];
  require400(items.length >= 1 && items.length <= 1000, "a batch holds 1 to 1000 events");
  // Every event is checked before any is tracked: one bad event refuses the batch.
  const requests = items.map((item, index) => {
    require400(typeof item === "object" && item !== null && !Array.isArray(item), `event ${index} must be an object`);
    return usageRequest(state, item as Record<string, unknown>);
  });
  for (const { customer, features, value, options } of requests) for (const feature of features) track(state, customer, feature, value, options);
  // Autumn queues the batch and answers 202; the sandbox has tracked it already.
  return new Accepted({ success: true });
};

const trackTokens: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const options = usageOptions(customer, body);
  const feature = aiCreditSystem(state, customer, body["feature_id"], options.entityId);
  return trackAnswer(state, { customer, features: [feature], value: tokenCost(feature, body["model_id"], body), options }, body);
};

export const balanceRoutes: Record<string, Route> = {
  "balances.create": create,
  "balances.update": update,
  "balances.delete": remove,
  "balances.finalize": finalize,
  "balances.batch_track": batchTrack,
  "balances.track_tokens": trackTokens,
};
