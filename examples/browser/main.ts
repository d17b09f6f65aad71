/**
 * Browser code never holds an Autumn secret key: anyone can read a bundle.
 * It calls your own backend (here the Hono example's routes), which calls
 * Autumn with the key and returns only what the page needs. Nothing from the
 * SDK is bundled; the response type is imported as a type and erased.
 *
 *   esbuild examples/browser/main.ts --bundle --format=esm --outfile=public/main.js
 */
import type { UsageResponse } from "../hono/app.js";

async function usage(featureId: string, init?: RequestInit): Promise<UsageResponse> {
  // Same-origin request: the session cookie identifies the user to the backend.
  const response = await fetch(`/api/usage/${encodeURIComponent(featureId)}`, { credentials: "same-origin", ...init });
  if (!response.ok && response.status !== 402) throw new Error(`usage request failed: ${response.status}`);
  return (await response.json()) as UsageResponse;
}

function render(element: HTMLElement, state: UsageResponse): void {
  element.textContent = state.allowed ? `${state.remaining ?? "unlimited"} ${state.featureId} left` : `No ${state.featureId} left this month`;
}

const button = document.querySelector<HTMLButtonElement>("#send");
const status = document.querySelector<HTMLElement>("#status");
if (button && status) {
  usage("messages").then((state) => render(status, state));
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const state = await usage("messages", { method: "POST" });
      render(status, state);
      button.disabled = !state.allowed;
    } catch (error) {
      status.textContent = String(error);
      button.disabled = false;
    }
  });
}
