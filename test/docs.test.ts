import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { anchors, brokenLinks, documents, links, readDocument, root, slug } from "./markdown.js";

/**
 * The README is the entry and each guide in docs/ covers one capability: the
 * README stays short, links every guide, and no relative link or anchor in
 * either leads nowhere. (Their TypeScript blocks compile: test/readme.test.ts.)
 */

/** The README's budget, in lines: its entry content is under 150, which leaves room for the guides still to come to add a line or a short section each. */
const README_MAX_LINES = 250;

describe("the README", () => {
  const readme = readDocument("README.md");

  it(`stays under ${README_MAX_LINES} lines`, () => {
    expect(readme.split("\n").length).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it("opens with what the SDK is and the two commands to run after cloning", () => {
    const firstScreen = readme.split("\n").slice(0, 25).join("\n");
    expect(firstScreen).toContain("TypeScript SDK for [Autumn]");
    expect(firstScreen).toMatch(/^npm ci && npm start\s+#/m);
    expect(firstScreen).toMatch(/^npm ci && npm test\s+#/m);
  });

  it.each(readdirSync(`${root}docs`).filter((file) => file.endsWith(".md")))("links the guide docs/%s", (file) => {
    expect(links(readme).map(({ target }) => target.split("#")[0])).toContain(`docs/${file}`);
  });
});

describe("the links of the README and the guides", () => {
  it.each(documents())("%s: every relative link and anchor resolves", (document) => {
    expect(brokenLinks(document, readDocument(document))).toEqual([]);
  });

  it("include links between the guides and to their headings, which are checked", () => {
    const relative = documents().flatMap((document) => links(readDocument(document)).filter(({ target }) => !/^[a-z]+:/i.test(target)));
    expect(relative.filter(({ target }) => /\.md#./.test(target)).length).toBeGreaterThanOrEqual(5);
    expect(relative.length).toBeGreaterThanOrEqual(40);
  });

  it("ARCHITECTURE.md's links resolve too", () => {
    expect(brokenLinks("ARCHITECTURE.md", readDocument("ARCHITECTURE.md"))).toEqual([]);
  });
});

describe("the link check", () => {
  const page = [
    "# A guide",
    "",
    "## Quick start: the `Autumn` class",
    "",
    "See [the class](#quick-start-the-autumn-class), [install](../README.md#install) and [the tests](../test).",
    "Broken: [file](missing.md), [anchor](#nope), [other anchor](../README.md#nope), [built](../dist/index.js),",
    "[outside](../../elsewhere.md), [source anchor](../package.json#L1). Not links: `[redacted](x)`, https://example.com.",
    "",
    "```ts",
    "const link = '[in code](nowhere.md)';",
    "```",
  ].join("\n");

  it("reports each link that leads nowhere, with its line, and nothing else", () => {
    expect(brokenLinks("docs/example.md", page)).toEqual([
      "docs/example.md:6 missing.md: no such file",
      "docs/example.md:6 #nope: no heading with that anchor in docs/example.md",
      "docs/example.md:6 ../README.md#nope: no heading with that anchor in README.md",
      "docs/example.md:6 ../dist/index.js: not a file of the repository (built, installed or hidden)",
      "docs/example.md:7 ../../elsewhere.md: outside the repository",
      "docs/example.md:7 ../package.json#L1: an anchor in a file that is not Markdown",
    ]);
  });

  it.each([
    ["Quick start: the `Autumn` class", "quick-start-the-autumn-class"],
    ["Local development: `npx autumn-sandbox`", "local-development-npx-autumn-sandbox"],
    ["Node.js servers, Next.js, Hono, Express", "nodejs-servers-nextjs-hono-express"],
    ["Its Autumn is the SDK's Autumn", "its-autumn-is-the-sdks-autumn"],
    ["Errors, retries and fail-open", "errors-retries-and-fail-open"],
    ["Per-call options: `signal`, `timeoutMs`", "per-call-options-signal-timeoutms"],
  ])("anchors %j as GitHub does: #%s", (heading, anchor) => {
    expect(slug(heading)).toBe(anchor);
  });

  it("numbers a repeated heading's anchor as GitHub does, and skips headings in code", () => {
    expect([...anchors("## Events\n\n```sh\n# not a heading\n```\n\n### Events\n## Events\n")]).toEqual(["events", "events-1", "events-2"]);
  });
});
