import { findFeature } from "./catalog.js";
import { renderFlags } from "./customers.js";
import { require400, SandboxError } from "./errors.js";
import { allows, atCost1, type BalanceRow, renderBalances, rowsInScope, spend } from "./ledger.js";
import { findCustomer, findEntity } from "./lookups.js";
import { cursorPage } from "./pages.js";
import { settle } from "./plans.js";
import { renderSubscription } from "./render-subscription.js";
import type { Route, SandboxState, StoredCustomer, StoredEntity } from "./state.js";
import { withUsage } from "./usage-windows.js";

/**
 * Entities: the users, workspaces or projects of a customer, always of a
 * feature that is held (seats), never of one used up. Creating one counts one
 * unit of its feature against the customer's balance, past the grant if need
 * be (apps `check` first, as Autumn's docs tell them to); only a grant with a
 * usage limit (`max_purchase`) refuses the entity that would pass it.
 * Deleting one gives the unit back. A plan attached with an `entity_id`
 * grants that entity balances of its own; a check or track for the entity
 * draws on those first, then on the customer's.
 */

/** Whether a grant has a usage limit: a price with a `max_purchase`. */
const limited = (row: BalanceRow) => !row.unlimited && row.price !== null && row.price.max_purchase !== null;

/** The customer an entity request is about: the one named, else the one holding the entity. */
function ownerOf(state: SandboxState, body: Record<string, unknown>): StoredCustomer {
  if (body["customer_id"] !== undefined) return findCustomer(state, body["customer_id"]);
  const id = body["entity_id"];
  const owner = [...state.customers.values()].find((customer) => typeof id === "string" && customer.entities.has(id));
  if (!owner) throw new SandboxError("entityNotFound", `Entity ${String(id)} not found`);
  settle(state, owner);
  return owner;
}

/** The wire form of an entity, with its plans and balances (its own and its customer's). */
export function renderEntity(state: SandboxState, customer: StoredCustomer, entity: StoredEntity): Record<string, unknown> {
  return {
    id: entity.id,
    name: entity.name,
    customer_id: customer.id,
    feature_id: entity.feature_id,
    created_at: entity.created_at,
    env: customer.env,
    subscriptions: customer.subscriptions.filter((subscription) => subscription.entity_id === entity.id).map(renderSubscription),
    purchases: customer.purchases.filter((purchase) => purchase.entity_id === entity.id).map(({ plan_id, started_at, quantity }) => ({ plan_id, started_at, quantity, expires_at: null, scope: "entity" })),
    balances: renderBalances(customer.rows, entity.id),
    flags: renderFlags(state, customer, entity.id),
    ...(entity.billing_controls && { billing_controls: withUsage(state.catalog, customer, entity.billing_controls, entity.id, state.clock()) }),
  };
}

const create: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const id = body["entity_id"];
  require400(typeof id === "string" && id !== "", "entity_id must be a non-empty string");
  if (customer.entities.has(id)) throw new SandboxError("entityAlreadyExists", `Entity ${id} already exists for customer ${customer.id}`);
  const feature = findFeature(state.catalog, body["feature_id"]);
  if (feature.consumable) throw new SandboxError("consumableEntityFeature", `Feature '${feature.id}' is consumable; entities can only be created for non-consumable features (such as seats)`);
  const name = body["name"];
  require400(name === undefined || name === null || typeof name === "string", "name must be a string");
  const rows = rowsInScope(customer.rows, feature.id, undefined);
  if (rows.some(limited) && !allows(rows, 1)) throw new SandboxError("featureLimitReached", `Creating entity ${id} would pass the usage limit of ${feature.id} for customer ${customer.id}`);
  spend(atCost1(rows), 1, true);
  const entity: StoredEntity = { id, name: name ?? null, feature_id: feature.id, created_at: state.clock() };
  const controls = body["billing_controls"];
  if (controls && typeof controls === "object") entity.billing_controls = controls as Record<string, unknown>;
  customer.entities.set(id, entity);
  return renderEntity(state, customer, entity);
};

const get: Route = (state, body) => {
  const customer = ownerOf(state, body);
  return renderEntity(state, customer, findEntity(customer, body["entity_id"]));
};

const update: Route = (state, body) => {
  const customer = ownerOf(state, body);
  const entity = findEntity(customer, body["entity_id"]);
  const controls = body["billing_controls"];
  if (controls && typeof controls === "object") entity.billing_controls = controls as Record<string, unknown>;
  return renderEntity(state, customer, entity);
};

const remove: Route = (state, body) => {
  const customer = ownerOf(state, body);
  const entity = findEntity(customer, body["entity_id"]);
  customer.entities.delete(entity.id);
  customer.subscriptions = customer.subscriptions.filter((subscription) => subscription.entity_id !== entity.id);
  customer.purchases = customer.purchases.filter((purchase) => purchase.entity_id !== entity.id);
  customer.rows = customer.rows.filter((row) => row.entity_id !== entity.id);
  spend(atCost1(rowsInScope(customer.rows, entity.feature_id, undefined)), -1);
  return { success: true };
};

const list: Route = (state, body) => {
  const customers = body["customer_id"] === undefined ? [...state.customers.values()] : [findCustomer(state, body["customer_id"])];
  const search = typeof body["search"] === "string" ? body["search"].toLowerCase() : undefined;
  const all = customers.flatMap((customer) => {
    settle(state, customer);
    return [...customer.entities.values()]
      .filter((entity) => search === undefined || entity.id.toLowerCase().includes(search) || (entity.name ?? "").toLowerCase().includes(search))
      .map((entity) => ({ customer, entity }));
  });
  const { page, next_cursor } = cursorPage(all, body, 1000);
  return { list: page.map(({ customer, entity }) => renderEntity(state, customer, entity)), next_cursor };
};

export const entityRoutes: Record<string, Route> = {
  "entities.create": create,
  "entities.get": get,
  "entities.update": update,
  "entities.delete": remove,
  "entities.list": list,
};
