import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaultServer } from "../faults/fault-server.js";

/**
 * A platform without `AbortSignal.any`: the edge runtime of Next.js and Vercel
 * (the `edge-runtime` package), older browsers. ky decides when it is loaded
 * whether to link signals with it, so it is removed before anything imports ky
 * (every test file runs in a fresh module graph, and nothing here imports the
 * SDK statically). Each case then checks that the call's own controller does
 * the job ky's linked signal does elsewhere: the caller's signal ends the
 * attempt in flight, and a timeout cancels the fetch it gives up on. The
 * runtime matrix runs the same calls inside the real edge-runtime VM.
 */
const original = Object.getOwnPropertyDescriptor(AbortSignal, "any");
let sdk: {
  testCore: typeof import("../helpers.js").testCore;
  fixture: typeof import("../helpers.js").fixture;
  customersGet: typeof import("../../src/funcs/customers-get.js").customersGet;
  startFaultServer: typeof import("../faults/fault-server.js").startFaultServer;
  reply: typeof import("../faults/fault-server.js").reply;
  hang: typeof import("../faults/fault-server.js").hang;
};

beforeAll(async () => {
  delete (AbortSignal as { any?: unknown }).any;
  const [{ testCore, fixture }, { customersGet }, { startFaultServer, reply, hang }] = await Promise.all([
    import("../helpers.js"),
    import("../../src/funcs/customers-get.js"),
    import("../faults/fault-server.js"),
  ]);
  sdk = { testCore, fixture, customersGet, startFaultServer, reply, hang };
});
afterAll(() => {
  if (original) Object.defineProperty(AbortSignal, "any", original);
});


/** Resolves once the server has `count` requests, polling its record. */
async function received(server: FaultServer, count: number): Promise<void> {
  while (server.count() < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** The global fetch, recording the signal of every request it is handed. */
function recordingFetch(): { fetch: typeof fetch; signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  return {
    signals,
    fetch: (input, init) => {
      signals.push(input instanceof Request ? input.signal : init!.signal!);
      return fetch(input, init);
    },
  };
}

describe("without AbortSignal.any", () => {
  let server: FaultServer;
  afterAll(async () => {
    await server?.close();
  });

  it("is really missing here", () => {
    expect(typeof (AbortSignal as { any?: unknown }).any).toBe("undefined");
  });

  it("completes a call that passes a signal", async () => {
    server = await sdk.startFaultServer([sdk.reply(200, { ...sdk.fixture<Record<string, unknown>>("customer"), id: "u1" })]);
    const result = await sdk.customersGet(sdk.testCore({ serverURL: server.url }), { customerId: "u1" }, { signal: new AbortController().signal });
    expect(result.ok ? result.value.id : result.error).toBe("u1");
    await server.close();
  });

  it("ends a call in flight when the caller aborts, aborting its fetch", async () => {
    server = await sdk.startFaultServer([sdk.hang()]);
    const recorder = recordingFetch();
    const controller = new AbortController();
    const call = sdk.customersGet(sdk.testCore({ serverURL: server.url, fetch: recorder.fetch }), { customerId: "u1" }, { signal: controller.signal });
    await received(server, 1);
    controller.abort(new Error("the user left"));
    const result = await call;
    expect(result.ok ? result.value : [result.error.name, (result.error.cause as Error).message]).toEqual(["RequestAbortedError", "the user left"]);
    expect(recorder.signals.map((signal) => signal.aborted)).toEqual([true]);
    await server.close();
  });

  it("aborts the fetch a timeout gives up on", async () => {
    server = await sdk.startFaultServer([sdk.hang()]);
    const recorder = recordingFetch();
    const core = sdk.testCore({ serverURL: server.url, timeoutMs: 300, fetch: recorder.fetch });
    const result = await sdk.customersGet(core, { customerId: "u1" }, { signal: new AbortController().signal });
    expect(result.ok ? result.value : result.error.name).toBe("RequestTimeoutError");
    expect(recorder.signals.map((signal) => signal.aborted)).toEqual([true]);
    await server.close();
  });

  it("ends the wait between retries when the caller aborts", async () => {
    server = await sdk.startFaultServer([sdk.reply(503, { code: "unavailable", message: "later" }, { "retry-after": "5" })]);
    const controller = new AbortController();
    const call = sdk.customersGet(sdk.testCore({ serverURL: server.url, retryConfig: { maxRetryAfterMs: 10_000, maxDelayMs: 10_000 } }), { customerId: "u1" }, { signal: controller.signal });
    await received(server, 1);
    controller.abort();
    const result = await call;
    expect(result.ok ? result.value : result.error.name).toBe("RequestAbortedError");
    expect(server.count()).toBe(1);
    await server.close();
  });
});
