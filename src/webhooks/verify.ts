import * as v from "valibot";
import { WebhookVerificationError, type WebhookVerificationErrorInit } from "../lib/errors/webhook-verification-error.js";
import { toIssues } from "../lib/issues.js";
import { err, ok, type Result } from "../lib/result.js";
import { type WebhookEvent, type WebhookEventMeta, webhookEventDataSchemas } from "../models/webhook-events.js";
import { fromBase64, payloadBytes, secretKeys, signatures, type WebhookPayload, type WebhookSecret } from "./signature.js";

/**
 * Request headers: a `Headers` object (`request.headers` in a route handler or
 * a Worker), or a plain record such as Node's `IncomingHttpHeaders`, whose
 * names may be in any case and whose values may be arrays.
 */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Options of `webhooksVerify`. */
export interface WebhookVerifyOptions {
  /**
   * How far the signing time may be from now, either way, in ms. Default
   * 300,000 (5 minutes). Older deliveries are refused as possible replays.
   * A value that is not a number of 0 or more counts as unset.
   */
  toleranceMs?: number;
  /** The current time, in epoch ms or as a Date; default `Date.now()` (also for an invalid date). For tests. */
  now?: number | Date;
}

const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;

// A JSON key that names a credential (`access_token`, `clientSecret`, `password`, `apiKey`, `credentials`, …;
// not `tokens` or `max_tokens`), escaped or not, and the prefixes of secret keys wherever they stand.
const CREDENTIAL_KEY = /(?:token|secret|password|api_?key|private_?key|credentials?|authorization)\\?"\s*:/i;
const SECRET_VALUE = /am_(?:sk|jwt|oauth)_|whsec_|\b[rs]k_(?:live|test)_/;

/** The body as a refusal may keep it: one that holds a credential (a Vercel event's access token) is withheld whole. */
function kept(rawBody: string): string {
  return CREDENTIAL_KEY.test(rawBody) || SECRET_VALUE.test(rawBody) ? "[withheld: the body holds credentials]" : rawBody;
}

/**
 * Verifies a webhook from Autumn and returns its event: checks the signature
 * against the raw body and the secret (or each of several secrets, during a
 * rotation), refuses a timestamp further from now than the tolerance, then
 * parses the body. Never throws; the error's `reason` names the check that
 * failed. Pass the body exactly as received: a body parsed and serialised
 * again no longer matches its signature.
 *
 * An event type the SDK does not know yet is returned with `known: false`,
 * its `data` as sent. Deduplicate on `deliveryId`: a delivery not answered
 * with a 2xx is sent again under the same id.
 *
 * @example
 * ```ts
 * const res = await webhooksVerify(process.env["AUTUMN_WEBHOOK_SECRET"], await request.text(), request.headers);
 * if (!res.ok) return new Response(res.error.reason, { status: 400 });
 * if (res.value.known && res.value.type === "balances.limit_reached") notify(res.value.data.customerId);
 * ```
 */
export async function webhooksVerify(
  secret: WebhookSecret | undefined,
  payload: WebhookPayload,
  headers: WebhookHeaders,
  options?: WebhookVerifyOptions,
): Promise<Result<WebhookEvent, WebhookVerificationError>> {
  try {
    return await verify(secret, payload, headers, options);
  } catch (cause) {
    return refuse({ reason: "unexpected", message: "Webhook verification failed unexpectedly; this is a bug in the SDK", cause });
  }
}

async function verify(
  secret: WebhookSecret | undefined,
  payload: WebhookPayload,
  headers: WebhookHeaders,
  options: WebhookVerifyOptions | undefined,
): Promise<Result<WebhookEvent, WebhookVerificationError>> {
  const keys = secretKeys(secret);
  if (keys instanceof WebhookVerificationError) return err(keys);
  const body = payloadBytes(payload);
  if (!body) {
    return refuse({
      reason: "payload_not_raw",
      message: "The payload must be the raw body (a string, Uint8Array or ArrayBuffer), read before any JSON parsing",
    });
  }
  const id = header(headers, "id");
  const timestamp = header(headers, "timestamp");
  const signature = header(headers, "signature");
  if (!id || !timestamp || !signature) {
    const name = !id ? "id" : !timestamp ? "timestamp" : "signature";
    return refuse({ reason: "missing_header", header: `svix-${name}`, deliveryId: id?.value, message: `The request has no svix-${name} (or webhook-${name}) header` });
  }
  const deliveryId = id.value;
  const signedAt = checkTimestamp(timestamp, deliveryId, options);
  if (typeof signedAt !== "number") return signedAt;
  const mismatch = await checkSignature(keys, deliveryId, timestamp.value, signature, body);
  return mismatch ?? parseEvent(body, { deliveryId, signedAt });
}

/** The signing time in epoch ms, if the timestamp header is one and is within the tolerance of now. */
function checkTimestamp(timestamp: Header, deliveryId: string, options: WebhookVerifyOptions | undefined): number | Result<never, WebhookVerificationError> {
  if (!/^\d{1,15}$/.test(timestamp.value)) {
    return refuse({ reason: "invalid_timestamp", header: timestamp.name, deliveryId, message: `The ${timestamp.name} header is not a Unix time in seconds` });
  }
  const signedAt = Number(timestamp.value) * 1000;
  const now = Number(options?.now ?? Date.now());
  const tolerance = typeof options?.toleranceMs === "number" && options.toleranceMs >= 0 ? options.toleranceMs : DEFAULT_TOLERANCE_MS;
  const skew = (Number.isFinite(now) ? now : Date.now()) - signedAt;
  if (Math.abs(skew) <= tolerance) return signedAt;
  return refuse({
    reason: "timestamp_outside_tolerance",
    header: timestamp.name,
    deliveryId,
    message: `The webhook was signed ${Math.round(Math.abs(skew) / 1000)} s ${skew > 0 ? "ago" : "in the future"}, beyond the tolerance of ${Math.round(tolerance / 1000)} s`,
  });
}

/** Undefined when a `v1` entry of the signature header matches one of the keys; the refusal otherwise. */
async function checkSignature(
  keys: readonly Uint8Array<ArrayBuffer>[],
  deliveryId: string,
  timestamp: string,
  signature: Header,
  body: Uint8Array,
): Promise<Result<never, WebhookVerificationError> | undefined> {
  if (!globalThis.crypto?.subtle) {
    return refuse({ reason: "crypto_unavailable", deliveryId, message: "This runtime has no Web Crypto (crypto.subtle); browsers offer it only on https pages" });
  }
  let expected: Uint8Array[];
  try {
    expected = await signatures(keys, deliveryId, timestamp, body);
  } catch (cause) {
    return refuse({ reason: "crypto_unavailable", deliveryId, message: "Web Crypto could not compute the signature", cause });
  }
  // Entries are space-separated `version,base64`; a trailing comma is what joining repeated headers leaves.
  for (const entry of signature.value.split(/\s+/)) {
    const encoded = /^v1,([^,]+),?$/.exec(entry)?.[1];
    const offered = encoded === undefined ? undefined : fromBase64(encoded);
    if (offered && expected.some((mine) => sameBytes(mine, offered))) return undefined;
  }
  return refuse({
    reason: "no_matching_signature",
    header: signature.name,
    deliveryId,
    message: "No v1 signature matches: the secret is not this endpoint's, or the body changed after it was received (parsed and serialised again?)",
  });
}

/** Compares in time that depends only on the length, which is public (32 bytes for SHA-256). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

/** A header as found: the name it was found under, and its value. */
interface Header {
  name: string;
  value: string;
}

/**
 * A header by its `svix-` name or, failing that, its `webhook-` name. Repeated
 * values are joined with ", ", as `Headers` does.
 */
function header(headers: WebhookHeaders, name: string): Header | undefined {
  for (const prefix of ["svix-", "webhook-"]) {
    const full = prefix + name;
    let value: unknown;
    if (typeof (headers as Headers)?.get === "function") {
      value = (headers as Headers).get(full);
    } else if (headers && typeof headers === "object") {
      const key = Object.keys(headers).find((each) => each.toLowerCase() === full);
      value = key === undefined ? undefined : (headers as Record<string, unknown>)[key];
    }
    if (Array.isArray(value)) value = value.join(", ");
    if (typeof value === "string" && value.trim() !== "") return { name: full, value: value.trim() };
  }
  return undefined;
}

/** Reads the verified body: `{ type, data }`, with `data` checked for the types the SDK knows. */
function parseEvent(body: Uint8Array, meta: WebhookEventMeta): Result<WebhookEvent, WebhookVerificationError> {
  const { deliveryId } = meta;
  let rawBody: string | undefined;
  let parsed: unknown;
  try {
    rawBody = new TextDecoder("utf-8", { fatal: true }).decode(body);
    parsed = JSON.parse(rawBody);
  } catch {
    // Bytes that are not UTF-8 are not JSON either; rawBody shows them as replacement characters.
    return refuse({ reason: "invalid_json", deliveryId, rawBody: kept(rawBody ?? new TextDecoder().decode(body)), message: "The signature is valid, but the body is not JSON" });
  }
  const event = parsed as { type?: unknown; data?: unknown; id?: unknown; occurred_at?: unknown } | null;
  if (!event || typeof event !== "object" || Array.isArray(event) || typeof event.type !== "string") {
    return refuse({
      reason: "invalid_payload",
      deliveryId,
      rawBody: kept(rawBody),
      issues: [{ path: "type", message: "required (string)" }],
      message: "The signature is valid, but the body is not an event ({ type, data })",
    });
  }
  const { type } = event;
  if (typeof event.id === "string") meta.eventId = event.id;
  if (typeof event.occurred_at === "number" || typeof event.occurred_at === "string") meta.occurredAt = event.occurred_at;
  // Own keys only, so that a type such as "constructor" is an unknown event, not a lookup on the prototype.
  if (!Object.hasOwn(webhookEventDataSchemas, type)) return ok({ type, known: false, data: event.data, ...meta });
  const checked = v.safeParse(webhookEventDataSchemas[type as keyof typeof webhookEventDataSchemas], event.data);
  if (!checked.success) {
    const issues = toIssues(checked.issues).map((issue) => ({ path: issue.path ? `data.${issue.path}` : "data", message: issue.message }));
    return refuse({
      reason: "invalid_payload",
      deliveryId,
      type,
      rawBody: kept(rawBody),
      issues,
      message: `The signature is valid, but the ${type} event does not match: ${issues[0]!.path}: ${issues[0]!.message}`,
    });
  }
  return ok({ type, known: true, data: checked.output, ...meta } as WebhookEvent);
}

function refuse(init: WebhookVerificationErrorInit): Result<never, WebhookVerificationError> {
  // Only the fields that have a value, so that an inspected or logged error shows no empty ones.
  const fields = Object.fromEntries(Object.entries(init).filter(([, value]) => value !== undefined)) as unknown as WebhookVerificationErrorInit;
  return err(new WebhookVerificationError(fields));
}
