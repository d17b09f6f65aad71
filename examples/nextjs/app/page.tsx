"use client";
/**
 * The browser side: it asks the app's own routes, never Autumn. It imports
 * only a type from the SDK, so its JavaScript holds none of the SDK and no
 * key (the runtime matrix checks the built chunks).
 */
import type { BalancesCheckResponse } from "@useautumn/sdk/models";
import { useEffect, useState } from "react";

/** What `/api/usage` answers: the check's verdict and what is left. */
type Usage = Pick<BalancesCheckResponse, "allowed"> & { remaining: number | null };

// Stands in for your auth: the routes read the signed-in user from this header.
const headers = { "x-user-id": "demo_user", "content-type": "application/json" };

export default function Page() {
  const [usage, setUsage] = useState<Usage | { error: string } | null>(null);
  const refresh = () =>
    fetch("/api/usage-edge?feature=messages", { headers })
      .then((response) => response.json() as Promise<Usage | { error: string }>)
      .then(setUsage);
  useEffect(() => void refresh(), []);

  const send = async () => {
    await fetch("/api/usage", { method: "POST", headers, body: JSON.stringify({ feature: "messages", value: 1 }) });
    await refresh();
  };

  if (usage === null) return <main>Loading…</main>;
  if ("error" in usage) return <main>Usage unavailable: {usage.error}</main>;
  return (
    <main>
      <h1>Messages</h1>
      <p id="remaining">{usage.remaining ?? "unlimited"} left</p>
      <button type="button" disabled={!usage.allowed} onClick={() => void send()}>
        Send a message
      </button>
    </main>
  );
}
