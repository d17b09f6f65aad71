import type { SandboxCatalog } from "./catalog.js";

/**
 * The catalog a sandbox starts with when given none: what the quick start
 * and the SDK's own tests use. A free plan every new customer gets, a paid
 * plan bought through checkout (with $10 a month of AI credits, spent by
 * `balances.trackTokens` on the two models it prices), and a team plan with
 * three seats (entities of the feature `seats`) and three seats of the
 * license plan `seat`.
 */
export const DEMO_CATALOG: SandboxCatalog = {
  features: [
    { featureId: "messages", name: "Messages", type: "metered", consumable: true, display: { singular: "message", plural: "messages" }, eventNames: ["message.sent"] },
    { featureId: "seats", name: "Seats", type: "metered", consumable: false, display: { singular: "seat", plural: "seats" } },
    {
      featureId: "ai_credits",
      name: "AI credits",
      type: "ai_credit_system",
      // Dollars per million tokens, as models.dev quotes them; usage is charged 20% above cost.
      modelMarkups: { "anthropic/claude-sonnet-4": { inputCost: 3, outputCost: 15 }, "openai/gpt-4o": { inputCost: 2.5, outputCost: 10 } },
      defaultMarkup: 20,
    },
  ],
  plans: [
    { planId: "free", name: "Free", group: "main", autoEnable: true, items: [{ featureId: "messages", included: 5, reset: { interval: "month" } }] },
    {
      planId: "pro",
      name: "Pro",
      group: "main",
      price: { amount: 20, interval: "month" },
      items: [
        { featureId: "messages", included: 1000, reset: { interval: "month" } },
        { featureId: "ai_credits", included: 10, reset: { interval: "month" } },
      ],
    },
    { planId: "seat", name: "Seat", group: "seats", addOn: true, items: [{ featureId: "messages", included: 10, reset: { interval: "month" } }] },
    {
      planId: "team",
      name: "Team",
      group: "main",
      items: [
        { featureId: "messages", included: 50, reset: { interval: "month" } },
        { featureId: "seats", included: 3 },
      ],
      licenses: [{ licensePlanId: "seat", included: 3 }],
    },
  ],
};
