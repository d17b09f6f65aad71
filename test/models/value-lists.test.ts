import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { openEnumOf } from "../../src/models/open-enum.js";
import {
  BILLING_METHODS,
  BillingMethodParamSchema,
  BillingMethodSchema,
  PRICE_INTERVALS,
  PriceIntervalParamSchema,
  PriceIntervalSchema,
  RESET_INTERVALS,
  ResetIntervalParamSchema,
  ResetIntervalSchema,
  type TIER_BEHAVIORS,
} from "../../src/models/shared.js";

describe("a response enum typed by a value list", () => {
  const tierBehavior = openEnumOf<typeof TIER_BEHAVIORS>();

  it("reads every value of its list unchanged", () => {
    expect(v.parse(tierBehavior, "graduated")).toBe("graduated");
    expect(v.parse(tierBehavior, "volume")).toBe("volume");
  });

  it("reads a value the SDK does not know yet unchanged, so a server release cannot break parsing", () => {
    expect(v.parse(tierBehavior, "stepped")).toBe("stepped");
  });

  it("still refuses what is not a string", () => {
    expect(v.safeParse(tierBehavior, 3).success).toBe(false);
  });
});

describe("a request schema built from a shared list", () => {
  it.each([
    ["price intervals", PRICE_INTERVALS, PriceIntervalParamSchema, PriceIntervalSchema],
    ["reset intervals", RESET_INTERVALS, ResetIntervalParamSchema, ResetIntervalSchema],
    ["billing methods", BILLING_METHODS, BillingMethodParamSchema, BillingMethodSchema],
  ] as const)("%s: accepts every value of the list and refuses any other; the response side reads them all", (_name, list, param, response) => {
    for (const value of list) {
      expect(v.parse(param, value)).toBe(value);
      expect(v.parse(response, value)).toBe(value);
    }
    expect(v.safeParse(param, "fortnight").success).toBe(false);
  });
});
