import { require400 } from "./errors.js";
import type { StoredCustomer } from "./state.js";

type Filter = (customer: StoredCustomer) => boolean;

/**
 * The filters of `customers.list` as one predicate: `search` (id, name or
 * email), `plans` (with `subscription_status`, active and scheduled by
 * default), `processors` and `created_at_range` (inclusive epoch ms).
 */
export function customerFilter(body: Record<string, unknown>): Filter {
  const filters = [bySearch(body["search"]), byPlans(body["plans"], body["subscription_status"]), byProcessors(body["processors"]), byCreation(body["created_at_range"])];
  return (customer) => filters.every((filter) => filter(customer));
}

const everyone: Filter = () => true;

function bySearch(search: unknown): Filter {
  if (search === undefined || search === "") return everyone;
  require400(typeof search === "string", "search must be a string");
  const needle = search.toLowerCase();
  return (customer) => [customer.id, customer.name, customer.email].some((field) => field?.toLowerCase().includes(needle));
}

function byPlans(plans: unknown, status: unknown): Filter {
  require400(status === undefined || status === "active" || status === "scheduled", "subscription_status must be active or scheduled");
  if (plans === undefined) return everyone;
  require400(Array.isArray(plans) && plans.every((plan) => typeof plan?.id === "string" && (plan.versions === undefined || Array.isArray(plan.versions))), "plans must be a list of { id, versions? }");
  const statuses = status === undefined ? ["active", "scheduled"] : [status];
  // Every sandbox plan is at version 1, so a versions list matches only if it holds 1.
  const wanted = (plans as { id: string; versions?: number[] }[]).filter((plan) => !plan.versions || plan.versions.includes(1)).map((plan) => plan.id);
  return (customer) =>
    (customer.subscriptions as { plan_id: string; status: string }[]).some((subscription) => wanted.includes(subscription.plan_id) && statuses.includes(subscription.status));
}

function byProcessors(processors: unknown): Filter {
  if (processors === undefined) return everyone;
  require400(Array.isArray(processors) && processors.every((name) => ["stripe", "revenuecat", "vercel"].includes(name)), "processors takes stripe, revenuecat and vercel");
  // The sandbox links customers to Stripe only.
  return (customer) => processors.includes("stripe") && customer.stripe_id !== null;
}

function byCreation(range: unknown): Filter {
  if (range === undefined) return everyone;
  const { start = -Infinity, end = Infinity } = (range ?? {}) as { start?: unknown; end?: unknown };
  require400(typeof range === "object" && range !== null && typeof start === "number" && typeof end === "number", "created_at_range takes numbers start and end");
  return (customer) => customer.created_at >= start && customer.created_at <= end;
}
