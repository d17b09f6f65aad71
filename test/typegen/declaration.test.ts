import { describe, expect, it } from "vitest";
import { describeChanges, readDeclaration, renderDeclaration } from "../../src/typegen/declaration.js";

describe("the declaration autumn-types writes", () => {
  it("is the same text for the same catalog, whatever order the API lists it in", () => {
    expect(renderDeclaration({ features: ["seats", "messages"], plans: ["pro", "free"] })).toBe(
      renderDeclaration({ features: ["messages", "seats"], plans: ["free", "pro"] }),
    );
  });

  it("reads back the ids it wrote, quotes and backslashes included", () => {
    const ids = { features: ["messages", 'odd"id', "back\\slash"], plans: [] };
    const text = renderDeclaration(ids);
    expect(text).toContain("plans: [];");
    expect(readDeclaration(text)).toEqual({ features: ['back\\slash', "messages", 'odd"id'], plans: [] });
  });

  it("reads nothing from a file of another shape", () => {
    expect(readDeclaration("declare module '@useautumn/sdk' {}\n")).toBeUndefined();
  });

  it("describes what changed, added ones first", () => {
    expect(describeChanges({ features: ["messages", "legacy"], plans: ["pro"] }, { features: ["messages", "images"], plans: ["pro", "team"] })).toBe(
      "feature images added, feature legacy removed, plan team added",
    );
  });
});
