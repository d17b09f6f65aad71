// Random bytes for 256 keys at a time: `getRandomValues` costs several microseconds a call in Node,
// more than the rest of `add` together, and a pool of them costs as much as one key.
const POOL_KEYS = 256;
let pool = new Uint8Array(0);
let used = 0;
// The key's characters, written in place and decoded into one flat string of 36 characters. Joining
// pieces (or slicing a larger string, as Node's randomUUID does) leaves a string that holds several
// hundred bytes of heap, which 100,000 pending events multiply, and takes longer.
const chars = new Uint8Array(36);
let decoder: TextDecoder | undefined;
const DIGITS = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

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
  pool[used + 6] = (pool[used + 6]! & 0x0f) | 0x40;
  pool[used + 8] = (pool[used + 8]! & 0x3f) | 0x80;
  let at = 0;
  for (let index = 0; index < 16; index++) {
    if (index === 4 || index === 6 || index === 8 || index === 10) chars[at++] = 45;
    const byte = pool[used + index]!;
    chars[at++] = DIGITS[byte >> 4]!;
    chars[at++] = DIGITS[byte & 15]!;
  }
  used += 16;
  return (decoder ??= new TextDecoder()).decode(chars);
}
