// The app registers the same data it gives the sandbox.
import type {} from "@useautumn/sdk";
import type { catalog } from "./catalog";

declare module "@useautumn/sdk" {
  interface Register {
    catalog: typeof catalog;
  }
}
