// A sandbox in its own process for bench/usage-queue.ts, so that its work does not share the event loop
// of the client being measured. Started with fork(); sends { url, secretKey } once ready, then answers
// { fail: [fault, options] } by queueing the fault and { events: true } with the number of usage events.
import { AutumnCore } from "@useautumn/sdk/core";
import { customersGetOrCreate } from "@useautumn/sdk/funcs/customers-get-or-create";
import { startSandbox } from "@useautumn/sdk/sandbox";

const customers = JSON.parse(process.argv[2]);
const sandbox = await startSandbox({
  catalog: {
    features: [{ featureId: "api_calls", name: "API calls", type: "metered", consumable: true }],
    plans: [{ planId: "metered", name: "Metered", group: "main", autoEnable: true, items: [{ featureId: "api_calls", included: 1_000_000_000, reset: { interval: "month" } }] }],
  },
});
const core = new AutumnCore({ secretKey: sandbox.secretKey, serverURL: sandbox.url });
for (const customerId of customers) await customersGetOrCreate(core, { customerId });
process.on("message", (message) => {
  if (message.fail) sandbox.fail(...message.fail);
  if (message.events) process.send({ events: sandbox.events.length });
});
process.send({ url: sandbox.url, secretKey: sandbox.secretKey });
