import type { SDKError } from "./errors/index.js";

/**
 * The outcome of a standalone function: the value, or the error. Never thrown.
 * `response` is the HTTP response behind it (status and headers such as
 * `RateLimit-Remaining`; its body has been read) whenever Autumn answered,
 * and undefined when it did not (refused input, a network failure, a
 * synthesised fail-open value).
 */
export type Result<T, E = SDKError> =
  | { readonly ok: true; readonly value: T; readonly error?: undefined; readonly response?: Response }
  | { readonly ok: false; readonly error: E; readonly value?: undefined; readonly response?: Response };

/** Wraps a value as a successful result. */
export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

/** Wraps an error as a failed result. */
export function err<E>(error: E): Result<never, E> {
  return { ok: false, error };
}

/** Returns the value of a result, or throws its error. */
export async function unwrapAsync<T, E>(result: Promise<Result<T, E>>): Promise<T> {
  const settled = await result;
  if (settled.ok) return settled.value;
  throw settled.error;
}

/** Yields the values of a stream of results, throwing the first error. */
export async function* unwrapPages<T, E>(results: AsyncIterable<Result<T, E>>): AsyncGenerator<T, void, undefined> {
  for await (const result of results) {
    if (!result.ok) throw result.error;
    yield result.value;
  }
}
