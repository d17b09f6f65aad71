/**
 * What `sandbox.requests` keeps: the newest entries, at most `entries` of them and at most `bytes` of
 * request bodies between them (the newest always stays), so that a sandbox left running, as
 * `autumn-sandbox` is, does not keep every body it was ever sent.
 */
export interface RequestLog<T extends object> {
  /** The entries kept, oldest first: the same array for the log's whole life, which a test may empty itself. */
  readonly entries: T[];
  /** Appends an entry whose body had `bytes` bytes, letting the oldest go past either limit. */
  add(entry: T, bytes: number): void;
  clear(): void;
}

export function createRequestLog<T extends object>(limits: { readonly entries: number; readonly bytes: number }): RequestLog<T> {
  const entries: T[] = [];
  // Sizes by entry rather than in a list beside them, so that they stay right whatever is done to `entries`.
  const sizes = new WeakMap<T, number>();
  const sizeOf = (entry: T | undefined) => (entry === undefined ? 0 : (sizes.get(entry) ?? 0));
  let bytes = 0;
  let count = 0;
  return {
    entries,
    add(entry, size) {
      // Changed from outside since the last add (a test emptied it): count again what is there.
      if (entries.length !== count) bytes = entries.reduce((sum, kept) => sum + sizeOf(kept), 0);
      entries.push(entry);
      sizes.set(entry, size);
      bytes += size;
      while (entries.length > limits.entries || (bytes > limits.bytes && entries.length > 1)) bytes -= sizeOf(entries.shift());
      count = entries.length;
    },
    clear() {
      entries.length = 0;
    },
  };
}
