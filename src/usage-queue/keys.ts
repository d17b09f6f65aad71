// Random bytes for 256 keys at a time: `getRandomValues` costs several microseconds a call in Node,
// more than the rest of `add` together, and a pool of them costs as much as one key.
const POOL_KEYS = 256;
let pool = new Uint8Array(0);
let used = 0;

/**
 * A random UUID v4 for an event's `Idempotency-Key`, from `getRandomValues`, which every supported
 * runtime has (`randomUUID` needs a secure context). The pool is filled on first use, never at
 * import: Workers refuse randomness outside a request.
 */
export function newKey(): string {
  if (used === pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(16 * POOL_KEYS));
    used = 0;
  }
  const bytes = pool.subarray(used, (used += 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  let hex = "";
  for (const byte of bytes) hex += HEX[byte];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const HEX = /* @__PURE__ */ Array.from({ length: 256 }, (_, byte) => (byte + 256).toString(16).slice(1));
