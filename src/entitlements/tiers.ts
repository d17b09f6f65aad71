import type { AutumnCore } from "../core.js";
import { customersGet } from "../funcs/customers-get.js";
import { entitiesGet } from "../funcs/entities-get.js";
import type { SDKError } from "../lib/errors/index.js";
import { UnexpectedClientError } from "../lib/errors/unexpected-client-error.js";
import { isOutage } from "../lib/fail-open.js";
import { err, ok, type Result } from "../lib/result.js";
import type { CacheState, Load } from "./cache.js";
import { customerSnapshot, entitySnapshot, type Snapshot } from "./snapshot.js";
import { parseSnapshotText, snapshotText } from "./snapshot-text.js";
import { EntitlementStoreError, type StoreOperation } from "./store-error.js";

/**
 * Where snapshots come from, nearest first: this process, the shared store,
 * Autumn. One load per customer and subject at a time, however many checks
 * wait for it; an invalidation lets go of the loads in flight for that
 * customer, so that no check that starts after it gets an answer from before.
 */

/** What `customers.get` is asked to include: feature kinds and credit costs, and the plans' billing controls and items. */
export const CUSTOMER_EXPAND = ["balances.feature", "flags.feature", "subscriptions.plan", "purchases.plan"] as const;

/** A subject's key: `""` for the customer itself, `e:` and the id for an entity. */
export function subjectKey(entityId: string | undefined): string {
  return entityId === undefined ? "" : `e:${entityId}`;
}

/** A snapshot's age on the cache's clock. */
export function ageOf(state: CacheState, snapshot: Snapshot, now = state.settings.now()): number {
  return Math.max(0, now - snapshot.loadedAt);
}

/** Whether a snapshot may answer at `now`: younger than `maxAge`, and before anything in it fell due. */
export function usable(snapshot: Snapshot, now: number, maxAge: number): boolean {
  return now - snapshot.loadedAt < maxAge && (snapshot.validUntil === null || now < snapshot.validUntil);
}

/** The outcome of looking for a snapshot: one to answer from, or why there is none and the last one this process held. */
export type Lookup = { readonly snapshot: Snapshot; readonly error?: undefined } | { readonly snapshot?: undefined; readonly error: SDKError; readonly last: Snapshot | undefined };

/** A snapshot fit to answer a check now: this process's, or a load's (which the caller waits for). */
export async function lookup(state: CacheState, customerId: string, entityId: string | undefined): Promise<Lookup> {
  const { settings } = state;
  const now = settings.now();
  const entry = state.local.get(customerId, subjectKey(entityId));
  const synced = entry && (!settings.shared || now - entry.syncedAt < settings.localMaxAgeMs);
  if (entry && synced && usable(entry.snapshot, now, settings.maxAgeMs)) {
    if (ageOf(state, entry.snapshot, now) >= settings.refreshAfterMs) void load(state, customerId, entityId, settings.refreshAfterMs);
    return { snapshot: entry.snapshot };
  }
  const loaded = await load(state, customerId, entityId, settings.maxAgeMs);
  if (loaded.ok) return { snapshot: loaded.value };
  // During an outage, a copy still within maxAgeMs answers, though the shared store could not confirm it.
  if (entry && isOutage(loaded.error) && usable(entry.snapshot, now, settings.maxAgeMs)) return { snapshot: entry.snapshot };
  return { error: loaded.error, last: state.local.get(customerId, subjectKey(entityId))?.snapshot ?? entry?.snapshot };
}

/** Loads a subject's snapshot (from the shared store when it has one younger than `acceptAge`, else from Autumn), once at a time. */
export function load(state: CacheState, customerId: string, entityId: string | undefined, acceptAge: number): Promise<Result<Snapshot, SDKError>> {
  const key = `${customerId}\n${subjectKey(entityId)}`;
  const running = state.loads.get(key);
  if (running) return running.promise;
  const ticket: Load = { customerId, current: true, promise: undefined as never };
  const promise = loadOnce(state, ticket, customerId, entityId, acceptAge)
    .catch((cause: unknown) => err(new UnexpectedClientError({ message: "The entitlement cache failed to load a snapshot", cause })))
    .finally(() => {
      if (state.loads.get(key) === ticket) state.loads.delete(key);
    });
  Object.assign(ticket, { promise });
  state.loads.set(key, ticket);
  return promise;
}

async function loadOnce(state: CacheState, ticket: Load, customerId: string, entityId: string | undefined, acceptAge: number): Promise<Result<Snapshot, SDKError>> {
  const { settings } = state;
  const subject = subjectKey(entityId);
  const startedAt = settings.now();
  // Unknown (undefined) without a shared store, or when reading it failed: nothing is written back then.
  let generation: string | null | undefined;
  if (settings.shared) {
    const read = await sharedRead(state, customerId, subject, entityId);
    if (read) {
      generation = read.generation;
      if (read.snapshot && usable(read.snapshot, startedAt, acceptAge)) {
        if (ticket.current) state.local.set(customerId, subject, read.snapshot, startedAt, generation);
        return ok(read.snapshot);
      }
    }
  }
  state.counts.loads++;
  const fetched = entityId === undefined ? await fetchCustomer(state, customerId, startedAt) : await fetchEntity(state, customerId, entityId, startedAt);
  if (!fetched.ok) {
    state.counts.loadFailures++;
    return fetched;
  }
  const snapshot = fetched.value;
  if (!ticket.current) return fetched;
  state.local.set(customerId, subject, snapshot, startedAt, generation);
  if (settings.shared && generation !== undefined) {
    await guarded(state, "write", customerId, () => settings.shared!.write(customerId, subject, generation!, snapshotText(snapshot), snapshotTtl(state)));
  }
  return fetched;
}

async function fetchCustomer(state: CacheState, customerId: string, startedAt: number): Promise<Result<Snapshot, SDKError>> {
  // A CustomerCore fills in its own customer, and accepts the same id: the cast only picks an overload.
  const got = await customersGet(state.client as AutumnCore, { customerId, expand: [...CUSTOMER_EXPAND] });
  return got.ok ? ok(customerSnapshot(got.value, customerId, startedAt)) : got;
}

async function fetchEntity(state: CacheState, customerId: string, entityId: string, startedAt: number): Promise<Result<Snapshot, SDKError>> {
  // The customer's snapshot knows what the entity's answer does not: feature kinds, credit costs, billing controls.
  const [customer, got] = await Promise.all([lookup(state, customerId, undefined), entitiesGet(state.client as AutumnCore, { customerId, entityId })]);
  if (!customer.snapshot) return err(customer.error);
  return got.ok ? ok(entitySnapshot(got.value, customer.snapshot, entityId, startedAt)) : got;
}

/** The shared store's generation and snapshot for a subject; undefined when reading failed (reported). */
async function sharedRead(state: CacheState, customerId: string, subject: string, entityId: string | undefined): Promise<{ generation: string | null; snapshot: Snapshot | undefined } | undefined> {
  const answered = await guarded(state, "read", customerId, async () => ({ read: await state.settings.shared!.read(customerId, subject) }));
  if (!answered) return undefined;
  const read = answered.read as { generation?: unknown; text?: unknown } | null | undefined;
  if (typeof read !== "object" || read === null) return garbage(state, "read", customerId);
  const generation = typeof read.generation === "string" ? read.generation : (read.generation ?? null) === null ? null : undefined;
  const text = read.text ?? null;
  if (generation === undefined || (text !== null && typeof text !== "string")) return garbage(state, "read", customerId);
  if (text === null) return { generation, snapshot: undefined };
  const snapshot = parseSnapshotText(text, customerId, entityId);
  if (!snapshot) return garbage(state, "read", customerId);
  return { generation, snapshot };
}

function garbage(state: CacheState, operation: StoreOperation, customerId: string): undefined {
  report(state, new EntitlementStoreError({ operation, reason: "garbage", customerId }));
  return undefined;
}

/**
 * Forgets every snapshot of a customer, here and in the shared store, and lets go of its loads in flight;
 * then keeps `keep` (a subject's snapshot that is known to be current) as the only one. Returns the store's
 * failure, if it failed (already reported).
 */
export async function replaceCustomer(state: CacheState, customerId: string, keep?: { readonly subject: string; readonly snapshot: Snapshot }): Promise<EntitlementStoreError | undefined> {
  const { settings } = state;
  state.local.drop(customerId);
  for (const [key, running] of state.loads) {
    if (running.customerId !== customerId) continue;
    running.current = false;
    state.loads.delete(key);
  }
  const generation = settings.shared ? newGeneration() : undefined;
  if (keep) state.local.set(customerId, keep.subject, keep.snapshot, settings.now(), generation);
  if (!settings.shared) return undefined;
  // The generation outlives every load that could have started before it, so none of their writes is ever read.
  const ttl = snapshotTtl(state) + Math.max(60_000, 2 * state.client.timeoutMs);
  const text = keep && snapshotText(keep.snapshot);
  let failure: EntitlementStoreError | undefined;
  await guarded(state, "replace", customerId, () => settings.shared!.replace(customerId, generation!, ttl, keep?.subject, text), (error) => (failure = error));
  return failure;
}

/** A snapshot in the shared store is of no use after `maxAgeMs`, or `maxStaleMs` during an outage. */
function snapshotTtl(state: CacheState): number {
  return Math.max(state.settings.maxAgeMs, state.settings.maxStaleMs);
}

function newGeneration(): string {
  // Only has to differ from the generations before it; a letter first, so no client reads it as a number.
  return `g${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

/** Runs a shared store operation within `storeTimeoutMs`; a failure or a timeout is reported and gives undefined. */
async function guarded<T>(state: CacheState, operation: StoreOperation, customerId: string, run: () => Promise<T>, onFailure?: (error: EntitlementStoreError) => void): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`The store did not answer within ${state.settings.storeTimeoutMs} ms`)), state.settings.storeTimeoutMs);
    });
    return await Promise.race([run(), timeout]);
  } catch (cause) {
    const error = new EntitlementStoreError({ operation, reason: "failed", customerId, cause });
    report(state, error);
    onFailure?.(error);
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** Counts a store failure and tells the hook; a hook that throws changes nothing. */
export function report(state: CacheState, error: EntitlementStoreError): void {
  state.counts.storeErrors++;
  try {
    state.settings.onStoreError?.(error);
  } catch {}
}
