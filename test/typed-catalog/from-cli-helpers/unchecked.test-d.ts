/**
 * The CLI's helpers declare `id: string`, so the type of a module written with
 * them holds no ids: registering it cannot check any. Rather than let every
 * string through as if it had, each id param then takes none, and the
 * compiler's message says why and what to do (declare the entries `as const`,
 * or write the ids with `autumn-types`, which reads the catalog `atmn push`
 * sent to Autumn).
 */
import type { Autumn } from "@useautumn/sdk";

declare const autumn: Autumn;

export async function calls() {
  // @ts-expect-error unchecked feature
  await autumn.balances.check({ customerId: "user_123", featureId: "messages" });
  // @ts-expect-error unchecked plan
  await autumn.billing.attach({ customerId: "user_123", planId: "pro" });
}
