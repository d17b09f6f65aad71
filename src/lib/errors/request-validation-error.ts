import { AutumnError } from "./autumn-error.js";

/** One problem found while checking a value against a schema. */
export interface ValidationIssue {
  /** Dotted path of the offending field (`billingControls.autoTopups.0.quantity`); empty for the whole value. */
  readonly path: string;
  /** What was expected there. */
  readonly message: string;
}

/** The params failed the SDK's own checks. Nothing was sent. */
export class RequestValidationError extends AutumnError {
  override readonly name = "RequestValidationError" as const;
  /** The first offending field's path. */
  declare readonly field: string;
  /** Every problem found. */
  declare readonly issues: readonly ValidationIssue[];

  constructor(init: { issues: readonly ValidationIssue[] }) {
    const first = init.issues[0] ?? { path: "", message: "invalid" };
    super(`Invalid params: ${first.path ? `${first.path}: ` : ""}${first.message}${init.issues.length > 1 ? ` (and ${init.issues.length - 1} more)` : ""}`, {
      field: first.path,
      issues: init.issues,
    });
  }
}
