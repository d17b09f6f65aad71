/**
 * With ./autumn.config.ts registered, every param that names a feature takes
 * only its feature ids (messages, seats, sso, credits) and every param that
 * names a plan only its plan ids (free, pro, extra_seats), through the
 * `Autumn` class, the standalone functions and a `CustomerCore`.
 *
 * Each `@ts-expect-error feature` or `@ts-expect-error plan` line is a
 * misspelt id; test/typed-catalog.test.ts also compiles this file without
 * the directives and checks that each of those lines fails with a message
 * listing the catalog's ids of that kind, and that nothing else fails.
 */
import { Autumn, CustomerCore } from "@useautumn/sdk";
import { AutumnCore } from "@useautumn/sdk/core";
import { balancesCheck } from "@useautumn/sdk/funcs/balances-check";
import { balancesTrack } from "@useautumn/sdk/funcs/balances-track";
import { billingAttach } from "@useautumn/sdk/funcs/billing-attach";

declare const autumn: Autumn;
declare const core: AutumnCore;
declare const token: CustomerCore;
const customerId = "user_123";

export async function balances() {
  await autumn.balances.check({ customerId, featureId: "messages" });
  // @ts-expect-error feature
  await autumn.balances.check({ customerId, featureId: "mesages" });
  await autumn.balances.track({ customerId, featureId: "messages", value: 1 });
  // @ts-expect-error feature
  await autumn.balances.track({ customerId, featureId: "message", value: 1 });
  // An event name is not a feature id: it stays a string.
  await autumn.balances.track({ customerId, eventName: "chat.sent" });
  await autumn.balances.trackTokens({ customerId, featureId: "credits", modelId: "openai/gpt-4o", inputTokens: 1, outputTokens: 1 });
  // @ts-expect-error feature
  await autumn.balances.trackTokens({ customerId, featureId: "credit", modelId: "openai/gpt-4o", inputTokens: 1, outputTokens: 1 });
  await autumn.balances.batchTrack([{ customerId, featureId: "messages" }]);
  // @ts-expect-error feature
  await autumn.balances.batchTrack([{ customerId, featureId: "mesages" }]);
  await autumn.balances.create({ customerId, featureId: "credits", includedGrant: 10 });
  // @ts-expect-error feature
  await autumn.balances.create({ customerId, featureId: "credit", includedGrant: 10 });
  await autumn.balances.update({ customerId, featureId: "messages", remaining: 5 });
  // @ts-expect-error feature
  await autumn.balances.update({ customerId, featureId: "messges", remaining: 5 });
  await autumn.balances.delete({ customerId, featureId: "messages" });
  // @ts-expect-error feature
  await autumn.balances.delete({ customerId, featureId: "messagse" });
}

export async function billing() {
  await autumn.billing.attach({ customerId, planId: "pro" });
  // @ts-expect-error plan
  await autumn.billing.attach({ customerId, planId: "prp" });
  await autumn.billing.attach({ customerId, planId: "pro", featureQuantities: [{ featureId: "seats", quantity: 10 }] });
  // @ts-expect-error feature
  await autumn.billing.attach({ customerId, planId: "pro", featureQuantities: [{ featureId: "seat", quantity: 10 }] });
  await autumn.billing.attach({ customerId, planId: "pro", customize: { items: [{ featureId: "messages", included: 10 }] } });
  // @ts-expect-error feature
  await autumn.billing.attach({ customerId, planId: "pro", customize: { items: [{ featureId: "mesages", included: 10 }] } });
  await autumn.billing.attach({ customerId, planId: "pro", carryOverBalances: { enabled: true, featureIds: ["messages"] } });
  // @ts-expect-error feature
  await autumn.billing.attach({ customerId, planId: "pro", carryOverBalances: { enabled: true, featureIds: ["mesages"] } });
  await autumn.billing.attach({ customerId, planId: "extra_seats", removePlanIds: ["free"] });
  // @ts-expect-error plan
  await autumn.billing.attach({ customerId, planId: "extra_seats", removePlanIds: ["fre"] });
  await autumn.billing.previewAttach({ customerId, planId: "pro" });
  // @ts-expect-error plan
  await autumn.billing.previewAttach({ customerId, planId: "Pro" });
  await autumn.billing.update({ customerId, planId: "pro", cancelAction: "cancel_immediately" });
  // @ts-expect-error plan
  await autumn.billing.update({ customerId, planId: "por", cancelAction: "cancel_immediately" });
  await autumn.billing.previewUpdate({ customerId, planId: "pro", cancelAction: "cancel_immediately" });
  // @ts-expect-error plan
  await autumn.billing.previewUpdate({ customerId, planId: "pro_", cancelAction: "cancel_immediately" });
  await autumn.billing.multiAttach({ customerId, plans: [{ planId: "pro" }, { planId: "extra_seats" }] });
  // @ts-expect-error plan
  await autumn.billing.multiAttach({ customerId, plans: [{ planId: "pro" }, { planId: "extra-seats" }] });
  await autumn.billing.previewMultiAttach({ customerId, plans: [{ planId: "pro" }] });
  // @ts-expect-error plan
  await autumn.billing.previewMultiAttach({ customerId, plans: [{ planId: "pros" }] });
  await autumn.billing.multiUpdate({ customerId, updates: [{ planId: "pro", cancelAction: "uncancel" }] });
  // @ts-expect-error plan
  await autumn.billing.multiUpdate({ customerId, updates: [{ planId: "prox", cancelAction: "uncancel" }] });
  await autumn.billing.previewMultiUpdate({ customerId, updates: [{ planId: "pro", cancelAction: "uncancel" }] });
  // @ts-expect-error plan
  await autumn.billing.previewMultiUpdate({ customerId, updates: [{ planId: "proo", cancelAction: "uncancel" }] });
  await autumn.billing.createSchedule({ customerId, phases: [{ startsAt: 1_767_225_600_000, plans: [{ planId: "pro" }] }] });
  // @ts-expect-error plan
  await autumn.billing.createSchedule({ customerId, phases: [{ startsAt: 1_767_225_600_000, plans: [{ planId: "pri" }] }] });
  await autumn.billing.import({ customerId, billables: [{ plan: { planId: "free" } }] });
  // @ts-expect-error plan
  await autumn.billing.import({ customerId, billables: [{ plan: { planId: "fre_e" } }] });
  await autumn.billing.import({ customerId, billables: [{ plan: { planId: "pro", balances: [{ featureId: "messages", balance: 10 }] } }] });
  // @ts-expect-error feature
  await autumn.billing.import({ customerId, billables: [{ plan: { planId: "pro", balances: [{ featureId: "mesages", balance: 10 }] } }] });
  await autumn.billing.setupPayment({ customerId, planId: "pro" });
  // @ts-expect-error plan
  await autumn.billing.setupPayment({ customerId, planId: "pr" });
}

export async function customersAndEntities() {
  await autumn.customers.getOrCreate({ customerId, autoEnablePlanId: "free" });
  // @ts-expect-error plan
  await autumn.customers.getOrCreate({ customerId, autoEnablePlanId: "freee" });
  await autumn.customers.list({ plans: [{ id: "pro" }] });
  // @ts-expect-error plan
  await autumn.customers.list({ plans: [{ id: "prro" }] });
  await autumn.customers.update({ customerId, billingControls: { spendLimits: [{ featureId: "messages", overageLimit: 10 }] } });
  // @ts-expect-error feature
  await autumn.customers.update({ customerId, billingControls: { spendLimits: [{ featureId: "mesage", overageLimit: 10 }] } });
  await autumn.entities.create({ customerId, entityId: "seat_1", featureId: "seats" });
  // @ts-expect-error feature
  await autumn.entities.create({ customerId, entityId: "seat_1", featureId: "sets" });
  await autumn.entities.list({ plans: [{ id: "extra_seats" }] });
  // @ts-expect-error plan
  await autumn.entities.list({ plans: [{ id: "extra_seat" }] });
  await autumn.events.list({ customerId, featureId: "messages" });
  await autumn.events.list({ customerId, featureId: ["messages", "credits"] });
  // @ts-expect-error feature
  await autumn.events.list({ customerId, featureId: ["messages", "credit"] });
  await autumn.events.aggregate({ customerId, featureId: "messages" });
  // @ts-expect-error feature
  await autumn.events.aggregate({ customerId, featureId: "msgs" });
}

export async function catalogAndLicenses() {
  await autumn.features.get({ featureId: "sso" });
  // @ts-expect-error feature
  await autumn.features.get({ featureId: "ssso" });
  await autumn.features.update({ featureId: "messages", name: "Chat messages" });
  // @ts-expect-error feature
  await autumn.features.update({ featureId: "messags", name: "Chat messages" });
  await autumn.features.delete({ featureId: "sso" });
  // @ts-expect-error feature
  await autumn.features.delete({ featureId: "SSO" });
  // A new feature's id is new: any string. The features a credit system costs are existing ones.
  await autumn.features.create({ featureId: "images", name: "Images", type: "metered", consumable: true });
  await autumn.features.create({ featureId: "ai", name: "AI", type: "credit_system", creditSchema: [{ meteredFeatureId: "messages", creditCost: 1 }] });
  // @ts-expect-error feature
  await autumn.features.create({ featureId: "ai", name: "AI", type: "credit_system", creditSchema: [{ meteredFeatureId: "image", creditCost: 1 }] });
  await autumn.plans.get({ planId: "pro" });
  // @ts-expect-error plan
  await autumn.plans.get({ planId: "professional" });
  await autumn.plans.update({ planId: "pro", name: "Pro", newPlanId: "pro_2026" });
  // @ts-expect-error plan
  await autumn.plans.update({ planId: "pro2", name: "Pro" });
  await autumn.plans.update({ planId: "extra_seats", basePlanId: "pro", items: [{ featureId: "seats", included: 10 }] });
  // @ts-expect-error plan
  await autumn.plans.update({ planId: "extra_seats", basePlanId: "pr0", items: [{ featureId: "seats", included: 10 }] });
  // @ts-expect-error feature
  await autumn.plans.update({ planId: "extra_seats", basePlanId: "pro", items: [{ featureId: "seat", included: 10 }] });
  await autumn.plans.delete({ planId: "extra_seats" });
  // @ts-expect-error plan
  await autumn.plans.delete({ planId: "extraseats" });
  // A new plan's id is new: any string. The features its items grant are existing ones.
  await autumn.plans.create({ planId: "enterprise", name: "Enterprise", items: [{ featureId: "sso" }] });
  // @ts-expect-error feature
  await autumn.plans.create({ planId: "enterprise", name: "Enterprise", items: [{ featureId: "saml" }] });
  await autumn.plans.create({ planId: "team", name: "Team", licenses: [{ licensePlanId: "extra_seats" }] });
  // @ts-expect-error plan
  await autumn.plans.create({ planId: "team", name: "Team", licenses: [{ licensePlanId: "seats" }] });
  await autumn.licenses.attach({ customerId, planId: "extra_seats", entities: [{ entityId: "seat_1", featureId: "seats" }] });
  // @ts-expect-error plan
  await autumn.licenses.attach({ customerId, planId: "extra", entities: [{ entityId: "seat_1" }] });
  // @ts-expect-error feature
  await autumn.licenses.attach({ customerId, planId: "extra_seats", entities: [{ entityId: "seat_1", featureId: "seat" }] });
  await autumn.licenses.listAssignments({ customerId, planId: "extra_seats" });
  // @ts-expect-error plan
  await autumn.licenses.listAssignments({ customerId, planId: "extra_seatz" });
  await autumn.licenses.release({ customerId, licensePlanId: "extra_seats", entityIds: ["seat_1"] });
  // @ts-expect-error plan
  await autumn.licenses.release({ customerId, licensePlanId: "xtra_seats", entityIds: ["seat_1"] });
}

export async function rewardsAndInvoices() {
  await autumn.rewards.create({ featureGrant: { id: "beta", name: "Beta", grants: [{ featureId: "credits", included: 10, expiry: null }], promoCodes: [{ code: "BETA", maxUses: null }] } });
  // @ts-expect-error feature
  await autumn.rewards.create({ featureGrant: { id: "beta", name: "Beta", grants: [{ featureId: "credit", included: 10, expiry: null }], promoCodes: [{ code: "BETA", maxUses: null }] } });
  await autumn.rewards.create({ coupon: { id: "half", name: "Half", type: "percentage_discount", value: 50, duration: { type: "forever", length: null }, planIds: ["pro"], promoCodes: [{ code: "HALF" }] } });
  // @ts-expect-error plan
  await autumn.rewards.create({ coupon: { id: "half", name: "Half", type: "percentage_discount", value: 50, duration: { type: "forever", length: null }, planIds: ["pr0"], promoCodes: [{ code: "HALF" }] } });
  await autumn.referralPrograms.create({ id: "refer", rewardId: "beta", redeemOn: "checkout", receivedBy: "referrer", planIds: ["pro"] });
  // @ts-expect-error plan
  await autumn.referralPrograms.create({ id: "refer", rewardId: "beta", redeemOn: "checkout", receivedBy: "referrer", planIds: ["pr"] });
  await autumn.invoices.insert({ invoices: [{ customerId, stripeId: "in_1", status: "paid", total: 10, createdAt: 1_767_225_600_000, planIds: ["pro"] }] });
  // @ts-expect-error plan
  await autumn.invoices.insert({ invoices: [{ customerId, stripeId: "in_1", status: "paid", total: 10, createdAt: 1_767_225_600_000, planIds: ["p_ro"] }] });
}

export async function standaloneAndToken() {
  await balancesCheck(core, { customerId, featureId: "seats" });
  // @ts-expect-error feature
  await balancesCheck(core, { customerId, featureId: "seat" });
  await billingAttach(core, { customerId, planId: "free" });
  // @ts-expect-error plan
  await billingAttach(core, { customerId, planId: "fre" });
  // A customer's token: the same ids, customerId left out.
  await balancesCheck(token, { featureId: "messages" });
  // @ts-expect-error feature
  await balancesCheck(token, { featureId: "mesages" });
  await balancesTrack(token, { featureId: "messages" });
  // @ts-expect-error feature
  await balancesTrack(token, { featureId: "messagess" });
}
