import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Autumn } from "../src/autumn.js";
import { type Sandbox, startSandbox } from "../src/sandbox/server.js";

/**
 * What the sandbox does with usage over time, through the class: events
 * listed and summed per day, balance held under locks, batches, AI tokens
 * priced, and grants made outside plans. test/sandbox/ checks the shape of
 * each answer; this checks the state behind them.
 */
const DAY = 86_400_000;

const CATALOG = {
  features: [
    { featureId: "messages", name: "Messages", type: "metered", consumable: true, eventNames: ["message.sent"] },
    {
      featureId: "ai_credits",
      name: "AI credits",
      type: "ai_credit_system",
      modelMarkups: {
        "anthropic/claude-x": { inputCost: 3, outputCost: 15, markup: 50 },
        "openai/gpt-x": { inputCost: 2, outputCost: 8 },
        "google/gemini-x": { inputCost: 1, outputCost: 1 },
      },
      providerMarkups: { openai: { markup: 10 } },
      defaultMarkup: 20,
    },
  ],
  plans: [
    {
      planId: "free",
      name: "Free",
      autoEnable: true,
      items: [
        { featureId: "messages", included: 5, reset: { interval: "month" } },
        { featureId: "ai_credits", included: 1, reset: { interval: "month" } },
      ],
    },
  ],
};

let sandbox: Sandbox;
let autumn: Autumn;

beforeAll(async () => {
  sandbox = await startSandbox({ catalog: CATALOG });
  autumn = new Autumn({ secretKey: "am_sk_test_usage", serverURL: sandbox.url, retryConfig: { limit: 0 } });
});
afterAll(async () => {
  await sandbox.close();
});

/** A new customer on the free plan: 5 messages and $1 of AI credits a month. */
async function customer(customerId: string): Promise<string> {
  await autumn.customers.getOrCreate({ customerId });
  return customerId;
}

const messages = async (customerId: string) => (await autumn.customers.get({ customerId })).balances["messages"]!;

describe("events", () => {
  it("lists a customer's events newest first across pages and days, and within a time range", async () => {
    const customerId = await customer("use_events");
    const start = sandbox.now();
    await autumn.track({ customerId, featureId: "messages", value: 1 });
    sandbox.advanceClock(DAY);
    await autumn.track({ customerId, featureId: "messages", value: 2, properties: { model: "a" } });
    sandbox.advanceClock(DAY);
    await autumn.track({ customerId, featureId: "messages", value: 1, properties: { model: "b" } });

    const values: number[] = [];
    for await (const event of autumn.events.listItems({ customerId, limit: 2 })) values.push(event.value);
    expect(values).toEqual([1, 2, 1]);
    const middle = await autumn.events.list({ customerId, customRange: { start: start + DAY, end: start + 2 * DAY } });
    expect(middle.list.map((event) => [event.value, event.properties])).toEqual([[2, { model: "a" }]]);
    expect((await autumn.events.list({ customerId, featureId: "ai_credits" })).list).toEqual([]);
  });

  it("sums each day's values, grouped by a property, with totals over the range", async () => {
    const customerId = "use_events";
    const end = sandbox.now() + 1;
    const aggregation = await autumn.events.aggregate({ customerId, featureId: "messages", customRange: { start: end - 3 * DAY, end }, binSize: "day", groupBy: "properties.model" });
    // Three days of usage fall in the last three (or four, by the hour of day) UTC days of the range.
    const busy = aggregation.list.filter((bin) => bin.values["messages"]! > 0);
    expect(busy.map((bin) => [bin.values["messages"], bin.groupedValues?.["messages"]])).toEqual([
      [1, { "": 1 }],
      [2, { a: 2 }],
      [1, { b: 1 }],
    ]);
    expect(busy.map((bin) => bin.period - busy[0]!.period)).toEqual([0, DAY, 2 * DAY]);
    expect(busy.every((bin) => bin.period % DAY === 0)).toBe(true);
    expect(aggregation.total).toEqual({ messages: { count: 3, sum: 4 } });
    const lastDay = await autumn.events.aggregate({ customerId, featureId: "messages", range: "24h" });
    expect([lastDay.list.length >= 24, lastDay.total]).toEqual([true, { messages: { count: 1, sum: 1 } }]);
  });
});

describe("locks", () => {
  it("holds balance under a lock, so later checks see less, until it is released or confirmed", async () => {
    const customerId = await customer("use_lock");
    expect((await autumn.check({ customerId, featureId: "messages", requiredBalance: 3, lock: { lockId: "use_job_1" } })).allowed).toBe(true);
    expect((await autumn.check({ customerId, featureId: "messages", requiredBalance: 3 })).allowed).toBe(false);
    await autumn.balances.finalize({ lockId: "use_job_1", action: "release" });
    expect((await autumn.check({ customerId, featureId: "messages", requiredBalance: 3 })).allowed).toBe(true);
    expect(sandbox.events.filter((event) => event.customerId === customerId)).toEqual([]);

    await autumn.check({ customerId, featureId: "messages", requiredBalance: 3, lock: { lockId: "use_job_2" } });
    await autumn.balances.finalize({ lockId: "use_job_2", action: "confirm", overrideValue: 2, properties: { job: 2 } });
    expect(await messages(customerId)).toMatchObject({ usage: 2, remaining: 3 });
    expect(sandbox.events.filter((event) => event.customerId === customerId).map((event) => [event.value, event.properties])).toEqual([[2, { job: 2 }]]);
    await expect(autumn.balances.finalize({ lockId: "use_job_2", action: "release" })).rejects.toMatchObject({ status: 404, code: "lock_not_found" });
  });

  it("releases a hold whose time ran out on the sandbox's clock", async () => {
    const customerId = await customer("use_lock_expiry");
    await autumn.check({ customerId, featureId: "messages", requiredBalance: 4, lock: { lockId: "use_expiring", expiresAt: sandbox.now() + 60_000 } });
    expect(await messages(customerId)).toMatchObject({ remaining: 1 });
    sandbox.advanceClock(61_000);
    expect(await messages(customerId)).toMatchObject({ remaining: 5 });
    await expect(autumn.balances.finalize({ lockId: "use_expiring", action: "confirm" })).rejects.toMatchObject({ code: "lock_not_found" });
  });
});

describe("batch tracking", () => {
  it("tracks every event of a batch, or none when one is refused", async () => {
    const [ada, bob] = [await customer("use_batch_ada"), await customer("use_batch_bob")];
    expect(await autumn.balances.batchTrack([{ customerId: ada, featureId: "messages", value: 2 }, { customerId: bob, eventName: "message.sent" }, { customerId: ada, featureId: "messages" }])).toEqual({ success: true });
    expect([(await messages(ada)).usage, (await messages(bob)).usage]).toEqual([3, 1]);
    await expect(autumn.balances.batchTrack([{ customerId: ada, featureId: "messages" }, { customerId: "use_nobody", featureId: "messages" }])).rejects.toMatchObject({ status: 404, code: "customer_not_found" });
    expect((await messages(ada)).usage).toBe(3);
  });
});

describe("AI token tracking", () => {
  it("prices tokens per million at the model's cost, with the model's, the provider's or the default markup", async () => {
    const customerId = await customer("use_tokens");
    // 10k input at $3/M + 2k output at $15/M = $0.06, plus the model's 50%.
    const claude = await autumn.balances.trackTokens({ customerId, modelId: "anthropic/claude-x", inputTokens: 10_000, outputTokens: 2_000 });
    expect(claude.value).toBe(0.09);
    // Cache reads are priced as input, reasoning as output: 12k at $2/M + 2k at $8/M = $0.04, plus openai's 10%.
    const gpt = await autumn.balances.trackTokens({ customerId, modelId: "openai/gpt-x", inputTokens: 10_000, cacheReadTokens: 2_000, outputTokens: 1_000, reasoningTokens: 1_000 });
    expect(gpt.value).toBe(0.044);
    // No model or provider markup: the default 20% on 100k input at $1/M.
    const gemini = await autumn.balances.trackTokens({ customerId, featureId: "ai_credits", modelId: "google/gemini-x", inputTokens: 100_000, outputTokens: 0 });
    expect(gemini.value).toBe(0.12);
    expect(gemini.balance).toMatchObject({ featureId: "ai_credits", granted: 1 });
    expect(gemini.balance!.remaining).toBeCloseTo(1 - 0.09 - 0.044 - 0.12, 10);
    await expect(autumn.balances.trackTokens({ customerId, featureId: "messages", modelId: "openai/gpt-x", inputTokens: 1, outputTokens: 1 })).rejects.toMatchObject({ status: 400 });
  });
});

describe("balances outside plans", () => {
  it("stacks a one-off grant on the plan's, spends the monthly one first, and keeps the one-off across the reset", async () => {
    const customerId = await customer("use_grant");
    await autumn.balances.create({ customerId, featureId: "messages", includedGrant: 10, balanceId: "use_topup" });
    expect(await messages(customerId)).toMatchObject({ granted: 15, remaining: 15 });
    const tracked = await autumn.track({ customerId, featureId: "messages", value: 7 });
    expect(tracked.deductions?.map((deduction) => [deduction.planId, deduction.value])).toEqual([
      ["free", 5],
      [null, 2],
    ]);
    sandbox.advanceClock(32 * DAY);
    const after = await messages(customerId);
    expect(after).toMatchObject({ granted: 15, usage: 2, remaining: 13 });
    expect(after.breakdown?.find((grant) => grant.id === "use_topup")).toMatchObject({ planId: null, remaining: 8, reset: null });
  });

  it("sets what is left of one grant, adds to a balance, and deletes a grant", async () => {
    const customerId = await customer("use_edit");
    await autumn.balances.create({ customerId, featureId: "messages", includedGrant: 10, balanceId: "use_edit_topup" });
    await autumn.balances.update({ customerId, featureId: "messages", balanceId: "use_edit_topup", remaining: 4 });
    expect(await messages(customerId)).toMatchObject({ granted: 15, remaining: 9 });
    await autumn.balances.update({ customerId, featureId: "messages", addToBalance: 3 });
    expect(await messages(customerId)).toMatchObject({ remaining: 12 });
    await autumn.balances.update({ customerId, featureId: "messages", usage: 0 });
    expect(await messages(customerId)).toMatchObject({ usage: 0, remaining: 15 });
    await autumn.balances.delete({ customerId, balanceId: "use_edit_topup" });
    expect(await messages(customerId)).toMatchObject({ granted: 5, remaining: 5 });
  });

  it("drops a grant once it expires, and resets a recurring grant on its own interval", async () => {
    const customerId = await customer("use_expiry");
    await autumn.balances.create({ customerId, featureId: "messages", includedGrant: 10, expiresAt: sandbox.now() + DAY });
    await autumn.balances.create({ customerId, featureId: "messages", includedGrant: 2, reset: { interval: "day" }, balanceId: "use_daily" });
    await autumn.track({ customerId, featureId: "messages", value: 2 });
    expect(await messages(customerId)).toMatchObject({ granted: 17, usage: 2 });
    sandbox.advanceClock(DAY + 1);
    expect(await messages(customerId)).toMatchObject({ granted: 7, usage: 0 });
  });
});
