/**
 * A Next.js App Router route that receives Autumn's webhooks:
 * `app/api/autumn/webhook/route.ts`. Point the webhook endpoint in Autumn at
 * `https://your.app/api/autumn/webhook` and set AUTUMN_WEBHOOK_SECRET to its
 * signing secret (`whsec_…`); while rotating, to both secrets, space-separated.
 *
 *   POST /api/autumn/webhook   200 once handled (or known to be a resend, or of a type this SDK does not know),
 *                              400 when not from Autumn, altered or replayed, 500 when the receiver is misconfigured
 *
 * Only web APIs, so `runtime = "edge"` works the same.
 */
import { type WebhookVerificationError, webhooksVerify } from "@useautumn/sdk/webhooks";
import { handleAutumnEvent } from "../../../../lib/autumn-events";

export const runtime = "nodejs";

export async function POST(request: Request): Promise<Response> {
  // First, the body as text: the signature covers these exact bytes. Calling
  // request.json() instead would parse them, and re-serialising never gives
  // back the same bytes; it also consumes the stream, so they are gone.
  const body = await request.text();
  const secrets = process.env["AUTUMN_WEBHOOK_SECRET"]?.split(/\s+/).filter(Boolean);
  const verified = await webhooksVerify(secrets, body, request.headers);
  if (!verified.ok) return refusal(verified.error);
  return Response.json(await handleAutumnEvent(verified.value));
}

function refusal(error: WebhookVerificationError): Response {
  switch (error.reason) {
    case "invalid_json":
    case "invalid_payload":
      // From Autumn (the signature matched), in a shape this SDK version cannot read. A resend would
      // carry the same body, so acknowledge it, and keep the body to handle once the SDK is updated.
      console.error(`autumn webhook ${error.deliveryId}: ${error.message}\n${error.rawBody}`);
      return Response.json({ received: true, processed: false });
    case "invalid_secret":
    case "payload_not_raw":
    case "crypto_unavailable":
    case "unexpected":
      // Our side is broken: a 5xx makes Autumn try again later, once it is fixed.
      console.error(`autumn webhook receiver: ${error.message}`);
      return Response.json({ error: "webhook receiver unavailable" }, { status: 500 });
    default:
      // Not signed by Autumn with our secret, altered on the way, or replayed.
      return Response.json({ error: error.reason }, { status: 400 });
  }
}
