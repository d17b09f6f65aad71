import { AutumnCore } from "@useautumn/sdk/core.js";
import { customersGetOrCreate } from "@useautumn/sdk/funcs/customers-get-or-create.js";

// Use `AutumnCore` for best tree-shaking performance.
// You can create one instance of it to use across an application.
const autumn = new AutumnCore({
  xApiVersion: "2.1",
  secretKey: process.env["AUTUMN_SECRET_KEY"] ?? "",
});

async function run() {
  const res = await customersGetOrCreate(autumn, {
    customerId: "cus_123",
    name: "John Doe",
    email: "john@example.com",
  });
  if (res.ok) {
    const { value: result } = res;
    console.log(result);
  } else {
    console.log("customersGetOrCreate failed:", res.error);
  }
}

run();
