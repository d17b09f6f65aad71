import type { IncomingHttpHeaders } from "node:http";
import { describe, expectTypeOf, it } from "vitest";
import type { SDKError } from "../../src/models/index.js";
import {
  type LimitReachedData,
  type Result,
  type SignedWebhookHeaders,
  type UnknownWebhookEvent,
  type WebhookEvent,
  type WebhookEventType,
  WebhookVerificationError,
  type WebhookVerificationReason,
  webhooksSign,
  webhooksVerify,
} from "../../src/webhooks.js";

declare const event: WebhookEvent;

describe("webhooksVerify", () => {
  it("resolves to a Result of the event or a WebhookVerificationError, not an API error", () => {
    expectTypeOf(webhooksVerify).returns.toEqualTypeOf<Promise<Result<WebhookEvent, WebhookVerificationError>>>();
    expectTypeOf<WebhookVerificationError>().not.toMatchTypeOf<SDKError>();
    expectTypeOf<WebhookVerificationError["name"]>().toEqualTypeOf<"WebhookVerificationError">();
  });

  it("takes what route handlers, Workers and Node servers have: env strings, raw bodies, Headers or Node's headers", () => {
    expectTypeOf(webhooksVerify).toBeCallableWith(process.env["AUTUMN_WEBHOOK_SECRET"], "{}", new Headers());
    expectTypeOf(webhooksVerify).toBeCallableWith(["whsec_a", "whsec_b"], new Uint8Array(), {} as IncomingHttpHeaders, { toleranceMs: 60_000, now: new Date() });
    expectTypeOf(webhooksVerify).toBeCallableWith("whsec_a", new ArrayBuffer(0), { "svix-id": "msg_1" }, { now: 0 });
    expectTypeOf(webhooksVerify).parameter(1).not.toMatchTypeOf<{ type: string }>();
  });

  it("narrows data by type once `known` is checked", () => {
    if (!event.known) {
      expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent>();
      expectTypeOf(event.type).toMatchTypeOf<string>();
      expectTypeOf(event.data).toEqualTypeOf<unknown>();
      return;
    }
    expectTypeOf(event.type).toEqualTypeOf<WebhookEventType>();
    switch (event.type) {
      case "balances.limit_reached":
        expectTypeOf(event.data).toEqualTypeOf<LimitReachedData>();
        expectTypeOf(event.data.customerId).toEqualTypeOf<string>();
        expectTypeOf(event.data.entityId).toEqualTypeOf<string | undefined>();
        expectTypeOf<"included">().toMatchTypeOf<typeof event.data.limitType>();
        break;
      case "balances.usage_alert_triggered":
        expectTypeOf(event.data.usageAlert.threshold).toEqualTypeOf<number>();
        break;
      case "billing.updated":
        expectTypeOf(event.data.planChanges[0]!.subscription).toEqualTypeOf<
          | {
              planId: string;
              status: "active" | "scheduled" | "expired" | (string & {});
              pastDue: boolean;
              startedAt: number | null;
              canceledAt: number | null;
              expiresAt: number | null;
              trialEndsAt: number | null;
              currentPeriodStart: number | null;
              currentPeriodEnd: number | null;
            }
          | undefined
        >();
        expectTypeOf(event.data.planChanges[0]!.planChange!.plan!.autoEnable).toEqualTypeOf<boolean>();
        break;
      case "billing.auto_topup_failed":
        expectTypeOf(event.data.error).toEqualTypeOf<
          { code?: string | null; message?: string | null; type?: string | null; declineCode?: string | null } | null | undefined
        >();
        break;
      case "billing.auto_topup_succeeded":
        expectTypeOf(event.data.invoice.stripeId).toEqualTypeOf<string>();
        break;
      case "customer.threshold_reached":
        expectTypeOf(event.data.customer).toEqualTypeOf<Record<string, unknown>>();
        break;
      case "customer.products.updated":
      case "vercel.resources.provisioned":
      case "vercel.resources.deleted":
      case "vercel.resources.rotate_secrets":
      case "vercel.webhooks.event":
        break;
      default:
        // Every known type is handled above.
        expectTypeOf(event).toEqualTypeOf<never>();
    }
  });

  it("without the `known` check, allows a type the SDK does not know yet and leaves data unknown", () => {
    if (event.type === "invoices.paid") expectTypeOf(event.data).toEqualTypeOf<unknown>();
    expectTypeOf(event.deliveryId).toEqualTypeOf<string>();
    expectTypeOf(event.signedAt).toEqualTypeOf<number>();
  });

  it("has a closed union of reasons to switch on", () => {
    expectTypeOf<WebhookVerificationError["reason"]>().toEqualTypeOf<WebhookVerificationReason>();
    expectTypeOf<"no_matching_signature">().toMatchTypeOf<WebhookVerificationReason>();
    expectTypeOf<"bad_vibes">().not.toMatchTypeOf<WebhookVerificationReason>();
  });
});

describe("webhooksSign", () => {
  it("returns headers usable by fetch and by webhooksVerify", () => {
    expectTypeOf(webhooksSign).returns.toEqualTypeOf<Promise<Result<SignedWebhookHeaders, WebhookVerificationError>>>();
    expectTypeOf<SignedWebhookHeaders>().toMatchTypeOf<HeadersInit>();
    expectTypeOf<SignedWebhookHeaders>().toMatchTypeOf<Parameters<typeof webhooksVerify>[2]>();
  });
});
