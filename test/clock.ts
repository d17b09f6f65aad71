import { vi } from "vitest";

// Taken when this module loads, before any test fakes the clock: waiting for real I/O needs real time.
const realSetTimeout = globalThis.setTimeout;

/**
 * Fakes the clock the SDK reads: `setTimeout`, `clearTimeout` and `Date`, which make its budgets,
 * backoff and Retry-After waits (and the fault server's `delayed`). Sockets, `setImmediate` and the
 * event loop stay real, so requests still travel over 127.0.0.1; but not a millisecond passes for the
 * SDK until the test advances the clock, so what a test shows about time holds however slow the
 * machine is. test/setup.ts puts the real clock back after every test.
 *
 * Node's fetch (undici) schedules its own timers through the same `setTimeout`, keep-alive expiry
 * among them; if its first one is made while the clock is fake, that expiry stays on the fake clock
 * for the rest of the file. Servers in these tests therefore cut their connections when they close
 * instead of waiting for the client to let go (the fault server always did).
 */
export function fakeClock(): void {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
}

/** Moves the fake clock on by `ms`, running every timer that falls due on the way. */
export async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

/**
 * Lets real I/O run until `condition` holds. With the clock faked, no time passes for the SDK
 * meanwhile. There is no limit of its own: if the condition never holds, the test's timeout ends it.
 */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => realSetTimeout(resolve, 2));
}

/** Real time for I/O to happen in, whatever the fake clock says: to see that a request does NOT come. */
export function realPause(ms: number): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, ms));
}

/** A promise and whether it has settled yet. */
export function watch<T>(promise: Promise<T>): { readonly promise: Promise<T>; settled: () => boolean } {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return { promise, settled: () => settled };
}
