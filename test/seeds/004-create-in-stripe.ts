// The page constructs `autumn` once, in its first snippet.
import { Autumn } from "@useautumn/sdk";
const autumn = new Autumn({ secretKey: "am_sk_test_1234" });
// --- seed ---
await autumn.customers.getOrCreate({
  customerId: "user_123",
  name: "John Doe",
  email: "john@example.com",
  createInStripe: true,
});
