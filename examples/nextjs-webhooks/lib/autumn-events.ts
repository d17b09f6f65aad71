/**
 * What the app does when Autumn tells it something. The actions are strings
 * pushed to `outbox`, standing in for your email, Slack or database calls.
 */
import type { WebhookEvent } from "@useautumn/sdk/webhooks";

/** What the route answers, once the delivery is verified. */
export type Outcome = { received: true; handled: string } | { received: true; duplicate: true } | { received: true; ignored: string };

/** Stands in for your email or notification service. */
export const outbox: string[] = [];

/**
 * Deliveries already handled. Autumn resends a delivery that got no 2xx, under
 * the same id; keep these ids in your database (a unique column) so that a
 * resend is skipped after a restart too.
 */
const handled = new Set<string>();

export async function handleAutumnEvent(event: WebhookEvent): Promise<Outcome> {
  if (handled.has(event.deliveryId)) return { received: true, duplicate: true };
  // A type newer than this SDK: acknowledge it, so that Autumn does not resend it.
  if (!event.known) return { received: true, ignored: event.type };
  switch (event.type) {
    case "balances.limit_reached":
      outbox.push(`to ${event.data.customerId}: you have used all your ${event.data.featureId}; upgrade to keep going`);
      break;
    case "balances.usage_alert_triggered":
      outbox.push(`to ${event.data.customerId}: ${event.data.usageAlert.name ?? "usage alert"} on ${event.data.featureId}`);
      break;
    case "billing.auto_topup_failed":
      outbox.push(`to ${event.data.customerId}: your automatic top-up of ${event.data.featureId} failed (${event.data.reason})`);
      break;
    case "billing.updated":
      for (const change of event.data.planChanges) {
        const planId = change.subscription?.planId ?? change.purchase?.planId ?? "a plan";
        outbox.push(`to ${event.data.customerId}: ${planId} ${change.action}`);
      }
      break;
    default:
      return { received: true, ignored: event.type };
  }
  handled.add(event.deliveryId);
  return { received: true, handled: event.type };
}
