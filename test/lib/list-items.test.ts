import { describe, expect, it } from "vitest";
import { Autumn } from "../../src/autumn.js";
import { customersListItems } from "../../src/funcs/customers-list-items.js";
import { entitiesListItems } from "../../src/funcs/entities-list-items.js";
import { eventsListItems } from "../../src/funcs/events-list-items.js";
import { api, BASE_URL, fixture, recordRequests, SECRET_KEY, testCore } from "../helpers.js";

const customer = fixture("customer");
const entity = fixture("entity");
const eventsPage = fixture("events-page");
const page = (ids: string[], next: string | null) => ({ list: ids.map((id) => ({ ...customer, id })), next_cursor: next });

describe("iterating the items of a cursor list", () => {
  it("yields every customer across the pages, in order, each as an ok Result", async () => {
    const seen = recordRequests(
      api().post("/v1/customers.list").reply(200, page(["c1", "c2"], "p2")).post("/v1/customers.list").reply(200, page(["c3"], "p3")).post("/v1/customers.list").reply(200, page([], null)),
    );
    const ids: string[] = [];
    for await (const item of customersListItems(testCore(), { limit: 2 })) {
      if (!item.ok) throw item.error;
      ids.push(item.value.id!);
    }
    expect(ids).toEqual(["c1", "c2", "c3"]);
    expect(seen.map((request) => request.body)).toEqual([{ limit: 2 }, { limit: 2, start_cursor: "p2" }, { limit: 2, start_cursor: "p3" }]);
  });

  it("ends with the failed page's error as the last element, after the items it had", async () => {
    api().post("/v1/customers.list").reply(200, page(["c1"], "p2")).post("/v1/customers.list").reply(400, { message: "Bad cursor", code: "invalid_cursor" });
    const items = [];
    for await (const item of customersListItems(testCore())) items.push(item);
    expect(items.map((item) => (item.ok ? item.value.id : item.error.name))).toEqual(["c1", "AutumnAPIError"]);
    expect(items.at(-1)?.error).toMatchObject({ status: 400, code: "invalid_cursor" });
  });

  it("the class yields the items and throws the error instead", async () => {
    api().post("/v1/customers.list").reply(200, page(["c1"], "p2")).post("/v1/customers.list").reply(400, { message: "Bad cursor", code: "invalid_cursor" });
    const autumn = new Autumn({ secretKey: SECRET_KEY, serverURL: BASE_URL, retryConfig: { limit: 0 } });
    const ids: string[] = [];
    await expect(
      (async () => {
        for await (const found of autumn.customers.listItems()) ids.push(found.id!);
      })(),
    ).rejects.toMatchObject({ name: "AutumnAPIError", code: "invalid_cursor" });
    expect(ids).toEqual(["c1"]);
  });

  it("works the same for entities and events", async () => {
    api().post("/v1/entities.list").reply(200, { list: [entity, entity], next_cursor: null });
    api().post("/v1/events.list").reply(200, eventsPage);
    const entities = [];
    for await (const item of entitiesListItems(testCore())) entities.push(item);
    expect(entities.every((item) => item.ok)).toBe(true);
    expect(entities).toHaveLength(2);
    const events = [];
    for await (const item of eventsListItems(testCore(), { customerId: "user_123" })) events.push(item);
    expect(events.filter((item) => item.ok)).toHaveLength((eventsPage["list"] as unknown[]).length);
  });
});
