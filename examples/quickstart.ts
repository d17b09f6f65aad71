/**
 * The quick start: every customers operation, standalone and through the
 * class, the billing loop (attach a free plan, check and track usage until
 * the balance runs out), and the errors a caller handles. With AUTUMN_SECRET_KEY set it talks
 * to Autumn (AUTUMN_SERVER_URL overrides the origin); without it, it starts
 * the local sandbox on 127.0.0.1 and talks to that, and ends with seats and a
 * referral code, and one webhook sent by the sandbox, verified and printed by
 * a tiny receiver.
 *
 *   npm start
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Autumn } from "@useautumn/sdk";
import { AutumnCore } from "@useautumn/sdk/core.js";
import { balancesCheck } from "@useautumn/sdk/funcs/balances-check.js";
import { balancesTrack } from "@useautumn/sdk/funcs/balances-track.js";
import { billingAttach } from "@useautumn/sdk/funcs/billing-attach.js";
import { customersDelete } from "@useautumn/sdk/funcs/customers-delete.js";
import { customersGet } from "@useautumn/sdk/funcs/customers-get.js";
import { customersGetOrCreate } from "@useautumn/sdk/funcs/customers-get-or-create.js";
import { customersListPages } from "@useautumn/sdk/funcs/customers-list-pages.js";
import { customersUpdate } from "@useautumn/sdk/funcs/customers-update.js";
import { referralsRedeemCode } from "@useautumn/sdk/funcs/referrals-redeem-code.js";
import { webhooksVerify } from "@useautumn/sdk/webhooks";
import { startSandbox } from "@useautumn/sdk/sandbox";

const live = Boolean(process.env["AUTUMN_SECRET_KEY"]);
const sandbox = live ? undefined : await startSandbox();
const options = live ? {} : { secretKey: sandbox!.secretKey, serverURL: sandbox!.url };
console.log(live ? `Using Autumn at ${process.env["AUTUMN_SERVER_URL"] ?? "https://api.useautumn.com"}` : `Using the local sandbox at ${sandbox!.url}`);

const show = (label: string, value: unknown) => console.log(`\n# ${label}\n${JSON.stringify(value, null, 2)}`);
const suffix = Date.now().toString(36);
const customerId = `quickstart_${suffix}`;

// Standalone functions: tree-shakable, errors as values.
const core = new AutumnCore(options);

const created = await customersGetOrCreate(core, { customerId, name: "Ada Lovelace", email: "ada@example.com", metadata: { source: "quickstart", cohort: "2026-11" } });
if (!created.ok) throw created.error;
show("customers.getOrCreate", { id: created.value.id, name: created.value.name, email: created.value.email, metadata: created.value.metadata });

const again = await customersGetOrCreate(core, { customerId, name: "Someone Else" });
show("customers.getOrCreate again (idempotent: same customer, name unchanged)", again.ok ? { id: again.value.id, name: again.value.name } : again.error);

const fetched = await customersGet(core, { customerId });
show("customers.get", fetched.ok ? { id: fetched.value.id, env: fetched.value.env, balances: fetched.value.balances } : fetched.error);

const updated = await customersUpdate(core, { customerId, name: "Ada King", metadata: { cohort: null, tier: "gold" } });
show("customers.update (metadata merged, null deletes a key)", updated.ok ? { name: updated.value.name, metadata: updated.value.metadata } : updated.error);

// The class facade: the same operations, returning values and throwing errors.
const autumn = new Autumn(options);
const extra = [];
for (const n of [1, 2, 3]) {
  extra.push(await autumn.customers.getOrCreate({ customerId: `${customerId}_${n}`, email: `user${n}@example.com` }));
}
console.log(`\n# created ${extra.length} more customers with autumn.customers.getOrCreate`);

let pages = 0;
let seen = 0;
for await (const page of customersListPages(core, { limit: 2, search: customerId })) {
  if (!page.ok) {
    show("customers.list failed", page.error);
    break;
  }
  pages++;
  seen += page.value.list.length;
  console.log(`page ${pages}: ${page.value.list.map((customer) => customer.id).join(", ")} (nextCursor: ${page.value.nextCursor})`);
}
show("customers.list (every page, 2 per page)", { pages, customers: seen });

// The billing loop: attach the free plan, then check and track a metered feature.
// (Against the real API, "free" and "messages" must exist in your catalog.)
const attached = await billingAttach(core, { customerId, planId: "free" });
show("billing.attach free plan", attached.ok ? { paymentUrl: attached.value.paymentUrl } : attached.error);

const before = await balancesCheck(core, { customerId, featureId: "messages" });
show("balances.check", before.ok ? { allowed: before.value.allowed, remaining: before.value.balance?.remaining } : before.error);

const used = await balancesTrack(core, { customerId, featureId: "messages", value: 4 });
show("balances.track 4 messages", used.ok ? { remaining: used.value.balance?.remaining } : used.error);

// check with sendEvent deducts in the same call when allowed.
const last = await autumn.check({ customerId, featureId: "messages", sendEvent: true });
show("autumn.check with sendEvent (uses the last one)", { allowed: last.allowed, remaining: last.balance?.remaining });

const after = await autumn.check({ customerId, featureId: "messages" });
show("autumn.check at zero", { allowed: after.allowed, remaining: after.balance?.remaining });

for (const id of [customerId, ...extra.map((customer) => customer.id!)]) {
  const deleted = await customersDelete(core, { customerId: id });
  if (!deleted.ok) throw deleted.error;
}
console.log(`\n# customers.delete: removed ${1 + extra.length} customers`);

// Errors are values with a literal `name` to switch on.
const missing = await customersGet(core, { customerId });
if (!missing.ok && missing.error.name === "AutumnAPIError") {
  show("customers.get after delete (API error)", { status: missing.error.status, code: missing.error.code, message: missing.error.message });
}
const invalid = await customersGet(core, { customerId: "not an id@example.com" });
if (!invalid.ok && invalid.error.name === "RequestValidationError") {
  show("customers.get with a bad id (nothing sent)", { field: invalid.error.field, message: invalid.error.message });
}
try {
  await autumn.customers.get({ customerId });
} catch (error) {
  show("autumn.customers.get throws the same error", { name: (error as Error).name, message: (error as Error).message });
}

// Seats and referral codes, against the sandbox only (with Autumn they need a plan offering seats, and a
// reward and referral program of your own).
if (sandbox) {
  const team = `${customerId}_team`;
  await autumn.customers.getOrCreate({ customerId: team, name: "Ada's team" });
  await autumn.attach({ customerId: team, planId: "team" });
  const seats = [{ entityId: "ada", featureId: "seats" }, { entityId: "grace", featureId: "seats" }];
  await autumn.licenses.attach({ customerId: team, planId: "seat", entities: seats });
  show("licenses.list after licenses.attach gave 2 of the team plan's seats", (await autumn.licenses.list({ customerId: team })).list);

  await autumn.rewards.create({
    featureGrant: { id: "welcome_messages", name: "Welcome messages", grants: [{ featureId: "messages", included: 20, expiry: null }], promoCodes: [{ code: "WELCOME", maxUses: null }] },
  });
  await autumn.referralPrograms.create({ id: "refer_a_friend", rewardId: "welcome_messages", redeemOn: "customer_creation", receivedBy: "all" });
  const { code } = await autumn.referrals.createCode({ customerId: team, programId: "refer_a_friend" });
  const friend = `${customerId}_friend`;
  await autumn.customers.getOrCreate({ customerId: friend });
  show(`referrals.redeemCode ${code} for a friend`, await autumn.referrals.redeemCode({ code, customerId: friend }));
  const twice = await referralsRedeemCode(core, { code, customerId: friend });
  if (!twice.ok && twice.error.name === "AutumnAPIError") show("the same code again, refused", { status: twice.error.status, message: twice.error.message });
}

// Webhooks, against the sandbox only (with Autumn, you add your endpoint in the dashboard). A tiny
// receiver verifies each delivery against its raw body, then the sandbox is told to send to it.
if (sandbox) {
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const verified = await webhooksVerify(sandbox.webhooks.secret, Buffer.concat(chunks), request.headers);
      if (verified.ok) show(`webhook received and verified: ${verified.value.type}`, { deliveryId: verified.value.deliveryId, data: verified.value.data });
      else show("webhook refused", { reason: verified.error.reason, message: verified.error.message });
      response.writeHead(verified.ok ? 200 : 400).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const hooked = `${customerId}_webhook`;
  await customersGetOrCreate(core, { customerId: hooked });
  await billingAttach(core, { customerId: hooked, planId: "free" });
  sandbox.webhooks.configure({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/autumn` });
  // Using up the 5 free messages makes the sandbox send balances.limit_reached.
  await balancesTrack(core, { customerId: hooked, featureId: "messages", value: 5 });
  await sandbox.webhooks.idle();
  await customersDelete(core, { customerId: hooked });
  receiver.close();
}

await sandbox?.close();
