import { AutumnCore } from "./core.js";
import { Customers } from "./sdk/customers.js";
import { Entities } from "./sdk/entities.js";
import { Events } from "./sdk/events.js";

/**
 * The Autumn client as a class: `autumn.customers.getOrCreate(…)` returns the
 * value and throws the error. It is an `AutumnCore` too, so it can be passed
 * to the standalone functions. Import the standalone functions instead when
 * bundle size matters: this class pulls in every operation.
 *
 * @example
 * ```ts
 * import { Autumn } from "@useautumn/sdk";
 * const autumn = new Autumn({ secretKey: process.env["AUTUMN_SECRET_KEY"] });
 * const customer = await autumn.customers.getOrCreate({ customerId: "user_123" });
 * ```
 */
export class Autumn extends AutumnCore {
  #customers?: Customers;
  #entities?: Entities;
  #events?: Events;

  /** Customers: create, read, update, list, delete. */
  get customers(): Customers {
    return (this.#customers ??= new Customers(this));
  }

  /** Entities: seats, workspaces and other resources of a customer with their own balances. */
  get entities(): Entities {
    return (this.#entities ??= new Entities(this));
  }

  /** Usage events: list them, or aggregate them over time. */
  get events(): Events {
    return (this.#events ??= new Events(this));
  }
}
