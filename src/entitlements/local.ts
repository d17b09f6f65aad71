import type { Snapshot } from "./snapshot.js";

/** A snapshot held in this process. */
export interface LocalEntry {
  readonly snapshot: Snapshot;
  /** When it was last read from or written to the shared store (cache clock); the load time without one. */
  readonly syncedAt: number;
  /** The customer's generation in the shared store it belongs to; undefined when unknown or without one. */
  readonly generation: string | null | undefined;
  /** Its size as JSON, the measure the byte bound counts. */
  readonly bytes: number;
}

interface CustomerEntry {
  readonly subjects: Map<string, LocalEntry>;
  bytes: number;
}

/**
 * The snapshots this process holds: least recently used customers first out,
 * once there are more than `maxCustomers` of them or their snapshots add up
 * to more than `maxBytes` of JSON. A customer's snapshots (its own and its
 * entities') come and go together.
 */
export class LocalTier {
  readonly #customers = new Map<string, CustomerEntry>();
  readonly #maxCustomers: number;
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(maxCustomers: number, maxBytes: number) {
    this.#maxCustomers = maxCustomers;
    this.#maxBytes = maxBytes;
  }

  /** Customers held. */
  get customers(): number {
    return this.#customers.size;
  }

  /** JSON size of every snapshot held. */
  get bytes(): number {
    return this.#bytes;
  }

  /** A subject's entry; marks its customer as just used. */
  get(customerId: string, subject: string): LocalEntry | undefined {
    const customer = this.#customers.get(customerId);
    if (!customer) return undefined;
    // Map keeps insertion order: moving the customer to the end keeps the least recently used first.
    this.#customers.delete(customerId);
    this.#customers.set(customerId, customer);
    return customer.subjects.get(subject);
  }

  /** Holds a snapshot (frozen: answers share its objects), evicting the least recently used customers beyond the bounds (never the one just set). */
  set(customerId: string, subject: string, snapshot: Snapshot, syncedAt: number, generation: string | null | undefined): void {
    const bytes = JSON.stringify(deepFreeze(snapshot)).length;
    let customer = this.#customers.get(customerId);
    if (customer) this.#customers.delete(customerId);
    else customer = { subjects: new Map(), bytes: 0 };
    this.#customers.set(customerId, customer);
    const previous = customer.subjects.get(subject);
    customer.subjects.set(subject, { snapshot, syncedAt, generation, bytes });
    const change = bytes - (previous?.bytes ?? 0);
    customer.bytes += change;
    this.#bytes += change;
    for (const [oldest, entry] of this.#customers) {
      if (oldest === customerId || (this.#customers.size <= this.#maxCustomers && this.#bytes <= this.#maxBytes)) break;
      this.#customers.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }

  /** Forgets every snapshot of a customer. */
  drop(customerId: string): void {
    const customer = this.#customers.get(customerId);
    if (!customer) return;
    this.#customers.delete(customerId);
    this.#bytes -= customer.bytes;
  }
}

/** Freezes a value and everything in it; frozen parts (shared with an earlier snapshot) are not walked again. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}
