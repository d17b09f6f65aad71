/**
 * A store that several processes share, so that a snapshot one of them
 * loaded serves them all and an invalidation reaches them all. Each customer
 * has a generation: invalidating moves it on, and a write made for an older
 * generation (by a load that started before the invalidation) is never read.
 * `redisStore` (`@useautumn/sdk/entitlements/redis`) implements it with one
 * atomic script per operation; `keyValueStore` implements it over any store
 * with `get` and `set` (Workers KV, Deno KV, a database table).
 */
export interface SharedStore {
  /** The customer's current generation (null before any) and the text stored for one of its subjects (null when none). */
  read(customerId: string, subject: string): Promise<{ readonly generation: string | null; readonly text: string | null }>;
  /** Stores a subject's text for `generation`; dropped when the customer's generation has moved on. */
  write(customerId: string, subject: string, generation: string | null, text: string, ttlMs: number): Promise<void>;
  /** Moves the customer to a new generation, which forgets all its subjects, then stores one subject's text in it if given. */
  replace(customerId: string, generation: string, ttlMs: number, subject?: string, text?: string): Promise<void>;
}

/** The least a key-value store needs for `keyValueStore`: values are strings, and `set` takes a time to live. */
export interface KeyValueStore {
  /** The value of a key, or null/undefined when there is none. */
  get(key: string): Promise<string | null | undefined>;
  /** Sets a key's value, to be forgotten after `ttlMs` (a store may keep it longer: the cache checks ages itself). */
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

/**
 * A shared store over a plain key-value store: the generation under one key
 * per customer, each subject's text under a key that includes the
 * generation, so invalidating is a single `set` and an older generation's
 * texts are simply never read again (they expire). A read is two `get`s in
 * turn. Keys start with `prefix` (default `autumn:entitlements:`) and hold
 * the customer id and the subject (`""`, or `e:` and the entity id).
 *
 * @example
 * ```ts
 * // A Cloudflare Workers KV namespace (it keeps keys for at least 60 s).
 * declare const KV: { get(key: string): Promise<string | null>; put(key: string, value: string, options: { expirationTtl: number }): Promise<void> };
 * const shared = keyValueStore({
 *   get: (key) => KV.get(key),
 *   set: (key, value, ttlMs) => KV.put(key, value, { expirationTtl: Math.max(60, Math.ceil(ttlMs / 1000)) }),
 * });
 * ```
 */
export function keyValueStore(store: KeyValueStore, options: { prefix?: string } = {}): SharedStore {
  const prefix = options.prefix ?? "autumn:entitlements:";
  // Customer ids never hold "/", so the customer's part of a key ends at the first one after it.
  const generationKey = (customerId: string) => `${prefix}g/${customerId}`;
  const textKey = (customerId: string, generation: string | null, subject: string) => `${prefix}s/${customerId}/${generation ?? ""}/${subject}`;
  return {
    async read(customerId, subject) {
      const generation = (await store.get(generationKey(customerId))) ?? null;
      const text = (await store.get(textKey(customerId, generation, subject))) ?? null;
      return { generation, text };
    },
    async write(customerId, subject, generation, text, ttlMs) {
      await store.set(textKey(customerId, generation, subject), text, ttlMs);
    },
    async replace(customerId, generation, ttlMs, subject, text) {
      await store.set(generationKey(customerId), generation, ttlMs);
      if (subject !== undefined && text !== undefined) await store.set(textKey(customerId, generation, subject), text, ttlMs);
    },
  };
}
