import { settle } from "./plans.js";
import type { SandboxState, StoredCustomer } from "./state.js";

/**
 * What falls due when the sandbox's clock moves, applied for every customer
 * at once, as Autumn applies it when it happens: plan changes (a scheduled
 * plan starting, a trial ending, a cancellation taking effect) one at a time
 * in the order they fell due across all customers, each at the time it fell
 * due, so that their `billing.updated` webhooks go out in that order and
 * carry those times; then, at the new time, what has no webhook (periods
 * rolling over, balances resetting, grants expiring, locks lapsing) for each
 * customer that has any. Customers with nothing due are looked at once and
 * left alone, so a move of the clock costs little more than a glance at each.
 */

/** When a customer's next plan change falls due, or undefined when none is waiting. */
function nextPlanChange(customer: StoredCustomer): number | undefined {
  let next = Number.POSITIVE_INFINITY;
  for (const subscription of customer.subscriptions) {
    if (subscription.status === "scheduled") next = Math.min(next, subscription.started_at);
    if (subscription.in_trial && subscription.trial_ends_at !== null) next = Math.min(next, subscription.trial_ends_at);
    if (subscription.expires_at !== null) next = Math.min(next, subscription.expires_at);
  }
  return next === Number.POSITIVE_INFINITY ? undefined : next;
}

/** Whether anything without a webhook falls due for the customer by `until`: a period's end, a reset, an expiry. */
function quietlyDue(customer: StoredCustomer, until: number): boolean {
  const by = (at: number | null) => at !== null && at <= until;
  return customer.subscriptions.some((subscription) => by(subscription.current_period_end)) || customer.rows.some((row) => by(row.next_reset_at) || by(row.expires_at));
}

/** A min-heap of customers by the time their next plan change falls due; ties go in the order they were added. */
class DueQueue {
  private readonly items: { at: number; order: number; customer: StoredCustomer }[] = [];
  private added = 0;

  get size(): number {
    return this.items.length;
  }

  push(at: number, customer: StoredCustomer): void {
    const items = this.items;
    items.push({ at, order: this.added++, customer });
    for (let index = items.length - 1; index > 0; ) {
      const parent = (index - 1) >> 1;
      if (!this.before(index, parent)) break;
      [items[index], items[parent]] = [items[parent]!, items[index]!];
      index = parent;
    }
  }

  pop(): { at: number; customer: StoredCustomer } {
    const items = this.items;
    const first = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      for (let index = 0; ; ) {
        const [left, right] = [2 * index + 1, 2 * index + 2];
        let smallest = index;
        if (left < items.length && this.before(left, smallest)) smallest = left;
        if (right < items.length && this.before(right, smallest)) smallest = right;
        if (smallest === index) break;
        [items[index], items[smallest]] = [items[smallest]!, items[index]!];
        index = smallest;
      }
    }
    return first;
  }

  private before(a: number, b: number): boolean {
    const [x, y] = [this.items[a]!, this.items[b]!];
    return x.at < y.at || (x.at === y.at && x.order < y.order);
  }
}

/**
 * Applies what fell due by `until` for every customer. `at(time, apply)` runs `apply` with the sandbox's
 * clock reading `time` (server.ts pins it), so that what settles there happens at the time it fell due.
 */
export function applyDue(state: SandboxState, until: number, at: (time: number, apply: () => void) => void): void {
  const queue = new DueQueue();
  for (const customer of state.customers.values()) {
    const next = nextPlanChange(customer);
    if (next !== undefined && next <= until) queue.push(next, customer);
  }
  while (queue.size > 0) {
    const { at: time, customer } = queue.pop();
    at(time, () => settle(state, customer));
    const next = nextPlanChange(customer);
    // Settling at `time` applied every change due by then; a later one waits its turn.
    if (next !== undefined && next > time && next <= until) queue.push(next, customer);
  }
  const locked = new Set([...state.locks.values()].filter((lock) => lock.expires_at !== null && lock.expires_at <= until).map((lock) => lock.customer_key));
  at(until, () => {
    for (const customer of state.customers.values()) {
      if (locked.has(customer.key) || quietlyDue(customer, until)) settle(state, customer);
    }
  });
}
