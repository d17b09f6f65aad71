import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root (the package being measured). */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** A file under the repository root, as a URL string `import()` accepts. */
export function rootURL(path: string): string {
  return pathToFileURL(`${ROOT}${path}`).href;
}

/** A wire JSON fixture from test/fixtures, as the server sends it (raw text). */
export function fixtureText(name: string): string {
  return readFileSync(`${ROOT}test/fixtures/${name}.json`, "utf8");
}

/** Where each part writes its lines: the console, and the buffer `--write` saves. */
export class Report {
  readonly lines: string[] = [];

  line(text = ""): void {
    this.lines.push(text);
    console.log(text);
  }

  /** A table with a header row; columns after the first are right-aligned. */
  table(header: string[], rows: (string | number)[][]): void {
    const cells = [header, ...rows.map((row) => row.map(String))];
    const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? "").length)));
    const render = (row: string[]) =>
      row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ").trimEnd();
    this.line(render(cells[0]!));
    this.line(widths.map((width) => "-".repeat(width)).join("  "));
    for (const row of cells.slice(1)) this.line(render(row));
  }
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** The q-quantile by linear interpolation between the closest ranks. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/** Bytes as KB (1 KB = 1024 bytes) with one decimal. */
export function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "n/a";
}

/** "met" or how far over the goal a figure is, e.g. "missed by 2.1 KB (+26%)". */
export function verdict(value: number, goal: number, format: (amount: number) => string): string {
  if (value <= goal) return "met";
  return `missed by ${format(value - goal)} (+${Math.round(((value - goal) / goal) * 100)}%)`;
}
