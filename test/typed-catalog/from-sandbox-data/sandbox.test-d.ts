/**
 * A catalog registered from sandbox-style data: the sandbox takes it as it
 * stands, and the client pointed at the sandbox, the standalone functions and
 * a customer's token all take only its ids.
 */
import { Autumn, type CustomerCore, type FeatureId, type PlanId } from "@useautumn/sdk";
import { balancesCheck } from "@useautumn/sdk/funcs/balances-check";
import { startSandbox } from "@useautumn/sdk/sandbox";
import { expectTypeOf } from "vitest";
import { catalog } from "./catalog";

declare const token: CustomerCore;

export async function inTests() {
  expectTypeOf<FeatureId>().toEqualTypeOf<"api_calls" | "storage_gb">();
  expectTypeOf<PlanId>().toEqualTypeOf<"hobby" | "scale">();

  const sandbox = await startSandbox({ catalog });
  sandbox.setCatalog(catalog);
  const autumn = new Autumn({ secretKey: sandbox.secretKey, serverURL: sandbox.url });
  await autumn.billing.attach({ customerId: "user_123", planId: "scale" });
  // @ts-expect-error plan
  await autumn.billing.attach({ customerId: "user_123", planId: "scal" });
  await autumn.balances.track({ customerId: "user_123", featureId: "api_calls", value: 3 });
  // @ts-expect-error feature
  await autumn.balances.track({ customerId: "user_123", featureId: "api_call", value: 3 });
  await balancesCheck(token, { featureId: "storage_gb" });
  // @ts-expect-error feature
  await balancesCheck(token, { featureId: "storage" });
  await sandbox.close();
}
