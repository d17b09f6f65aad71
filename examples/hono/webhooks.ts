/**
 * Autumn's webhooks in a Hono app: a route that verifies each delivery and
 * hands the event to your code, mounted next to the API routes.
 *
 *   POST /webhooks/autumn
 *
 *   app.route("/", webhookRoutes({ secret: env.AUTUMN_WEBHOOK_SECRET, onEvent }));
 */
import { Hono } from "hono";
import { type WebhookEvent, type WebhookSecret, type WebhookVerificationError, webhooksVerify } from "@useautumn/sdk/webhooks";

export interface WebhookRoutesOptions {
  /** The endpoint's signing secret (`whsec_…`), or the old and the new one during a rotation. */
  secret: WebhookSecret | undefined;
  /** Your handling of a verified event. Runs once per delivery id; an exception answers 500 and Autumn resends later. */
  onEvent(event: WebhookEvent): Promise<void> | void;
}

export function webhookRoutes({ secret, onEvent }: WebhookRoutesOptions): Hono {
  const app = new Hono();
  // Delivery ids already handled. Use your database in production: this one forgets on restart.
  const seen = new Set<string>();

  app.post("/webhooks/autumn", async (c) => {
    // The raw text, before any JSON parsing: the signature is over these exact bytes.
    const verified = await webhooksVerify(secret, await c.req.text(), c.req.raw.headers);
    if (!verified.ok) {
      const status = statusFor(verified.error);
      return status === 200 ? c.json({ received: true, processed: false }) : c.json({ error: verified.error.reason }, status);
    }
    const event = verified.value;
    if (seen.has(event.deliveryId)) return c.json({ received: true, duplicate: true });
    await onEvent(event);
    seen.add(event.deliveryId);
    return c.json({ received: true, type: event.type });
  });

  return app;
}

/**
 * 400 for a request that is not a genuine, fresh delivery; 200 for a genuine
 * one this SDK cannot read (a resend would not change it); 500 when the
 * receiver itself is broken, so that Autumn tries again later.
 */
function statusFor(error: WebhookVerificationError): 200 | 400 | 500 {
  if (error.signatureVerified) {
    console.error(`autumn webhook ${error.deliveryId} not readable: ${error.message}`);
    return 200;
  }
  const ours = error.reason === "invalid_secret" || error.reason === "payload_not_raw" || error.reason === "crypto_unavailable" || error.reason === "unexpected";
  return ours ? 500 : 400;
}
