import { describe, expectTypeOf, it } from "vitest";
import { Autumn } from "../../src/autumn.js";
import type { AutumnCore } from "../../src/core.js";
import { platformGetRevenuecatKeys } from "../../src/funcs/platform-get-revenuecat-keys.js";
import { platformLinkRevenuecat } from "../../src/funcs/platform-link-revenuecat.js";
import type { Result } from "../../src/lib/result.js";
import type { PlatformGetRevenuecatKeysResponse, PlatformLinkRevenuecatParams, PlatformSyncRevenuecatParams, PlatformSyncRevenuecatResponse, SDKError } from "../../src/models/index.js";

declare const core: AutumnCore;

describe("platform functions", () => {
  it("return a Result of each answer, and the class the value", () => {
    expectTypeOf(platformGetRevenuecatKeys).returns.toEqualTypeOf<Promise<Result<PlatformGetRevenuecatKeysResponse, SDKError>>>();
    expectTypeOf<Autumn["platform"]["syncRevenuecat"]>().returns.toEqualTypeOf<Promise<PlatformSyncRevenuecatResponse>>();
  });

  it("narrow to the keys on ok, the token nullable", async () => {
    const result = await platformGetRevenuecatKeys(core, { organizationSlug: "acme", env: "test" });
    if (result.ok) expectTypeOf(result.value.oauthAccessToken).toEqualTypeOf<string | null>();
    else expectTypeOf(result.error).toEqualTypeOf<SDKError>();
    expectTypeOf<"synced">().toExtend<PlatformSyncRevenuecatResponse["results"][number]["status"]>();
    expectTypeOf<"queued">().toExtend<PlatformSyncRevenuecatResponse["results"][number]["status"]>();
  });

  it("link in test or live only, sync and read keys in sandbox too", () => {
    expectTypeOf<PlatformLinkRevenuecatParams["env"]>().toEqualTypeOf<"test" | "live">();
    expectTypeOf<PlatformSyncRevenuecatParams["env"]>().toEqualTypeOf<"test" | "sandbox" | "live">();
    // @ts-expect-error: the redirect is required
    void platformLinkRevenuecat(core, { organizationSlug: "acme", env: "test", projectName: "acme-mobile" });
  });
});
