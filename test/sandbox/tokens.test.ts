import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AutumnCore } from "../../src/core.js";
import { customersGetOrCreate } from "../../src/funcs/customers-get-or-create.js";
import { keysMint } from "../../src/funcs/keys-mint.js";
import { keysRefresh } from "../../src/funcs/keys-refresh.js";
import { type Sandbox, startSandbox } from "../../src/sandbox/server.js";

/**
 * Refresh rotation as Autumn's `keys.refresh` handler keeps it: the current refresh token rotates the
 * generation; the one just before it is answered with a pair of the current generation, without
 * advancing it, however often; anything older is reuse and revokes every token of the customer.
 */
let sandbox: Sandbox;
let core: AutumnCore;

beforeAll(async () => {
  sandbox = await startSandbox();
  core = new AutumnCore({ secretKey: "am_sk_test_tokens", serverURL: sandbox.url, retryConfig: { limit: 0 } });
});
afterAll(() => sandbox.close());

async function refresh(refreshToken: string) {
  return keysRefresh(core, { refreshToken }, { retries: 0 });
}

describe("keys.refresh in the sandbox", () => {
  it("answers the token just replaced again and again while nothing newer was refreshed, then calls it reuse", async () => {
    expect((await customersGetOrCreate(core, { customerId: "grace" })).ok).toBe(true);
    const minted = await keysMint(core, { customerId: "grace" });
    if (!minted.ok) throw minted.error;
    const first = minted.value.refreshToken!;

    const rotated = await refresh(first);
    if (!rotated.ok) throw rotated.error;
    // The same token twice more (two tabs, a lost answer): each answered, the generation unchanged.
    for (let repeat = 0; repeat < 2; repeat++) expect((await refresh(first)).ok).toBe(true);

    // The newest pair still rotates; after that, the first token is two generations old: reuse.
    const next = await refresh(rotated.value.refreshToken!);
    expect(next.ok).toBe(true);
    const reused = await refresh(first);
    expect(!reused.ok && reused.error.name === "AutumnAPIError" && [reused.error.status, reused.error.message]).toEqual([401, expect.stringMatching(/reuse/i)]);
    // Reuse revoked every token of the customer, the newest included.
    const revoked = next.ok ? await refresh(next.value.refreshToken!) : undefined;
    expect(revoked && !revoked.ok && revoked.error.name === "AutumnAPIError" && revoked.error.status).toBe(401);
  });
});
