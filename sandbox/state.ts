import type { WebhookSender } from "./webhooks.js";

/** A customer as the sandbox stores it, in wire (snake_case) form. */
export interface StoredCustomer {
  id: string | null;
  /** Internal key: the id, or a generated one for id-less customers. */
  key: string;
  name: string | null;
  email: string | null;
  created_at: number;
  fingerprint: string | null;
  stripe_id: string | null;
  env: "sandbox" | "live";
  metadata: Record<string, unknown>;
  send_email_receipts: boolean;
  /** Balances granted by attached plans, keyed by feature id. */
  grants: Record<string, StoredGrant>;
  subscriptions: unknown[];
  /** Billing controls as last set (wire names); usage alerts here make the sandbox send webhooks. */
  billing_controls?: Record<string, unknown>;
}

/** A balance granted by a plan, in wire names. */
export interface StoredGrant {
  feature_id: string;
  granted: number;
  usage: number;
  plan_id: string;
  next_reset_at: number;
}

export interface SandboxState {
  customers: Map<string, StoredCustomer>;
  claimedKeys: Set<string>;
  clock: () => number;
  /** Sends webhooks for state changes (sandbox/webhooks.ts). */
  webhooks?: Pick<WebhookSender, "send">;
}

/** An operation handler: the wire body in, the wire response out, or a thrown SandboxError. */
export type Route = (state: SandboxState, body: Record<string, unknown>, env: "sandbox" | "live") => unknown;

/** An error answer with Autumn's JSON error body. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Throws Autumn's `invalid_inputs` answer unless the check holds. */
export function require400(check: boolean, message: string): asserts check {
  if (!check) throw new SandboxError(400, "invalid_inputs", message);
}
