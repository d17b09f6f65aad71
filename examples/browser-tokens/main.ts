/**
 * The page checks and records usage directly against Autumn, with a token
 * pair that acts for the signed-in user only. Your backend mints the pair with
 * the secret key (here POST /api/autumn-tokens of examples/hono/app.ts); the
 * page keeps it in localStorage, shared by its tabs, and the SDK refreshes it.
 * The secret key never reaches the browser. Usage recorded by a page is only
 * as trustworthy as the page: see "Security" in docs/customer-tokens.md for
 * what to keep on your server.
 *
 *   esbuild examples/browser-tokens/main.ts --bundle --minify --format=esm --outfile=public/main.js
 */
import { CustomerCore, readTokens, type CustomerTokens } from "@useautumn/sdk/customer-core.js";
import { balancesCheck } from "@useautumn/sdk/funcs/balances-check.js";
import { balancesTrack } from "@useautumn/sdk/funcs/balances-track.js";

const FEATURE = "messages";
const STORED = "autumn-tokens";

/** A new pair from your backend: the session cookie tells it who the user is. */
async function fetchTokens(): Promise<CustomerTokens> {
  const response = await fetch("/api/autumn-tokens", { method: "POST", credentials: "same-origin" });
  if (!response.ok) throw new Error(`/api/autumn-tokens answered ${response.status}`);
  return (await response.json()) as CustomerTokens;
}

// Every tab reads the pair stored last before refreshing it, and stores the new one. A missing or
// corrupt entry reads as no pair. The pair belongs to the signed-in user: autumn.signOut() clears it.
const storage = {
  load: (): CustomerTokens | undefined => readTokens(localStorage.getItem(STORED)),
  save: (tokens: CustomerTokens): void => localStorage.setItem(STORED, JSON.stringify(tokens)),
  clear: (): void => localStorage.removeItem(STORED),
};

async function connect(): Promise<CustomerCore> {
  let tokens = storage.load();
  if (!tokens) {
    tokens = await fetchTokens();
    storage.save(tokens); // so that the next tab or page load starts from it instead of minting again
  }
  // Autumn's API unless the page names another origin, such as the local sandbox.
  const serverURL = document.querySelector<HTMLMetaElement>('meta[name="autumn-server-url"]')?.content || undefined;
  return new CustomerCore({ tokens, storage, fetchTokens, serverURL });
}

const status = document.querySelector<HTMLElement>("#status")!;
const button = document.querySelector<HTMLButtonElement>("#send")!;

function fail(error: { name: string; message: string }): void {
  status.textContent = `${error.name}: ${error.message}`;
  button.disabled = false;
}

/** Asks Autumn whether the user may send a message, and shows what is left. */
async function show(autumn: CustomerCore): Promise<void> {
  const check = await balancesCheck(autumn, { featureId: FEATURE });
  if (!check.ok) return fail(check.error);
  const { allowed, balance } = check.value;
  const left = !balance || balance.unlimited ? "Unlimited" : balance.remaining;
  status.textContent = allowed ? `${left} ${FEATURE} left` : `No ${FEATURE} left this month`;
  button.disabled = !allowed;
}

try {
  const autumn = await connect();
  await show(autumn);
  // A message was sent: record one use, then ask again whether the next is allowed.
  button.addEventListener("click", async () => {
    button.disabled = true;
    const tracked = await balancesTrack(autumn, { featureId: FEATURE, value: 1 });
    if (!tracked.ok) return fail(tracked.error);
    await show(autumn);
  });
} catch (error) {
  // No pair: signed out (the backend answered 401), or the backend is down.
  status.textContent = `Could not start: ${error instanceof Error ? error.message : String(error)}`;
}
