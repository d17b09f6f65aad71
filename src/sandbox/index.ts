/**
 * `@useautumn/sdk/sandbox`: an in-memory Autumn on 127.0.0.1 for your tests
 * and local development, serving your own catalog. Node only; no other
 * import of the SDK reaches this module.
 */
import { type Sandbox as SandboxInternals, type SandboxOptions as SandboxInternalOptions, startSandbox as start } from "./server.js";

export { loadCatalog, SandboxCatalogError, type SandboxCatalog } from "./catalog.js";
export { DEMO_CATALOG } from "./demo-catalog.js";
export type { SandboxFault, SandboxFaultOptions } from "./faults.js";
export type { SandboxEvent } from "./server.js";
export type { WebhookDelivery } from "./webhooks.js";

/** How to start a sandbox: its port (default: one the system picks), catalog, webhook target, and the origins besides loopback ones whose pages may call it. */
export type SandboxOptions = Omit<SandboxInternalOptions, "routes">;

/** A running sandbox: where it listens, a key it accepts, and its controls. */
export type Sandbox = Omit<SandboxInternals, "state">;

/** Starts an in-memory Autumn on 127.0.0.1 (a port the system picks, unless `port` is given). */
export function startSandbox(options?: SandboxOptions): Promise<Sandbox> {
  return start(options);
}
