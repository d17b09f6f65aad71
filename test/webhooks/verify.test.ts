import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { webhooksVerify, type WebhookHeaders, type WebhookVerifyOptions } from "../../src/webhooks/verify.js";
import type { WebhookVerificationError } from "../../src/lib/errors/webhook-verification-error.js";
import type { Result } from "../../src/lib/result.js";
import type { WebhookEvent } from "../../src/models/webhook-events.js";
import { fixture } from "../helpers.js";
import { hmac, NOW_MS, NOW_S, OTHER_KEY, OTHER_SECRET, signedHeaders, WEBHOOK_KEY, WEBHOOK_SECRET } from "../webhook-signing.js";

const events = fixture<Record<string, { type: string; data: Record<string, unknown> }>>("webhook-events");
const limitReached = JSON.stringify(events["balances.limit_reached"]);
const at = { now: NOW_MS } satisfies WebhookVerifyOptions;

function verify(body: string | Uint8Array | ArrayBuffer, headers: WebhookHeaders, secret: string | string[] = WEBHOOK_SECRET, options: WebhookVerifyOptions = at) {
  return webhooksVerify(secret, body, headers, options);
}

function value(result: Result<WebhookEvent, WebhookVerificationError>): WebhookEvent {
  if (!result.ok) throw result.error;
  return result.value;
}

/** The refusal of a result that must have failed. */
function refusal(result: Result<WebhookEvent, WebhookVerificationError>): WebhookVerificationError {
  expect(result.ok).toBe(false);
  return result.error!;
}

describe("webhooksVerify accepts a genuine delivery", () => {
  it("returns the event camelCased, with the delivery id and signing time", async () => {
    const event = value(await verify(limitReached, signedHeaders(limitReached, { id: "msg_abc" })));
    expect(event).toEqual({
      type: "balances.limit_reached",
      known: true,
      data: { customerId: "org_123", entityId: "workspace_abc", featureId: "api_calls", limitType: "included" },
      deliveryId: "msg_abc",
      signedAt: NOW_MS,
    });
  });

  it("takes the body as a string, a Uint8Array (a Node Buffer too) or an ArrayBuffer", async () => {
    const headers = signedHeaders(limitReached);
    const bytes = new TextEncoder().encode(limitReached);
    for (const body of [limitReached, bytes, Buffer.from(limitReached), bytes.buffer]) {
      expect(value(await verify(body, headers)).type).toBe("balances.limit_reached");
    }
  });

  it("reads a Headers object, a record in any case, Node's arrays, and the webhook-* names", async () => {
    const signed = signedHeaders(limitReached);
    const upper = Object.fromEntries(Object.entries(signed).map(([name, text]) => [name.toUpperCase(), text]));
    const nodeStyle = { ...signed, "svix-signature": ["v1,bm90IHRoZSBzaWduYXR1cmU=", signed["svix-signature"]!], host: "app.test" };
    const webhookNames = signedHeaders(limitReached, { prefix: "webhook-" });
    for (const headers of [new Headers(signed), signed, upper, nodeStyle, webhookNames, new Headers(webhookNames)]) {
      expect(value(await verify(limitReached, headers)).deliveryId).toBe("msg_2fYx9Q");
    }
  });

  it("checks every known event's data against its schema and camelCases it", async () => {
    const plan = fixture("plan");
    const billing = structuredClone(events["billing.updated"]!);
    (billing.data["plan_changes"] as { plan_change?: Record<string, unknown> }[])[2]!.plan_change!["plan"] = plan;
    for (const body of [...Object.values(events).map((event) => JSON.stringify(event)), JSON.stringify(billing)]) {
      const event = value(await verify(body, signedHeaders(body)));
      expect(event.known, event.type).toBe(true);
      expect(Object.keys(event.data as object).filter((key) => key.includes("_")), event.type).toEqual([]);
    }
    const updated = value(await verify(JSON.stringify(billing), signedHeaders(JSON.stringify(billing))));
    if (!updated.known || updated.type !== "billing.updated") throw new Error(`got ${updated.type}`);
    expect(updated.data.planChanges.map((change) => change.action)).toEqual(["activated", "expired", "updated"]);
    expect(updated.data.planChanges[0]!.subscription).toMatchObject({ planId: "pro", pastDue: false, currentPeriodEnd: 1781592000000 });
    expect(updated.data.planChanges[1]!.previousAttributes).toEqual({ status: "active" });
    expect(updated.data.planChanges[2]!.planChange).toMatchObject({
      plan: { id: "pro", addOn: false, autoEnable: false, baseVariantId: null },
      previousAttributes: { name: "Pro (2025)" },
      priceChange: { previous: { amount: 18 }, current: { amount: 20 } },
      freeTrialChange: { previous: null, current: { durationLength: 14, cardRequired: true } },
    });
    expect(updated.data.planChanges[2]!.planChange?.plan?.items.map((item) => item.featureId)).toEqual(["messages", "seats", "sso"]);
    expect(updated.data.planChanges[2]!.itemChanges).toEqual([{ action: "created", featureId: "seats", item: { featureId: "seats", included: 3, unlimited: false, reset: null, price: null } }]);
    expect(updated.data.tags).toEqual(["phase_changed"]);
  });

  it("keeps unknown enum values, drops unknown fields, and keeps the older versions' objects as sent", async () => {
    const alert = JSON.stringify(events["balances.usage_alert_triggered"]);
    const alerted = value(await verify(alert, signedHeaders(alert)));
    // The spec's own example carries a threshold type outside its enum.
    expect(alerted.data).toEqual({
      customerId: "org_123",
      featureId: "api_calls",
      entityId: "workspace_abc",
      usageAlert: { name: "80% usage warning", threshold: 80, thresholdType: "usage_percentage_threshold" },
    });
    const legacy = JSON.stringify(events["customer.threshold_reached"]);
    const reached = value(await verify(legacy, signedHeaders(legacy)));
    expect(reached.data).toEqual({
      thresholdType: "limit_reached",
      customer: events["customer.threshold_reached"]!.data["customer"],
      feature: { id: "messages", name: "Messages", type: "single_use" },
    });
  });

  it("returns an event type it does not know as a value, with its type and data exactly as sent", async () => {
    const body = JSON.stringify({ type: "invoices.paid", data: { invoice_id: "in_1", amount_due: 0 }, id: "evt_9", occurred_at: 1799999999000 });
    expect(value(await verify(body, signedHeaders(body)))).toEqual({
      type: "invoices.paid",
      known: false,
      data: { invoice_id: "in_1", amount_due: 0 },
      deliveryId: "msg_2fYx9Q",
      signedAt: NOW_MS,
      eventId: "evt_9",
      occurredAt: 1799999999000,
    });
  });

  it("does not look event types up on the prototype", async () => {
    for (const type of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const body = JSON.stringify({ type, data: { a: 1 } });
      expect(value(await verify(body, signedHeaders(body)))).toMatchObject({ type, known: false, data: { a: 1 } });
    }
  });
});

describe("webhooksVerify checks the signature byte for byte", () => {
  it("accepts a body in UTF-8, as a string or as bytes", async () => {
    const body = JSON.stringify({ type: "team.renamed", data: { name: "Café Zürich — 東京 🚀", note: "\u2028" } });
    const headers = signedHeaders(Buffer.from(body, "utf8"));
    expect(value(await verify(body, headers)).data).toEqual({ name: "Café Zürich — 東京 🚀", note: "\u2028" });
    expect(value(await verify(Buffer.from(body, "utf8"), headers)).known).toBe(false);
  });

  it("refuses the same JSON serialised again: other spacing, key order or escaping", async () => {
    const headers = signedHeaders(limitReached);
    const data = events["balances.limit_reached"]!.data;
    const again = [
      JSON.stringify(JSON.parse(limitReached), null, 2),
      JSON.stringify({ data, type: "balances.limit_reached" }),
      limitReached.replace("org_123", "org\\u005f123"),
      `${limitReached}\n`,
      ` ${limitReached}`,
    ];
    for (const body of again) expect(refusal(await verify(body, headers)).reason).toBe("no_matching_signature");
  });

  it("refuses a changed body, id or timestamp", async () => {
    const headers = signedHeaders(limitReached, { id: "msg_1", timestamp: NOW_S });
    expect(refusal(await verify(limitReached.replace("org_123", "org_124"), headers)).reason).toBe("no_matching_signature");
    expect(refusal(await verify(limitReached, { ...headers, "svix-id": "msg_2" })).reason).toBe("no_matching_signature");
    expect(refusal(await verify(limitReached, { ...headers, "svix-timestamp": String(NOW_S - 1) })).reason).toBe("no_matching_signature");
  });

  it("refuses a signature made with another secret", async () => {
    const error = refusal(await verify(limitReached, signedHeaders(limitReached, { keys: [OTHER_KEY] })));
    expect(error).toMatchObject({ reason: "no_matching_signature", header: "svix-signature", signatureVerified: false, deliveryId: "msg_2fYx9Q" });
    expect(error.message).toContain("body changed");
  });

  it("accepts when any v1 signature matches, and ignores other versions and malformed entries", async () => {
    const good = hmac(WEBHOOK_KEY, "msg_1", NOW_S, limitReached);
    const other = hmac(OTHER_KEY, "msg_1", NOW_S, limitReached);
    const headers = (signature: string) => ({ "svix-id": "msg_1", "svix-timestamp": String(NOW_S), "svix-signature": signature });
    for (const signature of [`v1,${other} v1,${good}`, `v2,${other} v1,${good}`, `v1,!!! v1,${good}`, `v1,${other},  v1,${good}`, `v1a,x v1,${good}`]) {
      expect(value(await verify(limitReached, headers(signature))).type, signature).toBe("balances.limit_reached");
    }
    // A matching signature under another version label is not a v1 signature.
    for (const signature of [`v2,${good}`, `v1,${good.slice(0, -4)}`, `v1,${good}x`, `v1 ${good}`, good, `v1,${other}`]) {
      expect(refusal(await verify(limitReached, headers(signature))).reason, signature).toBe("no_matching_signature");
    }
  });

  it("verifies with any of several secrets during a rotation", async () => {
    const byNew = signedHeaders(limitReached, { keys: [WEBHOOK_KEY] });
    const byOld = signedHeaders(limitReached, { keys: [OTHER_KEY] });
    const byBoth = signedHeaders(limitReached, { keys: [OTHER_KEY, WEBHOOK_KEY] });
    for (const headers of [byNew, byOld, byBoth]) expect((await verify(limitReached, headers, [OTHER_SECRET, WEBHOOK_SECRET])).ok).toBe(true);
    expect((await verify(limitReached, byBoth, [WEBHOOK_SECRET])).ok).toBe(true);
    expect(refusal(await verify(limitReached, byOld, [WEBHOOK_SECRET])).reason).toBe("no_matching_signature");
  });

  it("takes a secret with or without its whsec_ prefix", async () => {
    expect((await verify(limitReached, signedHeaders(limitReached), WEBHOOK_KEY.toString("base64"))).ok).toBe(true);
  });
});

describe("webhooksVerify refuses, saying which check failed", () => {
  it("a missing or malformed secret: invalid_secret, naming the bad one by position", async () => {
    const headers = signedHeaders(limitReached);
    for (const secret of [undefined, "", [], "whsec_", "whsec_not base64!", "whsec_abc", 42]) {
      const error = refusal(await webhooksVerify(secret as string, limitReached, headers, at));
      expect(error.reason, String(secret)).toBe("invalid_secret");
    }
    const error = refusal(await verify(limitReached, headers, [WEBHOOK_SECRET, "whsec_%%%"]));
    expect(error.message).toContain("secret 2 of 2");
  });

  it("a parsed body instead of the raw one: payload_not_raw", async () => {
    for (const body of [JSON.parse(limitReached), null, undefined, 12]) {
      expect(refusal(await webhooksVerify(WEBHOOK_SECRET, body, signedHeaders(limitReached), at)).reason).toBe("payload_not_raw");
    }
  });

  it("a missing header: missing_header, naming it", async () => {
    const signed = signedHeaders(limitReached);
    for (const name of ["svix-id", "svix-timestamp", "svix-signature"]) {
      const without = Object.fromEntries(Object.entries(signed).filter(([key]) => key !== name));
      expect(refusal(await verify(limitReached, without))).toMatchObject({ reason: "missing_header", header: name });
      expect(refusal(await verify(limitReached, { ...signed, [name]: " " }))).toMatchObject({ reason: "missing_header", header: name });
    }
    for (const headers of [{}, new Headers(), null, undefined]) {
      expect(refusal(await verify(limitReached, headers as WebhookHeaders))).toMatchObject({ reason: "missing_header", header: "svix-id" });
    }
  });

  it("a timestamp that is not Unix seconds: invalid_timestamp", async () => {
    for (const timestamp of ["soon", "-5", "1.8e9", "1800000000.5", "0x6B49D200", "2027-01-15T08:00:00Z", "1234567890123456"]) {
      const headers = { ...signedHeaders(limitReached), "svix-timestamp": timestamp };
      expect(refusal(await verify(limitReached, headers)), timestamp).toMatchObject({ reason: "invalid_timestamp", header: "svix-timestamp" });
    }
  });

  it("a stale or future timestamp: timestamp_outside_tolerance, even when correctly signed", async () => {
    const signedAt = (seconds: number) => signedHeaders(limitReached, { timestamp: seconds });
    expect((await verify(limitReached, signedAt(NOW_S - 300))).ok).toBe(true);
    expect((await verify(limitReached, signedAt(NOW_S + 300))).ok).toBe(true);
    const stale = refusal(await verify(limitReached, signedAt(NOW_S - 301)));
    expect(stale).toMatchObject({ reason: "timestamp_outside_tolerance", header: "svix-timestamp" });
    expect(stale.message).toBe("The webhook was signed 301 s ago, beyond the tolerance of 300 s");
    expect(refusal(await verify(limitReached, signedAt(NOW_S + 301))).message).toContain("301 s in the future");
    expect(refusal(await verify(limitReached, signedAt(0))).reason).toBe("timestamp_outside_tolerance");
  });

  it("uses the tolerance and the time it is given", async () => {
    const hourOld = signedHeaders(limitReached, { timestamp: NOW_S - 3600 });
    expect((await verify(limitReached, hourOld, WEBHOOK_SECRET, { now: NOW_MS, toleranceMs: 3_600_000 })).ok).toBe(true);
    expect((await verify(limitReached, hourOld, WEBHOOK_SECRET, { now: new Date(NOW_MS - 3_600_000) })).ok).toBe(true);
    expect(refusal(await verify(limitReached, signedHeaders(limitReached), WEBHOOK_SECRET, { now: NOW_MS + 61_000, toleranceMs: 60_000 })).reason).toBe(
      "timestamp_outside_tolerance",
    );
    // Unusable options fall back to the defaults rather than accepting everything.
    for (const toleranceMs of [Number.NaN, -1]) {
      expect((await verify(limitReached, signedHeaders(limitReached), WEBHOOK_SECRET, { now: NOW_MS, toleranceMs })).ok).toBe(true);
      expect(refusal(await verify(limitReached, hourOld, WEBHOOK_SECRET, { now: NOW_MS, toleranceMs })).reason).toBe("timestamp_outside_tolerance");
    }
  });

  it("a genuine body that is not JSON, or not UTF-8: invalid_json, saying the signature was valid", async () => {
    for (const body of ["not json", "", Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])]) {
      const error = refusal(await verify(body, signedHeaders(body)));
      expect(error).toMatchObject({ reason: "invalid_json", signatureVerified: true, deliveryId: "msg_2fYx9Q" });
      expect(error.message).toContain("signature is valid");
      expect(typeof error.rawBody).toBe("string");
    }
  });

  it("a genuine body that is not an event, or a known event missing a field: invalid_payload with the issues and raw body", async () => {
    for (const body of ["[]", "null", '"text"', '{"data":{}}', '{"type":7}']) {
      expect(refusal(await verify(body, signedHeaders(body)))).toMatchObject({ reason: "invalid_payload", signatureVerified: true, rawBody: body });
    }
    const body = JSON.stringify({ type: "balances.limit_reached", data: { customer_id: "org_123", feature_id: "api_calls" } });
    const error = refusal(await verify(body, signedHeaders(body)));
    expect(error).toMatchObject({
      reason: "invalid_payload",
      signatureVerified: true,
      type: "balances.limit_reached",
      deliveryId: "msg_2fYx9Q",
      rawBody: body,
      issues: [{ path: "data.limit_type", message: "required (string)" }],
    });
    expect(error.message).toBe("The signature is valid, but the balances.limit_reached event does not match: data.limit_type: required (string)");
    const noData = JSON.stringify({ type: "billing.updated" });
    expect(refusal(await verify(noData, signedHeaders(noData))).issues).toEqual([{ path: "data", message: "required (Object)" }]);
  });

  it("checks the secret, then the body, headers, timestamp and signature, in that order", async () => {
    const stale = signedHeaders(limitReached, { timestamp: NOW_S - 3600, keys: [OTHER_KEY] });
    expect(refusal(await webhooksVerify("", {} as string, {}, at)).reason).toBe("invalid_secret");
    expect(refusal(await webhooksVerify(WEBHOOK_SECRET, {} as string, {}, at)).reason).toBe("payload_not_raw");
    expect(refusal(await verify(limitReached, { ...stale, "svix-id": "" })).reason).toBe("missing_header");
    expect(refusal(await verify(limitReached, stale)).reason).toBe("timestamp_outside_tolerance");
  });

  describe("in a runtime without Web Crypto (a browser page on plain http)", () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });
    it("answers crypto_unavailable once the other checks pass", async () => {
      vi.stubGlobal("crypto", undefined);
      expect(refusal(await verify(limitReached, signedHeaders(limitReached)))).toMatchObject({ reason: "crypto_unavailable", signatureVerified: false });
      vi.stubGlobal("crypto", { subtle: { importKey: () => Promise.reject(new DOMException("not supported", "NotSupportedError")) } });
      const failed = refusal(await verify(limitReached, signedHeaders(limitReached)));
      expect(failed.reason).toBe("crypto_unavailable");
      expect(failed.cause).toBeInstanceOf(DOMException);
    });
  });

  it("never throws or rejects, whatever it is given", async () => {
    const hostile = new Proxy({}, { get: () => { throw new Error("boom"); }, ownKeys: () => { throw new Error("boom"); } });
    const inputs: unknown[][] = [
      [WEBHOOK_SECRET, limitReached, hostile],
      [WEBHOOK_SECRET, limitReached, signedHeaders(limitReached), hostile],
      [[WEBHOOK_SECRET, null], limitReached, signedHeaders(limitReached)],
      [Symbol("x"), Symbol("y"), Symbol("z")],
    ];
    for (const args of inputs) {
      const result = await (webhooksVerify as (...args: unknown[]) => Promise<Result<WebhookEvent, WebhookVerificationError>>)(...args);
      expect(result.ok).toBe(false);
      expect(result.error?.name).toBe("WebhookVerificationError");
    }
  });
});

describe("credentials in a refused body", () => {
  const TOKEN = "vercel_tok_9Qm2LxY7pA";
  const texts = (error: WebhookVerificationError) => [String(error), error.message, JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true })];

  it("a Vercel provisioning event that does not match keeps its access token out of rawBody and the error's JSON", async () => {
    // The resource's name is missing: refused as invalid_payload, though genuine.
    const body = JSON.stringify({ type: "vercel.resources.provisioned", data: { resource: { id: "res_123" }, installation_id: "icfg_123", access_token: TOKEN } });
    const error = refusal(await verify(body, signedHeaders(body)));
    expect(error).toMatchObject({
      reason: "invalid_payload",
      signatureVerified: true,
      type: "vercel.resources.provisioned",
      deliveryId: "msg_2fYx9Q",
      issues: [{ path: "data.resource.name", message: "required (string)" }],
      rawBody: "[withheld: the body holds credentials]",
    });
    for (const text of texts(error)) expect(text).not.toContain(TOKEN);
  });

  it.each([
    ["a credential-named key deep inside a body that is not an event", { data: { nested: [{ refresh_token: TOKEN }] } }],
    ["a camelCase one", { type: 7, accessToken: TOKEN }],
    ["a client secret", { type: null, client_secret: TOKEN }],
    ["a password", { data: { password: TOKEN } }],
    ["an API key", { data: { apiKey: TOKEN } }],
    ["an Autumn secret key under any name", { data: { note: `am_sk_live_${TOKEN}` } }],
    ["a webhook secret under any name", { data: { note: `whsec_${TOKEN}` } }],
    ["a Stripe secret key under any name", { data: { note: `sk_live_${TOKEN}` } }],
  ])("%s: withheld from an invalid_payload refusal", async (_name, payload) => {
    const body = JSON.stringify(payload);
    const error = refusal(await verify(body, signedHeaders(body)));
    expect(error).toMatchObject({ reason: "invalid_payload", rawBody: "[withheld: the body holds credentials]" });
    for (const text of texts(error)) expect(text).not.toContain(TOKEN);
  });

  it("a body that is not JSON but names a credential is withheld from an invalid_json refusal", async () => {
    const body = `{"access_token": "${TOKEN}", oops`;
    const error = refusal(await verify(body, signedHeaders(body)));
    expect(error).toMatchObject({ reason: "invalid_json", rawBody: "[withheld: the body holds credentials]" });
    for (const text of texts(error)) expect(text).not.toContain(TOKEN);
  });

  it("a body without credentials keeps its rawBody, token counts and feature ids named tokens included", async () => {
    const body = JSON.stringify({ type: "balances.limit_reached", data: { customer_id: "org_123", feature_id: "ai_tokens", max_tokens: 5, tokens: 3, token_count: 1 } });
    expect(refusal(await verify(body, signedHeaders(body)))).toMatchObject({ reason: "invalid_payload", rawBody: body });
  });
});

describe("the secret never leaks", () => {
  const secretForms = [WEBHOOK_SECRET, WEBHOOK_KEY.toString("base64"), WEBHOOK_KEY.toString("hex"), OTHER_SECRET, OTHER_KEY.toString("base64")];

  it.each([
    ["no_matching_signature", () => verify(limitReached, signedHeaders(limitReached, { keys: [OTHER_KEY] }), [WEBHOOK_SECRET, OTHER_SECRET.slice(0, -4) + "AAAA"])],
    ["invalid_secret", () => verify(limitReached, signedHeaders(limitReached), [WEBHOOK_SECRET, `${OTHER_SECRET}!`])],
    ["timestamp_outside_tolerance", () => verify(limitReached, signedHeaders(limitReached, { timestamp: 1 }))],
    ["invalid_payload", () => {
      const body = JSON.stringify({ type: "balances.limit_reached", data: {} });
      return verify(body, signedHeaders(body), [OTHER_SECRET, WEBHOOK_SECRET]);
    }],
  ] as const)("%s: not in the error, its JSON or its inspection", async (reason, run) => {
    const error = refusal(await run());
    expect(error.reason).toBe(reason);
    const texts = [String(error), error.message, error.stack ?? "", JSON.stringify(error), JSON.stringify({ error }), inspect(error, { depth: Infinity, showHidden: true })];
    for (const text of texts) for (const secret of secretForms) expect(text).not.toContain(secret);
  });
});
