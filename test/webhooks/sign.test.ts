import { describe, expect, it } from "vitest";
import { webhooksSign } from "../../src/webhooks/sign.js";
import { webhooksVerify } from "../../src/webhooks/verify.js";
import { hmac, NOW_MS, NOW_S, OTHER_KEY, OTHER_SECRET, WEBHOOK_KEY, WEBHOOK_SECRET } from "../webhook-signing.js";

const body = JSON.stringify({ type: "balances.limit_reached", data: { customer_id: "user_123", feature_id: "messages", limit_type: "included" } });

describe("webhooksSign", () => {
  it("signs as Autumn does: the HMAC node:crypto computes for the same id, time and body", async () => {
    const signed = await webhooksSign(WEBHOOK_SECRET, body, { deliveryId: "msg_test", timestamp: NOW_MS + 999 });
    expect(signed.ok && signed.value).toEqual({
      "svix-id": "msg_test",
      "svix-timestamp": String(NOW_S),
      "svix-signature": `v1,${hmac(WEBHOOK_KEY, "msg_test", NOW_S, body)}`,
    });
  });

  it("signs bytes exactly, UTF-8 included", async () => {
    const bytes = Buffer.from(JSON.stringify({ type: "x", data: { name: "Zoë 🚀" } }), "utf8");
    const signed = await webhooksSign(WEBHOOK_SECRET, bytes, { deliveryId: "msg_u", timestamp: new Date(NOW_MS) });
    expect(signed.ok && signed.value["svix-signature"]).toBe(`v1,${hmac(WEBHOOK_KEY, "msg_u", NOW_S, bytes)}`);
    const fromBuffer = await webhooksSign(WEBHOOK_SECRET, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), { deliveryId: "msg_u", timestamp: NOW_MS });
    expect(fromBuffer.ok && fromBuffer.value["svix-signature"]).toBe(`v1,${hmac(WEBHOOK_KEY, "msg_u", NOW_S, bytes)}`);
  });

  it("gives one v1 signature per secret, as during a rotation", async () => {
    const signed = await webhooksSign([OTHER_SECRET, WEBHOOK_SECRET], body, { deliveryId: "msg_r", timestamp: NOW_MS });
    expect(signed.ok && signed.value["svix-signature"]).toBe(`v1,${hmac(OTHER_KEY, "msg_r", NOW_S, body)} v1,${hmac(WEBHOOK_KEY, "msg_r", NOW_S, body)}`);
  });

  it("makes a fresh random delivery id and signs at the current time by default", async () => {
    const [first, second] = await Promise.all([webhooksSign(WEBHOOK_SECRET, body), webhooksSign(WEBHOOK_SECRET, body)]);
    if (!first.ok || !second.ok) throw new Error("signing failed");
    expect(first.value["svix-id"]).toMatch(/^msg_[A-Za-z0-9]{24}$/);
    expect(first.value["svix-id"]).not.toBe(second.value["svix-id"]);
    // The default time is now: verify accepts it under its own default clock.
    expect((await webhooksVerify(WEBHOOK_SECRET, body, first.value)).ok).toBe(true);
  });

  it("refuses a malformed secret or a parsed body, without throwing", async () => {
    const bad = await webhooksSign("whsec_###", body);
    expect(bad.ok || bad.error).toMatchObject({ name: "WebhookVerificationError", reason: "invalid_secret" });
    const parsed = await webhooksSign(WEBHOOK_SECRET, JSON.parse(body));
    expect(parsed.ok || parsed.error).toMatchObject({ reason: "payload_not_raw" });
  });
});
