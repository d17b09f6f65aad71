import { describe, expectTypeOf, it } from "vitest";
import type { Sandbox, SandboxEvent, SandboxFault, SandboxFaultOptions, SandboxOptions, WebhookDelivery } from "../../src/sandbox/index.js";

describe("the public Sandbox's fault controls", () => {
  it("take a fault of one of three kinds and the options times and route", () => {
    expectTypeOf<Sandbox["fail"]>().parameters.toEqualTypeOf<[fault: SandboxFault, options?: SandboxFaultOptions]>();
    expectTypeOf<SandboxFault["kind"]>().toEqualTypeOf<"status" | "timeout" | "reset">();
    expectTypeOf<Sandbox["clearFaults"]>().toEqualTypeOf<() => void>();
    const sandbox = {} as Sandbox;
    sandbox.fail({ kind: "status", status: 503, retryAfterSeconds: 1 }, { route: "balances.check", times: 2 });
    sandbox.fail({ kind: "reset", afterApplying: true });
    // @ts-expect-error a status fault needs its status
    sandbox.fail({ kind: "status" });
    // @ts-expect-error a timeout has nothing to set
    sandbox.fail({ kind: "timeout", status: 503 });
  });

  it("say in requests which fault hit each one, and once it is over its status and how long it took", () => {
    expectTypeOf<Sandbox["requests"][number]["fault"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Sandbox["requests"][number]["status"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Sandbox["requests"][number]["durationMs"]>().toEqualTypeOf<number | undefined>();
  });
});

describe("the public Sandbox", () => {
  it("keeps its internals to itself: no state, no route overrides", () => {
    expectTypeOf<Sandbox>().not.toHaveProperty("state");
    expectTypeOf<SandboxOptions>().not.toHaveProperty("routes");
    expectTypeOf<keyof SandboxOptions>().toEqualTypeOf<"port" | "catalog" | "allowedOrigins" | "keepRequests" | "webhookURL" | "webhookSecret" | "webhookRetryDelaysMs">();
  });

  it("takes the origins whose pages may call it as a list of strings", () => {
    expectTypeOf<SandboxOptions["allowedOrigins"]>().toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf<SandboxOptions["keepRequests"]>().toEqualTypeOf<number | undefined>();
  });

  it("resends a webhook delivery by its id", () => {
    expectTypeOf<Sandbox["webhooks"]["resend"]>().toEqualTypeOf<(id: string) => WebhookDelivery>();
  });

  it("lists events in camelCase, read-only", () => {
    expectTypeOf<Sandbox["events"]>().toEqualTypeOf<readonly SandboxEvent[]>();
    expectTypeOf<SandboxEvent["featureId"]>().toEqualTypeOf<string>();
  });
});
