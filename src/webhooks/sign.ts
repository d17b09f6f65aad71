import { WebhookVerificationError } from "../lib/errors/webhook-verification-error.js";
import { err, ok, type Result } from "../lib/result.js";
import { payloadBytes, secretKeys, signatures, toBase64, type WebhookPayload, type WebhookSecret } from "./signature.js";

/** Options of `webhooksSign`. */
export interface WebhookSignOptions {
  /** The delivery id to sign under; default a random `msg_…`. Reuse one to test deduplication. */
  deliveryId?: string;
  /** The signing time, in epoch ms or as a Date; default now (also for an invalid date). An old one tests the tolerance. */
  timestamp?: number | Date;
}

/** The headers Autumn sends with a webhook. Usable as `headers` of a `Request` or `fetch`, and by `webhooksVerify`. */
export type SignedWebhookHeaders = {
  "svix-id": string;
  "svix-timestamp": string;
  /** One `v1,<base64>` entry per secret, space-separated. */
  "svix-signature": string;
};

/**
 * Signs a payload the way Autumn signs its webhooks, for testing your
 * handler: send the same payload with these headers and `webhooksVerify`
 * accepts it. With several secrets the header carries one signature for each,
 * as during a rotation. Never throws; a malformed secret is an
 * `invalid_secret` error, and a payload that is not a raw body `payload_not_raw`.
 *
 * @example
 * ```ts
 * const body = JSON.stringify({ type: "balances.limit_reached", data: { customer_id: "user_123", feature_id: "messages", limit_type: "included" } });
 * const signed = await webhooksSign(secret, body);
 * if (signed.ok) await POST(new Request("http://localhost/api/autumn/webhook", { method: "POST", body, headers: { ...signed.value } }));
 * ```
 */
export async function webhooksSign(
  secret: WebhookSecret,
  payload: WebhookPayload,
  options?: WebhookSignOptions,
): Promise<Result<SignedWebhookHeaders, WebhookVerificationError>> {
  const keys = secretKeys(secret);
  if (keys instanceof WebhookVerificationError) return err(keys);
  const body = payloadBytes(payload);
  if (!body) {
    return err(new WebhookVerificationError({ reason: "payload_not_raw", message: "The payload to sign must be a string, Uint8Array or ArrayBuffer" }));
  }
  let id: string;
  let signed: Uint8Array[];
  const at = Number(options?.timestamp ?? Date.now());
  const timestamp = String(Math.floor((Number.isFinite(at) ? at : Date.now()) / 1000));
  try {
    id = options?.deliveryId ?? `msg_${toBase64(crypto.getRandomValues(new Uint8Array(18))).replace(/[+/]/g, "0")}`;
    signed = await signatures(keys, id, timestamp, body);
  } catch (cause) {
    return err(new WebhookVerificationError({ reason: "crypto_unavailable", message: "Web Crypto (crypto.subtle) is missing or could not sign", cause }));
  }
  return ok({ "svix-id": id, "svix-timestamp": timestamp, "svix-signature": signed.map((signature) => `v1,${toBase64(signature)}`).join(" ") });
}
