// The one declaration an app writes: its autumn.config.ts module is its catalog.
import type {} from "@useautumn/sdk";

declare module "@useautumn/sdk" {
  interface Register {
    catalog: typeof import("./autumn.config");
  }
}
