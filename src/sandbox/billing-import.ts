import { type CatalogItem, type CatalogPlan, findPlan, isPaid } from "./catalog.js";
import { createCustomer, renderCustomer } from "./customers.js";
import { require400 } from "./errors.js";
import { cancel, end, settle, start } from "./plans.js";
import type { Route, SandboxState, StoredCustomer } from "./state.js";

/**
 * `billing.import`: a customer's plans brought over from elsewhere, as the
 * desired state. Each listed plan is attached as already paid for (no
 * checkout, no trial unless the status says `trialing`), backdated to its
 * `started_at`, with the balances given; a plan already active is left
 * alone (`skipped`); a plan the customer had but the import does not list
 * ends (`expired`), auto-enabled plans aside. `dry_run` answers what would
 * happen and changes nothing. The sandbox has no past-due state: such plans
 * are imported active and flagged `mismatch`.
 */

/** A balance an import sets, matched to the plan's item (and so to the row it grants) by feature and filter. */
function matches(balance: Record<string, any>, item: Pick<CatalogItem, "feature_id" | "reset" | "price">): boolean {
  const filter = (balance["filter"] ?? {}) as { interval?: string | null; billing_behavior?: string };
  if (item.feature_id !== balance["feature_id"]) return false;
  if (filter.interval === null || filter.interval === "lifetime") {
    if (item.reset !== null) return false;
  } else if (filter.interval !== undefined && item.reset?.interval !== filter.interval) return false;
  const method = item.price?.billing_method ?? "included";
  return filter.billing_behavior === undefined || filter.billing_behavior === method;
}

interface Billable {
  plan: CatalogPlan;
  entry: Record<string, any>;
  processor: string;
}

function billables(state: SandboxState, body: Record<string, unknown>): Billable[] {
  const list = body["billables"];
  require400(Array.isArray(list), "billables must be a list");
  return (list as Record<string, any>[]).map((billable, index) => {
    const entry = billable?.["plan"] as Record<string, any> | undefined;
    require400(entry !== undefined && entry !== null, `billables.${index}.plan: the sandbox imports billables with a plan`);
    const plan = findPlan(state.catalog, entry["plan_id"]);
    ((entry["balances"] ?? []) as Record<string, any>[]).forEach((balance, at) =>
      require400(plan.items.some((item) => matches(balance, item)), `billables.${index}.plan.balances.${at}: plan ${plan.id} grants no such balance of ${String(balance["feature_id"])}`),
    );
    return { plan, entry, processor: typeof billable["processor"] === "string" ? billable["processor"] : "none" };
  });
}

/** Attaches one imported plan; its outcome as `flashed` reports it. */
function importPlan(state: SandboxState, customer: StoredCustomer, { plan, entry, processor }: Billable): Record<string, unknown> {
  const status: string = entry["status"] ?? "active";
  const outcome = { plan_id: plan.id, processor, skipped: false };
  const quantities = Object.fromEntries(((entry["feature_quantities"] ?? []) as { feature_id: string; quantity: number }[]).map((item) => [item.feature_id, item.quantity]));
  const id = start(state, customer, plan, { entityId: null, quantities, schedule: "immediate", startedAt: entry["started_at"], ...(status !== "trialing" && { trial: false as const }) });
  if (processor === "stripe" && isPaid(plan)) customer.has_payment_method = true;
  // A backdated plan catches up with the clock (periods, resets) before its balances are set.
  settle(state, customer);
  for (const balance of (entry["balances"] ?? []) as Record<string, any>[]) {
    const row = customer.rows.find((candidate) => candidate.source_id === id && matches(balance, candidate));
    if (!row) continue;
    if (typeof balance["usage"] === "number") row.usage = balance["usage"];
    if (typeof balance["balance"] === "number") row.usage = row.included + row.prepaid - balance["balance"];
    if (typeof balance["next_reset_at"] === "number") row.next_reset_at = balance["next_reset_at"];
  }
  const subscription = customer.subscriptions.find((candidate) => candidate.id === id);
  if (subscription && entry["quantity"] !== undefined) subscription.quantity = entry["quantity"];
  if (subscription && status === "canceled") cancel(state, customer, subscription, "cancel_end_of_cycle");
  if (status === "past_due") return { ...outcome, customer_product_id: id, status: "active", mismatch: true, reason: "the sandbox has no past-due state: imported as active" };
  if (status === "trialing" && !subscription?.in_trial) return { ...outcome, customer_product_id: id, status: "active", mismatch: true, reason: `no trial of ${plan.id} left to start: imported as active` };
  return { ...outcome, customer_product_id: id, status };
}

const importRoute: Route = (state, body, env) => {
  const id = body["customer_id"];
  require400(typeof id === "string" && /^[A-Za-z0-9_:-]+$/.test(id), "customer_id may only contain letters, digits, _, : and -");
  const dryRun = body["dry_run"] === true;
  const wanted = billables(state, body);
  // Only the fields customer_data has: anything else in the body must not reach the stored customer's own fields.
  const data = (body["customer_data"] ?? {}) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const name of ["name", "email", "fingerprint"]) if (Object.hasOwn(data, name) && data[name] !== undefined) fields[name] = data[name];
  const stripeId = ((body["processors"] ?? []) as { type: string; id: string }[]).find((processor) => processor.type === "stripe")?.id;
  if (stripeId !== undefined) fields["stripe_id"] = stripeId;
  let customer = state.customers.get(id);
  if (customer) settle(state, customer);
  const before = (customer?.subscriptions ?? []).filter((subscription) => subscription.entity_id === null);
  const listed = new Set(wanted.map(({ plan }) => plan.id));
  const flashed: Record<string, unknown>[] = [];
  if (!dryRun) {
    customer ??= createCustomer(state, id, fields, env);
    Object.assign(customer, fields);
  }
  for (const billable of wanted) {
    const active = before.find((subscription) => subscription.plan_id === billable.plan.id && subscription.status === "active");
    const base = { plan_id: billable.plan.id, processor: billable.processor };
    if (active) flashed.push({ ...base, customer_product_id: active.id, status: "active", skipped: true, reason: "already active" });
    else if (dryRun || billable.entry["status"] === "expired") flashed.push({ ...base, customer_product_id: null, status: billable.entry["status"] ?? "active", skipped: false });
    else flashed.push(importPlan(state, customer!, billable));
  }
  // The import is the desired state: what it leaves out ends (auto-enabled plans come back by themselves anyway).
  for (const subscription of before.filter((held) => !listed.has(held.plan_id) && !held.auto_enable)) {
    if (!dryRun && customer!.subscriptions.includes(subscription)) end(state, customer!, subscription);
    flashed.push({ plan_id: subscription.plan_id, processor: "none", customer_product_id: subscription.id, status: "expired", skipped: false, expired: true, reason: "not in the import" });
  }
  return { customer_id: id, flashed, customer: dryRun ? null : renderCustomer(state, customer!) };
};

export const importRoutes: Record<string, Route> = { "billing.import": importRoute };
