import { sandboxRoutes } from "../src/sandbox/routes.js";
import type { SandboxState } from "../src/sandbox/state.js";

/**
 * What the dashboard's tests share: a sandbox filled through its own route handlers (in process, so that
 * 10,000 customers and 100,000 events take a second rather than a minute of HTTP), and the page's token.
 */

const DAY = 86_400_000;

/**
 * Creates `customers` customers (`user_0`, `user_1`, …; the demo catalog gives each the free plan) and
 * `events` usage events of `messages` spread over them and over the last 30 days: `user_0` gets a fifth.
 */
export function fill(state: SandboxState, customers: number, events: number): void {
  const create = sandboxRoutes["customers.get_or_create"]!;
  for (let index = 0; index < customers; index++) create(state, { customer_id: `user_${index}`, name: `User ${index}`, email: `user${index}@example.com` }, "sandbox");
  const batchTrack = sandboxRoutes["balances.batch_track"]!;
  const now = state.clock();
  for (let start = 0; start < events; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, events - start) }, (_, offset) => {
      const index = start + offset;
      return { customer_id: `user_${index % 5 === 0 ? 0 : index % customers}`, feature_id: "messages", value: 1, timestamp: now - (index % 30) * DAY - 1 };
    });
    batchTrack(state, batch as unknown as Record<string, unknown>, "sandbox");
  }
}

/** The token the dashboard's page carries for its controls. */
export async function pageToken(url: string): Promise<string> {
  const html = await (await fetch(`${url}/`)).text();
  const token = /name="autumn-dashboard-token" content="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error("the dashboard's page has no token");
  return token;
}

/** Flags for headless Chromium on a machine like CI's: no sandbox (root), no GPU, nothing fetched from outside. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];
