import type * as v from "valibot";
import type { ValidationIssue } from "./errors/request-validation-error.js";

/**
 * Turns valibot issues into the SDK's issues. The received value is left out
 * on purpose: it may be a secret or personal data, and it does not belong in
 * a message that ends up in logs.
 */
export function toIssues(issues: readonly v.BaseIssue<unknown>[]): ValidationIssue[] {
  return issues.map((issue) => ({
    path: (issue.path ?? []).map((item) => String((item as { key?: unknown }).key)).join("."),
    message: describe(issue),
  }));
}

function describe(issue: v.BaseIssue<unknown>): string {
  if (issue.type === "strict_object" && issue.expected === "never") return issue.message.startsWith("unknown") ? issue.message : "unknown field";
  if (issue.kind === "schema" && issue.received === "undefined") return `required (${issue.expected})`;
  if (issue.message && !issue.message.startsWith("Invalid ")) return issue.message;
  return issue.expected ? `expected ${issue.expected}` : issue.type;
}
