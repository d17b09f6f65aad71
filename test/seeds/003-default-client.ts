import { Autumn } from 'autumn-js'

const autumn = new Autumn()

const result = await autumn.customers.getOrCreate({
  customerId: "cus_123",
  name: "John Doe",
  email: "john@example.com",
});
