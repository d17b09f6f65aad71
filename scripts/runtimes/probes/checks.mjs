// The checks every runtime runs, given the SDK modules as that runtime's user
// imported them. Plain JavaScript so that each runtime loads it unchanged.

/** The key the loopback API accepts; any other key gets 401 invalid_secret_key. */
export const KEY = "am_sk_test_runtimes0123456789";
const WRONG_KEY = "am_sk_test_wrongkey9876543210";

/**
 * Calls customersGetOrCreate once with the right key (expects a parsed
 * customer) and once with a wrong key (expects the 401 as an error value that
 * does not contain the key). Resolves to `{ ok, detail }`; never rejects.
 */
export async function runChecks({ AutumnCore, customersGetOrCreate }, serverURL, customerId) {
  const failures = [];
  const expect = (condition, message) => condition || failures.push(message);
  try {
    const core = new AutumnCore({ secretKey: KEY, serverURL, retryConfig: { limit: 0 } });
    const created = await customersGetOrCreate(core, { customerId, name: "Ada Lovelace", email: "ada@example.com" });
    if (created.ok) {
      const customer = created.value;
      expect(customer.id === customerId, `customer id ${customer.id}`);
      expect(customer.email === "ada@example.com", `customer email ${customer.email}`);
      expect(typeof customer.createdAt === "number", "createdAt not mapped from created_at");
      expect(customer.balances?.messages?.remaining === 40, "balances.messages.remaining not parsed");
    } else {
      failures.push(`getOrCreate failed: ${created.error?.name}: ${created.error?.message}`);
    }

    const wrong = new AutumnCore({ secretKey: WRONG_KEY, serverURL, retryConfig: { limit: 0 } });
    const refused = await customersGetOrCreate(wrong, { customerId });
    if (refused.ok) {
      failures.push("a wrong key was accepted");
    } else {
      const error = refused.error;
      expect(error.name === "AutumnAPIError", `error name ${error.name}: ${error.message}`);
      expect(error.status === 401 && error.code === "invalid_secret_key", `error ${error.status} ${error.code}`);
      expect(error instanceof Error, "error is not an Error");
      const shown = `${error.message} ${error.stack ?? ""} ${JSON.stringify(error)}`;
      expect(!shown.includes(WRONG_KEY), "the secret key leaked into the error");
    }
  } catch (error) {
    failures.push(`threw: ${error?.stack ?? error}`);
  }
  return failures.length === 0
    ? { ok: true, detail: "getOrCreate parsed the customer; a wrong key came back as AutumnAPIError 401 invalid_secret_key" }
    : { ok: false, detail: failures.join("; ") };
}

/**
 * Verifies the webhook the harness signed with node:crypto (a UTF-8 body, as
 * bytes and as text, headers as a Headers object and as a record), then
 * checks that the same body with one byte changed is refused without the
 * secret showing. Resolves to `{ ok, detail }`; never rejects.
 */
export async function runWebhookChecks({ webhooksVerify }, vector) {
  const failures = [];
  const expect = (condition, message) => condition || failures.push(message);
  try {
    const { secret, body, headers, now, data } = JSON.parse(vector);
    for (const [label, payload, given] of [
      ["text", body, new Headers(headers)],
      ["bytes", new TextEncoder().encode(body), headers],
    ]) {
      const verified = await webhooksVerify(secret, payload, given, { now });
      if (!verified.ok) {
        failures.push(`the signed webhook (${label}) was refused: ${verified.error.reason}: ${verified.error.message}`);
        continue;
      }
      const event = verified.value;
      expect(event.known && event.type === "balances.limit_reached", `event ${event.type}, known ${event.known}`);
      expect(event.deliveryId === headers["svix-id"], `deliveryId ${event.deliveryId}`);
      expect(JSON.stringify(event.data) === JSON.stringify(data), `data ${JSON.stringify(event.data)}`);
    }
    const tampered = await webhooksVerify(secret, body.replace("included", "includes"), headers, { now });
    if (tampered.ok) {
      failures.push("a tampered webhook was accepted");
    } else {
      expect(tampered.error.name === "WebhookVerificationError", `tampered: ${tampered.error.name}`);
      expect(tampered.error.reason === "no_matching_signature", `tampered: ${tampered.error.reason}`);
      expect(!JSON.stringify(tampered.error).includes(secret.slice(6)), "the webhook secret leaked into the error");
    }
  } catch (error) {
    failures.push(`webhooks threw: ${error?.stack ?? error}`);
  }
  return failures.length === 0
    ? { ok: true, detail: "a signed webhook verified, a tampered one was refused" }
    : { ok: false, detail: failures.join("; ") };
}

/**
 * Calls with the caller's AbortSignal, which is where a runtime without
 * `AbortSignal.any` (the edge runtime) used to fail: one with a signal that
 * never fires must complete, and one aborted mid-flight must end as
 * RequestAbortedError. "Mid-flight" is known, not guessed: the loopback API
 * holds a request for `<id>_abort` unanswered and answers a long poll on
 * `/probe/seen/<id>` once that request has arrived, so the abort comes after
 * the server saw it. The harness checks that each reached the API once.
 * Resolves to `{ ok, detail }`; never rejects.
 */
export async function runSignalChecks({ AutumnCore, customersGetOrCreate }, serverURL, customerId) {
  const failures = [];
  const expect = (condition, message) => condition || failures.push(message);
  try {
    const core = new AutumnCore({ secretKey: KEY, serverURL, retryConfig: { limit: 0 } });
    const completed = await customersGetOrCreate(core, { customerId: `${customerId}_signal` }, { signal: new AbortController().signal });
    if (completed.ok) expect(completed.value.id === `${customerId}_signal`, `with a signal: customer id ${completed.value.id}`);
    else failures.push(`with a signal: ${completed.error?.name}: ${completed.error?.message}${completed.error?.cause ? ` (${completed.error.cause})` : ""}`);

    const abortId = `${customerId}_abort`;
    const controller = new AbortController();
    const poll = new AbortController();
    const seen = fetch(`${serverURL}/probe/seen/${encodeURIComponent(abortId)}`, { signal: poll.signal }).then((response) => response.ok, () => false);
    const call = customersGetOrCreate(core, { customerId: abortId }, { signal: controller.signal });
    let timer;
    // Only ends a probe whose request never arrives; a slow machine gets its answer long before.
    const limit = new Promise((resolve) => (timer = setTimeout(() => resolve("no request within 20 s"), 20_000)));
    const arrived = await Promise.race([seen, call.then((result) => `the call ended before it was aborted: ${result.ok ? "ok" : result.error.name}`), limit]);
    clearTimeout(timer);
    // A poll left open would keep the runtime alive after a failure.
    poll.abort();
    if (arrived === true) {
      controller.abort(new Error("aborted by the probe"));
      const aborted = await call;
      if (aborted.ok) failures.push("an aborted call succeeded");
      else {
        expect(aborted.error.name === "RequestAbortedError", `aborted mid-flight: ${aborted.error.name}: ${aborted.error.message}${aborted.error.cause ? ` (${aborted.error.cause})` : ""}`);
        expect(aborted.error.cause?.message === "aborted by the probe", `aborted mid-flight: cause ${aborted.error.cause}`);
      }
    } else {
      controller.abort();
      failures.push(`aborted mid-flight: ${arrived}`);
    }
  } catch (error) {
    failures.push(`signal checks threw: ${error?.stack ?? error}`);
  }
  // Said, so that a pass can be told apart from a pass on a platform that links signals natively.
  const any = `AbortSignal.any ${typeof AbortSignal.any === "function" ? "present" : "missing"}`;
  return failures.length === 0
    ? { ok: true, detail: `a call with a signal completed, one aborted mid-flight ended as RequestAbortedError (${any})` }
    : { ok: false, detail: `${failures.join("; ")} (${any})` };
}

/** One verdict from several. */
export function combine(verdicts) {
  return { ok: verdicts.every((verdict) => verdict.ok), detail: verdicts.map((verdict) => verdict.detail).join("; ") };
}
