import { describe, expectTypeOf, it } from "vitest";
import type { AutumnCore } from "../../src/core.js";
import { entitiesCreate } from "../../src/funcs/entities-create.js";
import { entitiesGet } from "../../src/funcs/entities-get.js";
import { entitiesListPages } from "../../src/funcs/entities-list-pages.js";
import type { Result } from "../../src/lib/result.js";
import type { Balance } from "../../src/models/balance.js";
import type { Entity } from "../../src/models/entity.js";
import type { SDKError } from "../../src/models/errors/index.js";
import type { EntitiesCreateParams } from "../../src/models/operations/entities-create.js";
import type { EntityPage } from "../../src/models/operations/entities-list.js";
import { Entities } from "../../src/sdk/entities.js";

declare const core: AutumnCore;

describe("entity functions", () => {
  it("return a Result of the entity, or of a page for list pages", () => {
    expectTypeOf(entitiesGet).returns.toEqualTypeOf<Promise<Result<Entity, SDKError>>>();
    expectTypeOf(entitiesCreate).returns.toEqualTypeOf<Promise<Result<Entity, SDKError>>>();
    expectTypeOf(entitiesListPages).returns.toEqualTypeOf<AsyncGenerator<Result<EntityPage, SDKError>, void, undefined>>();
    expectTypeOf<Entities["get"]>().returns.toEqualTypeOf<Promise<Entity>>();
  });

  it("type the entity's fields, with balances and flags keyed by feature id", () => {
    expectTypeOf<Entity["id"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Entity["customerId"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Entity["balances"]>().toEqualTypeOf<Record<string, Balance>>();
    expectTypeOf<Entity["createdAt"]>().toEqualTypeOf<number>();
  });

  it("require customerId, entityId and featureId to create, and accept no auto top-ups", () => {
    expectTypeOf<{ customerId: string; entityId: string; featureId: string }>().toExtend<EntitiesCreateParams>();
    expectTypeOf<{ customerId: string; entityId: string }>().not.toExtend<EntitiesCreateParams>();
    expectTypeOf<NonNullable<EntitiesCreateParams["billingControls"]>>().not.toHaveProperty("autoTopups");
    expectTypeOf<NonNullable<EntitiesCreateParams["billingControls"]>>().toHaveProperty("usageLimits");
    // @ts-expect-error: entityId is required
    void entitiesGet(core, { customerId: "user_123" });
  });
});
