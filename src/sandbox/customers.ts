import { planOf } from "./catalog.js";
import { customerFilter } from "./customer-filters.js";
import { require400, SandboxError } from "./errors.js";
import { expandCustomer } from "./expand.js";
import { renderBalances } from "./ledger.js";
import { licensePools } from "./licenses.js";
import { CUSTOMER_ID_PATTERN, findCustomer } from "./lookups.js";
import { cursorPage } from "./pages.js";
import { enableDefaults, settle } from "./plans.js";
import { renderSubscription } from "./render-subscription.js";
import { withUsage } from "./usage-windows.js";
import type { Route, SandboxState, StoredCustomer, StoredSubscription } from "./state.js";

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The wire form of a stored customer, with the fields the 2.3 API always sends. */
export function renderCustomer(state: SandboxState, customer: StoredCustomer): Record<string, unknown> {
  return {
    id: customer.id,
    name: customer.name,
    email: customer.email,
    created_at: customer.created_at,
    fingerprint: customer.fingerprint,
    stripe_id: customer.stripe_id,
    env: customer.env,
    metadata: customer.metadata,
    send_email_receipts: customer.send_email_receipts,
    billing_controls: withUsage(state.catalog, customer, customer.billing_controls ?? {}, undefined, state.clock()),
    subscriptions: customerSubscriptions(customer).map(renderSubscription),
    purchases: customer.purchases.map(({ plan_id, started_at, quantity, entity_id }) => ({ plan_id, started_at, quantity, expires_at: null, scope: entity_id === null ? "customer" : "entity" })),
    licenses: licensePools(state, customer),
    balances: renderBalances(customer.rows),
    flags: renderFlags(state, customer),
  };
}

/**
 * The plans a customer's answer lists, as Autumn lists them: its own, then each plan attached to its
 * entities once (the latest attached), with `scope: "entity"`. Their grants are in the customer's balances,
 * though a check of the customer itself does not count them.
 */
function customerSubscriptions(customer: StoredCustomer): StoredSubscription[] {
  const onEntities = new Map<string, StoredSubscription>();
  for (const subscription of customer.subscriptions) {
    const seen = onEntities.get(subscription.plan_id);
    if (subscription.entity_id !== null && (!seen || subscription.started_at >= seen.started_at)) onEntities.set(subscription.plan_id, subscription);
  }
  return [...customer.subscriptions.filter((subscription) => subscription.entity_id === null), ...onEntities.values()];
}

/** The boolean features that plans in force grant the customer (or one entity, with the customer's own), by feature id. */
export function renderFlags(state: SandboxState, customer: StoredCustomer, entityId: string | null = null): Record<string, unknown> {
  const flags: Record<string, unknown> = {};
  for (const subscription of customer.subscriptions) {
    if (subscription.status !== "active" || (subscription.entity_id !== null && subscription.entity_id !== entityId)) continue;
    for (const item of planOf(state.catalog, subscription)?.items ?? []) {
      if (state.catalog.features.get(item.feature_id)?.type !== "boolean" || item.feature_id in flags) continue;
      flags[item.feature_id] = { id: `flag_${subscription.id}_${item.feature_id}`, plan_id: subscription.plan_id, expires_at: subscription.expires_at, feature_id: item.feature_id };
    }
  }
  return flags;
}

function optionalString(body: Record<string, unknown>, field: string): string | null | undefined {
  const value = body[field];
  require400(value === undefined || value === null || typeof value === "string", `${field} must be a string`);
  return value as string | null | undefined;
}

function checkEmail(email: string | null | undefined): void {
  require400(email === undefined || email === null || EMAIL_PATTERN.test(email), "email must be a valid email");
}

const getOrCreate: Route = (state, body, env) => {
  require400("customer_id" in body, "customer_id is required (it may be null)");
  const id = body["customer_id"];
  require400(id === null || (typeof id === "string" && CUSTOMER_ID_PATTERN.test(id)), "customer_id may only contain letters, digits, _, : and -");
  const name = optionalString(body, "name");
  const email = optionalString(body, "email");
  checkEmail(email);
  const existing =
    id === null
      ? [...state.customers.values()].find((customer) => customer.id === null && email && customer.email === email)
      : state.customers.get(id);
  if (existing) {
    settle(state, existing);
    // An existing customer is returned as it is; only a missing name or email is filled in.
    existing.name ??= name ?? null;
    existing.email ??= email ?? null;
    return expandCustomer(state, existing, renderCustomer(state, existing), body["expand"]);
  }
  const customer = createCustomer(state, id as string | null, body, env);
  return expandCustomer(state, customer, renderCustomer(state, customer), body["expand"]);
};

/** A new customer from `customers.get_or_create`'s wire fields, stored and on the catalog's auto-enabled plans. */
export function createCustomer(state: SandboxState, id: string | null, body: Record<string, unknown>, env: "sandbox" | "live"): StoredCustomer {
  const name = optionalString(body, "name");
  const email = optionalString(body, "email");
  checkEmail(email);
  const key = id ?? anonymousKey(state);
  const customer: StoredCustomer = {
    id,
    key,
    name: name ?? null,
    email: email ?? null,
    created_at: state.clock(),
    fingerprint: optionalString(body, "fingerprint") ?? null,
    stripe_id: body["create_in_stripe"] === true ? `cus_sandbox_${key}` : (optionalString(body, "stripe_id") ?? null),
    env,
    metadata: dropNulls((body["metadata"] as Record<string, unknown> | null | undefined) ?? {}),
    send_email_receipts: body["send_email_receipts"] === true,
    rows: [],
    subscriptions: [],
    purchases: [],
    has_payment_method: false,
    trials_used: [],
    invoices: [],
    entities: new Map(),
    seats: [],
    ...billingControls(body),
  };
  state.customers.set(key, customer);
  enableDefaults(state, customer);
  return customer;
}

const get: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  return expandCustomer(state, customer, renderCustomer(state, customer), body["expand"]);
};

const update: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const email = optionalString(body, "email");
  checkEmail(email);
  const newId = body["new_customer_id"];
  if (newId !== undefined) {
    require400(typeof newId === "string" && CUSTOMER_ID_PATTERN.test(newId), "new_customer_id is invalid");
    if (newId !== customer.id && state.customers.has(newId)) {
      throw new SandboxError("customerAlreadyExists", `Customer ${newId} already exists`);
    }
  }
  if ("name" in body) customer.name = optionalString(body, "name") ?? null;
  if ("email" in body) customer.email = email ?? null;
  if ("fingerprint" in body) customer.fingerprint = optionalString(body, "fingerprint") ?? null;
  // `stripe_id: null` unlinks Stripe.
  if ("stripe_id" in body) customer.stripe_id = optionalString(body, "stripe_id") ?? null;
  if (typeof body["send_email_receipts"] === "boolean") customer.send_email_receipts = body["send_email_receipts"];
  Object.assign(customer, billingControls(body));
  // Metadata is merged; a key set to null is deleted. The merge makes a new object from entries, so that every
  // key is data: assigning `__proto__` to the stored object would replace its prototype instead.
  const metadata = body["metadata"];
  if (metadata && typeof metadata === "object") {
    const merged = new Map(Object.entries(customer.metadata));
    for (const [key, value] of Object.entries(metadata)) {
      if (value === null) merged.delete(key);
      else merged.set(key, value);
    }
    customer.metadata = Object.fromEntries(merged);
  }
  if (typeof newId === "string" && newId !== customer.id) {
    const oldKey = customer.key;
    state.customers.delete(oldKey);
    customer.id = newId;
    customer.key = newId;
    state.customers.set(newId, customer);
    // What the sandbox recorded under the old id follows the customer: its events, holds and checkouts.
    for (const event of state.events) if (event.customer_key === oldKey) Object.assign(event, { customer_key: newId, customer_id: newId });
    for (const held of [...state.locks.values(), ...state.checkouts.values()]) if (held.customer_key === oldKey) held.customer_key = newId;
  }
  return renderCustomer(state, customer);
};

const remove: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  state.customers.delete(customer.key);
  return { success: true };
};

const list: Route = (state, body) => {
  for (const customer of state.customers.values()) settle(state, customer);
  const ascending = body["sort_order"] === "asc";
  const all = [...state.customers.values()]
    .filter(customerFilter(body))
    .sort((a, b) => (ascending ? 1 : -1) * (a.created_at - b.created_at || a.key.localeCompare(b.key)));
  const { page, next_cursor } = cursorPage(all, body, 1000);
  return { list: page.map((customer) => renderCustomer(state, customer)), next_cursor };
};

/**
 * The storage key of a customer created without an id. It holds an `@`, which
 * no customer id may, so it can neither collide with one nor be looked up as
 * one: such a customer has no id to answer `customer_id` with.
 */
function anonymousKey(state: SandboxState): string {
  let n = state.customers.size + 1;
  while (state.customers.has(`@anonymous_${n}`)) n++;
  return `@anonymous_${n}`;
}

/** The billing controls a request sets, if it sets any. */
function billingControls(body: Record<string, unknown>): { billing_controls?: Record<string, unknown> } {
  const controls = body["billing_controls"];
  return controls && typeof controls === "object" ? { billing_controls: controls as Record<string, unknown> } : {};
}

function dropNulls(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null));
}

export const customerRoutes: Record<string, Route> = {
  "customers.get_or_create": getOrCreate,
  "customers.get": get,
  "customers.update": update,
  "customers.delete": remove,
  "customers.list": list,
};
