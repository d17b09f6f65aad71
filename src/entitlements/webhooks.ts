import { UnexpectedClientError } from "../lib/errors/unexpected-client-error.js";
import { err, ok, type Result } from "../lib/result.js";
import type { WebhookEvent } from "../models/webhook-events.js";
import type { CacheState, EntitlementCache } from "./cache.js";
import { withMark } from "./snapshot.js";
import type { EntitlementStoreError } from "./store-error.js";
import { load, replaceCustomer, subjectKey } from "./tiers.js";

/** What `applyWebhookEvent` did with an event. */
export interface WebhookApplied {
  /**
   * `dropped`: the customer's snapshots were forgotten (the next check loads them again). `marked`: the
   * feature is used up in the subject's snapshot until it is loaded again. `reloaded`: the customer's
   * snapshots were forgotten and the subject's loaded afresh. `ignored`: the event says nothing about
   * balances. `duplicate`: this delivery was applied already.
   */
  readonly action: "dropped" | "marked" | "reloaded" | "ignored" | "duplicate";
  /** The customer concerned, when the event names one. */
  readonly customerId?: string;
}

/** How many delivery ids a cache remembers to skip a repeat. */
const REMEMBERED_DELIVERIES = 1_000;
/** A limit event older than a snapshot by more than this is already in it (allows for clocks that differ). */
const CLOCK_SLACK_MS = 60_000;

/**
 * Applies a verified webhook event (`webhooksVerify`'s value) to the cache:
 *
 * - `billing.updated` (a plan attached, changed, cancelled, renewed) and
 *   `billing.auto_topup_succeeded` drop the customer's snapshots, its
 *   entities' included;
 * - `balances.limit_reached` marks the feature used up in the subject's
 *   snapshot (the customer's, or the entity's it names), so checks of it are
 *   refused at once, and starts loading the snapshot again (which ends the
 *   mark: the new snapshot shows the limit itself); the customer's other
 *   snapshots are dropped;
 * - `balances.usage_alert_triggered` drops the customer's snapshots and loads
 *   the subject's again;
 * - the older `customer.products.updated` and `customer.threshold_reached`
 *   drop the customer's snapshots; other events are ignored.
 *
 * With a shared store, the change reaches every instance (within their
 * `localMaxAgeMs`). Applying the same event twice does no harm, and a
 * delivery already applied (the same `deliveryId`) is skipped. Fails only
 * when the shared store did: answer the webhook with a 5xx then, so Autumn
 * sends it again.
 *
 * @example
 * ```ts
 * const event = await webhooksVerify(process.env["AUTUMN_WEBHOOK_SECRET"], await request.text(), request.headers);
 * if (!event.ok) return new Response(null, { status: 400 });
 * const applied = await applyWebhookEvent(cache, event.value);
 * return new Response(null, { status: applied.ok ? 204 : 503 });
 * ```
 */
export async function applyWebhookEvent(cache: EntitlementCache, event: WebhookEvent): Promise<Result<WebhookApplied, EntitlementStoreError | UnexpectedClientError>> {
  const state = cache as CacheState;
  try {
    if (state.deliveries.has(event.deliveryId)) return ok({ action: "duplicate" });
    const applied = await apply(state, event);
    if (!applied.ok) return applied;
    state.deliveries.add(event.deliveryId);
    if (state.deliveries.size > REMEMBERED_DELIVERIES) state.deliveries.delete(state.deliveries.values().next().value!);
    return applied;
  } catch (cause) {
    return err(new UnexpectedClientError({ message: "applyWebhookEvent failed inside the SDK", cause }));
  }
}

async function apply(state: CacheState, event: WebhookEvent): Promise<Result<WebhookApplied, EntitlementStoreError>> {
  if (!event.known) return ok({ action: "ignored" });
  switch (event.type) {
    case "billing.updated":
    case "billing.auto_topup_succeeded":
      return drop(state, event.data.customerId);
    case "customer.products.updated":
    case "customer.threshold_reached": {
      const id = event.data.customer["id"];
      return typeof id === "string" ? drop(state, id) : ok({ action: "ignored" });
    }
    case "balances.usage_alert_triggered": {
      const { customerId, entityId } = event.data;
      const dropped = await drop(state, customerId);
      if (!dropped.ok) return dropped;
      await load(state, customerId, entityId, state.settings.maxAgeMs);
      return ok({ action: "reloaded", customerId });
    }
    case "balances.limit_reached":
      return markExhausted(state, event.data.customerId, event.data.entityId, event.data.featureId, typeof event.occurredAt === "number" ? event.occurredAt : undefined);
    default:
      return ok({ action: "ignored" });
  }
}

async function drop(state: CacheState, customerId: string): Promise<Result<WebhookApplied, EntitlementStoreError>> {
  const failure = await replaceCustomer(state, customerId);
  return failure ? err(failure) : ok({ action: "dropped", customerId });
}

async function markExhausted(state: CacheState, customerId: string, entityId: string | undefined, featureId: string, happenedAt: number | undefined): Promise<Result<WebhookApplied, EntitlementStoreError>> {
  const subject = subjectKey(entityId);
  const snapshot = state.local.get(customerId, subject)?.snapshot;
  // A snapshot loaded well after the limit was reached shows it already: a late delivery leaves it be. Only the
  // event's own time tells (a redelivery is signed when it is sent again).
  if (snapshot && happenedAt !== undefined && snapshot.loadedAt > happenedAt + CLOCK_SLACK_MS) return ok({ action: "ignored", customerId });
  // Without a snapshot here, the customer's are dropped everywhere: the next check loads one that shows the limit.
  const failure = await replaceCustomer(state, customerId, snapshot && { subject, snapshot: withMark(snapshot, "exhausted", featureId) });
  if (failure) return err(failure);
  // Checks are refused at once; the balance they show is brought up to date in the background.
  if (snapshot) void load(state, customerId, entityId, 0);
  return ok({ action: snapshot ? "marked" : "dropped", customerId });
}
