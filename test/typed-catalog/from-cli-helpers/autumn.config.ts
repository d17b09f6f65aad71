// An autumn.config.ts as `atmn pull` writes it (the CLI imports its helpers from 'atmn').
import { feature, item, plan } from "./atmn";

// Features
export const messages = feature({
  id: "messages",
  name: "Messages",
  type: "metered",
  consumable: true,
});

// Plans
export const pro = plan({
  id: "pro",
  name: "Pro",
  price: {
    amount: 20,
    interval: "month",
  },
  items: [
    item({
      featureId: messages.id,
      included: 1000,
      reset: { interval: "month" },
    }),
  ],
});
