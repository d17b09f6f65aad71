import { describe, expectTypeOf, it } from "vitest";
import type { AutumnCore } from "../../src/core.js";
import { type CustomerCore, readTokens, type TokenStorage } from "../../src/customer-core.js";
import { balancesCheck, type CheckResult } from "../../src/funcs/balances-check.js";
import { balancesTrack } from "../../src/funcs/balances-track.js";
import { customersGet } from "../../src/funcs/customers-get.js";
import { customersUpdate } from "../../src/funcs/customers-update.js";
import { entitiesGet } from "../../src/funcs/entities-get.js";
import { eventsAggregate } from "../../src/funcs/events-aggregate.js";
import { eventsList } from "../../src/funcs/events-list.js";
import { keysMint } from "../../src/funcs/keys-mint.js";
import { keysRefresh } from "../../src/funcs/keys-refresh.js";
import type { Result } from "../../src/lib/result.js";
import type { Customer } from "../../src/models/customer.js";
import type { CustomerTokens } from "../../src/models/customer-tokens.js";

declare const customer: CustomerCore;
declare const server: AutumnCore;

describe("a CustomerCore's calls", () => {
  it("leave customerId out of the six reachable operations", () => {
    expectTypeOf(balancesCheck(customer, { featureId: "messages" })).resolves.toEqualTypeOf<Result<CheckResult>>();
    expectTypeOf(balancesTrack).toBeCallableWith(customer, { featureId: "messages", value: 2 });
    expectTypeOf(customersGet(customer)).resolves.toEqualTypeOf<Result<Customer>>();
    expectTypeOf(entitiesGet).toBeCallableWith(customer, { entityId: "seat_1" });
    expectTypeOf(eventsList).toBeCallableWith(customer, { featureId: "messages" });
    expectTypeOf(eventsAggregate).toBeCallableWith(customer, { featureId: "messages", range: "7d" });
  });

  it("refuse a customerId, and every operation a token cannot reach", () => {
    // @ts-expect-error the customer is the token's
    void balancesCheck(customer, { customerId: "user_123", featureId: "messages" });
    // @ts-expect-error customers.update takes a secret key
    void customersUpdate(customer, { customerId: "user_123", name: "M" });
    // @ts-expect-error keys.mint takes a secret key
    void keysMint(customer, { customerId: "user_123" });
  });

  it("keep the secret-key signatures for an AutumnCore", () => {
    expectTypeOf(balancesCheck).toBeCallableWith(server, { customerId: "user_123", featureId: "messages" });
    // @ts-expect-error with a secret key, the customer must be named
    void balancesCheck(server, { featureId: "messages" });
    expectTypeOf(keysMint(server, { customerId: "user_123" })).resolves.toEqualTypeOf<Result<CustomerTokens>>();
    expectTypeOf(keysRefresh).toBeCallableWith(customer, { refreshToken: "am_jwt_…" });
  });
});

describe("starting from storage and signing out", () => {
  it("readTokens takes anything and gives a pair or undefined; signOut resolves to nothing; storage.clear is optional", () => {
    expectTypeOf(readTokens).parameter(0).toBeUnknown();
    expectTypeOf(readTokens("{}")).toEqualTypeOf<CustomerTokens | undefined>();
    expectTypeOf(customer.signOut()).toEqualTypeOf<Promise<void>>();
    expectTypeOf<{ load: () => null; save: () => void }>().toMatchTypeOf<TokenStorage>();
  });
});
