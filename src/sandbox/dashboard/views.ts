import { renderPlan } from "../catalog.js";
import type { SandboxState } from "../state.js";
import type { WebhookDelivery } from "../webhooks.js";
import { newestPage, type Page } from "./paging.js";

/*
 * The dashboard's other pages, as JSON for its script: the header's summary (polled every second, so it
 * costs the same with 100,000 events as with none), webhook deliveries, requests and the catalog.
 */

/** A request as server.ts records it in `sandbox.requests`. */
export interface RequestRecord {
  readonly path: string;
  readonly idempotencyKey: string | undefined;
  readonly body: unknown;
  readonly authorization: string | undefined;
  readonly fault?: string;
  readonly status?: number;
  readonly durationMs?: number;
}

/** The longest request body shown, in characters of JSON: a batch of 1,000 events is cut, not sent whole every second. */
const BODY_CHARS = 4000;

/**
 * The clock and the counts, for the header, and `version`, which changes whenever anything else may have:
 * the dashboard's count of changes, and the time of the catalog file's last failed reload (which
 * `autumn-sandbox` records in the state without a word to the dashboard).
 */
export function summaryView(state: SandboxState, requests: readonly RequestRecord[], deliveries: readonly WebhookDelivery[], webhookURL: string | undefined, changes: number): Record<string, unknown> {
  const now = state.clock();
  return {
    version: `${changes}.${state.catalogSource?.error?.at ?? 0}`,
    now,
    // How far the sandbox's clock is ahead of the machine's.
    ahead_ms: now - Date.now(),
    counts: { customers: state.customers.size, events: state.events.length, webhooks: deliveries.length, requests: requests.length },
    webhook_url: webhookURL ?? null,
  };
}

/** Webhook deliveries, newest first, one page of them; only those about one customer with `customerId`. */
export function webhooksPage(deliveries: readonly WebhookDelivery[], customerId: string | undefined, offset: number, limit: number): Page<Record<string, unknown>> {
  // The body is parsed only when it names the customer somewhere.
  const about = (delivery: WebhookDelivery) => delivery.body.includes(JSON.stringify(customerId)) && customerOf(delivery) === customerId;
  return newestPage(deliveries, customerId === undefined ? undefined : about, offset, limit, (delivery) => ({
    id: delivery.id,
    type: delivery.type,
    status: delivery.status,
    attempts: delivery.attempts,
    customer_id: customerOf(delivery),
    body: delivery.body,
  }));
}

/** Requests, newest first, one page of them: what the app sent, with the credential named by its kind only. */
export function requestsPage(requests: readonly RequestRecord[], offset: number, limit: number): Page<Record<string, unknown>> {
  return newestPage(requests, undefined, offset, limit, (request, index) => {
    const body = JSON.stringify(request.body) ?? "";
    return {
      index,
      path: request.path,
      status: request.status ?? null,
      duration_ms: request.durationMs ?? null,
      fault: request.fault ?? null,
      idempotency_key: request.idempotencyKey ?? null,
      credential: credentialKind(request.authorization),
      body: body.length > BODY_CHARS ? `${body.slice(0, BODY_CHARS)}… (${body.length} characters in all)` : body,
    };
  });
}

/** The catalog as served: where it came from, its features, and its plans with their items. */
export function catalogView(state: SandboxState): Record<string, unknown> {
  return {
    source: state.catalogSource ?? null,
    features: [...state.catalog.features.values()],
    plans: [...state.catalog.plans.values()].map((plan) => renderPlan(plan, "sandbox")),
  };
}

/** What kind of credential a request carried, never the credential: a secret key is a secret, even on the developer's own screen. */
function credentialKind(authorization: string | undefined): string {
  const credential = authorization?.replace(/^Bearer\s+/i, "") ?? "";
  if (credential === "") return "none";
  if (credential.startsWith("am_sk_live_")) return "secret key (live)";
  if (credential.startsWith("am_sk_")) return "secret key (test)";
  if (credential.startsWith("am_jwt_")) return "customer token";
  return "other";
}

function customerOf(delivery: WebhookDelivery): string | null {
  try {
    const id = (JSON.parse(delivery.body) as { data?: { customer_id?: unknown } }).data?.customer_id;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}
