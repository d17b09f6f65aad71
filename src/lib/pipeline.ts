import * as v from "valibot";
import { type Call, startCall } from "./call.js";
import { isTimeout, statusError, thrownError } from "./classify.js";
import type { CallBudget, Client, CustomerScope } from "./client.js";
import type { RequestOptions } from "./config.js";
import { ConfigurationError } from "./errors/configuration-error.js";
import { RequestAbortedError } from "./errors/request-aborted-error.js";
import { RequestValidationError } from "./errors/request-validation-error.js";
import { ResponseValidationError } from "./errors/response-validation-error.js";
import { UnexpectedClientError } from "./errors/unexpected-client-error.js";
import { isOutage } from "./fail-open.js";
import { toIssues } from "./issues.js";
import { headerRecord, NOT_JSON, parseJson } from "./json.js";
import type { Operation } from "./operation.js";
import { callSettings } from "./options.js";
import { prepare } from "./prepare.js";
import { err, ok, type Result } from "./result.js";
import { retryDelayMs, sleep } from "./retry.js";
import { type Answer, sendAttempt } from "./transport.js";

export type { Operation, RetryPolicy } from "./operation.js";

/**
 * The one request pipeline: check the params and options, prepare the
 * request, make attempts until one answers or the retry policy stops, then
 * classify or parse. It resolves to a `Result` and never rejects, whatever the
 * input, the network or the server does.
 */
export function send<TParams, TValue>(
  client: Client,
  operation: Operation<TParams, TValue>,
  params: TParams,
  options?: RequestOptions,
): Promise<Result<TValue>> {
  // `run` is async, so whatever goes wrong inside it arrives here as a rejection.
  return run(client, operation, params, options).catch((cause: unknown) =>
    err(new UnexpectedClientError({ message: `${operation.path} failed inside the SDK`, cause })),
  );
}

async function run<TParams, TValue>(
  client: Client,
  operation: Operation<TParams, TValue>,
  params: TParams,
  options: RequestOptions | undefined,
): Promise<Result<TValue>> {
  // A per-customer token acts for its customer on a few routes; an operation with its own credential is outside that.
  const scope = operation.credential ? undefined : client.customerScope;
  if (scope) {
    const scoped = scope.scoped(operation.path, params);
    if (!scoped.ok) return scoped;
    params = scoped.value;
  }
  const parsed = v.safeParse(operation.params, params);
  if (!parsed.success) return err(new RequestValidationError({ issues: toIssues(parsed.issues) }));
  const settings = callSettings(client, options);
  if (settings instanceof ConfigurationError) return err(settings);
  const policy = typeof operation.retry === "function" ? operation.retry(params) : operation.retry;
  if (options?.signal?.aborted) return err(new RequestAbortedError({ reason: options.signal.reason }));
  // One object for the call: a token client knows by it what it already did for the call (fetchTokens is asked once).
  const budget: CallBudget = { deadline: Date.now() + settings.timeoutMs, timeoutMs: settings.timeoutMs, signal: options?.signal };
  let prepared = prepare(client, settings, options, operation.path, policy, operation.credential?.(params), budget);
  // A credential that took time was raced against the signal there, so an abort while waiting ends the call in prepare.
  if (prepared instanceof Promise) prepared = await prepared;
  // A credential that could not be had because Autumn could not answer (a token refresh in an outage) is an outage too.
  let result: Result<TValue>;
  if (!prepared.ok) result = prepared;
  else {
    const call = startCall(settings, prepared.value, JSON.stringify(parsed.output), options, budget.deadline);
    if (operation.maxRepeatsAfterLoss !== undefined) call.repeatsAfterLoss = operation.maxRepeatsAfterLoss;
    try {
      result = await exchange(client, call, operation, params, scope, budget);
    } finally {
      call.end();
    }
  }
  // Opted in: an outage (not a refusal) of check or track answers "allowed", marked as made up.
  if (!result.ok && operation.failOpen && settings.failOpen && isOutage(result.error)) return ok(operation.failOpen(params, result.error));
  return result;
}

/** Attempts until one answers with a status the retry policy accepts, then classifies or parses it. */
async function exchange<TParams, TValue>(
  client: Client,
  call: Call,
  operation: Operation<TParams, TValue>,
  params: TParams,
  scope: CustomerScope | undefined,
  budget: CallBudget,
): Promise<Result<TValue>> {
  let renewed = false;
  for (;;) {
    let answer: Answer;
    try {
      answer = await sendAttempt(client, call, operation.sensitive);
    } catch (thrown) {
      // ky's timeout fired: cancel the fetch where ky could not.
      if (isTimeout(thrown)) call.cancel();
      const wait = retryDelayMs(call, undefined, thrown);
      if (wait === undefined) return err(thrownError(call, thrown));
      if (!(await sleep(wait, call.callerSignal))) return err(thrownError(call, thrown));
      continue;
    }
    const { response, text } = answer;
    if (response.ok) return parseBody(operation, params, response, text, call.idempotencyKey);
    // A token that expired in flight, or that another call already replaced: renew it once and send again.
    if (response.status === 401 && scope && !renewed) {
      renewed = true;
      const credential = await scope.renew(call.credential, statusError(call, response, text), budget);
      if (!credential.ok) return credential;
      call.renew(credential.value);
      continue;
    }
    const wait = retryDelayMs(call, response);
    if (wait === undefined) return { ok: false, error: statusError(call, response, text), response };
    if (!(await sleep(wait, call.callerSignal))) return err(thrownError(call, undefined));
  }
}

function parseBody<TParams, TValue>(operation: Operation<TParams, TValue>, params: TParams, response: Response, rawBody: string, idempotencyKey: string | undefined): Result<TValue> {
  // An error here would invite a resend under a new key, applying the request twice.
  if (rawBody === "" && operation.accepted) return { ok: true, value: operation.accepted(params), response };
  const json = parseJson(rawBody);
  const parsed = json === NOT_JSON ? undefined : v.safeParse(operation.response, json);
  if (parsed?.success) return { ok: true, value: parsed.output, response };
  const error = new ResponseValidationError({
    status: response.status,
    issues: parsed ? toIssues(parsed.issues) : [],
    rawBody: withheld(operation, rawBody),
    headers: headerRecord(response.headers),
    idempotencyKey,
  });
  return { ok: false, error, response };
}

/** The body as an error may keep it: a sensitive operation's answer holds credentials, so it is withheld whole. */
function withheld(operation: { readonly sensitive?: boolean }, body: string): string {
  return operation.sensitive ? "[withheld: the answer holds credentials]" : body;
}
