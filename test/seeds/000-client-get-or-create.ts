// The seed shows this call without saying what `client` is; the customers resource is meant.
import { Autumn } from "@useautumn/sdk";
const client = new Autumn().customers;
// --- seed ---
// Create or fetch a customer by external ID
const response = await client.getOrCreate({


    "id": "cus_123",
    "name": "John Doe",
    "email": "john@example.com"
  });
