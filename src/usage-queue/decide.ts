import type { TrackResult } from "../funcs/balances-track.js";
import type { SDKError } from "../lib/errors/index.js";
import type { Result } from "../lib/result.js";
import { backoffMs } from "../lib/retry.js";
import type { QueueSettings } from "./options.js";
import { outcomeOf } from "./outcome.js";
import { type DeadLetter, type DeadLetterError, type Settlement, type StoredEvent, usageOf } from "./store.js";

/** What one attempt of an event leads to. The queue carries it out; nothing here does I/O. */
export interface Decision {
  readonly settlement: Settlement;
  /** Autumn gave a verdict on the event (recorded, refused, 409): its outages are over for now. */
  readonly verdict: boolean;
  /** How long Autumn asked every request to wait (`Retry-After`), in ms; 0 when it did not ask. */
  readonly askedMs: number;
  /** Autumn's track answer, when the attempt got one. */
  readonly answer?: TrackResult | undefined;
}

const DELIVERED: Decision = { settlement: { kind: "delivered" }, verdict: true, askedMs: 0 };

/**
 * The dead letter for an event that must not be sent again: Autumn may have recorded it (an
 * attempt's outcome is unknown) and forgets the key within `windowMarginMs`, after which a resend
 * could record it twice. Undefined when it may be sent.
 */
export function pastWindow(event: StoredEvent, settings: QueueSettings, at: number): DeadLetter | undefined {
  if (event.firstUncertainAt === undefined) return undefined;
  const windowClosesAt = event.firstUncertainAt + settings.idempotencyWindowMs;
  if (at < windowClosesAt - settings.windowMarginMs) return undefined;
  return {
    ...usageOf(event),
    reason: "outcome_unknown",
    firstUncertainAt: event.firstUncertainAt,
    lastUncertainAt: event.lastUncertainAt ?? event.firstUncertainAt,
    windowClosesAt,
    deadAt: at,
    // The attempt taken for it is not sent.
    attempts: event.attempts - 1,
  };
}

/**
 * What the attempt that started at `event.attemptAt` and ended at `at` with `result` leads to,
 * by its outcome (outcome.ts): settled, refused, or tried again after a backoff.
 */
export function decide(event: StoredEvent, result: Result<TrackResult>, settings: QueueSettings, at: number): Decision {
  if (result.ok) return { ...DELIVERED, answer: result.value };
  const { error } = result;
  const outcome = outcomeOf(error);
  const { firstUncertainAt, lastUncertainAt } = event;
  switch (outcome) {
    case "delivered":
      return DELIVERED;
    case "duplicate":
      // A 409 soon after an attempt whose outcome is unknown may come from that attempt, still running and holding the key.
      if (lastUncertainAt !== undefined && at < lastUncertainAt + settings.confirmDuplicateAfterMs) {
        return retry(lastUncertainAt + settings.confirmDuplicateAfterMs, firstUncertainAt, lastUncertainAt, error, true, 0);
      }
      return DELIVERED;
    case "refused":
      return { settlement: { kind: "dead", letter: { ...usageOf(event), reason: "refused", error: summary(error), deadAt: at, attempts: event.attempts } }, verdict: true, askedMs: 0 };
    default: {
      const askedMs = error.name === "AutumnAPIError" ? (error.retryAfterMs ?? 0) : 0;
      const nextAt = at + Math.max(askedMs, backoffMs(settings.retry, event.attempts));
      if (outcome === "transient") return retry(nextAt, firstUncertainAt, lastUncertainAt, error, false, askedMs);
      // Unknown: this attempt may have been recorded; Autumn holds its key for the window from when it was sent.
      const sentAt = event.attemptAt!;
      return retry(nextAt, Math.min(firstUncertainAt ?? sentAt, sentAt), Math.max(lastUncertainAt ?? sentAt, sentAt), error, false, askedMs);
    }
  }
}

function retry(nextAt: number, firstUncertainAt: number | undefined, lastUncertainAt: number | undefined, error: SDKError, verdict: boolean, askedMs: number): Decision {
  return { settlement: { kind: "retry", nextAt: Math.round(nextAt), firstUncertainAt, lastUncertainAt, lastError: error.message }, verdict, askedMs };
}

/** A refusal as every store can keep it: no headers, no body. */
function summary(error: SDKError): DeadLetterError {
  return {
    name: error.name,
    message: error.message,
    ...(error.name === "AutumnAPIError" && { status: error.status, ...(error.code !== undefined && { code: error.code }) }),
  };
}
