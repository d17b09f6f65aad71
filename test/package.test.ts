import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../sandbox/server.js";

/**
 * The built package as its users load it. Needs `npm run build` first, which
 * `npm test` does.
 */
const require = createRequire(import.meta.url);
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe("the CommonJS build", () => {
  it("reaches the API through ky when loaded with require", async () => {
    const { AutumnCore } = require("../dist/core.cjs") as typeof import("../src/core.js");
    const { customersGetOrCreate } = require("../dist/funcs/customers-get-or-create.cjs") as typeof import("../src/funcs/customers-get-or-create.js");
    const core = new AutumnCore({ secretKey: "am_sk_test_cjs", serverURL: sandbox.url });
    const created = await customersGetOrCreate(core, { customerId: "cjs_1" });
    expect(created.ok || created.error).toBe(true);
  });
});
