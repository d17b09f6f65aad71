import { nonEmpty, require400, SandboxError } from "./errors.js";
import { settle } from "./plans.js";
import type { SandboxState, StoredCustomer, StoredEntity, StoredReward } from "./state.js";

/*
 * The lookups that route modules share, kept below all of them so that no route module needs another's
 * (a route module importing one that imports it back is the circle test/architecture.test.ts refuses).
 */

/** What a customer id may hold. */
export const CUSTOMER_ID_PATTERN = /^[A-Za-z0-9_:-]+$/;

/** The stored customer with this id, or Autumn's 404. */
export function findCustomer(state: SandboxState, id: unknown): StoredCustomer {
  require400(typeof id === "string" && id !== "", "customer_id is required");
  require400(CUSTOMER_ID_PATTERN.test(id), "customer_id may only contain letters, digits, _, : and -");
  const customer = state.customers.get(id);
  if (!customer) throw new SandboxError("customerNotFound", `Customer ${id} not found`);
  settle(state, customer);
  return customer;
}

/** The customer's entity with this id, or Autumn's 404. */
export function findEntity(customer: StoredCustomer, id: unknown): StoredEntity {
  require400(typeof id === "string" && id !== "", "entity_id must be a non-empty string");
  const entity = customer.entities.get(id);
  if (!entity) throw new SandboxError("entityNotFound", `Entity ${id} not found for customer ${customer.id}`);
  return entity;
}

/** The reward with this id, or Autumn's 404. */
export function findReward(state: SandboxState, id: unknown): StoredReward {
  const stored = state.rewards.get(nonEmpty(id, "reward_id"));
  if (!stored) throw new SandboxError("rewardNotFound", `Reward ${String(id)} not found`);
  return stored;
}
