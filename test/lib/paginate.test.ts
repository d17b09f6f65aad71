import { describe, expect, it } from "vitest";
import { customersListItems } from "../../src/funcs/customers-list-items.js";
import { customersListPages } from "../../src/funcs/customers-list-pages.js";
import type { Result } from "../../src/lib/result.js";
import { advance, fakeClock, realPause, until, watch } from "../clock.js";
import { type Behaviour, delayed, faultServers, hang, reply } from "../faults/fault-server.js";
import { fixture, testCore } from "../helpers.js";

const customer = fixture("customer");
const serve = faultServers();
const page = (ids: string[], next: string | null) => ({ list: ids.map((id) => ({ ...customer, id })), next_cursor: next });

/** Every element a walk yields, in order. */
async function collect<T>(walk: AsyncIterable<Result<T>>): Promise<Result<T>[]> {
  const seen: Result<T>[] = [];
  for await (const element of walk) seen.push(element);
  return seen;
}

// A server that answers empty pages, each naming a fresh next page. Past 50 requests it fails, so that a
// walker without a bound ends (with that failure) instead of hanging the test.
const emptyForever =
  (request: unknown, index: number): Behaviour =>
    index < 50 ? reply(200, page([], `cursor_${index}`)) : reply(400, { message: "enough", code: "test_gave_up" });

describe("a walk over empty pages", () => {
  it("the item walker stops after 10 empty pages in a row that name a next one, saying so", async () => {
    const server = await serve(emptyForever);
    const items = await collect(customersListItems(testCore({ serverURL: server.url, retryConfig: { limit: 0 } })));
    expect(server.count()).toBe(10);
    expect(items).toHaveLength(1);
    expect(items[0]?.error).toMatchObject({ name: "ResponseValidationError", issues: [{ path: "next_cursor", message: expect.stringContaining("10 pages in a row were empty") }] });
  });

  it("the page walker yields the 10 empty pages, then the same error", async () => {
    const server = await serve(emptyForever);
    const pages = await collect(customersListPages(testCore({ serverURL: server.url, retryConfig: { limit: 0 } })));
    expect(server.count()).toBe(10);
    expect(pages.map((each) => (each.ok ? each.value.list.length : each.error.name))).toEqual([...Array(10).fill(0), "ResponseValidationError"]);
  });

  it("empty pages between full ones are fine: only a run of them ends the walk", async () => {
    const server = await serve((_request, index) => (index === 19 ? reply(200, page(["last"], null)) : index === 9 ? reply(200, page(["middle"], "c9")) : reply(200, page([], `c${index}`))));
    const items = await collect(customersListItems(testCore({ serverURL: server.url })));
    expect(items.map((item) => (item.ok ? item.value.id : item.error.name))).toEqual(["middle", "last"]);
    expect(server.count()).toBe(20);
  });
});

describe("a walk's timeoutMs", () => {
  it("bounds the whole walk, not each page: a page gets what the earlier ones left", async () => {
    fakeClock();
    const server = await serve((_request, index) => (index === 0 ? delayed(200, reply(200, page(["c1"], "p2"))) : hang()));
    const walk = watch(collect(customersListItems(testCore({ serverURL: server.url }), {}, { timeoutMs: 300 })));
    await until(() => server.count() === 1);
    await advance(200);
    await until(() => server.count() === 2);
    await advance(99);
    await realPause(50);
    expect(walk.settled()).toBe(false);
    await advance(1);
    await until(walk.settled);
    const items = await walk.promise;
    expect(items.map((item) => (item.ok ? item.value.id : item.error.name))).toEqual(["c1", "RequestTimeoutError"]);
    // The bound it names is the walk's, not the 100 ms the last page had left.
    expect(items[1]?.error).toMatchObject({ timeoutMs: 300, attempts: 2 });
  });

  it("does not count the time the caller's loop takes between pages", async () => {
    fakeClock();
    const server = await serve([reply(200, page(["c1"], "p2")), reply(200, page(["c2"], null))]);
    const ids: string[] = [];
    for await (const item of customersListItems(testCore({ serverURL: server.url }), {}, { timeoutMs: 300 })) {
      if (!item.ok) throw item.error;
      ids.push(item.value.id!);
      await advance(1_000);
    }
    expect(ids).toEqual(["c1", "c2"]);
  });

  it("is refused like any call's when malformed, before anything is sent", async () => {
    const server = await serve([reply(200, page(["c1"], null))]);
    const items = await collect(customersListItems(testCore({ serverURL: server.url }), {}, { timeoutMs: -5 }));
    expect(items.map((item) => item.error)).toMatchObject([{ name: "ConfigurationError", setting: "timeoutMs" }]);
    expect(server.count()).toBe(0);
  });
});
