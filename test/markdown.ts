import { existsSync, readdirSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The user documentation as the tests read it: README.md and every guide in
 * docs/, and what Markdown puts in them (fenced blocks, headings and their
 * anchors, links), parsed the way GitHub renders them closely enough for
 * the docs this repository writes.
 */
export const root = fileURLToPath(new URL("..", import.meta.url));

/** README.md, then every `docs/*.md`, found by listing the folder so that a new guide is read without editing a test. */
export function documents(): string[] {
  const guides = readdirSync(`${root}docs`).filter((file) => file.endsWith(".md"));
  return ["README.md", ...guides.sort().map((file) => `docs/${file}`)];
}

/** A document's text, by its path from the repository root. */
export function readDocument(path: string): string {
  return readFileSync(`${root}${path}`, "utf8");
}

/** A fenced block: its info string's language, its text, and the lines (1-based) of its opening and closing fences. */
export interface CodeBlock {
  language: string;
  code: string;
  line: number;
  closingLine: number;
}

/** Every fenced block (``` or ~~~), in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const found: CodeBlock[] = [];
  let open: { fence: string; language: string; line: number; lines: string[] } | undefined;
  markdown.split("\n").forEach((text, index) => {
    if (open) {
      if (text.trimEnd() === open.fence) {
        const code = open.lines.map((line) => `${line}\n`).join("");
        found.push({ language: open.language, code, line: open.line, closingLine: index + 1 });
        open = undefined;
      } else open.lines.push(text);
      return;
    }
    const start = /^(```+|~~~+)\s*([^\s`]*)/.exec(text);
    if (start) open = { fence: start[1]!, language: start[2]!, line: index + 1, lines: [] };
  });
  return found;
}

/** The TypeScript blocks (```ts or ```typescript) of a document. */
export function typeScriptBlocks(markdown: string): CodeBlock[] {
  return codeBlocks(markdown).filter((block) => block.language === "ts" || block.language === "typescript");
}

/** The document's lines outside fenced blocks, each with its 1-based number. */
function prose(markdown: string): { text: string; line: number }[] {
  const fenced = new Set<number>();
  const lines = markdown.split("\n");
  for (const block of codeBlocks(markdown)) for (let line = block.line; line <= block.closingLine; line++) fenced.add(line);
  return lines.map((text, index) => ({ text, line: index + 1 })).filter(({ line }) => !fenced.has(line));
}

/** A heading's text as GitHub renders it: code spans keep their text, links their label. */
function renderedText(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`/g, "")
    .trim();
}

/**
 * GitHub's anchor for a heading (github-slugger): lower case, every character
 * that is not a letter, mark, number, connector (`_`), space or hyphen dropped,
 * spaces turned into hyphens.
 */
export function slug(heading: string): string {
  return renderedText(heading)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** The anchors of a document's ATX headings, a repeated one numbered `-1`, `-2`, … as GitHub numbers it. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const { text } of prose(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (!heading) continue;
    const base = slug(heading[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count === 0 ? base : `${base}-${count}`);
  }
  return found;
}

/** Every link and image target outside code (inline links and reference definitions), with its line. */
export function links(markdown: string): { target: string; line: number }[] {
  const found: { target: string; line: number }[] = [];
  for (const { text, line } of prose(markdown)) {
    // A code span's text is not Markdown: `[redacted]` in backticks is no link.
    const outsideCode = text.replace(/(`+)[\s\S]*?\1/g, "");
    for (const match of outsideCode.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.push({ target: match[1]!, line });
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(outsideCode);
    if (definition) found.push({ target: definition[1]!, line });
  }
  return found;
}

/** Built or installed paths, present on this machine but not in the repository a reader browses. */
const NOT_IN_REPOSITORY = /^(node_modules|dist|coverage)(\/|$)|(^|\/)\.[^/.]/;

/**
 * Why each relative link of a document does not resolve, as `path:line target: reason` (empty when all
 * do). `path` is where the document sits in the repository, which the links are relative to. External
 * links (any `scheme:`) are not fetched. A `#anchor` must be a heading of the Markdown file it points at.
 */
export function brokenLinks(path: string, markdown: string): string[] {
  const problems: string[] = [];
  for (const { target, line } of links(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [file = "", anchor] = target.split("#", 2) as [string, string | undefined];
    const report = (reason: string) => problems.push(`${path}:${line} ${target}: ${reason}`);
    if (file === "") {
      if (anchor !== undefined && !anchors(markdown).has(anchor)) report(`no heading with that anchor in ${path}`);
      continue;
    }
    const resolved = posix.normalize(posix.join(posix.dirname(path), decodeURIComponent(file)));
    if (resolved.startsWith("../") || posix.isAbsolute(resolved)) {
      report("outside the repository");
      continue;
    }
    if (NOT_IN_REPOSITORY.test(resolved)) {
      report("not a file of the repository (built, installed or hidden)");
      continue;
    }
    if (!existsSync(`${root}${resolved}`)) {
      report("no such file");
      continue;
    }
    if (anchor === undefined) continue;
    if (!resolved.endsWith(".md")) report("an anchor in a file that is not Markdown");
    else if (!anchors(readDocument(resolved)).has(anchor)) report(`no heading with that anchor in ${resolved}`);
  }
  return problems;
}
