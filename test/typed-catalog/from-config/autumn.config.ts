/**
 * A team chat app's `autumn.config.ts` in the shape Autumn's CLI writes: one
 * `export const` per feature and plan, each the object its `feature`, `plan`
 * and `item` helpers return (`plan` fills in `description`, `addOn`,
 * `autoEnable` and `group`). Written `as const`, so each id is a literal type,
 * which is what registering the module needs (the CLI's own helpers declare
 * `id: string`: see ../from-cli-helpers).
 */

export const messages = { id: "messages", name: "Messages", type: "metered", consumable: true } as const;

export const seats = { id: "seats", name: "Seats", type: "metered", consumable: false } as const;

export const sso = { id: "sso", name: "SSO", type: "boolean" } as const;

export const credits = {
  id: "credits",
  name: "AI credits",
  type: "credit_system",
  creditSchema: [{ meteredFeatureId: messages.id, creditCost: 1 }],
} as const;

export const free = {
  id: "free",
  name: "Free",
  description: null,
  group: "main",
  addOn: false,
  autoEnable: true,
  items: [{ featureId: messages.id, included: 100, reset: { interval: "month" } }],
} as const;

export const pro = {
  id: "pro",
  name: "Pro",
  description: null,
  group: "main",
  addOn: false,
  autoEnable: false,
  price: { amount: 20, interval: "month" },
  items: [
    { featureId: messages.id, included: 2000, reset: { interval: "month" } },
    { featureId: seats.id, included: 5 },
    { featureId: sso.id },
  ],
} as const;

export const extraSeats = {
  id: "extra_seats",
  name: "Extra seats",
  description: null,
  group: "",
  addOn: true,
  autoEnable: false,
  price: { amount: 10, interval: "month" },
  items: [{ featureId: seats.id, included: 5 }],
} as const;
