import { WebhookVerificationError } from "../lib/errors/webhook-verification-error.js";

/**
 * The signing scheme Autumn's webhooks use (Svix's): HMAC-SHA256, keyed with
 * the base64 part of a `whsec_` secret, over `${id}.${timestamp}.${body}`,
 * sent base64-encoded as `v1,<signature>`. Web Crypto only, so it runs the
 * same on Node, Bun, Deno, Workers and in browsers.
 */

/** An endpoint secret (`whsec_…`), or several while one is being rotated. */
export type WebhookSecret = string | readonly string[];

/** A request body exactly as received. */
export type WebhookPayload = string | Uint8Array | ArrayBuffer;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Decodes standard base64, or returns undefined when the text is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Encodes bytes as standard base64. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The HMAC key of each secret, or the error naming the malformed one (by
 * position, never by value). The `whsec_` prefix is optional, as in Svix's
 * own libraries.
 */
export function secretKeys(secret: WebhookSecret | undefined): Uint8Array<ArrayBuffer>[] | WebhookVerificationError {
  const secrets: readonly unknown[] = typeof secret === "string" ? [secret] : Array.isArray(secret) ? secret : [];
  if (secrets.length === 0 || (secrets.length === 1 && secrets[0] === "")) {
    return new WebhookVerificationError({ reason: "invalid_secret", message: "No webhook secret was given (is the environment variable set?)" });
  }
  const keys: Uint8Array<ArrayBuffer>[] = [];
  for (const [index, each] of secrets.entries()) {
    const key = typeof each === "string" ? fromBase64(each.startsWith("whsec_") ? each.slice(6) : each) : undefined;
    if (!key) {
      const which = secrets.length > 1 ? ` (secret ${index + 1} of ${secrets.length})` : "";
      return new WebhookVerificationError({ reason: "invalid_secret", message: `The webhook secret is malformed${which}: expected whsec_ followed by base64` });
    }
    keys.push(key);
  }
  return keys;
}

/** The bytes of a payload, or undefined when it is not a raw body. */
export function payloadBytes(payload: unknown): Uint8Array | undefined {
  if (typeof payload === "string") return new TextEncoder().encode(payload);
  if (payload instanceof Uint8Array) return payload;
  if (ArrayBuffer.isView(payload)) return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  // Checked by tag rather than instanceof, so that a buffer from another realm (a VM context, a worker) counts.
  if (Object.prototype.toString.call(payload) === "[object ArrayBuffer]") return new Uint8Array(payload as ArrayBuffer);
  return undefined;
}

/** The HMAC-SHA256 of `${id}.${timestamp}.${body}` under each key, in order. */
export async function signatures(keys: readonly Uint8Array<ArrayBuffer>[], id: string, timestamp: string, body: Uint8Array): Promise<Uint8Array[]> {
  const prefix = new TextEncoder().encode(`${id}.${timestamp}.`);
  const content = new Uint8Array(prefix.length + body.length);
  content.set(prefix);
  content.set(body, prefix.length);
  const { subtle } = globalThis.crypto;
  return Promise.all(
    keys.map(async (raw) => {
      const key = await subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      return new Uint8Array(await subtle.sign("HMAC", key, content));
    }),
  );
}
