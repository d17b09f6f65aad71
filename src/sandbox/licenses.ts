import { randomBytes } from "node:crypto";
import { findFeature, planOf } from "./catalog.js";
import { nonEmptyList, require400, SandboxError } from "./errors.js";
import { findCustomer, findEntity } from "./lookups.js";
import type { Route, SandboxState, StoredCustomer, StoredEntity } from "./state.js";

/**
 * Seats as Autumn gives them: each active plan of a customer that offers a
 * license plan grants a pool of seats; `licenses.attach` gives each entity one
 * (creating the entity if it is new, which needs its `feature_id`), and the
 * seat stays taken until `licenses.release`. Attaching with too few seats
 * left, or to an entity already holding one of that license plan, is refused
 * whole; so is releasing an entity without a seat.
 */

interface Pool {
  license_plan_id: string;
  parent_plan_id: string;
  license_plan_name: string;
  granted: number;
  usage: number;
  remaining: number;
  paid_quantity: number;
}

const held = (customer: StoredCustomer) => customer.seats.filter((seat) => seat.ended_at === null);

/** The customer's seat pools, in wire form: one per license plan an active plan offers. The sandbox sells no extra seats. */
export function licensePools(state: SandboxState, customer: StoredCustomer): Pool[] {
  const active = customer.subscriptions.filter((subscription) => subscription.status === "active");
  return active.flatMap((subscription) =>
    Object.entries(planOf(state.catalog, subscription)?.licenses ?? {}).map(([licensePlanId, { name, included }]) => {
      const usage = held(customer).filter((seat) => seat.license_plan_id === licensePlanId).length;
      return { license_plan_id: licensePlanId, parent_plan_id: subscription.plan_id, license_plan_name: name, granted: included, usage, remaining: Math.max(0, included - usage), paid_quantity: 0 };
    }),
  );
}

const attach: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const planId = body["plan_id"];
  require400(typeof planId === "string" && planId !== "", "plan_id is required");
  const pool = licensePools(state, customer).find((candidate) => candidate.license_plan_id === planId);
  if (!pool) throw new SandboxError("planNotFound", `No plan of customer ${customer.id} offers license plan ${planId}`);
  const wanted = nonEmptyList(body, "entities").map((input, index) => {
    require400(typeof input === "object" && input !== null, `entities[${index}] must be an object`);
    const { entity_id: id, name, feature_id: featureId } = input as Record<string, unknown>;
    require400(typeof id === "string" && id !== "", `entities[${index}].entity_id is required`);
    require400(name === undefined || name === null || typeof name === "string", `entities[${index}].name must be a string`);
    if (!customer.entities.has(id)) {
      require400(featureId !== undefined, `entities[${index}].feature_id is required for a new entity`);
      findFeature(state.catalog, featureId);
    }
    return { id, name: (name as string | null | undefined) ?? null, featureId: featureId as string };
  });
  const ids = wanted.map((entity) => entity.id);
  const taken = ids.find((id, index) => ids.indexOf(id) !== index || held(customer).some((seat) => seat.entity_id === id && seat.license_plan_id === planId));
  if (taken !== undefined) throw new SandboxError("seatAlreadyHeld", `Entity ${taken} already holds a ${planId} license`);
  if (wanted.length > pool.remaining) throw new SandboxError("noSeatLeft", `${wanted.length} ${planId} licenses asked for, ${pool.remaining} left to assign`);
  const now = state.clock();
  for (const { id, name, featureId } of wanted) {
    if (!customer.entities.has(id)) customer.entities.set(id, { id, name, feature_id: featureId, created_at: now });
    customer.seats.push({ id: `lic_asn_${randomBytes(8).toString("hex")}`, entity_id: id, license_plan_id: planId, started_at: now, ended_at: null });
  }
  return { success: true };
};

const release: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const planId = body["license_plan_id"];
  require400(planId === undefined || (typeof planId === "string" && planId !== ""), "license_plan_id must be a non-empty string");
  const entityIds = nonEmptyList(body, "entity_ids");
  const seats = entityIds.map((id) => {
    require400(typeof id === "string" && id !== "", "entity_ids must be non-empty strings");
    const ofEntity = held(customer).filter((seat) => seat.entity_id === id && (planId === undefined || seat.license_plan_id === planId));
    if (ofEntity.length === 0) throw new SandboxError("seatNotHeld", `Entity ${id} holds no ${planId === undefined ? "" : `${planId} `}license`);
    return ofEntity;
  });
  const now = state.clock();
  for (const seat of seats.flat()) seat.ended_at = now;
  return { success: true };
};

const list: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  // An entity sees its customer's pools: the sandbox attaches plans to customers only.
  if (body["entity_id"] !== undefined) findEntity(customer, body["entity_id"]);
  return { list: licensePools(state, customer) };
};

const listAssignments: Route = (state, body) => {
  const customer = findCustomer(state, body["customer_id"]);
  const { entity_id: entityId, plan_id: planId, active = true } = body;
  if (entityId !== undefined) findEntity(customer, entityId);
  require400(typeof active === "boolean", "active must be a boolean");
  // `active: false` lists every seat, released ones included.
  const seats = customer.seats.filter(
    (seat) => (!active || seat.ended_at === null) && (entityId === undefined || seat.entity_id === entityId) && (planId === undefined || seat.license_plan_id === planId),
  );
  return { list: seats };
};

/** The customer's entities, as its `entities` expansion lists them. */
export function renderEntities(customer: StoredCustomer): Record<string, unknown>[] {
  return [...customer.entities.values()].map((entity) => ({ ...entity, customer_id: customer.id, env: customer.env }));
}

export const licenseRoutes: Record<string, Route> = {
  "licenses.attach": attach,
  "licenses.release": release,
  "licenses.list": list,
  "licenses.list_assignments": listAssignments,
};
