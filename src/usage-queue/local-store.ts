import {
  type DeadLetter,
  holdsLease,
  isDue,
  release,
  startAttempt,
  type StoreCounts,
  type StoredEvent,
  type UsageStore,
  usageOf,
} from "./store.js";

/** One change of a local store, as its journal records it: an event as it now stands, a dead letter, or a key forgotten. */
export type JournalEntry = { readonly e: StoredEvent } | { readonly d: DeadLetter } | { readonly x: string };

/** Where a local store writes each change before making it (the file store's log); it may throw, and then nothing changes. */
export interface Journal {
  write(entries: readonly JournalEntry[]): void;
}

/** A local store, and what it holds for a journal that rewrites itself. */
export interface LocalStore extends UsageStore {
  /** Everything it holds, as journal entries. */
  snapshot(): JournalEntry[];
  /** How many events and dead letters it holds. */
  size(): number;
}

/**
 * The store of one process, in a `Map` whose order is the delivery order: an event that backs off
 * moves to the end. Everything is synchronous. With a `journal`, every change is written there
 * first, which is all the file store adds; `initial` is what the journal held when it was opened.
 */
export function localStore(journal?: Journal, initial: readonly JournalEntry[] = []): LocalStore {
  const events = new Map<string, StoredEvent>();
  const dead = new Map<string, DeadLetter>();
  for (const entry of initial) apply(entry);
  const write = (entries: JournalEntry[]) => {
    journal?.write(entries);
    for (const entry of entries) apply(entry);
  };

  function apply(entry: JournalEntry): void {
    if ("e" in entry) {
      // Deleted first so that the event moves to the end of the order.
      events.delete(entry.e.key);
      events.set(entry.e.key, entry.e);
      dead.delete(entry.e.key);
    } else if ("d" in entry) {
      events.delete(entry.d.idempotencyKey);
      dead.set(entry.d.idempotencyKey, entry.d);
    } else {
      events.delete(entry.x);
      dead.delete(entry.x);
    }
  }

  return {
    durable: journal !== undefined,
    add(event, capacity) {
      if (events.has(event.key) || (dead.size > 0 && dead.has(event.key))) return true;
      if (events.size + dead.size >= capacity) return false;
      if (journal) journal.write([{ e: event }]);
      events.set(event.key, event);
      return true;
    },
    take(holder, count, now, leaseMs) {
      const taken: StoredEvent[] = [];
      for (const event of events.values()) {
        if (taken.length >= count) break;
        if (!isDue(event, now)) continue;
        const next = { ...event };
        startAttempt(next, holder, now, leaseMs);
        taken.push(next);
      }
      if (journal) journal.write(taken.map((event) => ({ e: event })));
      // Replaced in place: a taken event keeps its turn.
      for (const event of taken) events.set(event.key, event);
      return taken.map((event) => ({ ...event }));
    },
    settle(holder, taken, settlement) {
      const stored = events.get(taken.key);
      if (!stored || (settlement.kind !== "delivered" && !holdsLease(stored, holder, taken))) return false;
      if (settlement.kind === "delivered") write([{ x: taken.key }]);
      else if (settlement.kind === "dead") write([{ d: settlement.letter }]);
      else {
        const next = { ...stored };
        release(next, settlement);
        write([{ e: next }]);
      }
      return true;
    },
    counts(now) {
      let pending = 0;
      let inFlight = 0;
      let nextDueAt: number | undefined;
      for (const event of events.values()) {
        const leased = event.holder !== undefined && event.leaseUntil! > now;
        if (leased) inFlight++;
        else pending++;
        const due = event.holder === undefined ? event.nextAt : event.leaseUntil!;
        if (nextDueAt === undefined || due < nextDueAt) nextDueAt = due;
      }
      let outcomeUnknown = 0;
      for (const letter of dead.values()) if (letter.reason === "outcome_unknown") outcomeUnknown++;
      return { pending, inFlight, dead: dead.size, outcomeUnknown, nextDueAt } satisfies StoreCounts;
    },
    deadLetters: () => [...dead.values()],
    retryDead(key, now) {
      const letter = dead.get(key);
      if (!letter) return false;
      // Its uncertainty is forgotten: the app has reconciled it (an unknown outcome) or fixed the cause (a refusal).
      write([{ e: { key, params: letter.params, addedAt: letter.addedAt, attempts: letter.attempts, nextAt: now } }]);
      return true;
    },
    dropDead(key) {
      if (!dead.has(key)) return false;
      write([{ x: key }]);
      return true;
    },
    close: () => (journal ? [] : [...events.values()].map(usageOf)),
    size: () => events.size + dead.size,
    snapshot: () => [...[...events.values()].map((e) => ({ e })), ...[...dead.values()].map((d) => ({ d }))],
  };
}
