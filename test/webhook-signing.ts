import { createHmac } from "node:crypto";

/**
 * Webhook signatures computed with node:crypto, independently of the SDK's
 * Web Crypto code: the test vectors every webhook test checks against.
 */

/** A 24-byte key, the size Svix issues, and the endpoint secret that carries it. */
export const WEBHOOK_KEY = Buffer.from("9f1c2e7a4b8d0635f2a1c9e8d7b6a5f4e3d2c1b0a9f8e7d6", "hex");
export const WEBHOOK_SECRET = `whsec_${WEBHOOK_KEY.toString("base64")}`;
/** Another endpoint's key and secret. */
export const OTHER_KEY = Buffer.from("0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071", "hex");
export const OTHER_SECRET = `whsec_${OTHER_KEY.toString("base64")}`;

/** A fixed "now" (2027-01-15T08:00:00Z) for the `now` option, and the same instant in Unix seconds. */
export const NOW_MS = 1_800_000_000_000;
export const NOW_S = NOW_MS / 1000;

/** The base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`. */
export function hmac(key: Buffer, id: string, timestamp: string | number, body: string | Buffer): string {
  return createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest("base64");
}

/** The headers of a delivery signed with each key, as Autumn sends them. */
export function signedHeaders(
  body: string | Buffer,
  { id = "msg_2fYx9Q", timestamp = NOW_S, keys = [WEBHOOK_KEY], prefix = "svix-" }: { id?: string; timestamp?: number | string; keys?: Buffer[]; prefix?: string } = {},
): Record<string, string> {
  return {
    [`${prefix}id`]: id,
    [`${prefix}timestamp`]: String(timestamp),
    [`${prefix}signature`]: keys.map((key) => `v1,${hmac(key, id, timestamp, body)}`).join(" "),
  };
}
