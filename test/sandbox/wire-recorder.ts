import { AutumnCore, type AutumnOptions } from "../../src/core.js";

/** One answer exactly as it came over the wire, before anyone parsed it. */
export interface WireAnswer {
  /** The path after the origin, e.g. `/v1/customers.get`. */
  readonly path: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
}

/**
 * A fetch that passes every request through unchanged and keeps a copy of
 * each answer's raw text in `answers`: the tests check that text against the
 * schemas themselves, independently of what the SDK made of it.
 */
export function recordingFetch(answers: WireAnswer[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
    answers.push({ path, status: response.status, contentType: response.headers.get("content-type"), text: await response.clone().text() });
    return response;
  };
}

/** A client for `url` whose answers are recorded in `answers`. */
export function recordingCore(url: string, answers: WireAnswer[], options: AutumnOptions = {}): AutumnCore {
  return new AutumnCore({
    secretKey: "am_sk_test_contract",
    serverURL: url,
    fetch: recordingFetch(answers),
    ...options,
    // No retries: each call is exactly one request, so the last answer recorded is the call's.
    retryConfig: { limit: 0 },
  });
}
