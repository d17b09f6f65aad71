import { createHmac, randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { setTimeout as wait } from "node:timers/promises";
import { checkControls } from "./controls.js";
import { allows, refusedBy, renderBalance, rowsInScope } from "./ledger.js";
import { renderSubscription } from "./render-subscription.js";
import type { SandboxState, StoredCustomer, StoredSubscription } from "./state.js";

/**
 * The sandbox's webhooks: events from its own state changes, signed the way
 * Autumn signs them (Svix's scheme, here with node:crypto) and posted to a
 * URL you give it, with retries under the same delivery id.
 */

/** One event the sandbox sent, or is still sending. */
export interface WebhookDelivery {
  /** The delivery id (`svix-id`), the same on every attempt. */
  readonly id: string;
  readonly type: string;
  /** The body, exactly as signed and sent. */
  readonly body: string;
  /** Each attempt's HTTP status, or the network error's code. */
  readonly attempts: (number | string)[];
  /**
   * `pending` until an attempt gets a 2xx (`delivered`), or the retries run out or the sandbox closes
   * (`failed`); `unsent` when no URL was set, so that a test can see what would have been sent.
   */
  status: "pending" | "delivered" | "failed" | "unsent";
}

export interface WebhookSenderOptions {
  /** Where to post events; without one nothing is sent. */
  url?: string | undefined;
  /** The signing secret (`whsec_…`); a random one when not given. */
  secret?: string | undefined;
  /** The waits before each retry, in ms: one retry per entry. */
  retryDelaysMs?: readonly number[];
  /** How to wait; it must settle when the signal aborts. Tests replace it so that no time passes. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<unknown>;
  /** The clock that timestamps each attempt, in epoch ms. */
  clock?: () => number;
  /** Called whenever a delivery is recorded, attempted or settles, and when they are forgotten: the dashboard's cue to redraw. */
  onChange?: () => void;
}

export interface WebhookSender {
  /** Where events go; undefined while sending is off. */
  readonly url: string | undefined;
  /** The secret that signs them, to give `webhooksVerify`. */
  readonly secret: string;
  /** Every event since the sandbox started (or was reset), sent or not, in order. */
  readonly deliveries: readonly WebhookDelivery[];
  /** Sends to this URL (and with this secret) from now on; `url: undefined` stops sending. */
  configure(target: { url?: string | undefined; secret?: string }): void;
  /** Records an event, and posts it when a URL is set. */
  send(type: string, data: Record<string, unknown>): WebhookDelivery;
  /**
   * Sends a recorded delivery again, to the URL set now, under the same id and body with a fresh timestamp
   * and signature: a new round of attempts (and retries), added to its `attempts`. Throws an Error when no
   * delivery has that id, when it is still being sent, when no URL is set, or once the sandbox is closed.
   */
  resend(id: string): WebhookDelivery;
  /** Forgets the deliveries recorded so far (those in flight carry on). */
  forget(): void;
  /** Resolves once no delivery is pending. */
  idle(): Promise<void>;
  /** Stops: waits and requests in progress are abandoned, and no timer is left behind. */
  close(): Promise<void>;
}

/** Autumn retries for days; the sandbox gives up after about 15 s. */
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000];
const ATTEMPT_TIMEOUT_MS = 10_000;

export function createWebhookSender(options: WebhookSenderOptions = {}): WebhookSender {
  let url = options.url;
  let secret = options.secret ?? `whsec_${randomBytes(24).toString("base64")}`;
  const retryDelays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const sleep = options.sleep ?? ((ms, signal) => wait(ms, undefined, { signal }));
  const clock = options.clock ?? Date.now;
  const changed = options.onChange ?? (() => {});
  const stop = new AbortController();
  const deliveries: WebhookDelivery[] = [];
  const pending = new Set<Promise<void>>();

  async function deliver(delivery: WebhookDelivery, target: string, key: Buffer): Promise<void> {
    for (let attempt = 0; !stop.signal.aborted; attempt++) {
      const outcome = await post(target, delivery, key, clock(), stop.signal);
      delivery.attempts.push(outcome);
      if (typeof outcome === "number" && outcome >= 200 && outcome < 300) {
        delivery.status = "delivered";
        return changed();
      }
      changed();
      const delay = retryDelays[attempt];
      if (delay === undefined) break;
      await sleep(delay, stop.signal).catch(() => undefined);
    }
    delivery.status = "failed";
    changed();
  }

  function start(delivery: WebhookDelivery, target: string): void {
    const running = deliver(delivery, target, secretKey(secret)).finally(() => pending.delete(running));
    pending.add(running);
  }

  return {
    get url() {
      return url;
    },
    get secret() {
      return secret;
    },
    deliveries,
    configure(target) {
      if ("url" in target) url = target.url;
      if (target.secret !== undefined) secret = target.secret;
    },
    send(type, data) {
      const unsent = url === undefined || stop.signal.aborted;
      const delivery: WebhookDelivery = { id: `msg_${randomBytes(12).toString("hex")}`, type, body: JSON.stringify({ type, data }), attempts: [], status: unsent ? "unsent" : "pending" };
      deliveries.push(delivery);
      changed();
      if (url === undefined || unsent) return delivery;
      start(delivery, url);
      return delivery;
    },
    resend(id) {
      const delivery = deliveries.find((candidate) => candidate.id === id);
      if (!delivery) throw new Error(`No webhook delivery ${id}`);
      if (delivery.status === "pending") throw new Error(`Webhook delivery ${id} is still being sent`);
      if (stop.signal.aborted) throw new Error("The sandbox is closed");
      if (url === undefined) throw new Error("No webhook URL is set: configure one with sandbox.webhooks.configure({ url })");
      delivery.status = "pending";
      changed();
      start(delivery, url);
      return delivery;
    },
    forget() {
      deliveries.length = 0;
      changed();
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    async close() {
      stop.abort();
      await this.idle();
    },
  };
}

function secretKey(secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ""), "base64");
}

/** One attempt: the body signed at `now`, posted; resolves to the status or the error's code. */
function post(target: string, delivery: WebhookDelivery, key: Buffer, now: number, signal: AbortSignal): Promise<number | string> {
  const timestamp = String(Math.floor(now / 1000));
  const signature = createHmac("sha256", key).update(`${delivery.id}.${timestamp}.${delivery.body}`).digest("base64");
  const headers = {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(delivery.body)),
    "user-agent": "autumn-sandbox-webhooks",
    "svix-id": delivery.id,
    "svix-timestamp": timestamp,
    "svix-signature": `v1,${signature}`,
  };
  return new Promise((resolve) => {
    const send = target.startsWith("https:") ? httpsRequest : httpRequest;
    const request = send(target, { method: "POST", headers, agent: false, signal, timeout: ATTEMPT_TIMEOUT_MS }, (response) => {
      response.resume();
      response.once("end", () => resolve(response.statusCode ?? 0));
      response.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    request.once("timeout", () => request.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })));
    request.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    request.end(delivery.body);
  });
}

/** A usage alert as customers.update stores it (wire names). */
interface StoredAlert {
  feature_id?: string;
  enabled?: boolean;
  threshold: number;
  threshold_type: string;
  name?: string;
}

/** What a change of usage is judged on, taken before and after it: see `usageLevel`. */
export interface UsageLevel {
  /** Whether a check of the feature (of the smallest amount) is allowed on the tracked subject's balance, and if not, the limit that refuses it. */
  refusedBy: ReturnType<typeof refusedBy> | null;
  /** The customer's whole balance (its entities' grants included), for the customer's alerts. */
  customer: ShownBalance | null;
  /** The entity's balance (its own grants and its customer's), for the entity's alerts; null for a customer's usage. */
  entity: ShownBalance | null;
}

/** The amount Autumn checks for to tell whether a feature is used up. */
const SMALLEST = 1e-7;

/** The balances the webhooks of a change of usage compare, for `featureId` tracked on the customer or on `entityId`. */
export function usageLevel(state: SandboxState, customer: StoredCustomer, featureId: string, entityId: string | undefined, properties: Record<string, unknown> | undefined): UsageLevel {
  const scoped = rowsInScope(customer.rows, featureId, entityId);
  const controls = checkControls(state, customer, featureId, featureId, entityId, properties);
  return {
    refusedBy: scoped.length === 0 || allows(scoped, SMALLEST, controls) ? null : refusedBy(scoped, controls, SMALLEST),
    customer: renderBalance(featureId, customer.rows.filter((row) => row.feature_id === featureId)) as ShownBalance | null,
    entity: entityId === undefined ? null : (renderBalance(featureId, scoped) as ShownBalance | null),
  };
}

/**
 * Sends what a change of usage causes, as Autumn's track does: `balances.limit_reached` when a check of the
 * feature turns from allowed to refused, naming the limit and the entity; and each alert crossed, the
 * customer's over its whole balance, the entity's own over the entity's.
 */
export function notifyUsage(state: SandboxState, customer: StoredCustomer, featureId: string, entityId: string | undefined, before: UsageLevel, after: UsageLevel): void {
  if (!state.webhooks || customer.id === null) return;
  const base = { customer_id: customer.id, feature_id: featureId };
  const entity = entityId === undefined ? {} : { entity_id: entityId };
  if (before.refusedBy === null && after.refusedBy !== null) state.webhooks.send("balances.limit_reached", { ...base, limit_type: after.refusedBy, ...entity });
  const alertsOf = (controls: Record<string, unknown> | undefined) =>
    ((controls?.["usage_alerts"] ?? []) as StoredAlert[]).filter((alert) => alert.enabled !== false && (alert.feature_id === undefined || alert.feature_id === featureId));
  const scopes = [
    { alerts: alertsOf(customer.billing_controls), data: base, from: before.customer, to: after.customer },
    ...(entityId === undefined ? [] : [{ alerts: alertsOf(customer.entities.get(entityId)?.billing_controls), data: { ...base, ...entity }, from: before.entity, to: after.entity }]),
  ];
  for (const { alerts, data, from, to } of scopes) {
    if (!from || !to) continue;
    for (const alert of alerts) {
      if (!crossed(alert, from, to)) continue;
      const usageAlert = { ...(alert.name === undefined ? {} : { name: alert.name }), threshold: alert.threshold, threshold_type: alert.threshold_type };
      state.webhooks.send("balances.usage_alert_triggered", { ...data, usage_alert: usageAlert });
    }
  }
}

/** The figures of a balance as the API shows it (`renderBalance`) that alerts read. */
type ShownBalance = { granted: number; remaining: number; usage: number; unlimited: boolean };

/** Whether going from balance `from` to `to` crosses the alert: usage thresholds going up, remaining ones going down; never on an unlimited balance, nor by percentage of nothing granted. */
function crossed(alert: StoredAlert, from: ShownBalance, to: ShownBalance): boolean {
  if (from.unlimited || to.unlimited) return false;
  const percent = (value: number, of: number) => (value * 100) / of;
  const rises = (a: number, b: number) => a < alert.threshold && b >= alert.threshold;
  const falls = (a: number, b: number) => a > alert.threshold && b <= alert.threshold;
  const granted = from.granted > 0 && to.granted > 0;
  switch (alert.threshold_type) {
    case "usage":
      return rises(from.usage, to.usage);
    case "usage_percentage":
      return granted && rises(percent(from.usage, from.granted), percent(to.usage, to.granted));
    case "remaining":
      return falls(from.remaining, to.remaining);
    case "remaining_percentage":
      return granted && falls(percent(from.remaining, from.granted), percent(to.remaining, to.granted));
  }
  return false;
}

/** Sends `billing.updated` for a plan that was activated, changed, cancelled or that expired. */
export function notifyPlanChange(state: SandboxState, customer: StoredCustomer, subscription: StoredSubscription, action: "activated" | "scheduled" | "updated" | "expired"): void {
  if (!state.webhooks || customer.id === null) return;
  const rendered = renderSubscription(subscription);
  const fields = ["plan_id", "status", "past_due", "started_at", "canceled_at", "expires_at", "trial_ends_at", "current_period_start", "current_period_end"];
  state.webhooks.send("billing.updated", {
    object: "billing.updated",
    customer_id: customer.id,
    ...(subscription.entity_id !== null && { entity_id: subscription.entity_id }),
    plan_changes: [
      {
        action,
        subscription: Object.fromEntries(fields.map((field) => [field, rendered[field]])),
        previous_attributes: null,
        item_changes: [],
      },
    ],
    tags: [],
  });
}
