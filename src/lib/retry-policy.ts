import type { CheckParams } from "../models/operations/balances-check.js";
import type { ImportBillingParams } from "../models/operations/billing-import.js";
import type { RetryPolicy } from "./retry.js";

/**
 * Whether each operation may be repeated, one row per operation, with the
 * reason. "read": repeating has no effect, so transient failures are retried
 * and no idempotency key is sent. "mutation": an Idempotency-Key is sent
 * (generated once per call) and retries happen only under it, so the server
 * refuses to apply a change twice and usage is never double-counted.
 *
 * Each row is its own export so that a bundle keeps only the rows of the
 * operations it imports.
 */

// balances
/** balances.batch_track: Queues usage: retried only under its Idempotency-Key, so events are neither lost nor queued twice. */
export const balancesBatchTrack: RetryPolicy = "mutation";
/** balances.check: A plain check only reads; with sendEvent or a lock it deducts, so it is retried only under its Idempotency-Key. */
export const balancesCheck = (params: CheckParams): RetryPolicy => (params.sendEvent || params.lock !== undefined ? "mutation" : "read");
/** balances.create: A change: retried only under its Idempotency-Key, so the grant cannot be made twice. */
export const balancesCreate: RetryPolicy = "mutation";
/** balances.delete: A change: retried only under its Idempotency-Key, so a repeat cannot delete a second balance. */
export const balancesDelete: RetryPolicy = "mutation";
/** balances.finalize: Settles held usage: retried only under its Idempotency-Key, so it is settled once. */
export const balancesFinalize: RetryPolicy = "mutation";
/** balances.track: Records usage: retried only under its Idempotency-Key, so usage is neither lost nor counted twice. */
export const balancesTrack: RetryPolicy = "mutation";
/** balances.track_tokens: Records usage: retried only under its Idempotency-Key, so usage is neither lost nor counted twice. */
export const balancesTrackTokens: RetryPolicy = "mutation";
/** balances.update: A change (addToBalance adds again on a repeat): retried only under its Idempotency-Key. */
export const balancesUpdate: RetryPolicy = "mutation";

// billing
/** billing.attach: It can create a subscription or charge the card: retried only under the Idempotency-Key. */
export const billingAttach: RetryPolicy = "mutation";
/** billing.create_schedule: It creates a Stripe subscription schedule and may charge: retried only under the Idempotency-Key. */
export const billingCreateSchedule: RetryPolicy = "mutation";
/** billing.import: A dry run only computes; a real import writes customer products, so it goes under the Idempotency-Key. */
export const billingImport = (params: ImportBillingParams): RetryPolicy => (params.dryRun === true ? "read" : "mutation");
/** billing.multi_attach: It can create subscriptions or charge the card: retried only under the Idempotency-Key. */
export const billingMultiAttach: RetryPolicy = "mutation";
/** billing.multi_update: It cancels or restores subscriptions and may refund: retried only under the Idempotency-Key. */
export const billingMultiUpdate: RetryPolicy = "mutation";
/** billing.open_customer_portal: Each call creates a Stripe portal session: retried only under the Idempotency-Key. */
export const billingOpenCustomerPortal: RetryPolicy = "mutation";
/** billing.preview_attach: A preview changes nothing, so repeats are harmless. */
export const billingPreviewAttach: RetryPolicy = "read";
/** billing.preview_multi_attach: A preview changes nothing, so repeats are harmless. */
export const billingPreviewMultiAttach: RetryPolicy = "read";
/** billing.preview_multi_update: A preview changes nothing, so repeats are harmless. */
export const billingPreviewMultiUpdate: RetryPolicy = "read";
/** billing.preview_update: A preview changes nothing, so repeats are harmless. */
export const billingPreviewUpdate: RetryPolicy = "read";
/** billing.setup_payment: Each call creates a Stripe setup session: retried only under the Idempotency-Key. */
export const billingSetupPayment: RetryPolicy = "mutation";
/** billing.update: It changes or cancels a subscription and may charge: retried only under the Idempotency-Key. */
export const billingUpdate: RetryPolicy = "mutation";

// customers
/** customers.delete: A change: retried only under its Idempotency-Key, so it cannot be applied twice. */
export const customersDelete: RetryPolicy = "mutation";
/** customers.get: Reading has no effect on the server, so repeats are harmless. */
export const customersGet: RetryPolicy = "read";
/** customers.get_or_create: Idempotent by design: a repeat returns the same customer, so it is retried like a read. */
export const customersGetOrCreate: RetryPolicy = "read";
/** customers.list: Reading has no effect on the server, so repeats are harmless. */
export const customersList: RetryPolicy = "read";
/** customers.update: A change: retried only under its Idempotency-Key, so it cannot be applied twice. */
export const customersUpdate: RetryPolicy = "mutation";

// entities
/** entities.create: A change: retried only under its Idempotency-Key, so it cannot be applied twice. */
export const entitiesCreate: RetryPolicy = "mutation";
/** entities.delete: A change: retried only under its Idempotency-Key, so it cannot be applied twice. */
export const entitiesDelete: RetryPolicy = "mutation";
/** entities.get: Reading has no effect on the server, so repeats are harmless. */
export const entitiesGet: RetryPolicy = "read";
/** entities.list: Reading has no effect on the server, so repeats are harmless. */
export const entitiesList: RetryPolicy = "read";
/** entities.update: A change: retried only under its Idempotency-Key, so it cannot be applied twice. */
export const entitiesUpdate: RetryPolicy = "mutation";

// events
/** events.aggregate: A query: aggregating has no effect on the server, so repeats are harmless. */
export const eventsAggregate: RetryPolicy = "read";
/** events.list: Reading has no effect on the server, so repeats are harmless. */
export const eventsList: RetryPolicy = "read";

// features
/** features.create: A change: retried only under its Idempotency-Key, so it cannot be applied twice. */
export const featuresCreate: RetryPolicy = "mutation";
/** features.delete: A change: retried only under its Idempotency-Key, so it cannot be applied twice. */
export const featuresDelete: RetryPolicy = "mutation";
/** features.get: Reading has no effect on the server, so repeats are harmless. */
export const featuresGet: RetryPolicy = "read";
/** features.list: Reading has no effect on the server, so repeats are harmless. */
export const featuresList: RetryPolicy = "read";
/** features.update: A change: retried only under its Idempotency-Key, so it cannot be applied twice. */
export const featuresUpdate: RetryPolicy = "mutation";

// plans
/** plans.create: A change: retried only under its Idempotency-Key, so it cannot be applied twice. */
export const plansCreate: RetryPolicy = "mutation";
/** plans.delete: A change: retried only under its Idempotency-Key, so it cannot be applied twice. */
export const plansDelete: RetryPolicy = "mutation";
/** plans.get: Reading has no effect on the server, so repeats are harmless. */
export const plansGet: RetryPolicy = "read";
/** plans.list: Reading has no effect on the server, so repeats are harmless. */
export const plansList: RetryPolicy = "read";
/** plans.update: A change: retried only under its Idempotency-Key, so it cannot be applied twice. */
export const plansUpdate: RetryPolicy = "mutation";
